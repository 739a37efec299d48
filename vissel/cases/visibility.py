"""Who may see a case: the one rule, used by the dashboard, every case page, downloads,
notifications and the workflow's checks.

A staff member sees a case when its key is sealed to them and they are not concerned in
it (named themselves, or as a senior official). A report's recipient sees its final
report, on the same condition, and nothing else of the case. Nobody else learns that a
case exists: everyone else gets the same 404 as for a case that does not exist.
"""

from django.db.models import F, Q

from vissel.cases.keyring import concerned_people
from vissel.cases.models import Case, CaseKeySeal, FinalReport, PersonConcerned, ReportKeySeal


def _concerning(person):
    """The cases `person` is concerned in now: named, or as a senior official."""
    return PersonConcerned.objects.filter(withdrawn_at=None).filter(
        Q(person=person) | Q(senior_official__person=person)
    )


def cases_visible_to(person, organisation=None):
    """The cases `person` may read (in `organisation`, or wherever the scope allows),
    each with `read_through`: how far this person has read its thread. One seal per
    reader and case: no row comes twice."""
    cases = (
        Case.objects.filter(seals__reader=person)
        .exclude(pk__in=_concerned_case_ids(person))
        .annotate(read_through=F("seals__read_through"))
    )
    if organisation is not None:
        cases = cases.in_organisation(organisation)
    return cases


def worklist_of(person, organisation):
    """The ids of the cases `person` may read in `organisation`, in the worklist's order,
    read from the seals alone (each keeps its case's place): the same cases as
    `cases_visible_to`, for counting past many of them through one index."""
    return (
        CaseKeySeal.objects.filter(reader=person, case_organisation=organisation)
        .exclude(case_id__in=_concerned_case_ids(person))
        .order_by(
            F("case_next_due").asc(nulls_last=True),
            "case_received_on",
            "case_register_number",
            "case_id",
        )
        .values_list("case_id", flat=True)
    )


def _concerned_case_ids(person) -> list:
    """Read first and excluded by id: as a subquery (NOT IN), PostgreSQL guessed it
    removed half the cases, and sorted every case instead of walking an index."""
    return list(_concerning(person).values_list("case_id", flat=True))


def may_read(case: Case, person) -> bool:
    return (
        person.is_active
        and CaseKeySeal.objects.filter(case=case, reader=person).exists()
        and person.pk not in concerned_people(case)
    )


def readers_of(case: Case) -> list:
    """Everyone who may read the case now: for notifications."""
    excluded = concerned_people(case)
    return [
        seal.reader
        for seal in case.seals.select_related("reader")
        if seal.reader_id not in excluded and seal.reader.is_active
    ]


def final_reports_for(person, organisation=None):
    """The final reports delivered to `person` (a chief executive, a chair), from their
    report seals (few, read first): never by scanning the organisation's cases."""
    delivered = list(
        ReportKeySeal.objects.filter(reader=person).values_list("report_id", flat=True)
    )
    reports = FinalReport.objects.filter(pk__in=delivered).exclude(
        case_id__in=_concerning(person).values("case_id")
    )
    if organisation is not None:
        reports = reports.filter(case__organisation=organisation)
    return reports.select_related("case", "case__organisation")
