"""A growing delay after repeated failed logins, per account: a reporter's case number,
a staff member's username. Never per address (DESIGN: anonymity).

Unknown case numbers and usernames are counted exactly like known ones, so the delay
tells nobody whether they exist.
"""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from vissel.web.models import LoginThrottle

FREE_ATTEMPTS = 5


class LoginRefused(Exception):
    """Wrong credentials (after which `wait_seconds` may start a pause); or, with
    `delayed`, a pause still running: then nothing was checked, and what was typed may
    well be right. Staff and reporters alike."""

    def __init__(self, wait_seconds: int = 0, delayed: bool = False):
        super().__init__("login refused")
        self.wait_seconds = wait_seconds
        self.delayed = delayed


def refuse_while_paused(key: str) -> None:
    if wait := seconds_to_wait(key):
        raise LoginRefused(wait, delayed=True)


def refuse_and_count(key: str) -> LoginRefused:
    return LoginRefused(record_failure(key))


FIRST_DELAY_SECONDS = 30
LONGEST_DELAY_SECONDS = 60 * 60


def throttle_key(scope: str, account: str) -> str:
    """A keyed hash, so that the table names no case number and no username."""
    message = f"{scope}:{account}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def delay_after(failures: int) -> int:
    """Seconds to wait after `failures` wrong attempts: none for the first five, then
    30 s, 60 s, 2 min, ... up to an hour."""
    if failures < FREE_ATTEMPTS:
        return 0
    return min(FIRST_DELAY_SECONDS * 2 ** (failures - FREE_ATTEMPTS), LONGEST_DELAY_SECONDS)


def seconds_to_wait(key: str) -> int:
    row = LoginThrottle.objects.filter(key=key).first()
    if row is None or row.blocked_until is None:
        return 0
    remaining = (row.blocked_until - timezone.now()).total_seconds()
    return max(0, int(remaining + 0.999))


def record_failure(key: str) -> int:
    """Count a wrong attempt; returns the seconds to wait before the next one."""
    with transaction.atomic():
        row, _created = LoginThrottle.objects.select_for_update().get_or_create(key=key)
        row.failures += 1
        wait = delay_after(row.failures)
        row.blocked_until = timezone.now() + timedelta(seconds=wait) if wait else None
        row.save(update_fields=["failures", "blocked_until"])
    return wait


def clear(key: str) -> None:
    LoginThrottle.objects.filter(key=key).delete()
