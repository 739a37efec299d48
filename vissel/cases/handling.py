"""Working on a case within its group: who handles it (assignment), whether the
reporter is covered by the act (the staff's assessment), and how far each reader has read.
None of these changes the case's stage; the workflow's transitions are in workflow.py."""

from django.db import transaction
from django.utils import timezone

from vissel.audit import trail
from vissel.cases import notifications
from vissel.cases.models import Case, CaseKeySeal, Coverage
from vissel.cases.visibility import may_read, readers_of
from vissel.cases.workflow import GROUP_OF, INVESTIGATING, NotAllowed, case_for_update
from vissel.organisations.people.roles import holds_role


def handlers_for(case: Case) -> list:
    """Who a case can be assigned to: readers of it in the group that holds it (for a
    concluded or closed case, the group that investigated it)."""
    role = GROUP_OF.get(case.status) or INVESTIGATING.get(_investigated_as(case))
    return [
        reader
        for reader in readers_of(case)
        if role is not None and holds_role(reader, case.organisation, role)
    ]


def _investigated_as(case: Case) -> str | None:
    routed = case.decisions.filter(to_status__in=list(INVESTIGATING)).order_by("-decided_at")
    return routed.values_list("to_status", flat=True).first()


@transaction.atomic
def assign(case: Case, acting_user, handler) -> None:
    """Assign the case to a named handler in its group, or take the assignment away
    (handler None). Every change is audited; the assigned handler is reminded first."""
    case = case_for_update(case)
    if not may_read(case, acting_user):
        raise NotAllowed("reader")
    if handler is not None and handler not in handlers_for(case):
        raise NotAllowed("handler")
    previous = case.assigned_to_id
    case.assigned_to = handler
    case.save(update_fields=["assigned_to"])
    trail.record(
        "case_assigned",
        case.organisation,
        case,
        acting_user,
        detail={"from": previous, "to": handler.pk if handler else None},
    )
    if handler is not None and handler.pk != acting_user.pk:
        notifications.queue(
            case,
            [handler],
            notifications.Kind.ASSIGNED,
            f"assigned:{handler.pk}:{timezone.now():%Y%m%d}",
        )


@transaction.atomic
def assess_coverage(case: Case, acting_user, coverage: str) -> None:
    """A reader records whether the reporter is covered by the whistleblowing act."""
    if not may_read(case, acting_user):
        raise NotAllowed("reader")
    if coverage not in Coverage.values:
        raise NotAllowed("coverage")
    previous = case.coverage
    case.coverage = coverage
    case.save(update_fields=["coverage"])
    trail.record(
        "coverage_assessed",
        case.organisation,
        case,
        acting_user,
        detail={"from": previous, "to": coverage},
    )


def mark_read(case: Case, reader) -> None:
    """The reader has seen the thread as far as it goes now."""
    CaseKeySeal.objects.filter(case=case, reader=reader).update(read_through=case.last_reporter_seq)
