"""The seed's promises as dates: a first reply within 7 days (S11), feedback within
3 months (S17). Dates only: the reporter's side is never timed more finely."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def acknowledge_by(received_on: date, acknowledgement_days: int) -> date:
    return received_on + timedelta(days=acknowledgement_days)


def feedback_by(acknowledged_on: date, feedback_months: int) -> date:
    """Counted from the acknowledgement, or from its due date while none was sent."""
    return add_months(acknowledged_on, feedback_months)


ACKNOWLEDGEMENT_SOON_DAYS = 2
FEEDBACK_SOON_DAYS = 14
MEETING_SOON_DAYS = 3
URGENCY_ORDER = {"overdue": 0, "due_soon": 1, "on_track": 2, "none": 3}


@dataclass(frozen=True)
class Deadline:
    kind: str  # "acknowledgement", "feedback" or "meeting"
    due: date
    urgency: str  # "overdue", "due_soon", "on_track"


def _urgency(due: date, today: date, soon_days: int) -> str:
    if today > due:
        return "overdue"
    if (due - today).days <= soon_days:
        return "due_soon"
    return "on_track"


def open_deadlines(case, today: date) -> list[Deadline]:
    """Every promise the case has not kept yet, each on its own: a missed first reply
    never hides the feedback that falls due later. None once the case is closed."""
    if case.status in ("dismissed", "closed"):
        return []
    found = []
    if case.acknowledged_on is None:
        found.append(
            Deadline(
                "acknowledgement",
                case.acknowledge_by,
                _urgency(case.acknowledge_by, today, ACKNOWLEDGEMENT_SOON_DAYS),
            )
        )
    if case.feedback_given_on is None:
        found.append(
            Deadline(
                "feedback", case.feedback_by, _urgency(case.feedback_by, today, FEEDBACK_SOON_DAYS)
            )
        )
    if meeting_open(case):
        found.append(
            Deadline(
                "meeting", case.meeting_by, _urgency(case.meeting_by, today, MEETING_SOON_DAYS)
            )
        )
    return sorted(found, key=lambda deadline: (URGENCY_ORDER[deadline.urgency], deadline.due))


def meeting_open(case) -> bool:
    """The reporter asked for a meeting, and it has not been recorded as held."""
    return case.meeting_requested_on is not None and case.meeting_held_on is None


def earliest_open(case) -> tuple[date | None, date | None]:
    """(the earliest promise not yet kept, the day it becomes "due soon"), or (None, None).
    The first reply always falls due before the feedback; a meeting may fall anywhere."""
    if case.status in ("dismissed", "closed"):
        return None, None
    candidates = []
    if case.acknowledged_on is None:
        candidates.append(
            (case.acknowledge_by, case.acknowledge_by - timedelta(days=ACKNOWLEDGEMENT_SOON_DAYS))
        )
    elif case.feedback_given_on is None:
        candidates.append((case.feedback_by, case.feedback_by - timedelta(days=FEEDBACK_SOON_DAYS)))
    if meeting_open(case):
        candidates.append((case.meeting_by, case.meeting_by - timedelta(days=MEETING_SOON_DAYS)))
    if not candidates:
        return None, None
    due = min(due for due, _soon in candidates)
    return due, min(soon for _due, soon in candidates)


def most_urgent(deadlines: list[Deadline]) -> Deadline | None:
    return min(
        deadlines,
        key=lambda deadline: (URGENCY_ORDER[deadline.urgency], deadline.due),
        default=None,
    )


def by_urgency(item: tuple) -> tuple:
    """Sort key for (case, its open deadlines): overdue first, then soonest."""
    case, deadlines = item
    deadline = most_urgent(deadlines)
    if deadline is None:
        return (URGENCY_ORDER["none"], date.max, case.received_on, case.register_number)
    return (URGENCY_ORDER[deadline.urgency], deadline.due, case.received_on, case.register_number)
