from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models


class EncryptedSession(AbstractBaseSession):
    """A session row: its key is a hash of the cookie, its data encrypted under a key
    derived from the cookie. See vissel.web.sessions."""

    class Meta:
        db_table = "vissel_session"


class LoginThrottle(models.Model):
    """Failed logins per account (see vissel.web.throttle), never per address. Keyed by
    a keyed hash, so the table names no case and no person; cleared on success."""

    key = models.CharField(max_length=64, unique=True)
    failures = models.PositiveIntegerField(default=0)
    blocked_until = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.failures} failed logins"


class RowsSettled(models.Model):
    """The days on which the rows reporters made were rewritten on PostgreSQL (see
    vissel.web.rowids.settle_rows): one row a day, so that two ticks do it once."""

    day = models.DateField(unique=True)

    def __str__(self):
        return f"rows settled on {self.day}"
