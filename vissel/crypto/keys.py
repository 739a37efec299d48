"""Case keys, their wrapping under a password, and their sealing to staff key pairs."""

import secrets
from dataclasses import dataclass
from uuid import UUID

from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from vissel.crypto import aead
from vissel.crypto.context import bound_to
from vissel.crypto.errors import DecryptionFailed
from vissel.crypto.kdf import SALT_BYTES, KdfParams, derive_key


def new_case_key() -> bytes:
    return aead.new_key()


@dataclass(frozen=True)
class PasswordWrappedKey:
    """A key wrapped under Argon2id(password, salt); the password itself is never kept."""

    salt: bytes
    params: str
    wrapped: bytes


def wrap_with_password(
    key: bytes, password: str, associated: bytes, params: KdfParams | None = None
) -> PasswordWrappedKey:
    params = params or KdfParams.current()
    salt = secrets.token_bytes(SALT_BYTES)
    wrapping = derive_key(password, salt, params)
    return PasswordWrappedKey(salt, params.encode(), aead.encrypt(wrapping, associated, key))


def unwrap_with_password(record: PasswordWrappedKey, password: str, associated: bytes) -> bytes:
    wrapping = derive_key(password, bytes(record.salt), KdfParams.decode(record.params))
    return aead.decrypt(wrapping, associated, bytes(record.wrapped))


def reporter_key_context(case_id: UUID) -> bytes:
    return bound_to("case", case_id, "reporter-wrapped-case-key")


def staff_key_context(user_id: int | str) -> bytes:
    return bound_to("staff", user_id, "wrapped-private-key")


@dataclass(frozen=True)
class StaffKeyPair:
    public_key: bytes
    private_key: bytes


def new_staff_key_pair() -> StaffKeyPair:
    private = PrivateKey.generate()
    return StaffKeyPair(bytes(private.public_key), bytes(private))


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


seal_case_key_to = seal_key_to
open_sealed_case_key = open_sealed_key
