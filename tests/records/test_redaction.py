"""Masking for a released copy: a masked passage leaves nothing of itself but its legal
basis, marks that meet become one gap, and a phrase is found wherever a reader would see
it, whatever its letter case or line breaks, with offsets into the text as written."""

import random

import pytest

from vissel.records.redaction import Mark, Segment, marks_for_phrase, redact, whole_text_mark

A = "OSL 32 kap. 3 b §"
B = "OSL 21 kap. 1 §"


def spans(marks: list[Mark]) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in marks]


def test_a_mark_leaves_only_its_basis():
    text = "Chefen Åsa Öberg tog emot gåvor."
    assert redact(text, [Mark(7, 16, A)]) == [
        Segment("Chefen ", None),
        Segment("", A),
        Segment(" tog emot gåvor.", None),
    ]


def test_no_marks_give_the_text_whole_and_an_empty_text_gives_nothing():
    assert redact("Allt är öppet.", []) == [Segment("Allt är öppet.", None)]
    assert redact("", [Mark(0, 5, A)]) == []


def test_overlapping_and_touching_marks_become_one_gap():
    text = "0123456789"
    assert redact(text, [Mark(2, 5, A), Mark(4, 7, A)]) == [
        Segment("01", None),
        Segment("", A),
        Segment("789", None),
    ]
    assert redact(text, [Mark(5, 8, A), Mark(2, 5, A)]) == [
        Segment("01", None),
        Segment("", A),
        Segment("89", None),
    ]
    apart = redact(text, [Mark(2, 4, A), Mark(5, 8, A)])
    assert [s.text for s in apart] == ["01", "", "4", "", "89"]


def test_merged_marks_list_each_basis_once_in_the_order_they_start():
    text = "0123456789"
    marks = [Mark(4, 6, B), Mark(1, 5, A), Mark(5, 9, A), Mark(3, 4, B)]
    assert redact(text, marks) == [Segment("0", None), Segment("", f"{A}; {B}"), Segment("9", None)]
    # Marks that start together keep the order they were given in.
    assert redact(text, [Mark(0, 3, B), Mark(0, 2, A)])[0] == Segment("", f"{B}; {A}")


def test_marks_are_clipped_to_the_text_and_empty_ones_ignored():
    text = "abcdef"
    assert redact(text, [Mark(-5, 2, A), Mark(4, 99, B)]) == [
        Segment("", A),
        Segment("cd", None),
        Segment("", B),
    ]
    assert redact(text, [Mark(3, 3, A), Mark(5, 2, A), Mark(6, 9, A), Mark(-3, 0, A)]) == [
        Segment(text, None)
    ]


def test_a_mark_needs_a_basis_and_a_gap_carries_no_text():
    with pytest.raises(ValueError):
        Mark(0, 1, "  ")
    with pytest.raises(ValueError):
        Segment("Åsa Öberg", A)
    with pytest.raises(ValueError):
        Segment("", "")


def test_whole_text_mark_masks_everything():
    text = "Hela stycket är hemligt.\nÄven detta."
    assert redact(text, [whole_text_mark(text, A)]) == [Segment("", A)]


def test_a_phrase_is_found_everywhere_in_any_letter_case():
    text = "Åsa Öberg ringde. Sedan kom ÅSA ÖBERG igen, och åsa öberg en tredje gång."
    marks = marks_for_phrase(text, "åsa öberg", A)
    assert [text[m.start : m.end] for m in marks] == ["Åsa Öberg", "ÅSA ÖBERG", "åsa öberg"]
    assert all(m.basis == A for m in marks)
    opened = "".join(s.text for s in redact(text, marks))
    assert "sa" not in opened.casefold() and "berg" not in opened.casefold()


def test_a_phrase_is_found_across_a_line_break_or_other_whitespace():
    text = "Det var Åsa\nÖberg, och sedan Åsa \t Öberg och Åsa  \r\n  Öberg."
    found = [text[m.start : m.end] for m in marks_for_phrase(text, " Åsa  Öberg ", A)]
    assert found == ["Åsa\nÖberg", "Åsa \t Öberg", "Åsa  \r\n  Öberg"]
    assert marks_for_phrase("ÅsaÖberg", "Åsa Öberg", A) == []  # whitespace is needed


def test_offsets_refer_to_the_text_after_a_letter_whose_folding_is_longer():
    # "İ".casefold() and "ß".casefold() are two characters each: offsets found in a folded
    # copy would be off by two here.
    text = "İzmir, Straße 5: Åsa Öberg bor där."
    (mark,) = marks_for_phrase(text, "ÅSA ÖBERG", A)
    assert text[mark.start : mark.end] == "Åsa Öberg"


def test_overlapping_occurrences_are_all_found():
    text = "banana"
    assert spans(marks_for_phrase(text, "ana", A)) == [(1, 4), (3, 6)]
    assert [s.text for s in redact(text, marks_for_phrase(text, "ana", A))] == ["b", ""]


def test_a_phrase_is_matched_literally():
    text = "Kostnad 1.5 mkr, inte 1x5 mkr (a+b)."
    assert spans(marks_for_phrase(text, "1.5", A)) == [(8, 11)]
    assert spans(marks_for_phrase(text, "(a+b)", A)) == [(30, 35)]


def test_a_blank_phrase_marks_nothing():
    for phrase in ("", " ", "\n\t "):
        assert marks_for_phrase("någon text", phrase, A) == []


def test_a_mark_masks_exactly_its_characters_not_the_whole_word():
    text = "Bo Ek och Eklund"
    assert [text[m.start : m.end] for m in marks_for_phrase(text, "ek", A)] == ["Ek", "Ek"]
    assert [s.text for s in redact(text, marks_for_phrase(text, "ek", A))] == [
        "Bo ",
        "",
        " och ",
        "",
        "lund",
    ]


def runs(text: str, marks: list[Mark]) -> list[tuple[str, str | None]]:
    """The oracle, worked out one character at a time: the maximal runs of open text, and
    for each run of masked characters the bases of the marks over it, in the order the
    marks start (ties: as given), each once."""
    out: list[tuple[int, int, bool]] = []  # (start, end, secret)
    for i in range(len(text)):
        secret = any(m.start <= i < m.end for m in marks)
        if out and out[-1][2] == secret:
            out[-1] = (out[-1][0], i + 1, secret)
        else:
            out.append((i, i + 1, secret))
    shown: list[tuple[str, str | None]] = []
    for start, end, secret in out:
        if not secret:
            shown.append((text[start:end], None))
            continue
        over = [m for m in marks if max(m.start, start) < min(m.end, end)]
        bases = [m.basis for m in sorted(over, key=lambda m: max(m.start, 0))]
        shown.append(("", "; ".join(dict.fromkeys(bases))))
    return shown


def test_open_text_and_gaps_put_back_together_give_the_text():
    generator = random.Random(20260506)
    bases = [A, B, "OSL 39 kap. 3 §"]
    for _ in range(600):
        text = "".join(generator.choice("aåÖ ß\nİx") for _ in range(generator.randint(0, 30)))
        marks = [
            Mark(generator.randint(-3, 33), generator.randint(-3, 33), generator.choice(bases))
            for _ in range(generator.randint(0, 6))
        ]
        segments = redact(text, marks)
        assert [(s.text, s.basis) for s in segments] == runs(text, marks)
        assert "".join(s.text for s in segments) == "".join(
            char for i, char in enumerate(text) if not any(m.start <= i < m.end for m in marks)
        )
