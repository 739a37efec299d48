"""An organisation's recovery key: the private half of a key pair, printed once at set-up
as groups of base32 letters, and typed back when every reader of a case has lost access."""

import base64
import binascii

from vissel.crypto.errors import DecryptionFailed


def encode_recovery_key(private_key: bytes) -> str:
    text = base64.b32encode(private_key).decode().rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def decode_recovery_key(text: str) -> bytes:
    letters = "".join(ch for ch in text.upper() if ch.isalnum())
    try:
        key = base64.b32decode(letters + "=" * (-len(letters) % 8))
    except (binascii.Error, ValueError) as exc:
        raise DecryptionFailed("not a recovery key") from exc
    if len(key) != 32:
        raise DecryptionFailed("not a recovery key")
    return key
