"""Checking a staff member's credentials: password and TOTP, always, with a growing
delay per username (never per address). The password is checked by unwrapping the
private key: there is no other verifier of it anywhere."""

from django.contrib.auth import get_user_model
from django.db import transaction

from vissel.crypto import DecryptionFailed
from vissel.crypto.kdf import SALT_BYTES, STAFF, KdfParams, derive_key
from vissel.organisations.models import SecondFactor
from vissel.organisations.people import totp
from vissel.organisations.people.keys import unlock_private_key
from vissel.web import throttle


class CodeReused(Exception):
    """The right password and a code that was right, but already used: wait for the next."""


def _second_factor_step(person, code: str) -> tuple[SecondFactor, int | None, bool]:
    factor = SecondFactor.objects.select_for_update().filter(person=person).first()
    if factor is None:
        return None, None, False
    secret = totp.decrypt_secret(person.pk, factor.encrypted_secret)
    step = totp.accepted_step(secret, code, factor.last_step)
    reused = step is None and totp.accepted_step(secret, code, 0) is not None
    return factor, step, reused


def check_credentials(username: str, password: str, code: str):
    """(person, private key) for right credentials. Raises LoginRefused, CodeReused, or
    KdfBusy when the process is busy deriving other keys (nothing was counted then)."""
    key = throttle.throttle_key("staff", username.strip().lower())
    throttle.refuse_while_paused(key)
    person = (
        get_user_model()
        .objects.filter(username=username.strip(), is_active=True, key_pair__isnull=False)
        .select_related("key_pair")
        .first()
    )
    try:
        if person is None:
            # As long as a real check, so that timing does not tell who has an account.
            derive_key(password, bytes(SALT_BYTES), KdfParams.current(STAFF))
            raise DecryptionFailed("no such account")
        private_key = unlock_private_key(person, password)
    except DecryptionFailed:
        raise throttle.refuse_and_count(key) from None
    with transaction.atomic():
        factor, step, reused = _second_factor_step(person, code)
        if step is None:
            if reused:
                raise CodeReused
            raise throttle.refuse_and_count(key)
        factor.last_step = step
        factor.save(update_fields=["last_step"])
    throttle.clear(key)
    return person, private_key
