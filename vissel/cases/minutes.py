"""Minutes of a meeting and transcripts of an oral report, which the reporter checks,
corrects and approves (EU Directive 2019/1937 art. 18; the Swedish whistleblowing act).

A reader writes a version; the reporter approves it or sends corrections; a reader
writes the next version from them. Every version and every answer is kept, encrypted
under the case key; the case shows whether the current version is approved."""

import uuid
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Max

from vissel.audit import trail
from vissel.cases.models import Case, Minutes
from vissel.cases.services import CaseClosed
from vissel.cases.visibility import may_read
from vissel.cases.workflow import NotAllowed, case_for_update
from vissel.crypto.lock import CaseLock


def _text_field(row_id) -> str:
    return f"minutes:{row_id}"


def _corrections_field(row_id) -> str:
    return f"minutes-corrections:{row_id}"


@dataclass(frozen=True)
class Version:
    row: Minutes
    text: str
    corrections: str


@dataclass(frozen=True)
class Series:
    id: uuid.UUID
    kind: str
    versions: list[Version]

    @property
    def current(self) -> Version:
        return self.versions[-1]

    @property
    def approved(self) -> bool:
        return self.current.row.answer == Minutes.Answer.APPROVED

    @property
    def awaiting_reporter(self) -> bool:
        return not self.current.row.answer


@transaction.atomic
def write_minutes(
    case: Case, lock: CaseLock, acting_user, kind: str, text: str, series=None
) -> Minutes:
    """A reader writes minutes or a transcript: a new document, or (`series`) the next
    version of one the reporter has answered."""
    if not may_read(case, acting_user):
        raise NotAllowed("reader")
    if kind not in Minutes.Kind.values or not text.strip():
        raise NotAllowed("minutes")
    case = case_for_update(case)
    if case.is_closed:
        raise NotAllowed("closed")
    version = 1
    if series is not None:
        latest = Minutes.objects.filter(case=case, series=series).order_by("-version").first()
        if latest is None or not latest.answer:
            raise NotAllowed("minutes_waiting")
        kind, version = latest.kind, latest.version + 1
    row = Minutes(
        case=case,
        series=series or uuid.uuid4(),
        version=version,
        kind=kind,
        author=acting_user,
        written_on=date.today(),
    )
    row.encrypted_text = lock.encrypt_text(_text_field(row.id), text)
    row.save()
    trail.record(
        "minutes_written",
        acting_user=acting_user,
        organisation=case.organisation,
        case=case,
        detail={"series": str(row.series), "version": version, "kind": kind},
    )
    return row


@transaction.atomic
def answer_minutes(case: Case, lock: CaseLock, version_id, approve: bool, corrections: str):
    """The reporter approves the current version, or sends corrections to it."""
    if case.is_closed:
        raise CaseClosed
    row = Minutes.objects.select_for_update().filter(case=case, pk=version_id).first()
    if row is None:
        raise Minutes.DoesNotExist
    newest = Minutes.objects.filter(series=row.series).aggregate(newest=Max("version"))
    if row.answer or row.version != newest["newest"]:
        raise NotAllowed("answered")
    if not approve and not corrections.strip():
        raise NotAllowed("corrections")
    row.answer = Minutes.Answer.APPROVED if approve else Minutes.Answer.CORRECTIONS
    row.answered_on = date.today()
    if not approve:
        row.encrypted_corrections = lock.encrypt_text(_corrections_field(row.id), corrections)
    row.save(update_fields=["answer", "answered_on", "encrypted_corrections"])
    trail.record_reporter_event(
        "minutes_answered", case.organisation, case, detail={"answer": row.answer}
    )


def read_minutes(case: Case, lock: CaseLock) -> list[Series]:
    """Every document with all its versions, oldest first."""
    found: dict = {}
    for row in Minutes.objects.filter(case=case).order_by("written_on", "series", "version"):
        corrections = (
            lock.decrypt_text(_corrections_field(row.id), bytes(row.encrypted_corrections))
            if row.encrypted_corrections
            else ""
        )
        version = Version(
            row, lock.decrypt_text(_text_field(row.id), bytes(row.encrypted_text)), corrections
        )
        found.setdefault(row.series, (row.kind, []))[1].append(version)
    return [
        Series(id=series, kind=kind, versions=sorted(versions, key=lambda v: v.row.version))
        for series, (kind, versions) in found.items()
    ]
