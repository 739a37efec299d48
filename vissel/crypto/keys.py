"""Case keys, their wrapping under a password, and their sealing to staff key pairs."""

import secrets
from dataclasses import dataclass
from uuid import UUID

from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from vissel.crypto import aead, kek
from vissel.crypto.context import bound_to
from vissel.crypto.errors import DecryptionFailed
from vissel.crypto.kdf import (
    LOGIN_WAIT_SECONDS,
    REPORTER,
    SALT_BYTES,
    STAFF,
    KdfParams,
    derive_key,
)


@dataclass(frozen=True)
class PasswordWrappedKey:
    """A key wrapped under Argon2id(password, salt); the password itself is never kept."""

    salt: bytes
    params: str
    wrapped: bytes


def wrap_with_password(
    key: bytes,
    password: str,
    associated: bytes,
    params: KdfParams | None = None,
    wait_seconds: float = LOGIN_WAIT_SECONDS,
) -> PasswordWrappedKey:
    params = params or KdfParams.current(REPORTER)
    salt = secrets.token_bytes(SALT_BYTES)
    wrapping = derive_key(password, salt, params, wait_seconds)
    return PasswordWrappedKey(salt, params.encode(), aead.encrypt(wrapping, associated, key))


def unwrap_with_password(record: PasswordWrappedKey, password: str, associated: bytes) -> bytes:
    wrapping = derive_key(password, bytes(record.salt), KdfParams.decode(record.params))
    return aead.decrypt(wrapping, associated, bytes(record.wrapped))


@dataclass(frozen=True)
class StaffWrappedKey:
    """A staff private key under Argon2id(password) and then under the server's KEK."""

    salt: bytes
    params: str
    kek_id: str
    wrapped: bytes


def wrap_staff_private_key(private_key: bytes, password: str, person_id) -> StaffWrappedKey:
    context = staff_key_context(person_id)
    inner = wrap_with_password(
        private_key, password, context, KdfParams.current(STAFF), wait_seconds=30
    )
    kek_id, outer = kek.wrap(inner.wrapped, context + b"|kek")
    return StaffWrappedKey(inner.salt, inner.params, kek_id, outer)


def unwrap_staff_private_key(record: StaffWrappedKey, password: str, person_id) -> bytes:
    """Raises DecryptionFailed for a wrong password or without the KEK it was wrapped
    under; the KEK layer is opened first, so no guess is tested without it."""
    context = staff_key_context(person_id)
    inner = kek.unwrap(record.kek_id, bytes(record.wrapped), context + b"|kek")
    return unwrap_with_password(
        PasswordWrappedKey(record.salt, record.params, inner), password, context
    )


def rewrap_under_newest_kek(record: StaffWrappedKey, person_id) -> StaffWrappedKey:
    """The same password layer under the newest KEK (a rotation needs no password)."""
    context = staff_key_context(person_id)
    inner = kek.unwrap(record.kek_id, bytes(record.wrapped), context + b"|kek")
    kek_id, outer = kek.wrap(inner, context + b"|kek")
    return StaffWrappedKey(record.salt, record.params, kek_id, outer)


def reporter_key_context(case_id: UUID) -> bytes:
    return bound_to("case", case_id, "reporter-wrapped-case-key")


def staff_key_context(user_id: int | str) -> bytes:
    return bound_to("staff", user_id, "wrapped-private-key")


@dataclass(frozen=True)
class KeyPair:
    public_key: bytes
    private_key: bytes


def new_key_pair() -> KeyPair:
    private = PrivateKey.generate()
    return KeyPair(bytes(private.public_key), bytes(private))


def seal_key_to(public_key: bytes, owner_id: UUID, key: bytes) -> bytes:
    """Seal a key (a case's, a final report's) to one reader. The owner's id is sealed
    with it: a sealed key moved to another row is refused when opened."""
    return SealedBox(PublicKey(bytes(public_key))).encrypt(owner_id.bytes + key)


def open_sealed_key(private_key: bytes, owner_id: UUID, sealed: bytes) -> bytes:
    try:
        opened = SealedBox(PrivateKey(bytes(private_key))).decrypt(bytes(sealed))
    except CryptoError as exc:
        raise DecryptionFailed("sealed key did not open") from exc
    if opened[:16] != owner_id.bytes:
        raise DecryptionFailed("sealed key belongs to another case")
    return opened[16:]
