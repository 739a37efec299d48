"""The released copy: a masked word is nowhere in the file, neither in its text nor in its
streams nor in its font; what is open is there as text; each gap shows its legal basis in
place; user text is shown, never acted on; and the file says nothing outside its pages."""

import io
import re
from datetime import date, datetime

import pikepdf
import pytest
import time_machine
from pypdf import PdfReader

from vissel.records.redacted_pdf import RedactedDocument, RedactedSection, redacted_copy_pdf
from vissel.records.redaction import Mark, Segment, marks_for_phrase, redact, whole_text_mark

NAME = "OSL 32 kap. 3 b §"
HEALTH = "OSL 21 kap. 1 §"
HAPPENED = (
    "Chefen Åsa Öberg tog emot gåvor av leverantören Zoë Çelikkaya på lagret i Växjö.\n\n"
    "Kollegan Bertil Lindqvist såg det. Åsa\nÖberg sade att det var en gåva."
)
MESSAGE = "Jag har varit sjukskriven för utbrändhet sedan mars.\nRing mig inte."
HOSTILE = "Fientligt: <b>x</b> &amp; A\u202eB\x00C"
MASKED_WORDS = ["Öberg", "Zoë", "Çelikkaya", "Lindqvist", "Bertil", "utbrändhet", "sjukskriven"]
OPEN_WORDS = ["Chefen", "gåvor", "leverantören", "lagret", "Växjö", "Kollegan", "gåva", "sade"]


def sections(masking: bool = True) -> list[RedactedSection]:
    marks: list[Mark] = []
    if masking:
        marks = [
            *marks_for_phrase(HAPPENED, "åsa öberg", NAME),
            *marks_for_phrase(HAPPENED, "Zoë Çelikkaya", NAME),
            *marks_for_phrase(HAPPENED, "bertil lindqvist", NAME),
        ]
    health = [whole_text_mark(MESSAGE, HEALTH)] if masking else []
    return [
        RedactedSection("Vad har hänt?", redact(HAPPENED, marks)),
        RedactedSection("Meddelande från anmälaren, 2026-03-02", redact(MESSAGE, health)),
        RedactedSection("Övrigt", redact(HOSTILE, [])),
    ]


def copy(**changes) -> RedactedDocument:
    fields = dict(
        organisation="Växjö kommun",
        register_number="VB 2026/0001",
        produced_on=date(2026, 5, 6),
        language="sv",
        sections=sections(),
    )
    fields.update(changes)
    return RedactedDocument(**fields)


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def streams_of(pdf: bytes) -> bytes:
    """Every content stream, and every other stream of the file, decompressed."""
    reader = PdfReader(io.BytesIO(pdf))
    out = [page.get_contents().get_data() for page in reader.pages]
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        out += [obj.read_bytes() for obj in opened.objects if isinstance(obj, pikepdf.Stream)]
    return b"\n".join([pdf, *out])


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return redacted_copy_pdf(copy())


@pytest.fixture(scope="module")
def unmasked() -> bytes:
    """The same copy with nothing masked: each check below finds the words in it, so each
    would fail if the masking it guards were gone."""
    return redacted_copy_pdf(copy(sections=sections(masking=False)))


def test_every_masked_word_is_absent_from_the_text(pdf, unmasked):
    for word in MASKED_WORDS:
        assert word in text_of(unmasked)
        assert word not in text_of(pdf)
    assert "Åsa" not in text_of(pdf)


def test_no_masked_word_is_in_any_stream_of_the_file(pdf, unmasked):
    # ReportLab writes ASCII as itself inside its font subsets; letters beyond ASCII are
    # codes of the subset, so the ASCII runs of each word are what a stream would hold.
    runs = {run for word in MASKED_WORDS for run in re.findall(r"[A-Za-z]{3,}", word)}
    assert runs >= {"berg", "Lindqvist", "Bertil", "sjukskriven"}
    for run in runs:
        assert run.encode() in streams_of(unmasked)
        assert run.encode() not in streams_of(pdf)


def test_a_letter_only_a_masked_name_has_is_not_in_the_font(pdf, unmasked):
    # "ë" and "Ç" appear only in the masked "Zoë Çelikkaya": were the name in the file, even
    # hidden, the font subset's character map would list them.
    for letter in "ëÇ":
        code = f"<{ord(letter):04x}>".encode()
        assert code in streams_of(unmasked).lower()
        assert code not in streams_of(pdf).lower()


