"""Masking for a released copy: a report is a public document, released on request after a
secrecy review, and what the review finds secret must be absent from the copy, not hidden
under a box. So `redact` drops the masked characters entirely: a masked `Segment` carries
the legal basis shown in its place and nothing of what it replaced, not even its length.

A mark masks exactly its characters and no more: it does not grow to a whole word, so a
mark over "Ek" in "Eklund" leaves "lund" open. The caller chooses whole words (the reader
marks them, or a phrase is a whole name).

`marks_for_phrase` finds a phrase wherever it occurs, overlapping occurrences too, in any
letter case and with any whitespace between its words (a name broken over a line). Letter
case is compared a character at a time, as `re.IGNORECASE` does, so every offset refers to
the original text even after a character whose case folding is longer ("İ", "ß"); the
price is that "ß" does not match "SS". Pure: plain data in, plain data out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "OTHERS_IDENTITY",
    "REPORTER_IDENTITY",
    "Mark",
    "Segment",
    "marks_for_phrase",
    "redact",
    "whole_text_mark",
    "whole_words",
]

# The grounds a reader chooses most (any other is typed in).
REPORTER_IDENTITY = "OSL 32 kap. 3 b §"
OTHERS_IDENTITY = "OSL 17 kap. 3 b §"


@dataclass(frozen=True)
class Mark:
    """Characters `start` to `end` (exclusive) of a text are secret under `basis`."""

    start: int
    end: int
    basis: str  # as shown in the gap, e.g. "OSL 32 kap. 3 b §"

    def __post_init__(self):
        if not self.basis.strip():
            raise ValueError("a mark needs a legal basis")


@dataclass(frozen=True)
class Segment:
    """Open text (`basis` None), or a gap: `text` empty and `basis` the legal basis."""

    text: str
    basis: str | None

    def __post_init__(self):
        if self.basis is not None and (self.text or not self.basis.strip()):
            raise ValueError("a gap carries a legal basis and no text")


def redact(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """`text` as open segments and gaps, in order. Marks are clipped to the text; empty ones
    are ignored; overlapping or touching ones become one gap, whose basis lists theirs in
    the order the marks start in the text (ties: the order given), each once, joined by
    "; ". Next to each other, open text is one segment, and so is a gap."""
    spans: list[tuple[int, int, list[str]]] = []
    clipped = ((max(0, m.start), min(len(text), m.end), m.basis) for m in marks)
    for start, end, basis in sorted((m for m in clipped if m[0] < m[1]), key=lambda m: m[0]):
        if spans and start <= spans[-1][1]:
            first, last, bases = spans[-1]
            if basis not in bases:
                bases.append(basis)
            spans[-1] = (first, max(last, end), bases)
        else:
            spans.append((start, end, [basis]))

    segments: list[Segment] = []
    position = 0
    for start, end, bases in spans:
        if start > position:
            segments.append(Segment(text[position:start], None))
        segments.append(Segment("", "; ".join(bases)))
        position = end
    if position < len(text):
        segments.append(Segment(text[position:], None))
    return segments


def marks_for_phrase(text: str, phrase: str, basis: str) -> list[Mark]:
    """A mark over every occurrence of `phrase` in `text`, overlapping ones too, in any
    letter case and with any run of whitespace where the phrase has whitespace. A blank
    phrase marks nothing."""
    words = phrase.split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(map(re.escape, words)), re.IGNORECASE)
    marks = []
    position = 0
    while (found := pattern.search(text, position)) is not None:
        marks.append(Mark(found.start(), found.end(), basis))
        position = found.start() + 1
    return marks


def whole_text_mark(text: str, basis: str) -> Mark:
    """A mark over all of `text`: the whole passage is secret."""
    return Mark(0, len(text), basis)


def whole_words(text: str, marks: Iterable[Mark]) -> list[Mark]:
    """Each mark grown to the whole words it touches: a phrase found inside a word ("Ek"
    in "Eklund") masks all of that word, never leaving part of a name to read."""
    grown = []
    for mark in marks:
        start, end = max(0, mark.start), min(len(text), mark.end)
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        while end < len(text) and text[end].isalnum():
            end += 1
        grown.append(Mark(start, end, mark.basis))
    return grown
