"""The archive PDF's page: fonts (DejaVu Sans, or ReportLab's Vera), paragraph styles,
and the canvas that prints the case reference and "Sida n av N" on every page."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import reportlab
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

MARGIN = 20 * mm


# --- fonts and styles -------------------------------------------------------------------

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_VERA = Path(reportlab.__file__).parent / "fonts"
_REGULAR = "VisselArchiveSans"
_BOLD = "VisselArchiveSans-Bold"


@functools.cache
def fonts() -> tuple[str, str]:
    regular, bold = _DEJAVU / "DejaVuSans.ttf", _DEJAVU / "DejaVuSans-Bold.ttf"
    if not (regular.is_file() and bold.is_file()):
        regular, bold = _VERA / "Vera.ttf", _VERA / "VeraBd.ttf"
    pdfmetrics.registerFont(TTFont(_REGULAR, str(regular)))
    pdfmetrics.registerFont(TTFont(_BOLD, str(bold)))
    return _REGULAR, _BOLD


LINE = 13.5  # the leading of the body text


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    regular, bold = fonts()
    body = ParagraphStyle(
        "body",
        fontName=regular,
        fontSize=10,
        leading=LINE,
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
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=bold,
            fontSize=10.5,
            leading=13.5,
            spaceBefore=6,
            spaceAfter=2,
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=body,
            fontName=bold,
            fontSize=9.5,
            leading=12.5,
            spaceBefore=6,
            spaceAfter=2,
        ),
    }


# --- the page around the story ----------------------------------------------------------


_HEADER_SIZE = 9


@dataclass(frozen=True)
class Chrome:
    organisation: str  # at the top left of every page, cut to fit
    case: str  # "Ärende 12345678", at the top right of every page
    page: str  # "Sida {page} av {pages}", at the foot of every page
    pdf_date: str  # "D:20260315000000"

    def header(self, width: float) -> tuple[str, str]:
        regular, bold = fonts()
        case = fit(self.case, bold, _HEADER_SIZE, width * 0.6)
        room = width - pdfmetrics.stringWidth(case, bold, _HEADER_SIZE) - 6 * mm
        return fit(self.organisation, regular, _HEADER_SIZE, room), case


class ArchiveCanvas(Canvas):
    """Holds every page back until the end, so that each can say "page 2 of 5"; puts the
    case reference on every page; dates the file to the day."""

    def __init__(self, *args, chrome: Chrome, **kwargs):
        super().__init__(*args, **kwargs)
        self._chrome = chrome
        self._held: list[dict] = []
        self.setDateFormatter(lambda *_: chrome.pdf_date)

    def showPage(self):
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._held)
        organisation, case = self._chrome.header(self._pagesize[0] - 2 * MARGIN)
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            self._draw_chrome(organisation, case, number, total)
            super().showPage()
        super().save()

    def _draw_chrome(self, organisation: str, case: str, number: int, total: int):
        regular, bold = fonts()
        width, height = self._pagesize
        top = height - MARGIN
        self.saveState()
        self.setFillColor(colors.black)
        self.setFont(bold, _HEADER_SIZE)
        self.drawRightString(width - MARGIN, top, case)
        self.setFont(regular, _HEADER_SIZE)
        self.drawString(MARGIN, top, organisation)
        self.setStrokeColor(colors.grey)
        self.setLineWidth(0.4)
        self.line(MARGIN, top - 2.5 * mm, width - MARGIN, top - 2.5 * mm)
        self.setFont(regular, 8)
        self.drawCentredString(
            width / 2, MARGIN, self._chrome.page.format(page=number, pages=total)
        )
        self.restoreState()


def fit(text: str, font: str, size: float, room: float) -> str:
    """`text`, or the longest start of it that fits in `room` with an ellipsis."""
    if pdfmetrics.stringWidth(text, font, size) <= room:
        return text
    low, high = 0, min(len(text), 1000)
    while low < high:
        middle = (low + high + 1) // 2
        if pdfmetrics.stringWidth(text[:middle] + "…", font, size) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low] + "…"
