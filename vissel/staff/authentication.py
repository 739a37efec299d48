"""Logging staff in: password and TOTP, always; the private key unlocked and kept in the
session, which is encrypted under a key that lives only in the browser's cookie."""

import base64

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.db import transaction

from vissel.crypto import DecryptionFailed
from vissel.staff import totp
from vissel.staff.models import SecondFactor
from vissel.staff.services import unlock_private_key
from vissel.web import throttle

SESSION_KEY = "staff_private_key"


class LoginRefused(Exception):
    def __init__(self, wait_seconds: int = 0):
        super().__init__("login refused")
        self.wait_seconds = wait_seconds


def _second_factor_accepts(person, code: str) -> bool:
    with transaction.atomic():
        factor = SecondFactor.objects.select_for_update().filter(person=person).first()
        if factor is None:
            return False
        step = totp.accepted_step(
            totp.open_secret(person.pk, factor.sealed_secret), code, factor.last_step
        )
        if step is None:
            return False
        factor.last_step = step
        factor.save(update_fields=["last_step"])
        return True


def log_in(request, username: str, password: str, code: str):
    key = throttle.throttle_key("staff", username.strip().lower())
    if wait := throttle.seconds_to_wait(key):
        raise LoginRefused(wait)
    # Django's backend spends the same time on an unknown username as on a known one.
    person = authenticate(request, username=username.strip(), password=password)
    try:
        if person is None or not _second_factor_accepts(person, code):
            raise DecryptionFailed("refused")
        private_key = unlock_private_key(person, password)
    except DecryptionFailed:
        raise LoginRefused(throttle.record_failure(key)) from None
    throttle.clear(key)
    login(request, person)  # a new session key
    hold_private_key(request.session, private_key)
    return person


def hold_private_key(session, private_key: bytes) -> None:
    session[SESSION_KEY] = base64.b64encode(private_key).decode()
    session.set_expiry(settings.VISSEL_STAFF_IDLE_SECONDS)


def private_key_of(session) -> bytes | None:
    held = session.get(SESSION_KEY)
    return base64.b64decode(held) if held else None


def log_out(request) -> None:
    logout(request)  # flushes the session and, with it, the private key
