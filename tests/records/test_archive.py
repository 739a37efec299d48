"""The archive PDF of a case: every text of the case is in it as text, literally and in
Swedish; each page names the case and counts itself; and the file says nothing about the
case, its reader or the time of day outside its pages."""

import io
import re
import time
from datetime import date, datetime

import pikepdf
import pypdf
import pytest

from vissel.records.archive import (
    ArchiveDecision,
    ArchiveDocument,
    ArchiveFile,
    ArchiveMessage,
    case_archive_pdf,
)

REFERENCE = "48213907"
ORGANISATION = "Ölands Ädelträ AB"
PRODUCED_ON = date(2026, 5, 6)
HTML = '<b>fet</b> & <script>alert("x")</script> &amp; &lt;i&gt; <a href="#">länk</a>'


def message(number: int, length: int = 600) -> ArchiveMessage:
    words = f"Meddelande {number}: åäö ÅÄÖ räksmörgås hos Örjan i Ängelholm. "
    return ArchiveMessage(
        sender="Anmälare" if number % 2 else "Handläggare Åsa Öberg",
        sent_on=datetime(2026, 3, 1 + number % 28, 15, 42, 7),
        text=(words * (length // len(words) + 1))[:length],
        is_feedback=number % 5 == 0,
        file_names=[f"bilaga-{number}.pdf"] if number % 7 == 0 else [],
    )


def archive(**changes) -> ArchiveDocument:
    fields = dict(
        organisation=ORGANISATION,
        case_reference=REFERENCE,
        category="Mutor och jäv",
        status="Avslutat",
        received_on=date(2026, 1, 2),
        closed_on=date(2026, 4, 30),
        report_fields=[
            ("Vad har hänt?", f"Chefen tog emot gåvor.\n\nAndra stycket.\n{HTML}"),
            ("Var hände det?", "På lagret i Växjö, vid lastkaj Ö2."),
            ("Vilka är inblandade?", "Två personer på inköp; " + "ett långt ord " * 150),
        ],
        reporter_relationship="Anställd",
        reporter_anonymity="Anonym: kontaktuppgifter saknas",
        files=[
            ArchiveFile("kvitto-åäö.jpg", 2_345_678, "EXIF och GPS borttagna"),
            ("<img src=x onerror=alert(1)>.pdf", 512, "Dokumentinformation borttagen"),
        ],
        thread=[message(number) for number in range(12)],
        decisions=[
            ArchiveDecision(
                date(2026, 1, 9), "Utredning inleds", "Uppgifterna är konkreta.", "Bo Ek"
            ),
            (datetime(2026, 4, 30, 9, 15), "Ärendet avslutas", f"Utrett. {HTML}", "Åsa Öberg"),
        ],
        final_report="Slutrapporten: gåvorna är återlämnade och rutinen för jäv är skärpt.",
        final_report_recipient="Verkställande direktör",
        produced_on=PRODUCED_ON,
        produced_by="Anna Läsare",
        language="sv",
    )
    fields.update(changes)
    return ArchiveDocument(**fields)


def pages_of(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [page.extract_text().rstrip("\n") for page in reader.pages]


def body_of(pages: list[str]) -> str:
    """The text of every page without its header and footer, which the canvas draws last."""
    return "\n".join(text.rsplit("\n", 3)[0] for text in pages)


def squeezed(text: str) -> str:
    """Without whitespace: lines are wrapped wherever the page needs, words cut if long."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def document() -> ArchiveDocument:
    return archive()


@pytest.fixture(scope="module")
def pdf(document) -> bytes:
    return case_archive_pdf(document)


@pytest.fixture(scope="module")
def pages(pdf) -> list[str]:
    return pages_of(pdf)


def test_every_text_of_the_case_is_in_the_pdf(document, pages):
    text = squeezed(body_of(pages))
    expected = [
        document.organisation,
        document.case_reference,
        document.category,
        document.status,
        "2026-01-02",
        "2026-04-30",
        document.reporter_relationship,
        document.reporter_anonymity,
        "2026-05-06 av Anna Läsare",
        document.final_report,
        document.final_report_recipient,
    ]
    for label, value in document.report_fields:
        expected += [label, *value.split("\n")]
    for name, _size, note in document.files:
        expected += [name, note]
    for entry in document.thread:
        expected += [entry.sender, entry.text, *entry.file_names]
    for _day, label, reason, who in document.decisions:
        expected += [label, reason, who]
    missing = [value for value in expected if squeezed(value) not in text]
    assert missing == []
    assert "2,3MB(2345678byte)" in text  # the size, in Swedish
    assert squeezed("Återkoppling") in text  # a feedback message says so


def test_what_looks_like_markup_is_printed_as_it_was_written(pages):
    text = squeezed(body_of(pages))
    assert text.count(squeezed(HTML)) == 2  # in the report and in a decision
    assert squeezed("<img src=x onerror=alert(1)>.pdf") in text


def test_swedish_letters_survive_in_the_text_and_the_headings(pages):
    text = "\n".join(pages)
    for word in ("Ölands Ädelträ AB", "räksmörgås", "Örjan", "Ängelholm", "Åsa Öberg"):
        assert word in text
    for heading in ("Arkivexport av ärende", "Rapport", "Filer", "Meddelanden", "Beslut"):
        assert heading in text
    assert "Slutrapport" in text


def test_each_page_names_the_case_and_counts_itself(pages):
    assert len(pages) > 1
    for number, text in enumerate(pages, start=1):
        *_, case, organisation, page = text.split("\n")
        assert case == f"Ärende {REFERENCE}"
        assert organisation == ORGANISATION
        assert page == f"Sida {number} av {len(pages)}"


def test_the_english_archive_has_english_headings():
    pages = pages_of(case_archive_pdf(archive(language="en", closed_on=None, final_report=None)))
    text = "\n".join(pages)
    for heading in ("Case archive export", "Report", "Files", "Messages", "Decisions"):
        assert heading in text
    assert "Not closed" in text and "No final report." in text
    assert "2.3 MB (2,345,678 bytes)" in text
    assert pages[0].endswith(f"Case {REFERENCE}\n{ORGANISATION}\nPage 1 of {len(pages)}")


def test_the_file_says_nothing_about_the_case_or_its_reader(pdf):
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        info = {str(key): str(value) for key, value in opened.docinfo.items()}
        assert "/Metadata" not in opened.Root  # no XMP
        assert set(opened.Root.keys()) <= {"/Type", "/Pages", "/Lang", "/PageMode"}
        identifier = bytes(opened.trailer.ID[0])
    dates = {key: info.pop(key) for key in ("/CreationDate", "/ModDate")}
    assert info.pop("/Trapped") == "/False"
    assert info == {
        "/Title": "",
        "/Author": "",
        "/Subject": "",
        "/Keywords": "",
        "/Creator": "",
        "/Producer": "",
    }
    # Dated to the day of the export, at midnight, with no zone: no time of day at all.
    assert dates == {"/CreationDate": "D:20260506000000", "/ModDate": "D:20260506000000"}
    # The file identifier is the same for every archive: it says nothing of this one.
    other = case_archive_pdf(archive(case_reference="11111111", thread=[], produced_by="X"))
    with pikepdf.open(io.BytesIO(other)) as opened:
        assert bytes(opened.trailer.ID[0]) == identifier


def test_a_time_of_day_is_never_printed_nor_kept():
    produced_at = datetime(2026, 5, 6, 15, 42, 7)
    pdf = case_archive_pdf(archive(produced_on=produced_at, received_on=produced_at))
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        assert str(opened.docinfo["/CreationDate"]) == "D:20260506000000"
        assert str(opened.docinfo["/ModDate"]) == "D:20260506000000"
    text = "\n".join(pages_of(pdf))
    assert "2026-03-02 · Anmälare" in text  # messages are dated to the day
    assert not re.search(r"\d:\d\d", text)  # and nothing anywhere has a time


def test_the_same_case_gives_the_same_bytes(document, pdf):
    assert case_archive_pdf(document) == pdf


def test_hostile_text_is_shown_not_acted_on_and_nothing_is_lost():
    word = "x" * 12_000
    hostile = "A\x00B\x1b[31mC\u202eD\u2066E\ud800F😀G\u4e2dH\r\nI\tJ\u2028K"
    pdf = case_archive_pdf(
        archive(
            organisation=hostile,
            report_fields=[("", ""), ("Ord", word), ("Fientlig", hostile)],
            files=[(word, 0, hostile)],
            thread=[("Anmälare", date(2026, 3, 1), "   \n\n  "), ("", date(2026, 3, 2), hostile)],
            decisions=[],
            final_report="",
        )
    )
    text = squeezed(body_of(pages_of(pdf)))
    shown = "A[U+0000]B[U+001B][31mC[U+202E]D[U+2066]E\ufffdF[U+1F600]G[U+4E2D]H"
    assert squeezed(shown) in text
    assert text.count("x") >= 2 * len(word)  # the report field and the file name, whole
    assert "Ingabeslut." in text and "(tomt)" in text


def test_a_long_thread_renders_quickly():
    thread = [message(number, length=2000) for number in range(200)]
    started = time.perf_counter()
    pdf = case_archive_pdf(archive(thread=thread))
    elapsed = time.perf_counter() - started
    assert elapsed < 5, f"{elapsed:.2f} s"
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    count = len(reader.pages)
    assert count > 50
    last = reader.pages[-1].extract_text().rstrip("\n")
    assert last.endswith(f"Ärende {REFERENCE}\n{ORGANISATION}\nSida {count} av {count}")


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="language"):
        archive(language="de")
