"""The audit trail: append-only and hash-chained.

Each entry's hash covers the previous entry's hash and everything the entry says, so a
changed, removed or reordered entry breaks the chain from there on (`vissel audit-verify`).
Entries say who did what to which case, never what anyone wrote. Entries for what a
reporter did are dated to the day, like every reporter-originated time.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, time

from django.db import models, transaction
from django.utils import timezone

GENESIS = "0" * 64


class AuditHead(models.Model):
    """One row, locked while an entry is appended, so that the chain never forks."""

    last_hash = models.CharField(max_length=64, default=GENESIS)
    last_seq = models.BigIntegerField(default=0)

    class Meta:
        app_label = "cases"

    def __str__(self):
        return f"audit head at {self.last_seq}"


class AuditEntry(models.Model):
    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField()
    actor = models.ForeignKey("auth.User", on_delete=models.PROTECT, null=True, related_name="+")
    actor_kind = models.CharField(max_length=10)  # staff, reporter, system
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, related_name="audit_entries"
    )
    action = models.CharField(max_length=40)
    detail = models.JSONField(default=dict)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        app_label = "cases"
        ordering = ["seq"]

    def __str__(self):
        return f"{self.seq} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("the audit trail is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("the audit trail is append-only")


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


def record(
    action: str,
    organisation,
    case=None,
    actor=None,
    actor_kind: str = "staff",
    detail: dict | None = None,
) -> AuditEntry:
    detail = detail or {}
    now = timezone.now().replace(microsecond=0)
    if actor_kind == "reporter":
        now = timezone.make_aware(datetime.combine(timezone.localdate(), time()))
    with transaction.atomic():
        head, _created = AuditHead.objects.select_for_update().get_or_create(pk=1)
        seq = head.last_seq + 1
        digest = entry_hash(
            head.last_hash,
            seq,
            now,
            actor.pk if actor else None,
            actor_kind,
            organisation.pk,
            case.pk if case else None,
            action,
            detail,
        )
        entry = AuditEntry(
            seq=seq,
            at=now,
            actor=actor,
            actor_kind=actor_kind,
            organisation=organisation,
            case=case,
            action=action,
            detail=detail,
            previous_hash=head.last_hash,
            hash=digest,
        )
        entry.save()
        head.last_seq, head.last_hash = seq, digest
        head.save(update_fields=["last_seq", "last_hash"])
    return entry


@dataclass
class Verdict:
    ok: bool
    entries: int
    first_bad_seq: int | None = None
    problem: str = ""


def verify() -> Verdict:
    """Walk the chain from the start; the first entry that does not fit is reported."""
    previous, expected_seq, count = GENESIS, 1, 0
    for entry in AuditEntry.objects.order_by("seq").iterator():
        if entry.seq != expected_seq:
            return Verdict(False, count, expected_seq, "an entry is missing or out of order")
        if entry.previous_hash != previous:
            return Verdict(False, count, entry.seq, "the chain is broken before this entry")
        digest = entry_hash(
            entry.previous_hash,
            entry.seq,
            entry.at,
            entry.actor_id,
            entry.actor_kind,
            entry.organisation_id,
            entry.case_id,
            entry.action,
            entry.detail,
        )
        if digest != entry.hash:
            return Verdict(False, count, entry.seq, "this entry was changed")
        previous, expected_seq, count = entry.hash, expected_seq + 1, count + 1
    head = AuditHead.objects.filter(pk=1).first()
    if head and (head.last_seq != count or head.last_hash != previous):
        return Verdict(False, count, count + 1, "entries at the end were removed")
    return Verdict(True, count)
