"""The reporter's password: generated, shown once, never stored.

24 characters from a 31-letter alphabet without look-alikes (no 0/o, 1/l/i) give
24 * log2(31) = 118.9 bits, read and typed in six groups of four.
"""

import math
import secrets

ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
GROUPS = 6
GROUP_LENGTH = 4
ENTROPY_BITS = GROUPS * GROUP_LENGTH * math.log2(len(ALPHABET))


def generate_password() -> str:
    characters = [secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH)]
    return "-".join(
        "".join(characters[i : i + GROUP_LENGTH]) for i in range(0, len(characters), GROUP_LENGTH)
    )


def normalise_password(typed: str) -> str:
    """Forgive what people do when copying a password: case, spaces, dashes."""
    kept = "".join(ch for ch in typed.lower() if ch.isalnum())
    return "-".join(kept[i : i + GROUP_LENGTH] for i in range(0, len(kept), GROUP_LENGTH))
