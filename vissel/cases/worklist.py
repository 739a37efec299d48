"""The handler's worklist: the cases a person may read in one organisation, filtered,
searched, most urgent first, a page at a time, in a fixed number of queries whatever the
number of cases. Everything it sorts and filters on is plain at rest (status, dates,
category, assignment, counters); nothing is decrypted to list a case."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.paginator import Paginator
from django.db.models import BooleanField, Case, ExpressionWrapper, F, IntegerField, Q, When
from django.db.models import Value as V

from vissel.cases.deadlines import ACKNOWLEDGEMENT_SOON_DAYS, FEEDBACK_SOON_DAYS
from vissel.cases.models import Status
from vissel.cases.visibility import cases_visible_to

PER_PAGE = 50
DEADLINE_STATES = ("overdue", "due_soon", "on_track", "none")


@dataclass(frozen=True)
class Filters:
    status: str = ""
    deadline: str = ""  # one of DEADLINE_STATES
    category: str = ""  # a category key
    handler: str = ""  # "me", "nobody", or a person's id
    number: str = ""  # a case number, or its beginning


def _urgency(today: date):
    is_open = ~Q(status__in=[Status.DISMISSED, Status.CLOSED])
    ack_open = Q(acknowledged_on__isnull=True)
    feedback_open = Q(feedback_given_on__isnull=True)
    overdue = is_open & (
        (ack_open & Q(acknowledge_by__lt=today)) | (feedback_open & Q(feedback_by__lt=today))
    )
    due_soon = is_open & (
        (ack_open & Q(acknowledge_by__lte=today + timedelta(days=ACKNOWLEDGEMENT_SOON_DAYS)))
        | (feedback_open & Q(feedback_by__lte=today + timedelta(days=FEEDBACK_SOON_DAYS)))
    )
    nothing_open = ~is_open | (~ack_open & ~feedback_open)
    rank = Case(
        When(overdue, then=V(0)),
        When(due_soon, then=V(1)),
        When(nothing_open, then=V(3)),
        default=V(2),
        output_field=IntegerField(),
    )
    next_due = Case(
        When(is_open & ack_open, then=F("acknowledge_by")),
        When(is_open & feedback_open, then=F("feedback_by")),
        default=V(None),
    )
    return rank, next_due


def worklist(person, organisation, filters: Filters, today: date, page: int = 1):
    """A page of (case rows), each annotated with `urgency_rank` and `unread`."""
    rank, next_due = _urgency(today)
    cases = (
        cases_visible_to(person, organisation)
        .annotate(urgency_rank=rank, next_due=next_due)
        .annotate(
            unread=ExpressionWrapper(
                Q(last_reporter_seq__gt=F("read_through")), output_field=BooleanField()
            )
        )
        .select_related("category", "assigned_to")
    )
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.deadline in DEADLINE_STATES:
        cases = cases.filter(urgency_rank=DEADLINE_STATES.index(filters.deadline))
    if filters.category:
        cases = cases.filter(category__key=filters.category)
    if filters.handler == "me":
        cases = cases.filter(assigned_to=person)
    elif filters.handler == "nobody":
        cases = cases.filter(assigned_to__isnull=True)
    elif filters.handler.isdigit():
        cases = cases.filter(assigned_to_id=int(filters.handler))
    if digits := "".join(ch for ch in filters.number if ch.isdigit()):
        cases = cases.filter(case_number__startswith=digits)
    cases = cases.order_by("urgency_rank", F("next_due").asc(nulls_last=True), "case_number")
    return Paginator(cases, PER_PAGE).get_page(page)
