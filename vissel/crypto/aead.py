"""XChaCha20-Poly1305 for short pieces: report fields, messages, wrapped keys.

Format: one version byte, a 24-byte random nonce, the ciphertext with its 16-byte tag.
Plaintexts are padded to a multiple of PAD_BLOCK before encryption, so that the length
of a ciphertext tells little (an empty contact field looks like a short one).
"""

import secrets

from nacl import bindings

from vissel.crypto.errors import DecryptionFailed

KEY_BYTES = bindings.crypto_aead_xchacha20poly1305_ietf_KEYBYTES
NONCE_BYTES = bindings.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
FORMAT_VERSION = b"\x01"
PAD_BLOCK = 256


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def _pad(data: bytes) -> bytes:
    # ISO/IEC 7816-4: a 0x80 marker, then zeros up to the block boundary.
    padded = data + b"\x80"
    return padded + b"\x00" * (-len(padded) % PAD_BLOCK)


def _unpad(data: bytes) -> bytes:
    end = data.rstrip(b"\x00")
    if not end.endswith(b"\x80"):
        raise DecryptionFailed("bad padding")
    return end[:-1]


def encrypt(key: bytes, associated: bytes, plaintext: bytes) -> bytes:
    _check_key(key)
    nonce = secrets.token_bytes(NONCE_BYTES)
    encrypted = bindings.crypto_aead_xchacha20poly1305_ietf_encrypt(
        _pad(plaintext), associated, nonce, key
    )
    return FORMAT_VERSION + nonce + encrypted


def decrypt(key: bytes, associated: bytes, blob: bytes) -> bytes:
    _check_key(key)
    blob = bytes(blob)
    if len(blob) < 1 + NONCE_BYTES or blob[:1] != FORMAT_VERSION:
        raise DecryptionFailed("not a Vissel ciphertext")
    nonce, encrypted = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
    try:
        padded = bindings.crypto_aead_xchacha20poly1305_ietf_decrypt(
            encrypted, associated, nonce, key
        )
    except Exception as exc:  # nacl raises CryptoError; never echo its inputs
        raise DecryptionFailed("ciphertext did not open") from exc
    return _unpad(padded)


def encrypt_text(key: bytes, associated: bytes, text: str) -> bytes:
    return encrypt(key, associated, text.encode("utf-8"))


def decrypt_text(key: bytes, associated: bytes, blob: bytes) -> str:
    return decrypt(key, associated, blob).decode("utf-8")


def _check_key(key: bytes) -> None:
    if not isinstance(key, bytes | bytearray) or len(key) != KEY_BYTES:
        raise ValueError("a key is 32 bytes")
