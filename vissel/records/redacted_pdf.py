"""The released copy of a case's texts: what a member of the public receives on request
after a secrecy review. A masked passage must be absent from the file, not covered: only
its `Segment` reaches this module, which carries the legal basis and no text, so the words
cannot be in the text layer, in a content stream, or in the embedded font subset. Each
gap is printed in place as "[Sekretess: <basis>]", bold on grey.

It is built like the archive PDF, with the archive's own page, fonts, styles and text
cleaning, so that what holds for the archive holds here: user text is escaped and never
read as markup; a control or bidirectional-override character is shown as `[U+XXXX]`
rather than acted on; the Info dictionary is empty, there is no XMP, the file's dates are
the produced-on day at midnight, and the same document gives the same bytes.

The fixed words are in `WORDS`, Swedish and English: the copy's language is the
document's, not the request's. Pure: plain data in, bytes out, no database and no Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Spacer

from vissel.records import pdf
from vissel.records.archive_page import fonts, styles
from vissel.records.redaction import Segment

__all__ = ["WORDS", "RedactedDocument", "RedactedSection", "redacted_copy_pdf"]

WORDS: dict[str, dict[str, str]] = {
    "sv": {
        "title": "Utlämnad kopia — {register}",
        "masked": "Uppgifter har maskerats med stöd av offentlighets- och sekretesslagen.",
        "not_masked": "Inga uppgifter har maskerats.",
        "produced": "Framställd {date}",
        "gap": "[Sekretess: {basis}]",
        "empty": "(tomt)",
        "page": "Sida {page} av {pages}",
    },
    "en": {
        "title": "Released copy — {register}",
        "masked": (
            "Information has been masked under the Public Access to Information and Secrecy Act."
        ),
        "not_masked": "No information has been masked.",
        "produced": "Produced {date}",
        "gap": "[Secret: {basis}]",
        "empty": "(empty)",
        "page": "Page {page} of {pages}",
    },
}

_GAP_COLOUR = "#d9d9d9"


@dataclass(frozen=True)
class RedactedSection:
    heading: str  # a fixed label, e.g. "What happened": a heading is never masked
    segments: Sequence[Segment]


@dataclass(frozen=True)
class RedactedDocument:
    organisation: str
    register_number: str  # e.g. "VB 2026/0001", never the reporter's case number
    produced_on: date  # printed to the day; also the file's two dates
    language: str  # "sv" or "en": the fixed words only
    sections: Sequence[RedactedSection]

    def __post_init__(self):
        if self.language not in WORDS:
            raise ValueError(f"language must be one of {sorted(WORDS)}")


def redacted_copy_pdf(document: RedactedDocument) -> bytes:
    """The released copy of `document`, as bytes."""
    words = WORDS[document.language]
    return pdf.render(
        _story(document, words, styles()),
        language=document.language,
        produced_on=document.produced_on,
        organisation=document.organisation,
        header=pdf.line(document.register_number),
        page_words=words["page"],
    )


def _story(doc: RedactedDocument, words: dict[str, str], s: dict[str, ParagraphStyle]) -> list:
    masked = any(seg.basis is not None for section in doc.sections for seg in section.segments)
    title = words["title"].format(register=pdf.line(doc.register_number))
    story: list = [
        Paragraph(pdf.esc(title), s["title"]),
        Paragraph(pdf.esc(words["masked" if masked else "not_masked"]), s["body"]),
        Paragraph(
            pdf.esc(words["produced"].format(date=pdf.day(doc.produced_on).isoformat())), s["muted"]
        ),
    ]
    for section in doc.sections:
        story.extend(pdf.heading(pdf.line(section.heading), s["h2"]))
        story.extend(_body(section.segments, words, s))
    return story


def _body(segments: Sequence[Segment], words: dict[str, str], s: dict[str, ParagraphStyle]):
    """One paragraph per line of the open text, each gap set in its place; blank lines
    become space. A gap's text is never read: only its basis is printed."""
    lines: list[list[Segment]] = [[]]
    for segment in segments:
        if segment.basis is not None:
            lines[-1].append(Segment("", segment.basis))
            continue
        first, *rest = pdf.clean(segment.text).split("\n")
        lines[-1].append(Segment(first, None))
        lines.extend([Segment(part, None)] for part in rest)

    body = s["body"]
    out: list = []
    gap = False
    for line in lines:
        if all(seg.basis is None and not seg.text.strip() for seg in line):
            gap = bool(out)
            continue
        if gap:
            out.append(Spacer(0, body.leading * 0.5))
            gap = False
        # As in the archive, a very long line is set as pieces of a few thousand characters,
        # cut at a space, with no gap between them: ReportLab wraps what is left of a
        # paragraph again on every page it runs over.
        markup: list[str] = []
        for seg in line:
            if seg.basis is not None:
                markup.append(_gap(seg.basis, words))
                continue
            for number, piece in enumerate(pdf.pieces(seg.text)):
                if number and markup:
                    out.append(Paragraph("".join(markup), s["joined"]))
                    markup = []
                markup.append(pdf.esc(piece))
        out.append(Paragraph("".join(markup), body))
    if not out:
        out.append(Paragraph(pdf.esc(words["empty"]), s["muted"]))
    return out


def _gap(basis: str, words: dict[str, str]) -> str:
    bold = fonts()[1]
    shown = pdf.esc(words["gap"].format(basis=pdf.line(basis)))
    return f'<font name="{bold}" backColor="{_GAP_COLOUR}">{shown}</font>'
