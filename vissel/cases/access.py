"""Giving a case's key to someone who lost it (a reset gives a new key pair) or who joins
the group handling the case: by another reader of the case, or with the organisation's
recovery key when no reader is left. Never to a person concerned."""

import base64
import binascii

from django.db import transaction

from vissel.cases import audit, notifications
from vissel.cases.content import CaseLock
from vissel.cases.models import Case, CaseKeySeal, DecisionKind
from vissel.cases.services import seal_case_key_to_readers
from vissel.cases.workflow import NotAllowed, concerned_people, holds_role, is_reader
from vissel.crypto import DecryptionFailed, keys
from vissel.organisations.models import Role

ROUTED_TO = {
    DecisionKind.INTERNAL: Role.INTERNAL_INVESTIGATOR,
    DecisionKind.EXTERNAL: Role.EXTERNAL_INVESTIGATOR,
}


def roles_that_may_read(case: Case) -> set[str]:
    """The intake party, and the group the case was routed to."""
    roles = {Role.SCREENER}
    for kind in case.decisions.values_list("kind", flat=True):
        if kind in ROUTED_TO:
            roles.add(ROUTED_TO[kind])
    return roles


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
def grant(case: Case, lock: CaseLock, by, person) -> None:
    if not is_reader(case, by):
        raise NotAllowed("reader")
    if not may_be_granted(case, person):
        raise NotAllowed("grantee")
    seal_case_key_to_readers(case, lock, [person])
    audit.record(
        "access_granted", case.organisation, case, by, detail={"reader": person.pk, "by": "reader"}
    )
    notifications.queue(case, [person], notifications.Kind.ROUTED, f"granted:{person.pk}")


def encode_recovery_key(private_key: bytes) -> str:
    text = base64.b32encode(private_key).decode().rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def decode_recovery_key(text: str) -> bytes:
    letters = "".join(ch for ch in text.upper() if ch.isalnum())
    try:
        key = base64.b32decode(letters + "=" * (-len(letters) % 8))
    except (binascii.Error, ValueError) as exc:
        raise DecryptionFailed("not a recovery key") from exc
    if len(key) != 32:
        raise DecryptionFailed("not a recovery key")
    return key


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
    audit.record(
        "access_granted",
        case.organisation,
        case,
        None,
        actor_kind="system",
        detail={"reader": person.pk, "by": "recovery key"},
    )
