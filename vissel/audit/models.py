import uuid

from django.conf import settings
from django.db import models

GENESIS = "0" * 64


class AuditHead(models.Model):
    """One row, locked while an entry is appended, so that the chain never forks."""

    last_hash = models.CharField(max_length=64, default=GENESIS)
    last_seq = models.BigIntegerField(default=0)

    def __str__(self):
        return f"audit head at {self.last_seq}"


class AuditEntry(models.Model):
    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
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
        ordering = ["seq"]

    def __str__(self):
        return f"{self.seq} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("the audit trail is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("the audit trail is append-only")


class PendingReporterEvent(models.Model):
    """Something a reporter did today, waiting for the daily batch. Random id, a day and
    no time: the table cannot order today's events either (rowids are random too)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    day = models.DateField()
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    action = models.CharField(max_length=40)
    detail = models.JSONField(default=dict)

    def __str__(self):
        return f"pending {self.action}"
