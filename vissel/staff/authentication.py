"""Logging staff in: the credentials are checked by the people domain; here the private
key is kept in the session, which is encrypted under a key that lives only in the
browser's cookie. The session cookie ends with the browser; the idle limit is the
server's (vissel.web.sessions)."""

import base64

from django.conf import settings
from django.contrib.auth import login, logout

from vissel.organisations.people.login import check_credentials
from vissel.web.sessions import keep_alive

SESSION_KEY = "staff_private_key"


def log_in(request, username: str, password: str, code: str):
    person, private_key = check_credentials(username, password, code)
    login(request, person, backend="django.contrib.auth.backends.ModelBackend")
    hold_private_key(request.session, private_key)
    return person


def hold_private_key(session, private_key: bytes) -> None:
    session[SESSION_KEY] = base64.b64encode(private_key).decode()
    keep_alive(session, settings.VISSEL_STAFF_IDLE_SECONDS)


def private_key_of(session) -> bytes | None:
    held = session.get(SESSION_KEY)
    return base64.b64decode(held) if held else None


def log_out(request) -> None:
    logout(request)  # flushes the session and, with it, the private key
