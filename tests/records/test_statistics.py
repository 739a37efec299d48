"""The case statistics count what an organisation needs to see and never single out a
reporter: a count under five is shown as "fewer than 5", a breakdown hides one more cell
so the hidden one cannot be worked out, and medians and shares need five cases."""

from datetime import date, timedelta
from itertools import product

from vissel.records.statistics import FEWER, HIDDEN, CaseFacts, Count, as_csv_rows, figures

RECEIVED = date(2026, 1, 5)
TODAY = date(2026, 6, 1)
DAY = timedelta(days=1)

A_CASE = CaseFacts(  # closed, every deadline met
    category="Mutor",
    outcome="Avslutat",
    channel="Skriftlig",
    covered="Omfattas",
    received_on=RECEIVED,
    acknowledge_by=RECEIVED + 7 * DAY,
    acknowledged_on=RECEIVED + 2 * DAY,
    feedback_by=RECEIVED + 90 * DAY,
    feedback_given_on=RECEIVED + 30 * DAY,
    closed_on=RECEIVED + 40 * DAY,
)

WORDS = {
    "total": "Ärenden",
    "category": "Kategori",
    "outcome": "Utfall",
    "channel": "Kanal",
    "coverage": "Omfattas av lagen",
    "median_acknowledgement": "Median dagar till bekräftelse",
    "median_feedback": "Median dagar till återkoppling",
    "acknowledged_in_time": "Bekräftade i tid",
    "feedback_in_time": "Återkoppling i tid",
    "overdue_now": "Försenade nu",
    "fewer_than": "färre än 5",
    "hidden": "dolt",
    "too_few": "för få ärenden",
    "open": "Pågående",
}


def cases(n: int, **changes) -> list[CaseFacts]:
    return [CaseFacts(**{**A_CASE.__dict__, **changes}) for _ in range(n)]


def values(breakdown) -> dict[str, int | None]:
    return {label: count.value for label, count in breakdown}


def what_a_reader_can_tell(breakdown, total: int, label: str) -> set[int]:
    """Every value the hidden `label` could have, given the total and the shown cells."""
    hidden = [name for name, count in breakdown if count.suppressed]
    rest = total - sum(count.value for _, count in breakdown if not count.suppressed)
    return {
        guess[hidden.index(label)]
        for guess in product(range(1, rest + 1), repeat=len(hidden))
        if sum(guess) == rest
    }


def test_cases_are_counted_by_category_outcome_channel_and_coverage():
    facts = (
        cases(6, category="Mutor", channel="Muntlig", covered="Omfattas inte", outcome="")
        + cases(9, category="Arbetsmiljö", outcome="Avskrivet")
        + cases(5, category="Mutor", outcome="Åtgärdat")
    )
    result = figures(facts, TODAY, categories=["Jäv", "Mutor"])
    assert result.total == Count(20)
    assert result.by_category == [
        ("Jäv", Count(0)),
        ("Mutor", Count(11)),
        ("Arbetsmiljö", Count(9)),
    ]
    assert values(result.by_outcome) == {"": 6, "Avskrivet": 9, "Åtgärdat": 5}
    assert values(result.by_channel) == {"Muntlig": 6, "Skriftlig": 14}
    assert values(result.by_coverage) == {"Omfattas": 14, "Omfattas inte": 6}


def test_a_count_from_one_to_four_is_never_shown_but_zero_and_five_are():
    assert figures(cases(4), TODAY).total.suppressed
    assert figures(cases(4), TODAY).total.value is None
    assert figures(cases(5), TODAY).total == Count(5)
    assert figures([], TODAY).total == Count(0)
    assert figures(cases(2), TODAY, threshold=3).total == Count(None, FEWER)
    assert figures(cases(3), TODAY, threshold=3).total == Count(3)


def test_one_small_cell_also_hides_the_next_smallest_so_it_cannot_be_worked_out():
    facts = cases(12, category="Mutor") + cases(6, category="Jäv") + cases(2, category="Fusk")
    breakdown = figures(facts, TODAY).by_category
    assert values(breakdown) == {"Fusk": None, "Jäv": None, "Mutor": 12}
    assert len(what_a_reader_can_tell(breakdown, 20, "Fusk")) > 1


def test_a_cell_hidden_only_so_another_cannot_be_worked_out_is_not_called_few():
    facts = cases(12, category="Mutor") + cases(6, category="Jäv") + cases(2, category="Fusk")
    breakdown = dict(figures(facts, TODAY).by_category)
    assert breakdown["Fusk"] == Count(None, FEWER)  # 2: truly fewer than five
    assert breakdown["Jäv"] == Count(None, HIDDEN)  # 6: hidden, but not "fewer than five"


def test_two_hidden_ones_that_add_up_to_two_hide_a_third_cell():
    facts = cases(10, channel="Skriftlig") + cases(1, channel="Muntlig") + cases(1, channel="Möte")
    breakdown = figures(facts, TODAY).by_channel
    assert values(breakdown) == {"Muntlig": None, "Möte": None, "Skriftlig": None}
    assert len(what_a_reader_can_tell(breakdown, 12, "Muntlig")) > 1


def test_a_breakdown_with_no_small_cell_hides_nothing():
    facts = cases(7, covered="Omfattas") + cases(5, covered="Ej bedömt")
    assert values(figures(facts, TODAY).by_coverage) == {"Ej bedömt": 5, "Omfattas": 7}


