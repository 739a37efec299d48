"""The organisation's records of its cases, read from the cases' plain fields only (never
a ciphertext): the register, the half-year summaries and the statistics. Who may read
them is decided here, once.

The register lists every case by its register number, as the organisation's records
system (diarium) needs. A record keeper who cannot read a case (it went to external
investigation, or concerns them) sees that it exists, when it was received and how it is
marked, and nothing of its category, its course or its outcome."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from vissel.cases.models import Case, DecisionKind, Status
from vissel.cases.visibility import cases_visible_to
from vissel.cases.workflow import NotAllowed
from vissel.organisations.models import Role
from vissel.organisations.people.roles import holds_role

# The intake party registers what arrives; the internal function follows up.
RECORD_KEEPERS = (Role.SCREENER, Role.INTERNAL_INVESTIGATOR)
# Statistics show no case, only threshold-protected counts: the admin reads them too.
STATISTICS_READERS = (*RECORD_KEEPERS, Role.ADMIN)
SECRECY_MARKING = "OSL 32 kap. 3 b §"


def access_register(organisation, acting_user) -> None:
    if not holds_role(acting_user, organisation, *RECORD_KEEPERS):
        raise NotAllowed("role")


def access_statistics(organisation, acting_user) -> None:
    if not holds_role(acting_user, organisation, *STATISTICS_READERS):
        raise NotAllowed("role")


@dataclass(frozen=True)
class RegisterEntry:
    register_number: str
    received_on: date
    title: str
    secrecy: str
    readable: bool  # False: the fields below are withheld from this reader
    category: str = ""
    covered: str = ""
    status: str = ""
    screened_on: date | None = None
    concluded_on: date | None = None
    closed_on: date | None = None
    erased_on: date | None = None


def register_entries(organisation, acting_user, year: int, language: str) -> list[RegisterEntry]:
    access_register(organisation, acting_user)
    readable = set(cases_visible_to(acting_user, organisation).values_list("pk", flat=True))
    cases = (
        Case.objects.in_organisation(organisation)
        .filter(received_on__year=year)
        .select_related("category")
        .prefetch_related("decisions")
        .order_by("received_on", "register_number")
    )
    title = _("Report of suspected wrongdoing (whistleblowing)")
    secrecy = SECRECY_MARKING if organisation.is_public_sector else ""
    entries = []
    for case in cases:
        # An erased case has no readers left: its tombstone is neutral, and shown whole;
        # a dismissed one is in the half-year summary to the internal function anyway.
        if case.pk not in readable and not case.erased_on and case.status != Status.DISMISSED:
            entries.append(
                RegisterEntry(case.register_number, case.received_on, title, secrecy, False)
            )
            continue
        entries.append(
            RegisterEntry(
                case.register_number,
                case.received_on,
                title,
                secrecy,
                True,
                category=case.category.name_in(language),
                covered=str(case.get_coverage_display()) if case.coverage else "",
                status=str(case.get_status_display()),
                screened_on=_screened_on(case),
                concluded_on=case.concluded_on,
                closed_on=case.closed_on,
                erased_on=case.erased_on,
            )
        )
    return entries


def _screened_on(case) -> date | None:
    """The day of the latest screening decision (a reopened dismissal is screened again)."""
    days = [
        timezone.localtime(decision.decided_at).date()
        for decision in case.decisions.all()
        if decision.kind in (DecisionKind.INTERNAL, DecisionKind.EXTERNAL, DecisionKind.DISMISS)
    ]
    return max(days, default=None)


def register_rows(entries: list[RegisterEntry]) -> list[list[object]]:
    """The register as CSV rows, header first, for the organisation's records system."""
    header = [
        _("Register number"),
        _("Received"),
        _("Title"),
        _("Category"),
        _("Reporter covered by the act"),
        _("Secrecy marking"),
        _("Status"),
        _("Screened"),
        _("Concluded"),
        _("Closed"),
        _("Personal data erased"),
    ]
    return [header] + [
        [
            entry.register_number,
            entry.received_on,
            entry.title,
            entry.category,
            entry.covered,
            entry.secrecy,
            entry.status,
            entry.screened_on,
            entry.concluded_on,
            entry.closed_on,
            entry.erased_on,
        ]
        for entry in entries
    ]
