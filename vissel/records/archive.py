"""A case as a PDF for the organisation's archive: the report, its files, the thread, the
decisions and the final report, as real (extractable) text on numbered A4 pages.

`case_archive_pdf` is a pure function of an `ArchiveDocument`: plain data in, bytes out, no
database and no Django. The same document gives the same bytes (ReportLab's invariant mode).
The file says nothing about the case outside its pages: the Info dictionary's title, author,
subject, keywords, creator and producer are empty, both of its dates are the produced-on day
at midnight (no time of day, no zone), there is no XMP stream, and the file identifier is
ReportLab's fixed invariant one.

Every date is printed to the day only, even when a datetime is passed. User text is escaped
(it is never read as markup), control and bidirectional-override characters are shown as
`[U+XXXX]` rather than acted on, and lone surrogates become U+FFFD. Right-to-left scripts are
printed in logical order without shaping; DejaVu Sans (Debian's fonts-dejavu-core) covers
Latin, Greek, Cyrillic, Hebrew and basic Arabic, and ReportLab's own Vera stands in where
DejaVu is missing (Latin-1 only).

The fixed headings are in `HEADINGS`, Swedish and English, kept here rather than in the
gettext catalogue so that an archive's language is the document's, not the request's.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

__all__ = [
    "HEADINGS",
    "ArchiveDecision",
    "ArchiveDocument",
    "ArchiveFile",
    "ArchiveMessage",
    "case_archive_pdf",
]

HEADINGS: dict[str, dict[str, str]] = {
    "sv": {
        "title": "Arkivexport av ärende",
        "organisation": "Organisation",
        "case": "Ärende",
        "category": "Kategori",
        "status": "Status",
        "received": "Mottaget",
        "closed": "Avslutat",
        "not_closed": "Inte avslutat",
        "relationship": "Anmälarens relation till organisationen",
        "anonymity": "Anonymitet",
        "produced": "Framställd",
        "produced_by": "{date} av {name}",
        "report": "Rapport",
        "files": "Filer",
        "file_name": "Namn",
        "file_size": "Storlek",
        "file_note": "Rensning av metadata",
        "no_files": "Inga filer.",
        "thread": "Meddelanden",
        "no_messages": "Inga meddelanden.",
        "feedback": "Återkoppling",
        "attachments": "Bifogade filer",
        "decisions": "Beslut",
        "no_decisions": "Inga beslut.",
        "decided_by": "av",
        "final_report": "Slutrapport",
        "recipient": "Mottagare",
        "no_final_report": "Ingen slutrapport.",
        "empty": "(tomt)",
        "page": "Sida {page} av {pages}",
        "bytes": "byte",
    },
    "en": {
        "title": "Case archive export",
        "organisation": "Organisation",
        "case": "Case",
        "category": "Category",
        "status": "Status",
        "received": "Received",
        "closed": "Closed",
        "not_closed": "Not closed",
        "relationship": "Reporter's relationship to the organisation",
        "anonymity": "Anonymity",
        "produced": "Produced",
        "produced_by": "{date} by {name}",
        "report": "Report",
        "files": "Files",
        "file_name": "Name",
        "file_size": "Size",
        "file_note": "Metadata cleaning",
        "no_files": "No files.",
        "thread": "Messages",
        "no_messages": "No messages.",
        "feedback": "Feedback",
        "attachments": "Attached files",
        "decisions": "Decisions",
        "no_decisions": "No decisions.",
        "decided_by": "by",
        "final_report": "Final report",
        "recipient": "Recipient",
        "no_final_report": "No final report.",
        "empty": "(empty)",
        "page": "Page {page} of {pages}",
        "bytes": "bytes",
    },
}


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
    styles = _styles()
    story = _story(document, words, styles)

    buffer = io.BytesIO()
    day = _day(document.produced_on)
    template = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=_MARGIN + 8 * mm,
        bottomMargin=_MARGIN + 6 * mm,
        # Empty, not ReportLab's "(anonymous)" and "(untitled)" defaults.
        title="",
        author="",
        subject="",
        creator="",
        producer="",
        keywords=[],
        invariant=1,
        lang=document.language,
        initialFontName=_fonts()[0],
    )
    frame = Frame(
        template.leftMargin,
        template.bottomMargin,
        template.width,
        template.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    chrome = _Chrome(
        left=_line(document.organisation),
        right=f"{words['case']} {_line(document.case_reference)}",
        page=words["page"],
        pdf_date=f"D:{day.year:04d}{day.month:02d}{day.day:02d}000000",
    )
    template.build(story, canvasmaker=functools.partial(_ArchiveCanvas, chrome=chrome))
    return buffer.getvalue()


# --- the story --------------------------------------------------------------------------

_MARGIN = 20 * mm


def _story(doc: ArchiveDocument, words: dict[str, str], s: dict[str, ParagraphStyle]) -> list:
    story: list = [
        Paragraph(_esc(words["title"]), s["title"]),
        _facts(doc, words, s),
        Paragraph(_esc(words["report"]), s["h1"]),
    ]

    if not doc.report_fields:
        story.append(Paragraph(_esc(words["empty"]), s["muted"]))
    for label, text in doc.report_fields:
        story.append(Paragraph(_esc(_line(label)), s["h2"]))
        story.extend(_paragraphs(text, s, words))

    story.append(Paragraph(_esc(words["files"]), s["h1"]))
    story.append(_files(doc.files, words, s))

    story.append(Paragraph(_esc(words["thread"]), s["h1"]))
    if not doc.thread:
        story.append(Paragraph(_esc(words["no_messages"]), s["muted"]))
    for number, entry in enumerate(doc.thread):
        sender, sent_on, text, is_feedback, file_names = _message(entry)
        if number:
            story.append(HRFlowable(width="100%", thickness=0.4, color=colors.grey))
        heading = f"{_day(sent_on).isoformat()} · {_line(sender)}"
        if is_feedback:
            heading += f" · {words['feedback']}"
        story.append(Paragraph(_esc(heading), s["h3"]))
        story.extend(_paragraphs(text, s, words))
        if file_names:
            names = ", ".join(_line(name) for name in file_names)
            story.append(Paragraph(_esc(f"{words['attachments']}: {names}"), s["small"]))

    story.append(Paragraph(_esc(words["decisions"]), s["h1"]))
    if not doc.decisions:
        story.append(Paragraph(_esc(words["no_decisions"]), s["muted"]))
    for decided_on, label, reason, decided_by in doc.decisions:
        heading = (
            f"{_day(decided_on).isoformat()} · {_line(label)} · "
            f"{words['decided_by']} {_line(decided_by)}"
        )
        story.append(Paragraph(_esc(heading), s["h3"]))
        story.extend(_paragraphs(reason, s, words))

    story.append(Paragraph(_esc(words["final_report"]), s["h1"]))
    if doc.final_report is None:
        story.append(Paragraph(_esc(words["no_final_report"]), s["muted"]))
    else:
        if doc.final_report_recipient:
            recipient = f"{words['recipient']}: {_line(doc.final_report_recipient)}"
            story.append(Paragraph(_esc(recipient), s["h3"]))
        story.extend(_paragraphs(doc.final_report, s, words))
    return story


def _facts(doc: ArchiveDocument, words: dict[str, str], s: dict[str, ParagraphStyle]) -> Table:
    closed = _day(doc.closed_on).isoformat() if doc.closed_on else words["not_closed"]
    produced = words["produced_by"].format(
        date=_day(doc.produced_on).isoformat(), name=_line(doc.produced_by)
    )
    rows = [
        (words["organisation"], doc.organisation),
        (words["case"], doc.case_reference),
        (words["category"], doc.category),
        (words["status"], doc.status),
        (words["received"], _day(doc.received_on).isoformat()),
        (words["closed"], closed),
        (words["relationship"], doc.reporter_relationship),
        (words["anonymity"], doc.reporter_anonymity),
        (words["produced"], produced),
    ]
    data = [
        [Paragraph(_esc(label), s["label"]), Paragraph(_esc(_line(value)), s["cell"])]
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
    return table


def _files(files, words: dict[str, str], s: dict[str, ParagraphStyle]):
    if not files:
        return Paragraph(_esc(words["no_files"]), s["muted"])
    data = [[Paragraph(_esc(words[key]), s["label"]) for key in _FILE_COLUMNS]]
    for name, size, note in files:
        data.append(
            [
                Paragraph(_esc(_line(name)), s["cell"]),
                Paragraph(_esc(_size(size, words)), s["cell"]),
                Paragraph(_esc(_line(note)), s["cell"]),
            ]
        )
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
    return table


_FILE_COLUMNS = ("file_name", "file_size", "file_note")


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
    for line in _clean(text or "").split("\n"):
        if not line.strip():
            gap = bool(out)
            continue
        if gap:
            out.append(Spacer(0, body.leading * 0.5))
            gap = False
        # ReportLab wraps what is left of a paragraph again on every page it runs over, so a
        # line of 400,000 characters would take most of a minute: it is set as pieces of a
        # few thousand characters, cut at a space, with no gap between them.
        pieces = _pieces(line)
        out.extend(Paragraph(_esc(piece), s["joined"]) for piece in pieces[:-1])
        out.append(Paragraph(_esc(pieces[-1]), body))
    if not out:
        out.append(Paragraph(_esc(words["empty"]), s["muted"]))
    return out


_PIECE = 4000


def _pieces(line: str) -> list[str]:
    if len(line) <= _PIECE:
        return [line]
    pieces = []
    while len(line) > _PIECE:
        cut = line.rfind(" ", _PIECE // 2, _PIECE)
        cut = _PIECE if cut < 0 else cut + 1
        pieces.append(line[:cut])
        line = line[cut:]
    pieces.append(line)
    return pieces


# --- text ------------------------------------------------------------------------------

# C0 and C1 controls (tab and newline apart), the bidirectional embeddings, overrides,
# isolates and marks (which could reorder what a reader sees, as in a file name
# "invoice\u202efdp.exe"), and lone surrogates (which no PDF string can hold).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029]")


def _show(match: re.Match) -> str:
    code = ord(match.group())
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return f"[U+{code:04X}]"


def _clean(text: str) -> str:
    text = _LINE_BREAKS.sub("\n", str(text))
    return _UNSAFE.sub(_show, text).replace("\t", "    ")


def _line(text) -> str:
    """A label or value printed on one line: its line breaks become spaces."""
    return " ".join(_clean("" if text is None else text).split("\n"))


def _esc(text: str) -> str:
    return escape(text)


def _day(value: date) -> date:
    """The day of `value`: a datetime loses its time of day."""
    return date(value.year, value.month, value.day)


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


# --- fonts and styles -------------------------------------------------------------------

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_VERA = Path(reportlab.__file__).parent / "fonts"
_REGULAR = "VisselArchiveSans"
_BOLD = "VisselArchiveSans-Bold"


@functools.cache
def _fonts() -> tuple[str, str]:
    regular, bold = _DEJAVU / "DejaVuSans.ttf", _DEJAVU / "DejaVuSans-Bold.ttf"
    if not (regular.is_file() and bold.is_file()):
        regular, bold = _VERA / "Vera.ttf", _VERA / "VeraBd.ttf"
    pdfmetrics.registerFont(TTFont(_REGULAR, str(regular)))
    pdfmetrics.registerFont(TTFont(_BOLD, str(bold)))
    return _REGULAR, _BOLD


@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = _fonts()
    body = ParagraphStyle(
        "body",
        fontName=regular,
        fontSize=10,
        leading=13.5,
        spaceAfter=3,
        splitLongWords=1,
        allowWidows=0,
        allowOrphans=0,
    )
    return {
        "body": body,
        "joined": ParagraphStyle("joined", parent=body, spaceAfter=0),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=12, spaceAfter=0),
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11),
        "muted": ParagraphStyle("muted", parent=body, textColor=colors.dimgrey),
        "label": ParagraphStyle(
            "label", parent=body, fontName=bold, fontSize=9, leading=12, spaceAfter=0
        ),
        "title": ParagraphStyle(
            "title", parent=body, fontName=bold, fontSize=17, leading=21, spaceAfter=10
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName=bold,
            fontSize=13,
            leading=16,
            spaceBefore=14,
            spaceAfter=6,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=bold,
            fontSize=10.5,
            leading=13.5,
            spaceBefore=6,
            spaceAfter=2,
            keepWithNext=1,
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=body,
            fontName=bold,
            fontSize=9.5,
            leading=12.5,
            spaceBefore=6,
            spaceAfter=2,
            keepWithNext=1,
        ),
    }


# --- the page around the story ----------------------------------------------------------


@dataclass(frozen=True)
class _Chrome:
    left: str  # the organisation
    right: str  # "Ärende 12345678"
    page: str  # "Sida {page} av {pages}"
    pdf_date: str  # "D:20260315000000"


class _ArchiveCanvas(Canvas):
    """Holds every page back until the end, so that each can say "page 2 of 5"; puts the
    case reference on every page; dates the file to the day."""

    def __init__(self, *args, chrome: _Chrome, **kwargs):
        super().__init__(*args, **kwargs)
        self._chrome = chrome
        self._held: list[dict] = []
        self.setDateFormatter(lambda *_: chrome.pdf_date)

    def showPage(self):
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._held)
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            self._draw_chrome(number, total)
            super().showPage()
        super().save()

    def _draw_chrome(self, number: int, total: int):
        regular, bold = _fonts()
        width, height = self._pagesize
        top = height - _MARGIN
        self.saveState()
        self.setFillColor(colors.black)
        self.setFont(bold, 9)
        right_width = pdfmetrics.stringWidth(self._chrome.right, bold, 9)
        self.drawRightString(width - _MARGIN, top, self._chrome.right)
        self.setFont(regular, 9)
        room = width - 2 * _MARGIN - right_width - 6 * mm
        self.drawString(_MARGIN, top, _fit(self._chrome.left, regular, 9, room))
        self.setStrokeColor(colors.grey)
        self.setLineWidth(0.4)
        self.line(_MARGIN, top - 2.5 * mm, width - _MARGIN, top - 2.5 * mm)
        self.setFont(regular, 8)
        self.drawCentredString(
            width / 2, _MARGIN, self._chrome.page.format(page=number, pages=total)
        )
        self.restoreState()


def _fit(text: str, font: str, size: float, room: float) -> str:
    text = text[:400]
    if pdfmetrics.stringWidth(text, font, size) <= room:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text + "…"
