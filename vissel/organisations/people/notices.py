"""E-mails about accounts and roles, sent as soon as the change is committed (and
retried by `vissel tick`). They name people and roles, never anything of a case."""

import logging

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vissel.organisations.models import READING_ROLES, AccountNotice, Role
from vissel.organisations.people.roles import admins_of, readers_in_role

log = logging.getLogger(__name__)


def _role_names(roles) -> str:
    return ", ".join(str(Role(role).label) for role in sorted(roles))


def _queue(organisation, people, subject_body) -> None:
    recipients = {person.pk: person for person in people if person.email and person.is_active}
    if not recipients:
        return
    with translation.override(organisation.default_language):
        subject, body = subject_body()
    notices = [
        AccountNotice.objects.create(
            person=person, organisation=organisation, subject=subject[:300], body=body
        )
        for person in recipients.values()
    ]
    ids = [notice.pk for notice in notices]
    transaction.on_commit(lambda: send_unsent(ids))


def _watchers(organisation, acting_user, person, roles):
    """The organisation's other admins, and everyone now holding those roles."""
    people = [admin for admin in admins_of(organisation) if admin.pk != acting_user.pk]
    for role in roles:
        people += [reader for reader in readers_in_role(organisation, role)]
    return [someone for someone in people if someone.pk != person.pk]


def _about(organisation, acting_user, person, roles) -> dict:
    return {
        "organisation": organisation.name,
        "admin": acting_user.username,
        "person": person.username,
        "roles": _role_names(roles),
    }


def _tell_about(organisation, acting_user, person, roles, subject, body, also=()) -> None:
    """A change to `person`'s reading roles or account, told to the other admins and the
    roles' holders (and `also`): `subject` and `body` are lazy texts, put in the
    organisation's language when the notice is queued."""

    def text():
        values = _about(organisation, acting_user, person, roles)
        return str(subject) % values, str(body) % values

    _queue(organisation, [*_watchers(organisation, acting_user, person, roles), *also], text)


def reading_role_given(organisation, acting_user, person, roles) -> None:
    _tell_about(
        organisation,
        acting_user,
        person,
        roles,
        gettext_lazy("Vissel, %(organisation)s: %(person)s was given a role that reads cases"),
        gettext_lazy(
            "%(admin)s gave %(person)s the role(s): %(roles)s, in %(organisation)s.\n\n"
            "A role that reads cases is announced to every admin and to everyone "
            "holding the role. If you did not expect this, tell the organisation's "
            "other admins at once."
        ),
    )


def reader_reset(organisation, acting_user, person, roles) -> None:
    _tell_about(
        organisation,
        acting_user,
        person,
        roles,
        gettext_lazy("Vissel, %(organisation)s: the account of %(person)s was reset"),
        gettext_lazy(
            "%(admin)s reset the account of %(person)s, who holds the role(s): "
            "%(roles)s. Whoever follows the new one-time link becomes that account. "
            "If you did not expect this, tell the organisation's other admins at once."
        ),
    )


def reading_role_removed(organisation, acting_user, person, roles) -> None:
    """Losing a reading role destroys the keys it gave: announced like giving one, to the
    person too, so that no one loses cases unnoticed."""
    _tell_about(
        organisation,
        acting_user,
        person,
        roles,
        gettext_lazy("Vissel, %(organisation)s: %(person)s lost a role that reads cases"),
        gettext_lazy(
            "%(admin)s took the role(s): %(roles)s from %(person)s, in "
            "%(organisation)s. The keys to the cases that role gave are gone. If you "
            "did not expect this, tell the organisation's other admins at once."
        ),
        also=[person],
    )


def reader_disabled(organisation, acting_user, person, roles) -> None:
    _tell_about(
        organisation,
        acting_user,
        person,
        roles,
        gettext_lazy("Vissel, %(organisation)s: the account of %(person)s was disabled"),
        gettext_lazy(
            "%(admin)s disabled the account of %(person)s, who holds the role(s): "
            "%(roles)s, in %(organisation)s. It can no longer log in. If you did not "
            "expect this, tell the organisation's other admins at once."
        ),
    )


def safeguard_changed(organisation, acting_user, what) -> None:
    """Four eyes turned off, or reporters sent to another onion address: told to every
    other admin and to everyone who reads cases, since either can be the first step of
    an admin who wants to read reports. `what` says what changed, in the language set
    when it is called."""

    def text():
        values = {"organisation": organisation.name, "admin": acting_user.username}
        return (
            _("Vissel, %(organisation)s: a safeguard was changed") % values,
            (
                _("%(admin)s changed a safeguard in %(organisation)s:") % values
                + f"\n\n{what()}\n\n"
                + _(
                    "Changes like this are announced to every admin and to everyone who "
                    "reads cases. If you did not expect it, tell the organisation's other "
                    "admins at once."
                )
            ),
        )

    people = [admin for admin in admins_of(organisation) if admin.pk != acting_user.pk]
    for role in READING_ROLES:
        people += list(readers_in_role(organisation, role))
    _queue(organisation, [someone for someone in people if someone.pk != acting_user.pk], text)


def safeguards_changed(organisation, acting_user, changed: list[str]) -> None:
    if "four_eyes" in changed and not organisation.four_eyes:
        safeguard_changed(
            organisation,
            acting_user,
            lambda: _(
                "Four eyes was turned off: giving a role that reads cases, and resetting "
                "an account that holds one, no longer wait for a second admin."
            ),
        )
    if "onion_address" in changed:
        address = organisation.onion_address
        safeguard_changed(
            organisation,
            acting_user,
            lambda: (
                _("Reporters using Tor Browser are now sent to this onion address: %(address)s")
                % {"address": address}
                if address
                else _("The onion address was removed.")
            ),
        )


def approval_needed(organisation, acting_user, approval) -> None:
    def text():
        values = {
            "organisation": organisation.name,
            "admin": acting_user.username,
            "person": approval.subject,
            "what": approval.get_action_display(),
        }
        return (
            _("Vissel, %(organisation)s: a second admin's approval is needed") % values,
            _(
                "%(admin)s asks to %(what)s: %(person)s. It takes effect only when "
                "another admin approves it under People and roles."
            )
            % values,
        )

    admins = [admin for admin in admins_of(organisation) if admin.pk != acting_user.pk]
    _queue(organisation, admins, text)


def roles_offered(organisation, person, roles) -> None:
    def text():
        values = {"organisation": organisation.name, "roles": _role_names(roles)}
        return (
            _("Vissel: %(organisation)s offers you a role") % values,
            _(
                "%(organisation)s offers you the role(s): %(roles)s. Log in to Vissel to "
                "accept or decline; nothing changes until you do."
            )
            % values,
        )

    _queue(organisation, [person], text)


def send_unsent(ids=None) -> int:
    """Send notices not sent yet (these `ids`, or all). A failure leaves them queued."""
    queued = AccountNotice.objects.filter(sent_at__isnull=True).select_related("person")
    if ids is not None:
        queued = queued.filter(pk__in=ids)
    sent = 0
    for notice in queued:
        try:
            send_mail(notice.subject, notice.body, None, [notice.person.email])
        except OSError:
            log.warning("an account notice could not be sent; the next tick retries")
            continue
        AccountNotice.objects.filter(pk=notice.pk).update(sent_at=timezone.now())
        sent += 1
    return sent
