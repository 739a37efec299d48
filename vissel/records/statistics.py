"""Case statistics for an organisation: how many cases, of what kind, and whether the
deadlines of the law were kept. Plain facts in, plain figures out; nothing here reads
the database or a report's content.

The threshold protects reporters. In a small organisation "one case about harassment,
received orally" can be enough to point at a person, so a count from 1 to THRESHOLD - 1
is never shown exactly ("fewer than 5"), and a breakdown hides a further cell when the
hidden one could otherwise be worked out as the total minus the rest. Medians and shares
resting on fewer than THRESHOLD cases are withheld for the same reason."""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from vissel.records.spreadsheet import no_formula

THRESHOLD = 5  # counts 1..THRESHOLD-1 are never shown exactly


@dataclass(frozen=True)
class CaseFacts:
    """One case as the statistics see it: display labels and dates, no content and no
    personal data."""

    category: str
    outcome: str  # "" while the case is open
    channel: str
    covered: str  # whether the reporter is covered by the law
    received_on: date
    acknowledge_by: date
    acknowledged_on: date | None
    feedback_by: date
    feedback_given_on: date | None
    closed_on: date | None


@dataclass(frozen=True)
class Count:
    value: int | None  # None when suppressed
    # Why it is suppressed: FEWER (more than zero, fewer than the threshold: shown as
    # "fewer than 5"), or HIDDEN (any size: hidden so that another cannot be worked out;
    # calling it "fewer than 5" would be untrue).
    why: str = ""

    @property
    def suppressed(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Share:
    """Deadlines met out of deadlines due. Only `value` is fit to show: `met` and `due`
    are exact counts, however small."""

    met: int
    due: int
    value: float | None  # met / due, or None when fewer than the threshold were due


@dataclass(frozen=True)
class Figures:
    total: Count
    by_category: list[tuple[str, Count]]
    by_outcome: list[tuple[str, Count]]  # the label "" holds the open cases
    by_channel: list[tuple[str, Count]]
    by_coverage: list[tuple[str, Count]]
    median_days_to_acknowledgement: float | None
    median_days_to_feedback: float | None
    acknowledgements_in_time: Share
    feedback_in_time: Share
    overdue_now: Count


def figures(
    cases: Iterable[CaseFacts],
    today: date,
    *,
    categories: Sequence[str] = (),
    threshold: int = THRESHOLD,
) -> Figures:
    """The figures for these cases as of `today`. Breakdowns list `categories` first, in
    their order and even with no case, then every other label met, sorted."""
    cases = list(cases)
    total = _count(len(cases), threshold)

    def breakdown(labels: list[str], first: Sequence[str] = ()) -> list[tuple[str, Count]]:
        return _breakdown(Counter(labels), first, total, threshold)

    acknowledged = [c for c in cases if c.acknowledged_on is not None]
    given = [c for c in cases if c.feedback_given_on is not None]
    return Figures(
        total=total,
        by_category=breakdown([c.category for c in cases], categories),
        by_outcome=breakdown([c.outcome for c in cases]),
        by_channel=breakdown([c.channel for c in cases]),
        by_coverage=breakdown([c.covered for c in cases]),
        median_days_to_acknowledgement=_median(
            [(c.acknowledged_on - c.received_on).days for c in acknowledged], threshold
        ),
        median_days_to_feedback=_median(
            [(c.feedback_given_on - c.received_on).days for c in given], threshold
        ),
        acknowledgements_in_time=_share(
            [(c.acknowledged_on, c.acknowledge_by) for c in cases], today, threshold
        ),
        feedback_in_time=_share(
            [(c.feedback_given_on, c.feedback_by) for c in cases], today, threshold
        ),
        overdue_now=_count(sum(1 for c in cases if _overdue(c, today)), threshold),
    )


FEWER, HIDDEN = "fewer", "hidden"


def _count(n: int, threshold: int) -> Count:
    return Count(None, FEWER) if 0 < n < threshold else Count(n)


def _breakdown(
    counts: Counter, first: Sequence[str], total: Count, threshold: int
) -> list[tuple[str, Count]]:
    labels = list(dict.fromkeys(first)) + sorted(set(counts) - set(first))
    if total.suppressed:
        return [(label, Count(None, HIDDEN)) for label in labels]  # even a 0 would tell
    fewer = {label for label in labels if 0 < counts[label] < threshold}
    hidden = set(fewer)
    # Secondary suppression: the total minus the shown cells is what the hidden cells come
    # to together. While that is under the threshold (a lone hidden cell always is, and
    # 1 + 1 gives both away), hide the smallest cell still shown as well.
    while 0 < sum(counts[label] for label in hidden) < threshold:
        shown = [label for label in labels if label not in hidden and counts[label] > 0]
        if not shown:
            break
        hidden.add(min(shown, key=lambda label: counts[label]))
    return [
        (
            label,
            Count(None, FEWER)
            if label in fewer
            else Count(None, HIDDEN)
            if label in hidden
            else Count(counts[label]),
        )
        for label in labels
    ]


def _median(days: list[int], threshold: int) -> float | None:
    if len(days) < threshold:
        return None
    days = sorted(days)
    middle = len(days) // 2
    if len(days) % 2:
        return float(days[middle])
    return (days[middle - 1] + days[middle]) / 2


def _share(done_and_deadline: list[tuple[date | None, date]], today: date, threshold: int) -> Share:
    """A deadline is due once it has passed (before `today`) or the thing was done."""
    due = [(done, by) for done, by in done_and_deadline if done is not None or by < today]
    met = sum(1 for done, by in due if done is not None and done <= by)
    return Share(met=met, due=len(due), value=met / len(due) if len(due) >= threshold else None)


def _overdue(case: CaseFacts, today: date) -> bool:
    if case.closed_on is not None:
        return False
    return (case.acknowledged_on is None and case.acknowledge_by < today) or (
        case.feedback_given_on is None and case.feedback_by < today
    )


def as_csv_rows(figures: Figures, words: Mapping[str, str]) -> list[list[str]]:
    """Rows of [section, label, value] for a CSV download; every cell is text.

    `words` gives the shown text, in the reader's language:
      "total", "category", "outcome", "channel", "coverage", "median_acknowledgement",
      "median_feedback", "acknowledged_in_time", "feedback_in_time", "overdue_now":
        the section names;
      "fewer_than": the value of a count under the threshold (e.g. "färre än 5");
      "hidden": the value of a count hidden so that another cannot be worked out;
      "too_few": the value of a withheld median or share (e.g. "för få ärenden");
      "open" (optional): the outcome label of the open cases, whose outcome is "".
    A count is its number; a median has one decimal ("3.0"); a share is a whole per cent
    ("95 %"). A cell that a spreadsheet would read as a formula gets a leading quote."""

    def count(c: Count) -> str:
        if not c.suppressed:
            return str(c.value)
        return words["fewer_than"] if c.why == FEWER else words["hidden"]

    def measure(value: float | None, form: str) -> str:
        return words["too_few"] if value is None else form.format(value)

    rows = [[words["total"], "", count(figures.total)]]
    for key, breakdown in (
        ("category", figures.by_category),
        ("outcome", figures.by_outcome),
        ("channel", figures.by_channel),
        ("coverage", figures.by_coverage),
    ):
        for label, c in breakdown:
            if key == "outcome" and label == "":
                label = words.get("open", "")
            rows.append([words[key], label, count(c)])
    for key, median in (
        ("median_acknowledgement", figures.median_days_to_acknowledgement),
        ("median_feedback", figures.median_days_to_feedback),
    ):
        rows.append([words[key], "", measure(median, "{:.1f}")])
    for key, share in (
        ("acknowledged_in_time", figures.acknowledgements_in_time),
        ("feedback_in_time", figures.feedback_in_time),
    ):
        per_cent = None if share.value is None else 100 * share.value
        rows.append([words[key], "", measure(per_cent, "{:.0f} %")])
    rows.append([words["overdue_now"], "", count(figures.overdue_now)])
    return [[no_formula(cell) for cell in row] for row in rows]
