"""Keeping slow clients from taking the service down.

A request whose body arrives slowly holds one of the server's threads for as long as it
takes. Two defences share the settings below:

- the gunicorn worker (vissel.web.gunicorn_worker) reads request headers without a
  thread and drops a client whose headers, or whose body, do not keep arriving;
- UploadSlots, WSGI middleware in vissel.wsgi, lets only so many requests that carry a
  body (reports, replies, logins) be read at once per worker process; the next one is
  answered at once with 503 and Retry-After, without reading its body. Page loads never
  wait for a slot, so the threads left over keep serving pages.

Every setting comes from the environment; see docs/deployment.md.
"""

import logging
import os
import threading
import time
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

# Threads per worker process. Half of them at most read request bodies (upload slots),
# so that the other half keeps serving pages however slowly uploads arrive.
DEFAULT_THREADS = 16

# The environ key under which the server offers a callable that makes it close the
# connection after the response (vissel.web.gunicorn_worker provides it).
CLOSE_CONNECTION = "vissel.close_connection"

RETRY_AFTER_SECONDS = 5
BUSY_PAGE = (
    "Tjänsten är upptagen just nu. Försök igen om en stund.\n"
    "The service is busy right now. Please try again in a moment.\n"
).encode()

logger = logging.getLogger("vissel.web.slow_clients")


def _number(name: str, default: float, *, minimum: float = 0.0) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {raw!r}") from None
    if value <= minimum:
        raise ImproperlyConfigured(f"{name} must be greater than {minimum:g}")
    return value


@dataclass(frozen=True)
class Limits:
    """How long a client may take. Seconds, and bytes per second."""

    # The request line and all headers must have arrived this long after the connection
    # was opened (or, on a kept-alive connection, after the request's first byte).
    header_timeout: float = 10.0
    # A request body must not pause longer than this...
    body_idle_timeout: float = 30.0
    # ...and must arrive at this average rate at least, after a grace period: by t
    # seconds into the body, (t - grace) * rate bytes must have arrived (Apache's
    # mod_reqtimeout rule). Low enough for an upload over Tor.
    body_min_rate: float = 500.0
    body_grace: float = 20.0
    # A response write that makes no progress for this long drops the connection.
    send_timeout: float = 60.0

    @classmethod
    def from_environ(cls) -> "Limits":
        return cls(
            header_timeout=_number("VISSEL_HEADER_TIMEOUT", cls.header_timeout),
            body_idle_timeout=_number("VISSEL_BODY_IDLE_TIMEOUT", cls.body_idle_timeout),
            body_min_rate=_number("VISSEL_BODY_MIN_RATE", cls.body_min_rate),
            body_grace=_number("VISSEL_BODY_GRACE", cls.body_grace),
            send_timeout=_number("VISSEL_SEND_TIMEOUT", cls.send_timeout),
        )


def threads_from_environ() -> int:
    return int(_number("VISSEL_THREADS", DEFAULT_THREADS, minimum=1))


def upload_slots_from_environ() -> int:
    """VISSEL_UPLOAD_SLOTS, by default half the threads; always fewer than the threads,
    so that at least one thread is left for page loads."""
    threads = threads_from_environ()
    slots = int(_number("VISSEL_UPLOAD_SLOTS", max(1, threads // 2)))
    if slots >= threads:
        raise ImproperlyConfigured(
            f"VISSEL_UPLOAD_SLOTS ({slots}) must be fewer than VISSEL_THREADS ({threads})"
        )
    return slots


def carries_body(environ: dict) -> bool:
    if environ.get("HTTP_TRANSFER_ENCODING"):
        return True
    try:
        return int(environ.get("CONTENT_LENGTH") or 0) > 0
    except ValueError:
        return True  # the server rejects these; count them all the same


def _content_length(environ: dict) -> int | None:
    if environ.get("HTTP_TRANSFER_ENCODING"):
        return None
    try:
        return int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None


class _Once:
    def __init__(self, action):
        self._action = action
        self._lock = threading.Lock()
        self._done = False

    def __call__(self):
        with self._lock:
            if self._done:
                return
            self._done = True
        self._action()


class _ReleasingAtTheEnd:
    """The request body, which calls `release` once all of it has been read (the
    declared length, or the end of a chunked body)."""

    def __init__(self, stream, length: int | None, release):
        self._stream = stream
        self._left = length
        self._release = release

    def _count(self, data: bytes, asked) -> bytes:
        if self._left is not None:
            self._left -= len(data)
            if self._left <= 0:
                self._release()
        if not data and asked != 0:
            self._release()  # the end of the stream
        return data

    def read(self, size=-1):
        return self._count(self._stream.read(size), size)

    def readline(self, size=-1):
        return self._count(self._stream.readline(size), size)

    def readlines(self, hint=-1):
        lines = self._stream.readlines(hint)
        for line in lines:
            self._count(line, None)
        self._count(b"", None)
        return lines

    def __iter__(self):
        while line := self.readline():
            yield line


class UploadSlots:
    """WSGI middleware: at most `slots` requests with a body at a time in this process.

    A request with a body that finds no free slot is answered at once with 503: its body
    is not read and the connection is closed after the answer. Requests without a body
    pass straight through and never wait.
    """

    WARN_EVERY_SECONDS = 60.0

    def __init__(self, app, slots: int):
        self.app = app
        self.slots = slots
        self._free = threading.BoundedSemaphore(slots)
        self._last_warning = -self.WARN_EVERY_SECONDS

    def __call__(self, environ, start_response):
        if not carries_body(environ):
            return self.app(environ, start_response)
        if not self._free.acquire(blocking=False):
            return self._busy(environ, start_response)
        release = _Once(self._free.release)
        # The slot guards the reading of the body, not the work done with it: it is
        # given back the moment the last byte has been read (a form's fields are read by
        # the CSRF check, before any view), so that deriving a key or writing the case
        # does not keep the next reporter's small form waiting, or answered "busy".
        environ["wsgi.input"] = _ReleasingAtTheEnd(
            environ["wsgi.input"], _content_length(environ), release
        )
        try:
            return self.app(environ, start_response)
        finally:
            release()

    def _busy(self, environ, start_response):
        now = time.monotonic()
        if now - self._last_warning >= self.WARN_EVERY_SECONDS:
            self._last_warning = now
            logger.warning(
                "All %d upload slots are busy: requests with a body are answered 503.",
                self.slots,
            )
        close_connection = environ.get(CLOSE_CONNECTION)
        if close_connection is not None:
            # The unread body is still on its way: this connection cannot carry
            # another request.
            close_connection()
        start_response(
            "503 Service Unavailable",
            [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Length", str(len(BUSY_PAGE))),
                ("Retry-After", str(RETRY_AFTER_SECONDS)),
                ("Cache-Control", "no-store"),
                ("X-Content-Type-Options", "nosniff"),
            ],
        )
        return [BUSY_PAGE]
