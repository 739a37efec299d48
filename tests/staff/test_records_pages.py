"""The organisation's records in the staff portal: the register and its CSV for the
records system, the half-year summaries and their PDF, the statistics with their charts,
tables and CSV. Neutral entries only: never a report's words, never the reporter's case
number; a count that could point at a reporter is "fewer than 5"."""

import csv
import io
import re
from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import file_report
from tests.staff.helpers import concluded_case, routed_case, screen_as

SECRET = "Registerhemlighet-5520"


@pytest.fixture
def page(staff_client):
    """Asks for a page of organisation A as a person."""
    return lambda person, name, query="": staff_client(person).get(
        reverse(name, args=["org-a"]) + query
    )


def test_the_register_lists_every_case_by_its_number_with_neutral_entries(cast, page):
    with time_machine.travel("2026-03-02 10:00+01:00", tick=False):
        concluded = concluded_case(cast, what_happened=SECRET)
        waiting = file_report(cast.org_a, what_happened=SECRET)
    html = page(cast.screener_a, "staff_register", "?year=2026").content.decode()
    for filed in (concluded, waiting):
        assert filed.case.register_number in html
        assert filed.case_number not in html
    assert SECRET not in html and "OSL 32 kap. 3 b §" in html
    answer = page(cast.screener_a, "staff_register", "?year=2026&format=csv")
    assert answer["Content-Disposition"] == 'attachment; filename="register-2026.csv"'
    text = answer.content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Diarienummer" and len(rows) == 3
    by_number = {row[0]: row for row in rows[1:]}
    row = by_number[concluded.case.register_number]
    assert row[1] == "2026-03-02" and row[3] == "Bedrägeri" and row[8] == "2026-03-02"
    assert SECRET not in text and concluded.case_number not in text


def test_a_record_keeper_who_does_not_handle_a_case_sees_only_that_it_exists(cast, page):
    external = routed_case(cast, "external", officials=[cast.chief_official_a])
    html = page(cast.internal_a, "staff_register").content.decode()
    row = next(r for r in html.split("<tr")[1:] if external.case.register_number in r)
    assert "Hanteras av andra" in row
    assert "Bedrägeri" not in row and "Extern utredning" not in row.lower()


def test_the_register_and_summaries_are_for_record_keepers_and_statistics_for_admins_too(
    cast, page
):
    for person, register, statistics in (
        (cast.screener_a, 200, 200),
        (cast.internal_a, 200, 200),
        (cast.admin_a, 404, 200),
        (cast.external_a, 404, 404),
        (cast.chief_a, 404, 404),
        (cast.screener_b, 404, 404),
    ):
        assert page(person, "staff_register").status_code == register, person.username
        assert page(person, "staff_summaries").status_code == register, person.username
        assert page(person, "staff_statistics").status_code == statistics, person.username


def test_the_summary_page_shows_any_period_and_gives_it_as_a_pdf(cast, page):
    with time_machine.travel("2026-02-03 10:00+01:00", tick=False):
        filed = file_report(cast.org_a, what_happened=SECRET)
        screen_as(
            cast.screener_a,
            filed.case,
            "dismiss",
            SECRET,
            message_to_reporter="Inte här.",
            dismissal_ground="already_known",
        )
    query = "?starts_on=2026-01-01&ends_on=2026-06-30"
    html = page(cast.internal_a, "staff_summaries", query).content.decode()
    assert filed.case.register_number in html and "Redan känt" in html
    assert SECRET not in html
    pdf = page(cast.internal_a, "staff_summaries", query + "&format=pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert filed.case.register_number in text and SECRET not in text
    backwards = page(cast.internal_a, "staff_summaries", "?starts_on=2026-06-30&ends_on=2026-01-01")
    assert backwards.status_code == 400 and "slutar innan den börjar" in backwards.content.decode()


def test_statistics_show_counts_charts_and_tables_and_never_a_count_under_five(cast, page):
    with time_machine.travel("2026-04-01 10:00+02:00", tick=False):
        for _ in range(6):
            file_report(cast.org_a, category="fraud")
        for _ in range(2):
            file_report(cast.org_a, category="theft")
    html = page(cast.admin_a, "staff_statistics", "?starts_on=2026-01-01").content.decode()
    assert html.count("<svg") == 4 and "<script" not in html.split("<main", 1)[1]
    figures = re.search(r'<dl class="facts" id="key-figures">(.*?)</dl>', html, re.S).group(1)
    assert "<dd>8</dd>" in figures
    rows = dict(re.findall(r'<th scope="row">([^<]+)</th><td>([^<]+)</td>', html))
    assert rows["Stöld"] == "färre än 5"
    assert rows["Bedrägeri"] == "dolt"  # 6, hidden: 8 - 6 would give the 2 away
    answer = page(cast.admin_a, "staff_statistics", "?starts_on=2026-01-01&format=csv")
    table = list(csv.reader(io.StringIO(answer.content.decode())))
    assert ["Ärenden", "", "8"] in table and ["Kategori", "Stöld", "färre än 5"] in table
