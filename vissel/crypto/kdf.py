"""Argon2id: from a password to a key that wraps another key.

The parameters travel with every record they made ("m=65536,t=3,p=1"), so a record made
under one profile still opens after the profile changes.
"""

from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from django.conf import settings

SALT_BYTES = 16
KEY_BYTES = 32

# memory in KiB, iterations, lanes
PROFILES = {
    # OWASP's first recommendation for Argon2id is 46 MiB, t=1; we spend more.
    "moderate": (64 * 1024, 3, 1),
    # For the test suite only: the same code path, a fraction of the cost.
    "test": (8 * 1024, 1, 1),
}


@dataclass(frozen=True)
class KdfParams:
    memory_kib: int
    iterations: int
    lanes: int

    def encode(self) -> str:
        return f"m={self.memory_kib},t={self.iterations},p={self.lanes}"

    @classmethod
    def decode(cls, text: str) -> "KdfParams":
        parts = dict(item.split("=", 1) for item in text.split(","))
        return cls(int(parts["m"]), int(parts["t"]), int(parts["p"]))

    @classmethod
    def current(cls) -> "KdfParams":
        return cls(*PROFILES[settings.VISSEL_KDF_PROFILE])


def derive_key(password: str, salt: bytes, params: KdfParams) -> bytes:
    if len(salt) != SALT_BYTES:
        raise ValueError("salt must be 16 bytes")
    return hash_secret_raw(
        secret=password.encode("utf-8"),
        salt=salt,
        time_cost=params.iterations,
        memory_cost=params.memory_kib,
        parallelism=params.lanes,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )
