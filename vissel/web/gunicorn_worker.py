"""Gunicorn's threaded worker, made to hold up against slow clients.

Gunicorn's gthread worker (27.x) hands each new connection to a thread, which then
blocks reading the request for as long as the client takes: twenty clients sending
their headers, or their bodies, a byte now and then hold twenty threads, and the pages
stop loading. This worker differs in four ways:

- Request headers are collected by the main thread's event loop, without a thread: a
  connection gets a thread only once its request line and headers are complete. If
  they are not complete within the header timeout (counted from the connection's
  opening, or on a kept-alive connection from the request's first byte), the
  connection is dropped.
- While a thread reads a request, the socket the request parser reads from enforces
  the same header deadline and, for the body, an idle timeout and a minimum average
  rate after a grace period (vissel.web.slow_clients.Limits). A client that breaks
  them is disconnected: the application sees what it sees when a client goes away in
  the middle of an upload. Response writes that make no progress for the send timeout
  drop the connection too.
- What the application left unread of a body is not waited for (gunicorn gives it
  five seconds of a thread): the connection is closed instead.
- A connection closed after its response lingers (RFC 9112 section 9.6) in the event
  loop instead of blocking it: gunicorn drains it on the main thread for up to two
  seconds, which a client that keeps sending would turn into a stall of the whole
  worker (every refused upload is closed this way).

It also offers the application a way to have the connection closed after its response
(environ["vissel.close_connection"]), which the upload slots use for their 503.

Nothing here reads or logs the client's address. TLS and HTTP/2 are left to the front
proxy: the worker refuses to start with either.
"""

import contextlib
import errno
import select
import selectors
import socket
import threading
import time
from functools import partial

from gunicorn import util
from gunicorn.errors import ConfigError
from gunicorn.http.unreader import SocketUnreader
from gunicorn.http.wsgi import Response
from gunicorn.workers.gthread import TConn, ThreadWorker

from vissel.web.body_reader import BodyUnreader, reading_straight
from vissel.web.slow_clients import CLOSE_CONNECTION, Limits

# What the event loop keeps of a request's head before handing it to a thread. Enough
# for any real browser's headers; a longer head is handed over as it is, and the thread
# reads the rest under the same deadline.
HEAD_BYTES = 64 * 1024
# How long a thread may wait for the rest of a body the application did not read.
DRAIN_SECONDS = 0.1
# Lingering close: how long and how much to drain from a closed connection.
LINGER_SECONDS = 2.0
LINGER_BYTES = 64 * 1024
WARN_EVERY_SECONDS = 60.0


class ClientTooSlow(ConnectionResetError):
    """Raised by a guarded socket when the client broke a deadline. A connection reset
    to everyone above: gunicorn closes the connection quietly, Django treats the body as
    unreadable, as when a client disconnects in the middle of an upload."""

    def __init__(self, reason: str):
        super().__init__(errno.ECONNRESET, reason)


def _readable(sock, timeout: float) -> bool:
    poller = select.poll()
    poller.register(sock, select.POLLIN | select.POLLPRI)
    return bool(poller.poll(max(0, int(timeout * 1000 + 0.999))))


class GuardedSocket:
    """The client socket as the request parser sees it: recv() waits only as long as
    the client is allowed to take.

    settimeout() and gettimeout() concern reads through this object only (gunicorn
    bounds its drain of an unread body with them); the socket's own timeout is the
    send timeout set for the response.
    """

    def __init__(self, sock, limits: Limits, on_expiry):
        self._sock = sock
        self._limits = limits
        self._on_expiry = on_expiry
        self._timeout = None
        self._header_deadline = None
        self._body_started = None
        self._body_received = 0
        self.expired = False

    def expect_headers(self, deadline: float) -> None:
        self._header_deadline = deadline
        self._body_started = None

    def expect_body(self) -> None:
        self._header_deadline = None
        self._body_started = time.monotonic()
        self._body_received = 0

    def _allowed_wait(self) -> tuple[float | None, str]:
        """How long the next read may wait for the client, and what it broke if not."""
        now = time.monotonic()
        if self._header_deadline is not None:
            return self._header_deadline - now, "request headers too slow"
        if self._body_started is None:
            return None, ""
        limits = self._limits
        by_rate = (
            self._body_started
            + limits.body_grace
            + self._body_received / limits.body_min_rate
            - now
        )
        if by_rate < limits.body_idle_timeout:
            return by_rate, "request body below the minimum rate"
        return limits.body_idle_timeout, "request body stalled"

    def _wait_for_the_client(self) -> None:
        if self.expired:
            raise ClientTooSlow("connection already dropped")
        wait, reason = self._allowed_wait()
        caller_first = self._timeout is not None and (wait is None or self._timeout < wait)
        if caller_first:
            if not _readable(self._sock, self._timeout):
                raise TimeoutError("timed out")  # as a socket with that timeout would
        elif wait is not None and not _readable(self._sock, wait):
            # Bytes already waiting are always taken, even past a deadline: then it is
            # not the client that is slow.
            self._expire(reason)

    def recv(self, size: int, *flags) -> bytes:
        self._wait_for_the_client()
        data = self._sock.recv(size, *flags)
        if self._body_started is not None:
            self._body_received += len(data)
        return data

    def recv_into(self, buffer, size: int = 0, *flags) -> int:
        self._wait_for_the_client()
        received = self._sock.recv_into(buffer, size, *flags)
        if self._body_started is not None:
            self._body_received += received
        return received

    def _expire(self, reason: str):
        self.expired = True
        with contextlib.suppress(OSError):
            # Whatever the application or gunicorn still try to write fails at once.
            self._sock.shutdown(socket.SHUT_RDWR)
        self._on_expiry(reason)
        raise ClientTooSlow(reason)

    def gettimeout(self):
        return self._timeout

    def settimeout(self, value):
        self._timeout = value

    def fileno(self):
        return self._sock.fileno()

    def __getattr__(self, name):
        return getattr(self._sock, name)


class GuardedConn(TConn):
    def __init__(self, worker, sock, client, server):
        super().__init__(worker.cfg, sock, client, server)
        self.worker = worker
        self.guard = GuardedSocket(sock, worker.limits, worker.dropped)
        self.head = bytearray()
        self.header_deadline = None
        self.linger_deadline = None
        self.lingered = 0

    def init(self):
        first = not self.initialized
        super().init()
        if first and isinstance(getattr(self.parser, "unreader", None), SocketUnreader):
            self.parser.unreader = BodyUnreader(self.guard, self.parser.unreader.mxchunk)
        if self.head:
            # What the event loop read of this request goes first.
            self.parser.unreader.unread(bytes(self.head))
            self.head = bytearray()

    def close(self, graceful=False):
        if graceful:
            self.worker.linger(self)
        else:
            super().close()


def _head_complete(head: bytearray, searched_from: int) -> bool:
    start = max(0, searched_from - 3)
    return head.find(b"\r\n\r\n", start) >= 0 or head.find(b"\n\n", start) >= 0


