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

import functools
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from vissel.records.archive_headings import HEADINGS
from vissel.records.archive_page import LINE, MARGIN, ArchiveCanvas, Chrome, fonts, styles

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

    buffer = io.BytesIO()
    day = _day(document.produced_on)
    template = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 8 * mm,
        bottomMargin=MARGIN + 6 * mm,
        # Empty, not ReportLab's "(anonymous)" and "(untitled)" defaults.
        title="",
        author="",
        subject="",
        creator="",
        producer="",
        keywords=[],
        invariant=1,
        lang=document.language,
        initialFontName=fonts()[0],
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
    chrome = Chrome(
        organisation=_line(document.organisation),
        case=f"{words['case']} {_line(document.case_reference)}",
        page=words["page"],
        pdf_date=f"D:{day.year:04d}{day.month:02d}{day.day:02d}000000",
    )
    template.build(story, canvasmaker=functools.partial(ArchiveCanvas, chrome=chrome))
    return buffer.getvalue()


# --- the story --------------------------------------------------------------------------


def _story(doc: ArchiveDocument, words: dict[str, str], s: dict[str, ParagraphStyle]) -> list:
    story: list = [
        Paragraph(_esc(words["title"]), s["title"]),
        *_facts(doc, words, s),
        *_heading(words["report"], s["h1"]),
    ]

    if not doc.report_fields:
        story.append(Paragraph(_esc(words["empty"]), s["muted"]))
    for label, text in doc.report_fields:
        story.extend(_heading(_line(label), s["h2"]))
        story.extend(_paragraphs(text, s, words))

    story.extend(_heading(words["files"], s["h1"]))
    story.extend(_files(doc.files, words, s))

    story.extend(_heading(words["thread"], s["h1"]))
    if not doc.thread:
        story.append(Paragraph(_esc(words["no_messages"]), s["muted"]))
    for number, entry in enumerate(doc.thread):
        sender, sent_on, text, is_feedback, file_names = _message(entry)
        heading = f"{_day(sent_on).isoformat()} · {_line(sender)}"
        if is_feedback:
            heading += f" · {words['feedback']}"
        story.extend(_heading(heading, s["h3"], rule=number > 0))
        story.extend(_paragraphs(text, s, words))
        if file_names:
            names = ", ".join(_line(name) for name in file_names)
            attached = _pieces(f"{words['attachments']}: {names}")
            story.extend(Paragraph(_esc(piece), s["small"]) for piece in attached)

    story.extend(_heading(words["decisions"], s["h1"]))
    if not doc.decisions:
        story.append(Paragraph(_esc(words["no_decisions"]), s["muted"]))
    for decided_on, label, reason, decided_by in doc.decisions:
        heading = (
            f"{_day(decided_on).isoformat()} · {_line(label)} · "
            f"{words['decided_by']} {_line(decided_by)}"
        )
        story.extend(_heading(heading, s["h3"]))
        story.extend(_paragraphs(reason, s, words))

    story.extend(_heading(words["final_report"], s["h1"]))
    if doc.final_report is None:
        story.append(Paragraph(_esc(words["no_final_report"]), s["muted"]))
    else:
        if doc.final_report_recipient:
            recipient = f"{words['recipient']}: {_line(doc.final_report_recipient)}"
            story.extend(_heading(recipient, s["h3"]))
        story.extend(_paragraphs(doc.final_report, s, words))
    return story


