"""The secrecy review of a case, and the copies released after it (OSL 32 kap. 3 b §
and 17 kap. 3 b §). In a public-sector organisation a report is a public document: on
request it is released after a reader has marked, passage by passage, what is secret.
Marks are kept encrypted under the case key; the released copy is a PDF in which masked
passages are absent and each gap names its legal basis (`vissel.records.redaction`).

What can be marked: the report's texts, the messages, the latest version of each
minutes, and the final report. The reporter's contact details and their relationship to
the organisation are never part of a released copy: they are the reporter's identity."""

import hashlib
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from vissel.audit import trail
from vissel.cases.minutes import read_minutes
from vissel.cases.models import Case, FinalReport, Sender
from vissel.cases.services import read_report, read_thread
from vissel.cases.visibility import may_read
from vissel.cases.workflow import NotAllowed, read_final_report_as_reader
from vissel.crypto.lock import CaseLock
from vissel.records.models import Release, SecrecyMark
from vissel.records.redacted_pdf import RedactedDocument, RedactedSection, redacted_copy_pdf
from vissel.records.redaction import (
    Mark,
    marks_for_phrase,
    redact,
    whole_text_mark,
    whole_words,
)

# The report's own texts, in the order a copy shows them (never "relationship").
REPORT_PARTS = (
    ("what_happened", "What happened?"),
    ("where", "Where did it happen?"),
    ("when", "When did it happen?"),
    ("who_involved", "Who is involved?"),
    ("how_known", "How do you know about it?"),
)


@dataclass(frozen=True)
class MarkableText:
    key: str  # "report:what_happened", "message:3", "minutes:<id>", "final_report"
    heading: str
    text: str


@dataclass(frozen=True)
class MarkRow:
    id: object
    mark: Mark
    marked_by: str
    marked_on: date


def access_secrecy_review(case: Case, acting_user) -> None:
    if not case.organisation.is_public_sector:
        raise NotAllowed("not_public")  # a private organisation's reports are not public
    if not may_read(case, acting_user):
        raise NotAllowed("reader")


def markable_texts(case: Case, lock: CaseLock, language: str) -> list[MarkableText]:
    with translation.override(language):
        report = read_report(case, lock)
        texts = [
            MarkableText(f"report:{name}", _(label), report[name])
            for name, label in REPORT_PARTS
            if report.get(name)
        ]
        for entry in read_thread(case, lock):
            who = _("the reporter") if entry.sender == Sender.REPORTER else _("the case handlers")
            heading = _("Message from %(who)s, %(day)s") % {
                "who": who,
                "day": entry.sent_on.isoformat(),
            }
            texts.append(MarkableText(f"message:{entry.seq}", heading, entry.body))
        for series in read_minutes(case, lock):
            latest = series.versions[-1]
            heading = _("%(kind)s, version %(number)s") % {
                "kind": latest.row.get_kind_display(),
                "number": latest.row.version,
            }
            texts.append(MarkableText(f"minutes:{latest.row.id}", heading, latest.text))
        final = FinalReport.objects.filter(case=case).first()
        if final is not None:
            texts.append(
                MarkableText(
                    "final_report", _("Final report"), read_final_report_as_reader(final, lock)
                )
            )
    return texts


def read_marks(case: Case, lock: CaseLock) -> dict[str, list[MarkRow]]:
    """The marks of each text, by its key."""
    found: dict[str, list[MarkRow]] = {}
    rows = SecrecyMark.objects.filter(case=case).select_related("marked_by")
    for row in rows.order_by("marked_on", "pk"):
        data = lock.decrypt_json(_mark_field(row.id), bytes(row.encrypted_mark))
        found.setdefault(data["text"], []).append(
            MarkRow(
                row.id,
                Mark(data["start"], data["end"], data["basis"]),
                row.marked_by.username,
                row.marked_on,
            )
        )
    return found


def _mark_field(mark_id) -> str:
    return f"secrecy-mark:{mark_id}"


def _text(case, lock, key: str) -> MarkableText:
    for text in markable_texts(case, lock, case.organisation.default_language):
        if text.key == key:
            return text
    raise NotAllowed("text")


