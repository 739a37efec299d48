"""A case as a PDF for the organisation's archive: the report, its files, the thread, the
decisions and the final report, as real (extractable) text on numbered A4 pages.

`case_archive_pdf` is a pure function of an `ArchiveDocument`: plain data in, bytes out, no
database and no Django. The same document gives the same bytes (ReportLab's invariant mode).
The file says nothing about the case outside its pages: the Info dictionary's title, author,
subject, keywords, creator and producer are empty, both of its dates are the produced-on day
at midnight (no time of day, no zone), there is no XMP stream, and the file identifier is
ReportLab's fixed invariant one.

Every date is printed to the day only, even when a datetime is passed. User text is escaped
(it is never read as markup). A character is shown as `[U+XXXX]` rather than printed when it
is a control or bidirectional-override character (it would act instead of show), when the
font has no glyph for it (it would print as an empty box and vanish from the text layer), or
when it lies beyond U+FFFF (emoji: ReportLab writes no usable text layer for those); a lone
surrogate becomes U+FFFD. So nothing the reporter wrote is lost from the archive, though a
script the font lacks (Chinese, say) is kept only as code points. Right-to-left scripts are
printed in logical order without bidi reordering or shaping. The font is DejaVu Sans
(Debian's fonts-dejavu-core: Latin, Greek, Cyrillic, Hebrew, basic Arabic), or ReportLab's
own Vera (Latin-1 only) where DejaVu is missing.

The fixed headings are in `HEADINGS`, Swedish and English, kept here rather than in the
gettext catalogue so that an archive's language is the document's, not the request's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from vissel.records import pdf
from vissel.records.archive_headings import HEADINGS
from vissel.records.archive_page import styles

__all__ = [
    "HEADINGS",
    "ArchiveDecision",
    "ArchiveDocument",
    "ArchiveFile",
    "ArchiveMessage",
    "case_archive_pdf",
]


class ArchiveFile(NamedTuple):
    """One file of the case; a plain `(name, size, cleaning_note)` tuple does as well."""

    name: str
    size: int  # in bytes
    cleaning_note: str  # one line: what metadata cleaning did to the file


class ArchiveMessage(NamedTuple):
    """One entry of the thread; a plain tuple in this order does as well."""

    sender: str  # a label such as "Reporter" or a staff member's name
    sent_on: date  # printed to the day only
    text: str
    is_feedback: bool = False
    file_names: Sequence[str] = ()


class ArchiveDecision(NamedTuple):
    """One decision; a plain `(decided_on, label, reason, decided_by)` tuple does as well."""

    decided_on: date  # printed to the day only
    label: str
    reason: str
    decided_by: str


@dataclass(frozen=True, kw_only=True)
class ArchiveDocument:
    """Everything the archive PDF shows, already decrypted and labelled by the caller."""

    organisation: str
    case_reference: str
    category: str
    status: str
    received_on: date
    closed_on: date | None = None
    report_fields: Sequence[tuple[str, str]] = ()  # (label, text), in the order shown
    reporter_relationship: str = ""
    reporter_anonymity: str = ""
    files: Sequence[ArchiveFile | tuple[str, int, str]] = ()
    thread: Sequence[ArchiveMessage | tuple] = ()
    decisions: Sequence[ArchiveDecision | tuple[date, str, str, str]] = ()
    final_report: str | None = None
    final_report_recipient: str = ""
    produced_on: date  # the day the export was made; also the file's two dates
    produced_by: str
    language: str = "sv"  # "sv" or "en": the fixed headings only

    def __post_init__(self):
        if self.language not in HEADINGS:
            raise ValueError(f"language must be one of {sorted(HEADINGS)}")


def case_archive_pdf(document: ArchiveDocument) -> bytes:
    """The archive PDF of `document`, as bytes."""
    words = HEADINGS[document.language]
    paragraph_styles = styles()
    story = _story(document, words, paragraph_styles)

    return pdf.render(
        story,
        language=document.language,
        produced_on=document.produced_on,
        organisation=document.organisation,
        header=f"{words['case']} {pdf.line(document.case_reference)}",
        page_words=words["page"],
    )


# --- the story --------------------------------------------------------------------------


def _story(doc: ArchiveDocument, words: dict[str, str], s: dict[str, ParagraphStyle]) -> list:
    story: list = [
        Paragraph(pdf.esc(words["title"]), s["title"]),
        *_facts(doc, words, s),
        *pdf.heading(words["report"], s["h1"]),
    ]

    if not doc.report_fields:
        story.append(Paragraph(pdf.esc(words["empty"]), s["muted"]))
    for label, text in doc.report_fields:
        story.extend(pdf.heading(pdf.line(label), s["h2"]))
        story.extend(_paragraphs(text, s, words))

    story.extend(pdf.heading(words["files"], s["h1"]))
    story.extend(_files(doc.files, words, s))

    story.extend(pdf.heading(words["thread"], s["h1"]))
    if not doc.thread:
        story.append(Paragraph(pdf.esc(words["no_messages"]), s["muted"]))
    for number, entry in enumerate(doc.thread):
        sender, sent_on, text, is_feedback, file_names = _message(entry)
        heading = f"{pdf.day(sent_on).isoformat()} · {pdf.line(sender)}"
        if is_feedback:
            heading += f" · {words['feedback']}"
        story.extend(pdf.heading(heading, s["h3"], rule=number > 0))
        story.extend(_paragraphs(text, s, words))
        if file_names:
            names = ", ".join(pdf.line(name) for name in file_names)
            attached = pdf.pieces(f"{words['attachments']}: {names}")
            story.extend(Paragraph(pdf.esc(piece), s["small"]) for piece in attached)

    story.extend(pdf.heading(words["decisions"], s["h1"]))
    if not doc.decisions:
        story.append(Paragraph(pdf.esc(words["no_decisions"]), s["muted"]))
    for decided_on, label, reason, decided_by in doc.decisions:
        heading = (
            f"{pdf.day(decided_on).isoformat()} · {pdf.line(label)} · "
            f"{words['decided_by']} {pdf.line(decided_by)}"
        )
        story.extend(pdf.heading(heading, s["h3"]))
        story.extend(_paragraphs(reason, s, words))

    story.extend(pdf.heading(words["final_report"], s["h1"]))
    if doc.final_report is None:
        story.append(Paragraph(pdf.esc(words["no_final_report"]), s["muted"]))
    else:
        if doc.final_report_recipient:
            recipient = f"{words['recipient']}: {pdf.line(doc.final_report_recipient)}"
            story.extend(pdf.heading(recipient, s["h3"]))
        story.extend(_paragraphs(doc.final_report, s, words))
    return story


def _facts(doc: ArchiveDocument, words: dict[str, str], s: dict[str, ParagraphStyle]) -> list:
    closed = pdf.day(doc.closed_on).isoformat() if doc.closed_on else words["not_closed"]
    produced = words["produced_by"].format(
        date=pdf.day(doc.produced_on).isoformat(), name=pdf.line(doc.produced_by)
    )
    rows = [
        (words["organisation"], pdf.line(doc.organisation)),
        (words["case"], pdf.line(doc.case_reference)),
        (words["category"], pdf.line(doc.category)),
        (words["status"], pdf.line(doc.status)),
        (words["received"], pdf.day(doc.received_on).isoformat()),
        (words["closed"], closed),
        (words["relationship"], pdf.line(doc.reporter_relationship)),
        (words["anonymity"], pdf.line(doc.reporter_anonymity)),
        (words["produced"], produced),
    ]
    if any(len(value) > _CELL_LIMIT for _, value in rows):
        return _stacked([(label, [value]) for label, value in rows], s)
    data = [
        [Paragraph(pdf.esc(label), s["label"]), Paragraph(pdf.esc(value), s["cell"])]
        for label, value in rows
    ]
    table = Table(data, colWidths=[55 * mm, None], hAlign="LEFT", splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return [table]


def _files(files, words: dict[str, str], s: dict[str, ParagraphStyle]) -> list:
    if not files:
        return [Paragraph(pdf.esc(words["no_files"]), s["muted"])]
    rows = [(pdf.line(name), _size(size, words), pdf.line(note)) for name, size, note in files]
    if any(len(name) > _CELL_LIMIT or len(note) > _CELL_LIMIT for name, _, note in rows):
        return _stacked([(name, [size, note]) for name, size, note in rows], s)
    data = [[Paragraph(pdf.esc(words[key]), s["label"]) for key in _FILE_COLUMNS]]
    data.extend([Paragraph(pdf.esc(value), s["cell"]) for value in row] for row in rows)
    table = Table(
        data,
        colWidths=[64 * mm, 42 * mm, None],
        repeatRows=1,
        splitInRow=1,
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return [table]


_FILE_COLUMNS = ("file_name", "file_size", "file_note")


# A table wraps every cell of what is left of it again on each page it runs over, and cuts a
# word without spaces a character at a time: past this many characters in one cell, the
# table gives way to a list of label and value paragraphs, which costs the same at any size.
_CELL_LIMIT = 1000


def _stacked(rows: list[tuple[str, list[str]]], s: dict[str, ParagraphStyle]) -> list:
    out: list = []
    for label, values in rows:
        out.extend(Paragraph(pdf.esc(piece), s["label"]) for piece in pdf.pieces(label))
        for value in values:
            out.extend(Paragraph(pdf.esc(piece), s["cell"]) for piece in pdf.pieces(value))
        out.append(Spacer(0, 4))
    return out


def _message(entry) -> tuple[str, date, str, bool, Sequence[str]]:
    sender, sent_on, text, *rest = entry
    is_feedback = bool(rest[0]) if rest else False
    file_names = tuple(rest[1]) if len(rest) > 1 else ()
    return sender, sent_on, text, is_feedback, file_names


def _paragraphs(text: str | None, s: dict[str, ParagraphStyle], words: dict[str, str]) -> list:
    """One Paragraph per line of `text`; blank lines become space, and nothing is markup."""
    body = s["body"]
    out: list = []
    gap = False
    for line in pdf.clean(text or "").split("\n"):
        if not line.strip():
            gap = bool(out)
            continue
        if gap:
            out.append(Spacer(0, body.leading * 0.5))
            gap = False
        # ReportLab wraps what is left of a paragraph again on every page it runs over, so a
        # line of 400,000 characters would take most of a minute: it is set as pieces of a
        # few thousand characters, cut at a space, with no gap between them.
        pieces = pdf.pieces(line)
        out.extend(Paragraph(pdf.esc(piece), s["joined"]) for piece in pieces[:-1])
        out.append(Paragraph(pdf.esc(pieces[-1]), body))
    if not out:
        out.append(Paragraph(pdf.esc(words["empty"]), s["muted"]))
    return out


def _size(size: int, words: dict[str, str]) -> str:
    """ "1,2 MB (1 234 567 byte)" in Swedish, "1.2 MB (1,234,567 bytes)" in English."""
    size = max(int(size), 0)
    swedish = words is HEADINGS["sv"]
    exact = f"{size:,}".replace(",", "\u00a0" if swedish else ",")
    if size < 1000:
        return f"{exact} {words['bytes']}"
    value = float(size)
    for unit in ("kB", "MB", "GB", "TB"):  # noqa: B007 - the unit reached is the one shown
        value /= 1000
        if value < 1000:
            break
    shown = f"{value:.1f}".replace(".", "," if swedish else ".")
    return f"{shown} {unit} ({exact} {words['bytes']})"
