from django.db import models


class LoginThrottle(models.Model):
    """Failed reporter logins per case number, never per address. Keyed by a keyed
    hash of (organisation, case number), so the table names no case; cleared on the
    first successful login."""

    key = models.CharField(max_length=64, unique=True)
    failures = models.PositiveIntegerField(default=0)
    blocked_until = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.failures} failed logins"
