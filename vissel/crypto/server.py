"""Keys the server derives from its own secret, for what must be readable by the server
alone (a staff member's TOTP secret), never for anything a reporter wrote."""

import hashlib

from django.conf import settings


def server_key(purpose: str) -> bytes:
    return hashlib.blake2b(
        settings.SECRET_KEY.encode(), digest_size=32, person=purpose.encode()[:16]
    ).digest()
