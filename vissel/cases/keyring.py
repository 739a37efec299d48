"""Who holds a case's key, and the one definition of who must not.

A case key is sealed to a reader's public key; a person concerned never holds one. When
people change (a new key pair, a role lost), the keys that no longer fit are withdrawn
here: the people layer announces the change and knows nothing of cases.
"""

from vissel.cases.models import Case, CaseKeySeal, DecisionKind, PersonConcerned, ReportKeySeal
from vissel.crypto import keys
from vissel.crypto.lock import CaseLock
from vissel.organisations.models import Role

ROUTED_TO = {
    DecisionKind.INTERNAL: Role.INTERNAL_INVESTIGATOR,
    DecisionKind.EXTERNAL: Role.EXTERNAL_INVESTIGATOR,
}


def concerned_people(case: Case) -> set[int]:
    """Staff accounts the case is about, named directly or as a senior official."""
    people = set()
    for row in case.concerned.filter(withdrawn_at=None).select_related("senior_official"):
        if row.person_id:
            people.add(row.person_id)
        if row.senior_official and row.senior_official.person_id:
            people.add(row.senior_official.person_id)
    return people


def roles_that_may_read(case: Case) -> set[str]:
    """The intake party, and the group the case was routed to."""
    roles = {Role.SCREENER}
    for kind in case.decisions.values_list("kind", flat=True):
        if kind in ROUTED_TO:
            roles.add(ROUTED_TO[kind])
    return roles


def seal_case_key_to_readers(case: Case, lock: CaseLock, readers, excluded=None) -> None:
    """`excluded`: concerned_people(case), if the caller has just read it."""
    excluded = concerned_people(case) if excluded is None else excluded
    if any(reader.pk in excluded for reader in readers):
        raise ValueError("a case key is never sealed to a person concerned")
    CaseKeySeal.objects.bulk_create(
        CaseKeySeal(
            case=case,
            reader=reader,
            sealed_key=keys.seal_key_to(bytes(reader.key_pair.public_key), case.id, lock.key),
            **case.place_in_worklists(),
        )
        for reader in readers
    )


def drop_seals_of_replaced_key_pair(sender, person, **kwargs) -> None:
    CaseKeySeal.objects.filter(reader=person).delete()
    ReportKeySeal.objects.filter(reader=person).delete()


def withdraw_keys_of_lost_roles(sender, organisation, person, held, **kwargs) -> None:
    for seal in CaseKeySeal.objects.filter(
        case__organisation=organisation, reader=person
    ).select_related("case"):
        if not set(held) & roles_that_may_read(seal.case):
            seal.delete()
    if not set(held) & {Role.CHIEF_EXECUTIVE, Role.CHAIR}:
        ReportKeySeal.objects.filter(
            report__case__organisation=organisation, reader=person
        ).delete()


def senior_official_named_in_a_case(sender, official, **kwargs) -> bool:
    return PersonConcerned.objects.filter(senior_official=official).exists()
