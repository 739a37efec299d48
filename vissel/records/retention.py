"""How long a case is kept. Personal data in a whistleblowing case may be kept at most two
years after the case is closed (lag 2021:890, 7 kap. 3 §); the organisation may choose a
shorter time. A concluded case that nobody closes would keep its data for ever, so it is
closed by itself after the organisation's time. The dates are computed here; the erasure
itself is `vissel.cases.retention`."""

from datetime import date, timedelta


def years_after(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def erasure_due_on(closed_on: date | None, retention_years: int) -> date | None:
    """The first day the case's personal data must be gone; None while the case is open."""
    if closed_on is None:
        return None
    return years_after(closed_on, retention_years)


def closing_due_on(concluded_on: date | None, auto_close_days: int) -> date | None:
    """The day a concluded case is closed by itself; None when the organisation closes
    by hand only (0 days) or the case is not concluded."""
    if concluded_on is None or auto_close_days == 0:
        return None
    return concluded_on + timedelta(days=auto_close_days)
