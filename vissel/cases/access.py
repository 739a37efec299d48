"""Giving a case's key to someone who lost it (a reset gives a new key pair) or who joins
the group handling the case: by another reader of the case, or with the organisation's
recovery key when no reader is left. Never to a person concerned."""

from django.db import transaction

from vissel.audit import trail
from vissel.cases import notifications
from vissel.cases.keyring import concerned_people, roles_that_may_read, seal_case_key_to_readers
from vissel.cases.models import Case, CaseKeySeal
from vissel.cases.visibility import may_read
from vissel.cases.workflow import NotAllowed
from vissel.crypto import keys
from vissel.crypto.lock import CaseLock
from vissel.crypto.recovery import decode_recovery_key
from vissel.organisations.people.roles import holds_role


def may_be_granted(case: Case, person) -> bool:
    return (
        person.is_active
        and hasattr(person, "key_pair")
        and person.pk not in concerned_people(case)
        and holds_role(person, case.organisation, *roles_that_may_read(case))
        and not CaseKeySeal.objects.filter(case=case, reader=person).exists()
    )


def candidates(case: Case):
    people = {
        membership.person
        for membership in case.organisation.memberships.filter(
            role__in=roles_that_may_read(case)
        ).select_related("person")
    }
    return sorted(
        (person for person in people if may_be_granted(case, person)),
        key=lambda person: person.username,
    )


@transaction.atomic
def grant(case: Case, lock: CaseLock, acting_user, person) -> None:
    if not may_read(case, acting_user):
        raise NotAllowed("reader")
    if not may_be_granted(case, person):
        raise NotAllowed("grantee")
    seal_case_key_to_readers(case, lock, [person])
    trail.record(
        "access_granted",
        case.organisation,
        case,
        acting_user,
        detail={"reader": person.pk, "by": "reader"},
    )
    notifications.queue(case, [person], notifications.Kind.ROUTED, f"granted:{person.pk}")


@transaction.atomic
def recover(case: Case, recovery_key_text: str, person) -> None:
    """Grant the case to `person` with the organisation's recovery key."""
    if case.recovery_sealed_key is None:
        raise NotAllowed("no_recovery_key")
    if not may_be_granted(case, person):
        raise NotAllowed("grantee")
    case_key = keys.open_sealed_key(
        decode_recovery_key(recovery_key_text), case.id, bytes(case.recovery_sealed_key)
    )
    seal_case_key_to_readers(case, CaseLock(case.id, case_key), [person])
    trail.record(
        "access_granted",
        case.organisation,
        case,
        actor_kind="system",
        detail={"reader": person.pk, "by": "recovery key"},
    )