@transaction.atomic
def mark_passages(
    case: Case,
    lock: CaseLock,
    acting_user,
    key: str,
    basis: str,
    phrase: str = "",
    whole_text: bool = False,
) -> int:
    """Mark every occurrence of `phrase` (grown to whole words), or the whole text, as
    secret under `basis`; returns how many passages were marked."""
    access_secrecy_review(case, acting_user)
    if not basis.strip():
        raise NotAllowed("basis")
    text = _text(case, lock, key).text
    if whole_text:
        marks = [whole_text_mark(text, basis.strip())] if text else []
    else:
        if not phrase.strip():
            raise NotAllowed("phrase")
        marks = whole_words(text, marks_for_phrase(text, phrase, basis.strip()))
        if not marks:
            raise NotAllowed("phrase_not_found")
    for mark in marks:
        row = SecrecyMark(case=case, marked_by=acting_user, marked_on=date.today())
        row.encrypted_mark = lock.encrypt_json(
            _mark_field(row.id),
            {"text": key, "start": mark.start, "end": mark.end, "basis": mark.basis},
        )
        row.save()
    trail.record(
        "secrecy_marked", case.organisation, case, acting_user, detail={"passages": len(marks)}
    )
    return len(marks)


@transaction.atomic
def remove_mark(case: Case, acting_user, mark_id) -> None:
    access_secrecy_review(case, acting_user)
    deleted, _rows = SecrecyMark.objects.filter(case=case, pk=mark_id).delete()
    if not deleted:
        raise NotAllowed("mark")
    trail.record("secrecy_unmarked", case.organisation, case, acting_user)


def redacted_sections(case: Case, lock: CaseLock, language: str) -> list[RedactedSection]:
    marks = read_marks(case, lock)
    return [
        RedactedSection(
            text.heading, redact(text.text, [row.mark for row in marks.get(text.key, [])])
        )
        for text in markable_texts(case, lock, language)
    ]


@dataclass(frozen=True)
class Reviewed:
    """A text as the reviewing reader sees it: every word, the secret ones highlighted
    with their basis, and each mark with the words it covers."""

    text: MarkableText
    pieces: list[tuple[str, str | None]]  # (words, basis or None)
    marks: list[tuple[MarkRow, str]]  # (mark, the words it covers)


def preview(case: Case, lock: CaseLock, language: str) -> list[Reviewed]:
    marks = read_marks(case, lock)
    reviewed = []
    for text in markable_texts(case, lock, language):
        rows = marks.get(text.key, [])
        reviewed.append(
            Reviewed(
                text,
                _highlighted(text.text, [row.mark for row in rows]),
                [(row, text.text[row.mark.start : row.mark.end]) for row in rows],
            )
        )
    return reviewed


def _highlighted(text: str, marks: list[Mark]) -> list[tuple[str, str | None]]:
    """The text in pieces, with the masked ones (as `redact` merges them) kept readable:
    for the reviewer's page only, never for a copy."""
    pieces, position = [], 0
    for segment in redact(text, marks):
        if segment.basis is None:
            pieces.append((segment.text, None))
            position += len(segment.text)
            continue
        end = _gap_end(text, marks, position)
        pieces.append((text[position:end], segment.basis))
        position = end
    return pieces


def _gap_end(text: str, marks: list[Mark], start: int) -> int:
    """Where the merged gap that starts at `start` ends (as `redact` merges marks that
    overlap or touch)."""
    end = start
    for mark in sorted(marks, key=lambda m: m.start):
        if mark.start <= end and mark.end > end:
            end = min(mark.end, len(text))
    return end


def release_copy(case: Case, lock: CaseLock, acting_user, recipient: str, language: str) -> bytes:
    """The released copy as a PDF, recorded: who released which version, when, to whom."""
    access_secrecy_review(case, acting_user)
    if not recipient.strip():
        raise NotAllowed("recipient")
    document = RedactedDocument(
        organisation=case.organisation.name,
        register_number=case.register_number,
        produced_on=date.today(),
        language=language,
        sections=redacted_sections(case, lock, language),
    )
    copy = redacted_copy_pdf(document)
    digest = hashlib.sha256(copy).hexdigest()
    with transaction.atomic():
        release = Release(
            case=case, released_by=acting_user, released_on=date.today(), digest=digest
        )
        release.encrypted_recipient = lock.encrypt_text(
            f"release-recipient:{release.id}", recipient.strip()
        )
        release.save()
        trail.record(
            "copy_released",
            case.organisation,
            case,
            acting_user,
            detail={"release": str(release.id), "sha256": digest, "language": language},
        )
    return copy


def read_releases(case: Case, lock: CaseLock) -> list[tuple[Release, str]]:
    return [
        (
            release,
            lock.decrypt_text(
                f"release-recipient:{release.id}", bytes(release.encrypted_recipient)
            ),
        )
        for release in Release.objects.filter(case=case).select_related("released_by")
    ]