def test_every_open_word_is_present(pdf):
    text = text_of(pdf)
    for word in OPEN_WORDS:
        assert word in text
    for heading in ("Vad har hänt?", "Meddelande från anmälaren, 2026-03-02", "Övrigt"):
        assert heading in text


def test_each_gap_shows_its_basis_in_place(pdf):
    text = squeezed(text_of(pdf))
    gap = squeezed(f"[Sekretess: {NAME}]")
    assert squeezed("Chefen") + gap + squeezed("tog emot gåvor av leverantören") + gap in text
    assert squeezed("Kollegan") + gap + squeezed("såg det.") + gap + "sade" in text
    assert squeezed(f"[Sekretess: {HEALTH}]") in text
    assert text.count(squeezed("[Sekretess:")) == 5


def test_merged_marks_show_both_bases_in_one_gap():
    text = "Åsa Öberg är sjukskriven."
    marks = [Mark(0, 9, NAME), Mark(4, 24, HEALTH)]
    section = RedactedSection("Vad har hänt?", redact(text, marks))
    shown = squeezed(text_of(redacted_copy_pdf(copy(sections=[section]))))
    assert squeezed(f"[Sekretess: {NAME}; {HEALTH}].") in shown


def test_the_copy_is_titled_and_says_what_was_masked_and_why(pdf):
    pages = [page.extract_text().rstrip("\n") for page in PdfReader(io.BytesIO(pdf)).pages]
    assert pages[0].startswith("Utlämnad kopia — VB 2026/0001\n")
    text = "\n".join(pages)
    assert "Uppgifter har maskerats med stöd av offentlighets- och sekretesslagen." in text
    assert "Framställd 2026-05-06" in text
    for number, page in enumerate(pages, start=1):
        assert page.endswith(f"VB 2026/0001\nVäxjö kommun\nSida {number} av {len(pages)}")
    nothing = text_of(redacted_copy_pdf(copy(sections=sections(masking=False))))
    assert "Inga uppgifter har maskerats." in nothing and "maskerats med stöd" not in nothing


def test_the_english_copy_has_english_words():
    text = text_of(redacted_copy_pdf(copy(language="en")))
    assert "Released copy — VB 2026/0001" in text
    assert "Information has been masked under the Public Access to Information" in text
    assert squeezed(f"[Secret: {NAME}]") in squeezed(text)
    assert "Page 1 of" in text and "Sekretess" not in text


def test_hostile_text_is_shown_not_acted_on(pdf):
    text = squeezed(text_of(pdf))
    assert squeezed("Fientligt: <b>x</b> &amp; A[U+202E]B[U+0000]C") in text
    basis = "<i>OSL</i> &lt; \u202e"
    section = RedactedSection("<b>Rubrik</b>", [Segment("", basis)])
    shown = squeezed(text_of(redacted_copy_pdf(copy(sections=[section]))))
    assert squeezed("<b>Rubrik</b>") in shown
    assert squeezed("[Sekretess: <i>OSL</i> &lt; [U+202E]]") in shown


def test_paragraphs_are_kept():
    text = "Första stycket.\n\nAndra stycket.\r\nTredje raden med Åsa Öberg.\nSista raden."
    section = RedactedSection("Stycken", redact(text, marks_for_phrase(text, "Åsa Öberg", NAME)))
    pdf = redacted_copy_pdf(copy(sections=[section]))
    lines = [line.strip() for line in text_of(pdf).split("\n")]
    for line in ("Första stycket.", "Andra stycket.", "Sista raden."):
        assert line in lines
    assert f"Tredje raden med [Sekretess: {NAME}]." in lines


def test_the_file_says_nothing_outside_its_pages(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    info = dict(reader.metadata)
    assert info.pop("/CreationDate") == info.pop("/ModDate") == "D:20260506000000"
    info.pop("/Trapped", None)
    assert set(info) == {"/Title", "/Author", "/Subject", "/Keywords", "/Creator", "/Producer"}
    assert all(not value for value in info.values())
    assert "/Metadata" not in reader.trailer["/Root"]


def test_a_time_of_day_is_not_kept():
    produced = redacted_copy_pdf(copy(produced_on=datetime(2026, 5, 6, 15, 42, 7)))
    assert PdfReader(io.BytesIO(produced)).metadata["/CreationDate"] == "D:20260506000000"
    assert not re.search(r"\d:\d\d", text_of(produced))


def test_the_same_copy_gives_the_same_bytes_at_any_time(pdf):
    with time_machine.travel(datetime(2031, 12, 24, 23, 59, 58), tick=False):
        assert redacted_copy_pdf(copy()) == pdf


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="language"):
        copy(language="de")
