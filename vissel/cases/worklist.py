"""The handler's worklist: the cases a person may read in one organisation, filtered,
searched, most urgent first, a page at a time, in a fixed number of queries whatever the
number of cases. Everything it sorts and filters on is plain at rest (status, dates,
category, assignment, counters); nothing is decrypted to list a case."""

from dataclasses import dataclass
from datetime import date

from django.db.models import BooleanField, ExpressionWrapper, F, Q

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


def _deadline_state(state: str, today: date) -> Q:
    """On the stored earliest deadline (an index), never on a computed expression."""
    return {
        "overdue": Q(next_due__lt=today),
        "due_soon": Q(next_due__gte=today, next_due_soon_from__lte=today),
        "on_track": Q(next_due_soon_from__gt=today),
        "none": Q(next_due__isnull=True),
    }[state]


def worklist(person, organisation, filters: Filters, today: date, page: int = 1):
    """A page of cases, each annotated with `unread`."""
    cases = (
        cases_visible_to(person, organisation)
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
        cases = cases.filter(_deadline_state(filters.deadline, today))
    if filters.category:
        cases = cases.filter(category__key=filters.category)
    if filters.handler == "me":
        cases = cases.filter(assigned_to=person)
    elif filters.handler == "nobody":
        cases = cases.filter(assigned_to__isnull=True)
    elif filters.handler.isascii() and filters.handler.isdigit() and len(filters.handler) < 10:
        cases = cases.filter(assigned_to_id=int(filters.handler))
    if typed := filters.number.strip():
        # Staff find a case by its register number, never by the reporter's login number.
        cases = cases.filter(register_number__icontains=typed)
    # The earliest unkept promise first: overdue, then due soon, then the rest by date.
    cases = cases.order_by(F("next_due").asc(nulls_last=True), "received_on", "register_number")
    return WorklistPage(cases, max(1, page))


class WorklistPage:
    """One page, read with one query: no count of every case (which would cost as much
    as the cases are many); a next page exists when one more row came back."""

    def __init__(self, cases, number: int):
        start = (number - 1) * PER_PAGE
        rows = list(cases[start : start + PER_PAGE + 1])
        self.number = number
        self.object_list = rows[:PER_PAGE]
        self.first = start + 1
        self.last = start + len(self.object_list)
        self._more = len(rows) > PER_PAGE

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_previous(self) -> bool:
        return self.number > 1

    def has_next(self) -> bool:
        return self._more

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1
