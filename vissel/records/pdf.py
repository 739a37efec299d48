"""What every PDF of a case shares: the page (numbered A4, empty metadata, invariant
bytes), headings that never stand alone at the foot of a page, and the cleaning of user
text. User text is escaped (never read as markup); a control or bidirectional-override
character, a character the font has no glyph for, or one beyond U+FFFF is shown as
"[U+XXXX]" instead (it would act, print as an empty box, or leave no text layer), and a
lone surrogate becomes U+FFFD. Used by the archive export, the released (redacted) copy
and the half-year summary."""

from __future__ import annotations

import functools
import io
import re
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Frame, PageTemplate, Paragraph
from reportlab.platypus.flowables import HRFlowable

from vissel.records.archive_page import LINE, MARGIN, ArchiveCanvas, Chrome, fonts

# Shown as "[U+XXXX]" rather than acted on: C0 and C1 controls (tab and newline apart), and
# the bidirectional embeddings, overrides, isolates and marks, which could reorder what a
# reader sees (a file name "invoice\u202efdp.exe" would read "invoiceexe.pdf").
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029]")


@functools.cache
def not_shown() -> re.Pattern:
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


def show(match: re.Match) -> str:
    code = ord(match.group())
    if 0xD800 <= code <= 0xDFFF:  # a lone surrogate: no character at all
        return "\ufffd"
    return f"[U+{code:04X}]"


def clean(text: str) -> str:
    text = _LINE_BREAKS.sub("\n", str(text)).replace("\t", "    ")
    return not_shown().sub(show, text)


def line(text) -> str:
    """A label or value printed on one line: its line breaks become spaces."""
    return " ".join(clean("" if text is None else text).split("\n"))


def esc(text: str) -> str:
    return escape(text)


def day(value: date) -> date:
    """The day of `value`: a datetime loses its time of day."""
    return date(value.year, value.month, value.day)


_PIECE = 4000


def pieces(line: str) -> list[str]:
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


def heading(text: str, style: ParagraphStyle, rule: bool = False) -> list:
    """A heading that starts a new page rather than stand at the foot of one: it needs room
    for itself and a few lines below it (a section's, for its first subheading too).
    ReportLab's keepWithNext would keep it with the whole of the next paragraph, and move a
    page-long message to the next page entire."""
    lines = 7 if style.name == "h1" else 4  # a section's heading needs room for the next
    room = style.spaceBefore + style.leading + style.spaceAfter + lines * LINE
    out: list = [CondPageBreak(room)]
    if rule:
        out.append(HRFlowable(width="100%", thickness=0.4, color=colors.grey, spaceBefore=2))
    out.append(Paragraph(esc(text), style))
    return out


def render(
    story: list,
    *,
    language: str,
    produced_on: date,
    organisation: str,
    header: str,
    page_words: str,
) -> bytes:
    """The story on numbered A4 pages, as bytes: `header` (the case's reference) and the
    organisation on every page, "Sida n av N" from `page_words`. The Info dictionary is
    empty, there is no XMP, both dates are `produced_on` at midnight, and the same story
    gives the same bytes (ReportLab's invariant mode)."""
    buffer = io.BytesIO()
    produced = day(produced_on)
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
        lang=language,
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
        organisation=line(organisation),
        case=header,
        page=page_words,
        pdf_date=f"D:{produced.year:04d}{produced.month:02d}{produced.day:02d}000000",
    )
    template.build(story, canvasmaker=functools.partial(ArchiveCanvas, chrome=chrome))
    return buffer.getvalue()
