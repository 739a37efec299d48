"""The half-year summary of dismissed reports (S16): twice a year the internal function
learns what the intake party dismissed, to see whether something is missed. It lists the
register number, the days received and dismissed, the category and the ground of each
dismissal: no content and no personal data, so it can be mailed about and printed.

Pure: the periods, and the PDF from plain entries. Which cases belong in it is
`vissel.cases.summaries`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.platypus import Paragraph, Table, TableStyle

from vissel.records import pdf
from vissel.records.archive_page import styles

WORDS: dict[str, dict[str, str]] = {
    "sv": {
        "title": "Halvårssammanställning av avskrivna anmälningar",
        "period": "Period: {start} – {end}",
        "intro": (
            "Anmälningar som mottagningen bedömt inte vara visselblåsarärenden och skrivit "
            "av. Sammanställningen innehåller inga uppgifter ur anmälningarna och inga "
            "personuppgifter."
        ),
        "none": "Inga anmälningar skrevs av under perioden.",
        "count": "Antal: {count}",
        "columns": "Diarienummer|Mottagen|Avskriven|Kategori|Grund",
        "header": "Sammanställning {start} – {end}",
        "page": "Sida {page} av {pages}",
    },
    "en": {
        "title": "Half-year summary of dismissed reports",
        "period": "Period: {start} – {end}",
        "intro": (
            "Reports the intake party found not to be whistleblowing cases and dismissed. "
            "The summary holds nothing from the reports and no personal data."
        ),
        "none": "No report was dismissed in the period.",
        "count": "Number: {count}",
        "columns": "Register number|Received|Dismissed|Category|Ground",
        "header": "Summary {start} – {end}",
        "page": "Page {page} of {pages}",
    },
}


def half_year_of(day: date) -> tuple[date, date]:
    """The first and last day of the half year that holds `day`."""
    if day.month <= 6:
        return date(day.year, 1, 1), date(day.year, 6, 30)
    return date(day.year, 7, 1), date(day.year, 12, 31)


def half_year_before(day: date) -> tuple[date, date]:
    """The half year that ended before the one holding `day`: on 1 July, January–June."""
    start, _end = half_year_of(day)
    return half_year_of(start - timedelta(days=1))


@dataclass(frozen=True)
class SummaryEntry:
    register_number: str
    received_on: date
    dismissed_on: date
    category: str
    ground: str


@dataclass(frozen=True)
class SummaryDocument:
    organisation: str
    starts_on: date
    ends_on: date
    produced_on: date
    language: str
    entries: Sequence[SummaryEntry]


def summary_pdf(document: SummaryDocument) -> bytes:
    words = WORDS[document.language]
    s = styles()
    period = {"start": document.starts_on.isoformat(), "end": document.ends_on.isoformat()}
    story: list = [
        Paragraph(pdf.esc(words["title"]), s["title"]),
        Paragraph(pdf.esc(words["period"].format(**period)), s["body"]),
        Paragraph(pdf.esc(words["intro"]), s["muted"]),
        Paragraph(pdf.esc(words["count"].format(count=len(document.entries))), s["body"]),
    ]
    if document.entries:
        story.append(_table(document.entries, words["columns"].split("|"), s))
    else:
        story.append(Paragraph(pdf.esc(words["none"]), s["body"]))
    return pdf.render(
        story,
        language=document.language,
        produced_on=document.produced_on,
        organisation=document.organisation,
        header=words["header"].format(**period),
        page_words=words["page"],
    )


def _table(entries: Sequence[SummaryEntry], columns: list[str], s) -> Table:
    def cell(text: str, style: str = "cell") -> Paragraph:
        return Paragraph(pdf.esc(pdf.line(text)), s[style])

    rows = [[cell(column, "label") for column in columns]]
    rows += [
        [
            cell(entry.register_number),
            cell(entry.received_on.isoformat()),
            cell(entry.dismissed_on.isoformat()),
            cell(entry.category),
            cell(entry.ground),
        ]
        for entry in entries
    ]
    table = Table(rows, repeatRows=1, colWidths=["18%", "14%", "14%", "22%", "32%"])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, "#444444"),
                ("LINEBELOW", (0, 1), (-1, -1), 0.2, "#bbbbbb"),
            ]
        )
    )
    return table
