"""The half-year summary's periods, and its PDF: register numbers, days, categories and
grounds, as extractable text; nothing else."""

from datetime import date
from io import BytesIO

from pypdf import PdfReader

from vissel.records.summary import (
    SummaryDocument,
    SummaryEntry,
    half_year_before,
    half_year_of,
    summary_pdf,
)


def test_the_half_years_run_january_to_june_and_july_to_december():
    assert half_year_of(date(2026, 6, 30)) == (date(2026, 1, 1), date(2026, 6, 30))
    assert half_year_of(date(2026, 7, 1)) == (date(2026, 7, 1), date(2026, 12, 31))
    assert half_year_before(date(2026, 7, 1)) == (date(2026, 1, 1), date(2026, 6, 30))
    assert half_year_before(date(2027, 1, 1)) == (date(2026, 7, 1), date(2026, 12, 31))
    assert half_year_before(date(2026, 3, 15)) == (date(2025, 7, 1), date(2025, 12, 31))


def document(entries, language="sv"):
    return SummaryDocument(
        organisation="Östersunds kommun",
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 6, 30),
        produced_on=date(2026, 7, 1),
        language=language,
        entries=entries,
    )


def text_of(data: bytes) -> str:
    reader = PdfReader(BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_pdf_lists_each_dismissed_report_and_nothing_more():
    entries = [
        SummaryEntry(
            "VB 2026/0003", date(2026, 2, 1), date(2026, 2, 9), "Mutor", "för lite underlag"
        ),
        SummaryEntry(
            "VB 2026/0011", date(2026, 5, 2), date(2026, 5, 4), "Stöld", "annat skäl <b>x</b>"
        ),
    ]
    data = summary_pdf(document(entries))
    text = text_of(data)
    for expected in (
        "Halvårssammanställning av avskrivna anmälningar",
        "2026-01-01 – 2026-06-30",
        "Antal: 2",
        "VB 2026/0003",
        "2026-02-09",
        "Mutor",
        "för lite underlag",
        "VB 2026/0011",
        "annat skäl <b>x</b>",  # shown as text, never read as markup
    ):
        assert expected in text, expected
    reader = PdfReader(BytesIO(data))
    assert not (reader.metadata or {}).get("/Title") and not (reader.metadata or {}).get("/Author")
    assert summary_pdf(document(entries)) == data  # the same summary, the same bytes


def test_an_empty_half_year_says_so_in_english_too():
    text = text_of(summary_pdf(document([], language="en")))
    assert "No report was dismissed in the period." in text and "Number: 0" in text
