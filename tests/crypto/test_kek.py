"""A copy of the database alone opens nothing (security review, finding 5): staff private
keys are wrapped under Argon2id of the password and then under the server's KEK, which
lives outside the database; the staff profile is strong; guessable passwords are refused."""

import base64
import stat

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command

from tests.factories import STAFF_PASSWORD, file_report
from tests.staff.helpers import lock_for
from vissel.cases.services import read_report
from vissel.crypto import DecryptionFailed, kek, keys
from vissel.crypto.kdf import PROFILES, STAFF, KdfParams
from vissel.organisations.people.keys import unlock_private_key


def test_the_right_password_without_the_servers_key_opens_nothing(cast, settings, tmp_path):
    filed = file_report(cast.org_a, what_happened="Bara med nyckeln")
    assert read_report(filed.case, lock_for(filed.case, cast.screener_a))["what_happened"]
    # What a thief of the database has: the wrapped key, its salt and parameters.
    pair = cast.screener_a.key_pair
    stolen = keys.PasswordWrappedKey(
        bytes(pair.private_key_salt), pair.private_key_kdf, bytes(pair.wrapped_private_key)
    )
    with pytest.raises(DecryptionFailed):
        keys.unwrap_with_password(
            stolen, STAFF_PASSWORD, keys.staff_key_context(cast.screener_a.pk)
        )
    # And the application itself, on a server whose KEK is another one.
    settings.VISSEL_KEK_FILE = tmp_path / "another-kek"
    kek.create(settings.VISSEL_KEK_FILE)
    with pytest.raises(DecryptionFailed):
        unlock_private_key(cast.screener_a, STAFF_PASSWORD)
    settings.VISSEL_KEK_FILE = tmp_path / "no-kek-at-all"
    with pytest.raises(kek.KekMissing):
        unlock_private_key(cast.screener_a, STAFF_PASSWORD)


def test_the_kek_file_is_its_owners_alone_and_never_overwritten(tmp_path):
    path = tmp_path / "kek"
    assert kek.create(path)
    first = path.read_bytes()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not kek.create(path)
    assert path.read_bytes() == first


def test_the_kek_can_come_from_the_environment(cast, settings, monkeypatch, tmp_path):
    key_text = kek.kek_path().read_text().strip()
    settings.VISSEL_KEK_FILE = tmp_path / "absent"
    monkeypatch.setenv("VISSEL_KEK", key_text)
    assert unlock_private_key(cast.internal_a, STAFF_PASSWORD)


def test_a_rotation_moves_every_key_pair_and_drops_the_old_key(cast, settings, tmp_path):
    path = tmp_path / "rotating-kek"
    path.write_text(settings.VISSEL_KEK_FILE.read_text())
    settings.VISSEL_KEK_FILE = path
    old_key = base64.b64decode(path.read_text().split()[0])
    call_command("rotate_kek")
    lines = path.read_text().split()
    assert len(lines) == 1 and base64.b64decode(lines[0]) != old_key
    cast.internal_a.key_pair.refresh_from_db()
    assert cast.internal_a.key_pair.kek_id == kek.key_id(base64.b64decode(lines[0]))
    assert unlock_private_key(cast.internal_a, STAFF_PASSWORD)
    path.write_text(base64.b64encode(old_key).decode())  # only the retired key
    with pytest.raises(DecryptionFailed):
        unlock_private_key(cast.internal_a, STAFF_PASSWORD)


def test_staff_keys_are_stretched_with_at_least_256_mib(settings):
    memory, iterations, _lanes = PROFILES["production"][STAFF]
    assert memory >= 256 * 1024 and iterations >= 2
    settings.VISSEL_KDF_PROFILE = "production"
    assert KdfParams.current(STAFF).memory_kib >= 256 * 1024


@pytest.mark.parametrize(
    "password",
    [
        "short-one",  # under 12 characters
        "qwerty123456",  # in the breached-password list
        "leavemealone",  # in the breached-password list
        "aaaaaaaaaaaaaaaa",  # easy to guess
        "internal-a-internal-a",  # built from the username
    ],
)
def test_guessable_staff_passwords_are_refused(cast, password):
    with pytest.raises(ValidationError):
        validate_password(password, cast.internal_a)


def test_a_long_unusual_passphrase_is_accepted(cast):
    validate_password("lingon moped kvartal fjäril", cast.internal_a)
