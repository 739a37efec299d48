"""The seed's promises as dates: a first reply within 7 days (S11), feedback within
3 months (S17). Dates only: the reporter's side is never timed more finely."""

import calendar
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
