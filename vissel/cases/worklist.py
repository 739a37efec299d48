"""The handler's worklist: the cases a person may read in one organisation, filtered,
searched, most urgent first, a page at a time, in a fixed number of queries whatever the
number of cases. Everything it sorts and filters on is plain at rest (status, dates,
category, assignment, counters); nothing is decrypted to list a case."""

from dataclasses import dataclass
from datetime import date

from django.db.models import BooleanField, ExpressionWrapper, F, Q

from vissel.cases.visibility import cases_visible_to, worklist_of

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


def worklist(
    person, organisation, filters: Filters, today: date, page: int = 1, after=None, before=None
):
    """A page of cases, each annotated with `unread`: page `page`; or, when `after` names
    a case of the list (the last one of the page before), the page that follows it; or,
    when `before` names one (the first of the page after), the page that precedes it."""
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
    cases = cases.order_by(
        F("next_due").asc(nulls_last=True), "received_on", "register_number", "id"
    )
    if after and (anchor := cases.filter(pk=after).values(*ORDER).first()):
        rows = _rows_after(cases, anchor, PER_PAGE + 1)
        return WorklistPage(rows[:PER_PAGE], max(2, page), len(rows) > PER_PAGE)
    if before and (anchor := cases.filter(pk=before).values(*ORDER).first()):
        rows = _rows_before(cases, anchor, PER_PAGE + 1)
        earlier = len(rows) > PER_PAGE  # one more came back: there is a page before
        return WorklistPage(rows[-PER_PAGE:], max(2, page) if earlier else 1, True)
    start = (max(1, page) - 1) * PER_PAGE
    if not start:
        rows = list(cases[: PER_PAGE + 1])
    else:
        # A page typed by its number: counted past by id alone, in the seals' copy of
        # the worklist's order when nothing filters the list (one index), otherwise in
        # the cases' own, without the columns, joins and annotations of a full row.
        ordered = (
            worklist_of(person, organisation)
            if filters == Filters()
            else cases.values_list("id", flat=True)
        )
        ids = list(ordered[start : start + PER_PAGE + 1])
        found = {case.id: case for case in cases.filter(id__in=ids)}
        rows = [found[case_id] for case_id in ids if case_id in found]
    return WorklistPage(rows[:PER_PAGE], max(1, page), len(rows) > PER_PAGE)


ORDER = ("next_due", "received_on", "register_number", "id")
BACKWARDS = (F("next_due").desc(nulls_first=True), "-received_on", "-register_number", "-id")


def _rows_after(cases, anchor: dict, wanted: int) -> list:
    """Up to `wanted` cases that come after `anchor` in the worklist's order: a page
    reached by Next starts there, found through the index (its first bound an index
    condition), instead of counting past every case before it. Cases with a deadline
    come first and those without one last, so the two are read one after the other."""
    same_number = Q(register_number=anchor["register_number"], id__gt=anchor["id"])
    later_number = Q(register_number__gt=anchor["register_number"]) | same_number
    same_day = Q(received_on=anchor["received_on"]) & later_number
    later = Q(received_on__gt=anchor["received_on"]) | same_day
    if anchor["next_due"] is None:
        return list(
            cases.filter(next_due__isnull=True, received_on__gte=anchor["received_on"]).filter(
                later
            )[:wanted]
        )
    due = anchor["next_due"]
    rows = list(cases.filter(next_due__gte=due).filter(Q(next_due__gt=due) | later)[:wanted])
    if len(rows) < wanted:
        rows += list(cases.filter(next_due__isnull=True)[: wanted - len(rows)])
    return rows


def _rows_before(cases, anchor: dict, wanted: int) -> list:
    """Up to `wanted` cases that come just before `anchor`, in the worklist's order: the
    page Previous leads to, read backwards through the index as `_rows_after` reads
    forwards (cases without a deadline, which come last, first)."""
    same_number = Q(register_number=anchor["register_number"], id__lt=anchor["id"])
    earlier_number = Q(register_number__lt=anchor["register_number"]) | same_number
    same_day = Q(received_on=anchor["received_on"]) & earlier_number
    earlier = Q(received_on__lt=anchor["received_on"]) | same_day
    backwards = cases.order_by(*BACKWARDS)
    if anchor["next_due"] is None:
        rows = list(
            backwards.filter(next_due__isnull=True, received_on__lte=anchor["received_on"]).filter(
                earlier
            )[:wanted]
        )
        if len(rows) < wanted:
            rows += list(backwards.filter(next_due__isnull=False)[: wanted - len(rows)])
    else:
        due = anchor["next_due"]
        rows = list(
            backwards.filter(next_due__lte=due).filter(Q(next_due__lt=due) | earlier)[:wanted]
        )
    return rows[::-1]


class WorklistPage:
    """One page, read with one query: no count of every case (which would cost as much
    as the cases are many); a next page exists when one more row came back."""

    def __init__(self, rows: list, number: int, more: bool):
        start = (number - 1) * PER_PAGE
        self.number = number
        self.object_list = rows
        self.first = start + 1
        self.last = start + len(self.object_list)
        self._more = more

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

    @property
    def first_case_id(self):
        return self.object_list[0].pk if self.object_list else None

    @property
    def last_case_id(self):
        return self.object_list[-1].pk if self.object_list else None