def test_a_hidden_total_hides_every_cell_even_the_empty_ones():
    result = figures(cases(3, category="Mutor"), TODAY, categories=["Jäv", "Mutor"])
    assert result.total.suppressed
    assert result.by_category == [("Jäv", Count(None, HIDDEN)), ("Mutor", Count(None, HIDDEN))]
    assert all(count.suppressed for _, count in result.by_outcome + result.by_channel)


def acknowledged_after(*days: int) -> list[CaseFacts]:
    return [cases(1, acknowledged_on=RECEIVED + d * DAY)[0] for d in days]


def test_the_median_days_to_acknowledgement_needs_five_acknowledged_cases():
    assert figures(acknowledged_after(1, 2, 3, 4, 10), TODAY).median_days_to_acknowledgement == 3
    assert (
        figures(acknowledged_after(1, 2, 3, 4, 10, 20), TODAY).median_days_to_acknowledgement == 3.5
    )
    not_yet = cases(3, acknowledged_on=None, acknowledge_by=TODAY)
    withheld = figures(acknowledged_after(1, 2, 3, 4) + not_yet, TODAY)
    assert withheld.median_days_to_acknowledgement is None


def test_the_median_days_to_feedback_needs_five_cases_with_feedback():
    given = [cases(1, feedback_given_on=RECEIVED + d * DAY)[0] for d in (20, 30, 40, 50, 90)]
    assert figures(given, TODAY).median_days_to_feedback == 40
    waiting = cases(1, feedback_given_on=None, feedback_by=TODAY + DAY)
    assert figures(given[:4] + waiting, TODAY).median_days_to_feedback is None


def test_acknowledgements_in_time_count_the_deadlines_that_are_due():
    facts = (
        cases(4)  # in time
        + cases(1, acknowledged_on=A_CASE.acknowledge_by + DAY)  # late
        + cases(1, acknowledged_on=None, acknowledge_by=TODAY - DAY)  # missed
        + cases(1, acknowledged_on=None, acknowledge_by=TODAY)  # not due yet
    )
    share = figures(facts, TODAY).acknowledgements_in_time
    assert (share.met, share.due) == (4, 6)
    assert share.value == 4 / 6
    assert figures(facts[:4], TODAY).acknowledgements_in_time.value is None


def test_feedback_in_time_is_withheld_when_fewer_than_five_were_due():
    late = cases(2, feedback_given_on=A_CASE.feedback_by + DAY)
    share = figures(cases(3) + late, TODAY).feedback_in_time
    assert (share.met, share.due, share.value) == (3, 5, 0.6)
    waiting = cases(1, feedback_given_on=None, feedback_by=TODAY + 10 * DAY)
    assert figures(cases(3) + late[:1] + waiting, TODAY).feedback_in_time.value is None


def test_overdue_now_counts_open_cases_with_a_missed_deadline_as_of_today():
    open_case = {"outcome": "", "closed_on": None}
    facts = (
        cases(3, acknowledged_on=None, acknowledge_by=TODAY - DAY, **open_case)
        + cases(2, feedback_given_on=None, feedback_by=TODAY - 30 * DAY, **open_case)
        + cases(1, acknowledged_on=None, acknowledge_by=TODAY, **open_case)  # due today
        + cases(1, feedback_given_on=None, feedback_by=TODAY + DAY, **open_case)
        + cases(1, acknowledged_on=None, acknowledge_by=TODAY - DAY)  # closed
        + cases(4, **open_case)  # late or not, both deadlines are met
    )
    assert figures(facts, TODAY).overdue_now == Count(5)
    assert figures(facts, TODAY - 2 * DAY).overdue_now == Count(None, FEWER)  # only the two
    assert figures(facts, TODAY + 2 * DAY).overdue_now == Count(7)


def test_the_csv_rows_say_fewer_than_five_and_too_few():
    facts = cases(12) + cases(6, category="Jäv") + cases(2, outcome="", closed_on=None)
    rows = as_csv_rows(figures(facts, TODAY, categories=["Jäv", "Mutor"]), WORDS)
    assert rows[0] == ["Ärenden", "", "20"]
    assert ["Kategori", "Jäv", "6"] in rows and ["Kategori", "Mutor", "14"] in rows
    assert ["Utfall", "Pågående", "färre än 5"] in rows
    # Hidden so that the open ones stay hidden, and not called "fewer than 5": it is 18.
    assert ["Utfall", "Avslutat", "dolt"] in rows
    assert ["Median dagar till bekräftelse", "", "2.0"] in rows
    assert ["Bekräftade i tid", "", "100 %"] in rows
    assert ["Försenade nu", "", "0"] in rows
    few = as_csv_rows(figures(cases(3), TODAY), WORDS)
    assert ["Median dagar till återkoppling", "", "för få ärenden"] in few
    assert ["Återkoppling i tid", "", "för få ärenden"] in few
    assert few[0] == ["Ärenden", "", "färre än 5"]
    assert all(len(row) == 3 and all(isinstance(cell, str) for cell in row) for row in rows)


def test_a_label_a_spreadsheet_would_run_as_a_formula_gets_a_leading_quote():
    hostile = ['=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", "\tTab", "\rCR"]
    facts = [case for label in hostile for case in cases(5, category=label)]
    labels = [row[1] for row in as_csv_rows(figures(facts, TODAY), WORDS) if row[0] == "Kategori"]
    assert sorted(labels) == sorted("'" + label for label in hostile)
    harmless = as_csv_rows(figures(cases(5, category="Mutor = fusk"), TODAY), WORDS)
    assert ["Kategori", "Mutor = fusk", "5"] in harmless
