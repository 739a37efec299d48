"""Associated data: what binds a ciphertext to the one place it belongs.

A ciphertext made for (case A, field "what") does not open as (case B, "what") or as
(case A, "where"), so a database row cannot be moved or swapped unnoticed.
"""

from uuid import UUID

VERSION = b"vissel/v1"


def bound_to(kind: str, owner: UUID | str, field: str) -> bytes:
    """The associated data for `field` of `owner` (a case, a staff key, a session...)."""
    for part in (kind, str(owner), field):
        if "|" in part:
            raise ValueError("context parts may not contain '|'")
    return b"|".join((VERSION, kind.encode(), str(owner).encode(), field.encode()))


def case_field(case_id: UUID | str, field: str) -> bytes:
    return bound_to("case", case_id, field)
