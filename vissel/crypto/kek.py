"""The server's key-encryption key (KEK): a secret that is never in the database.

Staff private keys are wrapped twice: under Argon2id of the person's password, and then
under this key. A copy of the database alone therefore gives nothing to guess against:
without the KEK not even the right password opens a key.

Where it comes from, first found wins:
- VISSEL_KEK: the key(s) in the environment, as a secrets manager or systemd's
  credentials would inject them;
- the file VISSEL_KEK_FILE (default <data dir>/key-encryption-key), mode 0600, made by
  `vissel create-kek`.
Either holds one base64 key per line (or separated by commas), the newest first: the
newest wraps, every listed key unwraps, so a rotation (`vissel rotate-kek`) never leaves a
moment in which a key pair cannot be opened.
"""

import base64
import binascii
import hashlib
import os
import secrets
from pathlib import Path

from django.conf import settings

from vissel.crypto import aead
from vissel.crypto.errors import DecryptionFailed

KEY_BYTES = 32


class KekMissing(Exception):
    """No key-encryption key is configured: run `vissel create-kek`."""


def key_id(key: bytes) -> str:
    return hashlib.blake2b(key, digest_size=8, person=b"vissel-kek-id").hexdigest()


def _parse(text: str) -> list[bytes]:
    keys = []
    for item in text.replace(",", "\n").split():
        try:
            key = base64.b64decode(item, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise KekMissing("the key-encryption key is not base64") from exc
        if len(key) != KEY_BYTES:
            raise KekMissing("a key-encryption key is 32 bytes")
        keys.append(key)
    return keys


def kek_path() -> Path:
    return Path(settings.VISSEL_KEK_FILE)


def load() -> list[bytes]:
    """Every configured key, the newest first."""
    if text := os.environ.get("VISSEL_KEK"):
        keys = _parse(text)
    else:
        try:
            keys = _parse(kek_path().read_text())
        except FileNotFoundError:
            keys = []
    if not keys:
        raise KekMissing("no key-encryption key: run `vissel create-kek`")
    return keys


def _write(path: Path, keys: list[bytes]) -> None:
    """Replace the file at once: a reader sees the old list or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = path.with_name(path.name + f".{secrets.token_hex(4)}.new")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write("".join(base64.b64encode(key).decode() + "\n" for key in keys))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)


def create(path: Path | None = None) -> bool:
    """Make the KEK file if there is none; returns whether it was made."""
    path = path or kek_path()
    if os.environ.get("VISSEL_KEK") or path.exists():
        return False
    _write(path, [secrets.token_bytes(KEY_BYTES)])
    return True


def add_new_key(path: Path | None = None) -> str:
    """Put a fresh key first in the file (the older ones stay, to unwrap); returns its id."""
    path = path or kek_path()
    keys = _parse(path.read_text())
    fresh = secrets.token_bytes(KEY_BYTES)
    _write(path, [fresh, *keys])
    return key_id(fresh)


def retire_keys(keep_ids: set[str], path: Path | None = None) -> int:
    """Drop every key but the newest and those in `keep_ids`; returns how many went."""
    path = path or kek_path()
    keys = _parse(path.read_text())
    kept = [keys[0], *(key for key in keys[1:] if key_id(key) in keep_ids)]
    _write(path, kept)
    return len(keys) - len(kept)


def current_id() -> str:
    return key_id(load()[0])


def wrap(plaintext: bytes, associated: bytes) -> tuple[str, bytes]:
    """Encrypt under the newest KEK; returns (its id, the ciphertext)."""
    newest = load()[0]
    return key_id(newest), aead.encrypt(newest, associated, plaintext)


def unwrap(kek_id: str, blob: bytes, associated: bytes) -> bytes:
    for key in load():
        if key_id(key) == kek_id:
            return aead.decrypt(key, associated, blob)
    raise DecryptionFailed("the key-encryption key this was wrapped under is not configured")
