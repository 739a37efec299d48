"""Bar charts for the statistics page, as inline SVG text.

The page embeds the SVG as it is (`{{ svg|safe }}`), so every label is escaped here, and
its Content-Security-Policy allows no inline style: the drawing uses presentation
attributes only, with no style, no script and no external reference. The numbers are
also in a table beside it; the chart carries its title as its accessible name.

A suppressed bar ("fewer than 5") is drawn as a small empty outline of fixed width, so
that its length says nothing about the hidden count."""

import html
import re
from collections.abc import Sequence

WIDTH = 320  # view-box units; one unit is one CSS pixel on a 320 px wide phone
MARGIN = 8
BAR_START = MARGIN
BAR_SPACE = 220  # the longest shown bar; the rest of the row is for its value
BAR_HEIGHT = 18
ROW_HEIGHT = 46  # a label line, then the bar
LABEL_SIZE = 14
VALUE_SIZE = 13
SUPPRESSED_WIDTH = 24
LONGEST_LABEL = 38  # characters; the table beside the chart has the label in full

TEXT_COLOUR = "#1a1a1a"  # 17.4:1 against white
BAR_COLOUR = "#1f4e79"  # 8.7:1 against white

# Characters XML 1.0 (or UTF-8) does not allow; one in a label would break the page.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def bar_chart_svg(
    title: str,
    bars: Sequence[tuple[str, int | str | None]],
    *,
    suppressed_text: str,
    chart_id: str,
) -> str:
    """A horizontal bar chart, one row per (label, value); a value of None is
    suppressed and shown as `suppressed_text`, a text value is suppressed and shown as
    itself. Bars are scaled to the largest shown value. Same input, same text."""
    largest = max((value for _, value in bars if isinstance(value, int)), default=0)
    height = MARGIN + ROW_HEIGHT * len(bars)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img"'
        f' aria-labelledby="{_escape(chart_id)}-title" width="100%"'
        f' viewBox="0 0 {WIDTH} {height}" preserveAspectRatio="xMinYMin meet"'
        f' focusable="false" class="bar-chart">',
        f'<title id="{_escape(chart_id)}-title">{_escape(title)}</title>',
    ]
    for row, (label, value) in enumerate(bars):
        top = MARGIN + ROW_HEIGHT * row
        parts.append(_label(label, top))
        parts.extend(_bar(value, largest, top + LABEL_SIZE + 8, suppressed_text))
    parts.append("</svg>")
    return "\n".join(parts)


def _label(label: str, top: int) -> str:
    if len(label) > LONGEST_LABEL:
        label = label[: LONGEST_LABEL - 1].rstrip() + "…"
    return (
        f'<text x="{MARGIN}" y="{top + LABEL_SIZE}" font-size="{LABEL_SIZE}"'
        f' fill="{TEXT_COLOUR}" class="bar-label">{_escape(label)}</text>'
    )


def _bar(value: int | str | None, largest: int, top: int, suppressed_text: str) -> list[str]:
    if not isinstance(value, int):
        width, shown = SUPPRESSED_WIDTH, suppressed_text if value is None else value
        paint = f'fill="none" stroke="{BAR_COLOUR}" stroke-width="1.5" stroke-dasharray="4 3"'
        kind = "bar bar-suppressed"
    else:
        width, shown = (BAR_SPACE * value / largest if largest else 0), str(value)
        paint, kind = f'fill="{BAR_COLOUR}"', "bar"
    rect = (
        f'<rect x="{BAR_START}" y="{top}" width="{_number(width)}" height="{BAR_HEIGHT}"'
        f' {paint} class="{kind}"/>'
    )
    text = (
        f'<text x="{_number(BAR_START + width + 6)}" y="{top + BAR_HEIGHT - 4}"'
        f' font-size="{VALUE_SIZE}" fill="{TEXT_COLOUR}" class="bar-value">'
        f"{_escape(shown)}</text>"
    )
    return [rect, text]


def _number(x: float) -> str:
    """Two decimals at most, and no trailing zeros: 110, 73.33."""
    return f"{x:.2f}".rstrip("0").rstrip(".")


def _escape(text: str) -> str:
    return html.escape(_NOT_XML.sub("", text), quote=True)
