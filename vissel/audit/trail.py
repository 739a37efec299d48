"""Appending to the audit trail, and checking it.

Each entry's hash covers the previous entry's hash and everything the entry says, so a
changed, removed or reordered entry breaks the chain from there on (`vissel audit-verify`).

Staff and system entries are appended at once, timed to the second. A reporter's action
waits in PendingReporterEvent until the first tick of the next day, which appends the whole
day's reporter events in random order, each dated to its day: a position in the chain says
nothing about when in the day a reporter acted, or before or after which staff action.
"""

import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.db import transaction
from django.utils import timezone

from vissel.audit.models import GENESIS, AuditEntry, AuditHead, PendingReporterEvent


def entry_hash(
    previous_hash: str,
    seq: int,
    at: datetime,
    actor_id,
    actor_kind: str,
    organisation_id,
    case_id,
    action: str,
    detail: dict,
) -> str:
    payload = json.dumps(
        [
            previous_hash,
            seq,
            at.astimezone(UTC).isoformat(),
            actor_id,
            actor_kind,
            organisation_id,
            str(case_id) if case_id else None,
            action,
            detail,
        ],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def hash_of(entry: AuditEntry, previous_hash: str) -> str:
    """The hash an entry as stored should have, after `previous_hash`."""
    return entry_hash(
        previous_hash,
        entry.seq,
        entry.at,
        entry.actor_id,
        entry.actor_kind,
        entry.organisation_id,
        entry.case_id,
        entry.action,
        entry.detail,
    )


def _append(head, at, acting_user, actor_kind, organisation_id, case_id, action, detail):
    seq = head.last_seq + 1
    actor_id = acting_user.pk if acting_user else None
    digest = entry_hash(
        head.last_hash, seq, at, actor_id, actor_kind, organisation_id, case_id, action, detail
    )
    entry = AuditEntry(
        seq=seq,
        at=at,
        actor_id=actor_id,
        actor_kind=actor_kind,
        organisation_id=organisation_id,
        case_id=case_id,
        action=action,
        detail=detail,
        previous_hash=head.last_hash,
        hash=digest,
    )
    entry.save()
    head.last_seq, head.last_hash = seq, digest
    return entry


def _locked_head() -> AuditHead:
    head, _created = AuditHead.objects.select_for_update().get_or_create(pk=1)
    return head


def record(
    action: str,
    organisation,
    case=None,
    acting_user=None,
    actor_kind: str = "staff",
    detail: dict | None = None,
) -> AuditEntry:
    """A staff member's (or the system's) action, appended now."""
    if actor_kind == "reporter":
        raise ValueError("a reporter's action goes through record_reporter_event")
    now = timezone.now().replace(microsecond=0)
    with transaction.atomic():
        head = _locked_head()
        entry = _append(
            head,
            now,
            acting_user,
            actor_kind,
            organisation.pk,
            case.pk if case else None,
            action,
            detail or {},
        )
        head.save(update_fields=["last_seq", "last_hash"])
    return entry


def record_reporter_event(action: str, organisation, case, detail: dict | None = None) -> None:
    """A reporter's action: kept for the daily batch, dated to the day."""
    PendingReporterEvent.objects.create(
        day=timezone.localdate(),
        organisation=organisation,
        case=case,
        action=action,
        detail=detail or {},
    )


def flush_reporter_events(today: date | None = None) -> int:
    """Append every reporter event of the days before `today`, in random order. Safe
    from several ticks at once: the head's lock lets one of them do it."""
    today = today or timezone.localdate()
    with transaction.atomic():
        head = _locked_head()
        pending = list(PendingReporterEvent.objects.filter(day__lt=today))
        secrets.SystemRandom().shuffle(pending)
        pending.sort(key=lambda event: event.day)  # stable: random within each day
        for event in pending:
            midnight = timezone.make_aware(datetime.combine(event.day, time()))
            _append(
                head,
                midnight,
                None,
                "reporter",
                event.organisation_id,
                event.case_id,
                event.action,
                event.detail,
            )
        if pending:
            head.save(update_fields=["last_seq", "last_hash"])
            PendingReporterEvent.objects.filter(pk__in=[event.pk for event in pending]).delete()
    return len(pending)


@dataclass
class Verdict:
    ok: bool
    entries: int
    first_bad_seq: int | None = None
    problem: str = ""


ANCHOR = re.compile(r"vissel-audit-anchor (\d+) ([0-9a-f]{64})")


def anchor() -> str:
    """The head of the chain, as a line to keep outside the database (a remote log, an
    auditor's mailbox, paper). Whoever can write to the database can rewrite the chain and
    every hash after a change; they cannot change what was kept elsewhere."""
    head = AuditHead.objects.filter(pk=1).first() or AuditHead(last_seq=0, last_hash=GENESIS)
    return f"vissel-audit-anchor {head.last_seq} {head.last_hash}"


def anchors_in(text: str) -> dict[int, str]:
    return {int(seq): digest for seq, digest in ANCHOR.findall(text)}


def verify(anchors: dict[int, str] | None = None) -> Verdict:
    """Walk the chain from the start; the first entry that does not fit is reported.
    `anchors` (seq -> hash, kept outside the database) must each still be in the chain."""
    anchors = anchors or {}
    previous, expected_seq, count = GENESIS, 1, 0
    for entry in AuditEntry.objects.order_by("seq").iterator():
        if entry.seq in anchors and anchors[entry.seq] != entry.hash:
            return Verdict(
                False, count, entry.seq, "the chain differs from an anchor kept outside it"
            )
        if entry.seq != expected_seq:
            return Verdict(False, count, expected_seq, "an entry is missing or out of order")
        if entry.previous_hash != previous:
            return Verdict(False, count, entry.seq, "the chain is broken before this entry")
        if hash_of(entry, entry.previous_hash) != entry.hash:
            return Verdict(False, count, entry.seq, "this entry was changed")
        previous, expected_seq, count = entry.hash, expected_seq + 1, count + 1
    head = AuditHead.objects.filter(pk=1).first()
    if head and (head.last_seq != count or head.last_hash != previous):
        return Verdict(False, count, count + 1, "entries at the end were removed")
    if anchors and max(anchors) > count:
        return Verdict(False, count, count + 1, "entries kept in an anchor are missing")
    return Verdict(True, count)