class SlowClientProofWorker(ThreadWorker):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limits = Limits.from_environ()
        # Insertion order is deadline order: every deadline is "now + a constant".
        self.awaiting_headers: dict[GuardedConn, None] = {}
        self.lingering: dict[GuardedConn, None] = {}
        self._drops = 0
        self._drops_told = -WARN_EVERY_SECONDS
        self._drops_lock = threading.Lock()

    @classmethod
    def check_config(cls, cfg, log):
        super().check_config(cfg, log)
        if cfg.is_ssl or cfg.http2_cleartext != "off" or cfg.proxy_protocol != "off":
            raise ConfigError(
                "vissel's worker speaks plain HTTP/1.1: terminate TLS (and HTTP/2) in the "
                "front proxy"
            )

    def load_wsgi(self):
        super().load_wsgi()
        self.wsgi = _offering_connection_close(self.wsgi)

    def dropped(self, reason: str) -> None:
        """Counted, and told at most once a minute: under attack this happens often."""
        now = time.monotonic()
        with self._drops_lock:
            self._drops += 1
            if now - self._drops_told < WARN_EVERY_SECONDS:
                return
            drops, self._drops, self._drops_told = self._drops, 0, now
        self.log.warning(
            "Dropped %d slow client(s) since the last such line; latest: %s.", drops, reason
        )

    # New connections: headers first, in the event loop.

    def accept(self, listener):
        try:
            client_sock, client_addr = listener.accept()
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        conn = GuardedConn(self, client_sock, client_addr, listener.getsockname())
        self.await_headers(conn)

    def on_client_socket_readable(self, conn, client):
        """A kept-alive connection has a new request coming: its headers, too, are read
        by the event loop, within the header timeout from their first byte."""
        self.poller.unregister(client)
        self.keepalived_conns.remove(conn)
        self.await_headers(conn)
        self.on_header_bytes(conn, client)

    def await_headers(self, conn):
        conn.header_deadline = time.monotonic() + self.limits.header_timeout
        self.awaiting_headers[conn] = None
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self.on_header_bytes, conn))

    def on_header_bytes(self, conn, _client):
        if conn not in self.awaiting_headers:
            return
        try:
            data = conn.sock.recv(HEAD_BYTES)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            self._stop_awaiting(conn)
            self.nr_conns -= 1
            conn.close()
            return
        searched = len(conn.head)
        conn.head += data
        if _head_complete(conn.head, searched) or len(conn.head) >= HEAD_BYTES:
            self._stop_awaiting(conn)
            conn.data_ready = True  # no waiting for data in the thread: it is here
            self.enqueue_req(conn)

    def _stop_awaiting(self, conn):
        del self.awaiting_headers[conn]
        with contextlib.suppress(KeyError, ValueError, OSError):
            self.poller.unregister(conn.sock)

    def murder_pending(self):
        super().murder_pending()
        now = time.monotonic()
        while self.awaiting_headers:
            conn = next(iter(self.awaiting_headers))
            if conn.header_deadline > now:
                break
            self._stop_awaiting(conn)
            self.nr_conns -= 1
            if conn.head:
                self.dropped("request headers too slow")
            conn.close()
        if not self.alive:
            # Stopping: connections that have not started a request are closed now.
            for conn in [conn for conn in self.awaiting_headers if not conn.head]:
                self._stop_awaiting(conn)
                self.nr_conns -= 1
                conn.close()
        while self.lingering:
            conn = next(iter(self.lingering))
            if conn.linger_deadline > now:
                break
            self._stop_lingering(conn)

    # In a thread: the deadlines travel with the socket.

    def handle(self, conn):
        deadline = conn.header_deadline or time.monotonic() + self.limits.header_timeout
        conn.header_deadline = None
        conn.guard.expect_headers(deadline)
        return super().handle(conn)

    def handle_request(self, req, conn):
        conn.guard.expect_body()
        conn.sock.settimeout(self.limits.send_timeout)
        req.body = reading_straight(req.body)
        try:
            return super().handle_request(req, conn)
        except TimeoutError as exc:  # a response write made no progress
            self.dropped("response not read")
            raise ClientTooSlow("response not read") from exc

    def _keepalive_after(self, conn, keepalive):
        """Gunicorn reads what the application left of a request body, for up to five
        seconds, to keep the connection: a thread per slow client again, and outside
        any upload slot. Here only what has already arrived is read; if more is to
        come, the connection is closed instead (lingering in the event loop)."""
        if not keepalive:
            return False
        return bool(conn.parser.finish_body(deadline=time.monotonic() + DRAIN_SECONDS))

    # Closing after a response, without blocking the event loop.

    def linger(self, conn):
        try:
            conn.sock.shutdown(socket.SHUT_WR)
            conn.sock.setblocking(False)
        except OSError:
            util.close(conn.sock)
            return
        conn.linger_deadline = time.monotonic() + LINGER_SECONDS
        conn.lingered = 0
        self.lingering[conn] = None
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self.on_linger_bytes, conn))

    def on_linger_bytes(self, conn, _client):
        try:
            data = conn.sock.recv(LINGER_BYTES)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        conn.lingered += len(data)
        if not data or conn.lingered >= LINGER_BYTES:
            self._stop_lingering(conn)

    def _stop_lingering(self, conn):
        del self.lingering[conn]
        with contextlib.suppress(KeyError, ValueError, OSError):
            self.poller.unregister(conn.sock)
        util.close(conn.sock)


def _offering_connection_close(app):
    """environ[CLOSE_CONNECTION]: a callable that makes gunicorn answer with
    "Connection: close" and close the connection, instead of reading on."""

    def application(environ, start_response):
        response = getattr(start_response, "__self__", None)
        if isinstance(response, Response):
            environ[CLOSE_CONNECTION] = response.force_close
        return app(environ, start_response)

    return application