def _facts(doc: ArchiveDocument, words: dict[str, str], s: dict[str, ParagraphStyle]) -> list:
    closed = _day(doc.closed_on).isoformat() if doc.closed_on else words["not_closed"]
    produced = words["produced_by"].format(
        date=_day(doc.produced_on).isoformat(), name=_line(doc.produced_by)
    )
    rows = [
        (words["organisation"], _line(doc.organisation)),
        (words["case"], _line(doc.case_reference)),
        (words["category"], _line(doc.category)),
        (words["status"], _line(doc.status)),
        (words["received"], _day(doc.received_on).isoformat()),
        (words["closed"], closed),
        (words["relationship"], _line(doc.reporter_relationship)),
        (words["anonymity"], _line(doc.reporter_anonymity)),
        (words["produced"], produced),
    ]
    if any(len(value) > _CELL_LIMIT for _, value in rows):
        return _stacked([(label, [value]) for label, value in rows], s)
    data = [
        [Paragraph(_esc(label), s["label"]), Paragraph(_esc(value), s["cell"])]
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
        return [Paragraph(_esc(words["no_files"]), s["muted"])]
    rows = [(_line(name), _size(size, words), _line(note)) for name, size, note in files]
    if any(len(name) > _CELL_LIMIT or len(note) > _CELL_LIMIT for name, _, note in rows):
        return _stacked([(name, [size, note]) for name, size, note in rows], s)
    data = [[Paragraph(_esc(words[key]), s["label"]) for key in _FILE_COLUMNS]]
    data.extend([Paragraph(_esc(value), s["cell"]) for value in row] for row in rows)
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


def _heading(text: str, style: ParagraphStyle, rule: bool = False) -> list:
    """A heading that starts a new page rather than stand at the foot of one: it needs room
    for itself and a few lines below it (a section's, for its first subheading too).
    ReportLab's keepWithNext would keep it with the whole of the next paragraph, and move a
    page-long message to the next page entire."""
    lines = 7 if style.name == "h1" else 4  # a section's heading needs room for the next
    room = style.spaceBefore + style.leading + style.spaceAfter + lines * LINE
    out: list = [CondPageBreak(room)]
    if rule:
        out.append(HRFlowable(width="100%", thickness=0.4, color=colors.grey, spaceBefore=2))
    out.append(Paragraph(_esc(text), style))
    return out


# A table wraps every cell of what is left of it again on each page it runs over, and cuts a
# word without spaces a character at a time: past this many characters in one cell, the
# table gives way to a list of label and value paragraphs, which costs the same at any size.
_CELL_LIMIT = 1000


def _stacked(rows: list[tuple[str, list[str]]], s: dict[str, ParagraphStyle]) -> list:
    out: list = []
    for label, values in rows:
        out.extend(Paragraph(_esc(piece), s["label"]) for piece in _pieces(label))
        for value in values:
            out.extend(Paragraph(_esc(piece), s["cell"]) for piece in _pieces(value))
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

# Shown as "[U+XXXX]" rather than acted on: C0 and C1 controls (tab and newline apart), and
# the bidirectional embeddings, overrides, isolates and marks, which could reorder what a
# reader sees (a file name "invoice\u202efdp.exe" would read "invoiceexe.pdf").
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029]")


@functools.cache
def _not_shown() -> re.Pattern:
    """Any character that is unsafe (above), that the regular or the bold font has no glyph
    for (it would print as an empty box and vanish from the text layer), or that lies beyond
    U+FFFF (ReportLab writes no text layer for those): these are shown as "[U+XXXX]"."""
    regular, bold = (pdfmetrics.getFont(name).face.charToGlyph for name in fonts())
    covered = sorted(
        code
        for code in set(regular) & set(bold)
        if code <= 0xFFFF and not 0xD800 <= code <= 0xDFFF and not _UNSAFE.match(chr(code))
    )
    covered.append(ord("\n"))
    ranges: list[list[int]] = []
    for code in sorted(covered):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    allowed = "".join(
        re.escape(chr(low)) + ("-" + re.escape(chr(high)) if high > low else "")
        for low, high in ranges
    )
    return re.compile(f"[^{allowed}]")


def _show(match: re.Match) -> str:
    code = ord(match.group())
    if 0xD800 <= code <= 0xDFFF:  # a lone surrogate: no character at all
        return "\ufffd"
    return f"[U+{code:04X}]"


def _clean(text: str) -> str:
    text = _LINE_BREAKS.sub("\n", str(text)).replace("\t", "    ")
    return _not_shown().sub(_show, text)


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
