"""Settings as they take effect: when an admin changes them, or when a second admin
approves a change that weakens a safeguard (vissel.organisations.people.administration
`decide_approval`). One place, so that every change is audited and every weakened
safeguard announced, whichever way it came."""

from vissel.audit import trail
from vissel.organisations.models import Organisation
from vissel.organisations.people import notices


def apply_settings(organisation: Organisation, acting_user, values: dict) -> None:
    """Settings changed, audited, and a weakened safeguard announced to every admin and
    everyone who reads cases."""
    for name, value in values.items():
        setattr(organisation, name, value)
    organisation.save(update_fields=list(values) or None)
    trail.record(
        "settings_changed", organisation, acting_user=acting_user, detail={"fields": list(values)}
    )
    notices.safeguards_changed(organisation, acting_user, list(values))
