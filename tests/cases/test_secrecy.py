"""A report is a public document, released on request after a secrecy review: a reader
marks the secret passages of every text of the case, each with its legal basis; the
released copy leaves them out altogether and names the basis in each gap. Marks are kept
encrypted; each release is recorded; a private organisation has no such review."""

import hashlib
from io import BytesIO

import pytest
from pypdf import PdfReader

from tests.staff.helpers import concluded_case, lock_for
from vissel.audit.models import AuditEntry
from vissel.cases import secrecy
from vissel.cases.services import post_message
from vissel.cases.workflow import NotAllowed
from vissel.records.models import Release, SecrecyMark
from vissel.records.redaction import OTHERS_IDENTITY, REPORTER_IDENTITY

WHAT = "Anna Berg på ekonomi betalade fakturorna två gånger till Eklunds Bygg AB."
REPLY = "Jag heter Kim Ek och arbetar som assistent hos Anna Berg."


@pytest.fixture
def reviewed(cast):
    filed = concluded_case(cast, what_happened=WHAT)
    lock = lock_for(filed.case, cast.internal_a)
    post_message(filed.case, lock, REPLY, "reporter")
    return filed, lock


def key_of(filed, lock, text):
    return next(t.key for t in secrecy.markable_texts(filed.case, lock, "sv") if t.text == text)


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages).split())


def test_every_text_of_the_case_can_be_marked_but_not_the_reporters_contact(cast, reviewed):
    filed, lock = reviewed
    keys = [text.key for text in secrecy.markable_texts(filed.case, lock, "sv")]
    assert keys[0] == "report:what_happened"
    assert key_of(filed, lock, REPLY).startswith("message:") and "final_report" in keys
    assert not any("contact" in key or "relationship" in key for key in keys)


def test_a_marked_name_is_absent_from_the_released_copy_everywhere_it_occurs(cast, reviewed):
    filed, lock = reviewed
    reader = cast.internal_a
    reply = key_of(filed, lock, REPLY)
    assert secrecy.mark_passages(filed.case, lock, reader, reply, REPORTER_IDENTITY, "kim ek")
    for key in ("report:what_happened", reply):
        secrecy.mark_passages(filed.case, lock, reader, key, OTHERS_IDENTITY, "Anna  Berg")
    copy = secrecy.release_copy(filed.case, lock, reader, "Journalist på Länstidningen", "sv")
    text = text_of(copy)
    for secret in ("Kim", "Ek ", "Anna", "Berg"):
        assert secret not in text, secret
    for open_words in ("betalade fakturorna två gånger", "Eklunds Bygg AB", "assistent hos"):
        assert open_words in text, open_words
    assert "[Sekretess: OSL 32 kap. 3 b §]" in text and "[Sekretess: OSL 17 kap. 3 b §]" in text
    assert filed.case.register_number in text and filed.case_number not in text
    metadata = PdfReader(BytesIO(copy)).metadata or {}
    assert not any(metadata.get(key) for key in ("/Title", "/Author", "/Subject", "/Creator"))


def test_a_phrase_inside_a_word_masks_the_whole_word(cast, reviewed):
    filed, lock = reviewed
    secrecy.mark_passages(filed.case, lock, cast.internal_a, "report:what_happened", "X", "Eklund")
    words = [w for _row, w in secrecy.preview(filed.case, lock, "sv")[0].marks]
    assert words == ["Eklunds"]  # never "[...]s" with the rest of a name left to read


def test_the_marks_are_kept_encrypted_and_their_words_nowhere_in_the_clear(cast, reviewed):
    filed, lock = reviewed
    secrecy.mark_passages(
        filed.case, lock, cast.internal_a, "report:what_happened", REPORTER_IDENTITY, "Anna Berg"
    )
    row = SecrecyMark.objects.get(case=filed.case)
    assert b"Anna" not in bytes(row.encrypted_mark) and b"what_happened" not in bytes(
        row.encrypted_mark
    )
    entry = AuditEntry.objects.get(case=filed.case, action="secrecy_marked")
    assert entry.detail == {"passages": 1} and entry.actor == cast.internal_a


def test_each_release_is_recorded_with_who_which_version_and_to_whom(cast, reviewed):
    filed, lock = reviewed
    copy = secrecy.release_copy(
        filed.case, lock, cast.internal_a, "Anna Andersson, privatperson", "en"
    )
    release = Release.objects.get(case=filed.case)
    entry = AuditEntry.objects.get(case=filed.case, action="copy_released")
    assert entry.detail["sha256"] == release.digest == hashlib.sha256(copy).hexdigest()
    assert entry.actor == cast.internal_a and "Anna Andersson" not in str(entry.detail)
    assert b"Anna Andersson" not in bytes(release.encrypted_recipient)
    assert secrecy.read_releases(filed.case, lock)[0][1] == "Anna Andersson, privatperson"
    assert "Released copy" in text_of(copy)


def test_only_a_reader_reviews_and_only_in_a_public_sector_organisation(cast, reviewed):
    filed, lock = reviewed
    with pytest.raises(NotAllowed, match="reader"):
        secrecy.mark_passages(filed.case, lock, cast.admin_a, "report:where", "X", whole_text=True)
    with pytest.raises(NotAllowed, match="reader"):
        secrecy.release_copy(filed.case, lock, cast.chief_a, "someone", "sv")
    cast.org_a.is_public_sector = False
    cast.org_a.save()
    filed.case.organisation.refresh_from_db()
    with pytest.raises(NotAllowed, match="not_public"):
        secrecy.release_copy(filed.case, lock, cast.internal_a, "someone", "sv")
    assert not Release.objects.exists()


def test_words_that_are_not_in_the_text_are_refused_not_silently_ignored(cast, reviewed):
    filed, lock = reviewed
    with pytest.raises(NotAllowed, match="phrase_not_found"):
        secrecy.mark_passages(
            filed.case, lock, cast.internal_a, "report:what_happened", "X", "Olle Olsson"
        )
    assert not SecrecyMark.objects.exists()


def test_a_removed_mark_shows_its_words_in_the_next_copy(cast, reviewed):
    filed, lock = reviewed
    secrecy.mark_passages(
        filed.case, lock, cast.internal_a, "report:what_happened", OTHERS_IDENTITY, "Anna Berg"
    )
    first = text_of(secrecy.release_copy(filed.case, lock, cast.internal_a, "A", "sv"))
    assert "Anna Berg på ekonomi" not in first
    secrecy.remove_mark(filed.case, cast.internal_a, SecrecyMark.objects.get().pk)
    second = text_of(secrecy.release_copy(filed.case, lock, cast.internal_a, "B", "sv"))
    assert "Anna Berg på ekonomi" in second
