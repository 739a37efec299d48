"""Time-based one-time codes (RFC 6238, pyotp), with replay refused: a code is accepted
only for a time step later than the last one used."""

import time
from io import BytesIO

import pyotp
import qrcode
import qrcode.image.svg

from vissel.crypto import aead
from vissel.crypto.context import bound_to
from vissel.crypto.server import server_key

ISSUER = "Vissel"
STEP_SECONDS = 30


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, username: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The enrolment QR code as an inline SVG image: no JavaScript, no request."""
    out = BytesIO()
    qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).save(out)
    svg = out.getvalue().decode()
    return svg[svg.index("<svg") :]


def accepted_step(secret: str, code: str, last_step: int, now: float | None = None) -> int | None:
    """The time step `code` belongs to (this one or a neighbour, for clock drift), if it is
    later than `last_step`; None otherwise."""
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return None
    now = time.time() if now is None else now
    totp = pyotp.TOTP(secret)
    current = int(now // STEP_SECONDS)
    for step in (current - 1, current, current + 1):
        if step > last_step and totp.verify(code, for_time=step * STEP_SECONDS, valid_window=0):
            return step
    return None


def _context(person_id) -> bytes:
    return bound_to("staff", person_id, "totp-secret")


def encrypt_secret(person_id, secret: str) -> bytes:
    return aead.encrypt_text(server_key("vissel-totp"), _context(person_id), secret)


def decrypt_secret(person_id, sealed) -> str:
    return aead.decrypt_text(server_key("vissel-totp"), _context(person_id), bytes(sealed))
