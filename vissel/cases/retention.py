"""Retention applied to cases: concluded cases nobody closes are closed, and a closed
case's personal data is erased when the organisation's time has passed (the dates are
`vissel.records.retention`). An erased case keeps a tombstone for the register and the
statistics (register number, category, channel, coverage, dates, outcome, dismissal
ground); every ciphertext, stored file and wrapped copy of its key is gone, so that a
backup of the file store alone can no longer be read. A legal hold stops erasure until
lifted; an organisation that must archive records its archive export first.

Readers place and lift holds and record archiving (`place_legal_hold`, ...); `vissel
tick` runs `close_concluded_cases` and `erase_due_cases` for every organisation."""

import secrets
from datetime import date

from django.db import transaction

from vissel.audit import trail
from vissel.cases.models import (
    Case,
    Decision,
    DecisionKind,
    FinalReport,
    Notification,
    Status,
)
from vissel.cases.visibility import may_read
from vissel.cases.workflow import NotAllowed, case_for_update
from vissel.evidence import storage
from vissel.evidence.models import EvidenceFile
from vissel.records.models import Release, SecrecyMark
from vissel.records.retention import closing_due_on, erasure_due_on

ENDED = (Status.CLOSED, Status.DISMISSED)
ENCRYPTED_REPORT = (
    "encrypted_what_happened",
    "encrypted_where",
    "encrypted_when",
    "encrypted_who_involved",
    "encrypted_how_known",
    "encrypted_relationship",
    "encrypted_contact",
)


def erasure_day(case: Case) -> date | None:
    return erasure_due_on(case.closed_on, case.organisation.retention_years)


def waits_for_archiving(case: Case) -> bool:
    return case.organisation.must_archive and case.archived_on is None


def access_retention(case: Case, acting_user) -> None:
    """Only the case's readers decide on its retention."""
    if not may_read(case, acting_user):
        raise NotAllowed("reader")
    if case.erased_on:
        raise NotAllowed("erased")


@transaction.atomic
def place_legal_hold(case: Case, acting_user) -> None:
    case = case_for_update(case)
    access_retention(case, acting_user)
    if case.legal_hold_since is None:
        case.legal_hold_since = date.today()
        case.save(update_fields=["legal_hold_since"])
        trail.record("legal_hold_placed", case.organisation, case, acting_user)


@transaction.atomic
def lift_legal_hold(case: Case, acting_user) -> None:
    case = case_for_update(case)
    access_retention(case, acting_user)
    if case.legal_hold_since is not None:
        held_since = case.legal_hold_since
        case.legal_hold_since = None
        case.save(update_fields=["legal_hold_since"])
        trail.record(
            "legal_hold_lifted",
            case.organisation,
            case,
            acting_user,
            detail={"held_since": held_since.isoformat()},
        )


@transaction.atomic
def record_archived(case: Case, acting_user) -> None:
    """The reader says the case's archive export is in the organisation's archive."""
    case = case_for_update(case)
    access_retention(case, acting_user)
    if not case.audit_entries.filter(action="case_exported").exists():
        raise NotAllowed("not_exported")
    case.archived_on = date.today()
    case.save(update_fields=["archived_on"])
    trail.record("case_archived", case.organisation, case, acting_user)


def close_concluded_cases(today: date) -> int:
    """Close each concluded case whose organisation's time to close has passed."""
    closed = 0
    waiting = Case.objects.filter(status=Status.CONCLUDED, concluded_on__isnull=False)
    for case in waiting.select_related("organisation").iterator():
        due = closing_due_on(case.concluded_on, case.organisation.auto_close_days)
        if due is not None and due <= today and _close_by_itself(case.pk, today):
            closed += 1
    return closed


@transaction.atomic
def _close_by_itself(case_id, today: date) -> bool:
    case = Case.objects.select_for_update().filter(pk=case_id, status=Status.CONCLUDED).first()
    if case is None:  # closed or reopened meanwhile, or by another tick
        return False
    # No written reason: Vissel holds no case key to write one under; the kind says it.
    Decision.objects.create(
        case=case,
        kind=DecisionKind.AUTO_CLOSE,
        from_status=case.status,
        to_status=Status.CLOSED,
        decided_by=None,
        encrypted_reason=b"",
    )
    case.status, case.closed_on, case.assigned_to = Status.CLOSED, today, None
    case.save(update_fields=["status", "closed_on", "assigned_to"])
    trail.record(
        "case_auto_close",
        case.organisation,
        case,
        actor_kind="system",
        detail={"days": case.organisation.auto_close_days},
    )
    return True


def erase_due_cases(today: date) -> int:
    erased = 0
    ended = Case.objects.filter(
        status__in=ENDED, closed_on__isnull=False, erased_on=None, legal_hold_since=None
    )
    for case in ended.select_related("organisation").iterator():
        due = erasure_day(case)
        if due <= today and not waits_for_archiving(case) and _erase(case.pk, today):
            erased += 1
    return erased


@transaction.atomic
def _erase(case_id, today: date) -> bool:
    case = (
        Case.objects.select_for_update()
        .filter(pk=case_id, status__in=ENDED, erased_on=None, legal_hold_since=None)
        .select_related("organisation")
        .first()
    )
    if case is None:  # reopened, held or erased meanwhile
        return False
    stored = list(EvidenceFile.objects.filter(case=case).values_list("storage_name", flat=True))
    counts = {
        "files": len(stored),
        "messages": case.messages.count(),
        "minutes": case.minutes.count(),
        "notes": case.notes.count(),
    }
    EvidenceFile.objects.filter(case=case).delete()
    for rows in (case.messages, case.minutes, case.notes, case.concerned, case.seals):
        rows.all().delete()
    case.decisions.update(encrypted_reason=b"")
    FinalReport.objects.filter(case=case).delete()
    Notification.objects.filter(case=case).delete()
    SecrecyMark.objects.filter(case=case).delete()
    Release.objects.filter(case=case).delete()  # the audit trail keeps who, when, which
    for field in ENCRYPTED_REPORT:
        setattr(case, field, b"")
    case.encrypted_meeting_request = None
    case.recovery_sealed_key = None
    case.reporter_key_salt, case.reporter_key_kdf, case.reporter_wrapped_key = b"", "", b""
    # The reporter's case number goes too: a value no login can match (logins take
    # eight digits; this is "e" and seven hex digits).
    case.case_number = "e" + secrets.token_hex(4)[:7]
    case.assigned_to = None
    case.erased_on = today
    case.save()
    trail.record("case_erased", case.organisation, case, actor_kind="system", detail=counts)
    # The stored files go once the rows are gone for good; a crash between the two
    # leaves only unreferenced ciphertext, which the tick's sweep removes.
    transaction.on_commit(lambda: [storage.delete(name) for name in stored])
    return True
