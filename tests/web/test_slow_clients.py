"""Slow clients against the real server: twenty sockets that send their headers, or
their bodies, a little at a time must not stop the pages, and are dropped when they
break the deadlines (a server of this module's own, with short ones: 1.5 s for the
headers, 1.5 s of silence or a 1.5 s grace for a body). Loopback only; every loop is
bounded."""

import select
import socket
import time

import pytest
import requests
from urllib3 import encode_multipart_formdata

from tests import served as serving
from tests.served import DEMO, token_of

pytestmark = pytest.mark.served

SLOW = 20
REPORT = f"/{DEMO}/report/"
LANDING = f"/{DEMO}/"


def address(served) -> tuple[str, int]:
    host, port = served.base_url.removeprefix("http://").split(":")
    return host, int(port)


DEADLINES = {
    "VISSEL_HEADER_TIMEOUT": "1.5",
    "VISSEL_BODY_IDLE_TIMEOUT": "1.5",
    "VISSEL_BODY_GRACE": "1.5",
}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """This module's own server (instead of the session's), so that its deadlines can be
    short enough to wait out quickly without touching the browser tests' server."""
    server = serving.start(tmp_path_factory.mktemp("slow-clients"), serve_env=DEADLINES)
    yield server
    server.stop()
    serving.drop_database(server)


def seconds(_served, name: str) -> float:
    return float(DEADLINES[name])


class SlowClient:
    """A raw socket whose owner decides when each byte goes out."""

    def __init__(self, served, head: bytes):
        self.sock = socket.create_connection(address(served), timeout=5)
        self.sock.sendall(head)
        self.opened = time.monotonic()
        self.received = b""
        self.closed_after = None  # seconds from opening to the server's close

    def send(self, data: bytes) -> None:
        if self.closed_after is None:
            try:
                self.sock.sendall(data)
            except OSError:
                self.check()

    def check(self) -> bool:
        """Whether the server has closed the connection (reading what it sent)."""
        while self.closed_after is None:
            readable, _, _ = select.select([self.sock], [], [], 0)
            if not readable:
                break
            try:
                data = self.sock.recv(65536)
            except OSError:
                data = b""
            if not data:
                self.closed_after = time.monotonic() - self.opened
            self.received += data
        return self.closed_after is not None

    def close(self) -> None:
        self.sock.close()


BOUNDARY = "slow-client-boundary"
FILE_PART = (
    f"--{BOUNDARY}\r\n"
    'Content-Disposition: form-data; name="files"; filename="slow.txt"\r\n'
    "Content-Type: text/plain\r\n"
    "\r\n"
).encode()


def csrf_cookie(served) -> str:
    browser = requests.Session()
    browser.get(served.url(REPORT), timeout=5)
    return browser.cookies["csrftoken"]


def slow_body(served, cookie: str, already: bytes = b"") -> SlowClient:
    """An upload that announces ten megabytes and sends the start of its file part.
    With a CSRF cookie Django reads all of such a body (looking for the token),
    streaming it into the upload handler as it arrives."""
    head = (
        f"POST {REPORT} HTTP/1.1\r\n"
        "Host: 127.0.0.1\r\n"
        f"Cookie: csrftoken={cookie}\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
        "Content-Length: 10000000\r\n"
        "\r\n"
    ).encode()
    return SlowClient(served, head + FILE_PART + already)


def slow_head(served) -> SlowClient:
    return SlowClient(served, f"GET {LANDING} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode())


def landing_answers_quickly(served) -> None:
    started = time.monotonic()
    try:
        response = requests.get(served.url(LANDING), timeout=(1, 3))
    except requests.RequestException as problem:
        pytest.fail(f"the landing page did not answer: {problem!r}")
    took = time.monotonic() - started
    assert response.status_code == 200
    assert took < 1.0, f"the landing page took {took:.2f} s"


def wait_for(condition, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def a_post_is_served(served) -> bool:
    """An ordinary post (the report form with nothing filled in) is answered by the
    application (400, the form with what is missing), not refused for want of an
    upload slot (503)."""
    browser = requests.Session()
    form = browser.get(served.url(REPORT), timeout=5).text
    response = browser.post(
        served.url(REPORT), data={"csrfmiddlewaretoken": token_of(form)}, timeout=5
    )
    return response.status_code == 400


@pytest.fixture
def clients(served):
    opened: list[SlowClient] = []
    yield opened
    for client in opened:
        client.close()
    # The threads those clients held notice that they are gone; posts work again.
    assert wait_for(lambda: a_post_is_served(served), within=10)


def test_slow_bodies_do_not_stop_the_pages(served, clients):
    cookie = csrf_cookie(served)
    clients += [slow_body(served, cookie) for _ in range(SLOW)]
    for _ in range(8):
        for client in clients:
            client.send(b"x" * 200)  # about 1 kB/s each: above the minimum rate
        landing_answers_quickly(served)
        time.sleep(0.2)


def test_slow_headers_do_not_stop_the_pages_and_are_dropped(served, clients):
    timeout = seconds(served, "VISSEL_HEADER_TIMEOUT")
    clients += [slow_head(served) for _ in range(SLOW)]
    deadline = time.monotonic() + timeout + 4
    while time.monotonic() < deadline and not all(client.check() for client in clients):
        for client in clients:
            client.send(b"X-Slow: 1\r\n")
        landing_answers_quickly(served)
        time.sleep(0.25)
    closed_after = [client.closed_after for client in clients]
    assert None not in closed_after, "slow headers were not dropped"
    # Dropped at the header timeout (checked once a second), not before.
    assert all(timeout - 0.2 < after < timeout + 2.5 for after in closed_after), closed_after
    assert not any(client.received for client in clients)  # dropped without an answer


def test_when_the_upload_slots_are_taken_a_post_is_refused_at_once(served, clients):
    cookie = csrf_cookie(served)
    clients += [slow_body(served, cookie) for _ in range(SLOW)]
    for client in clients:
        client.send(b"x" * 200)
    # Two slots (four threads): the other eighteen have been turned away already.
    assert wait_for(lambda: sum(client.check() for client in clients) == SLOW - 2, within=3)
    refused = [client.received for client in clients if client.closed_after is not None]
    assert all(answer.startswith(b"HTTP/1.1 503 ") for answer in refused)
    assert all(b"\r\nConnection: close\r\n" in answer for answer in refused)

    started = time.monotonic()
    response = requests.post(served.url(REPORT), data={"what_happened": "x" * 5000}, timeout=5)
    assert time.monotonic() - started < 1.0
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    assert response.headers["Connection"] == "close"
    assert response.headers["Content-Type"].startswith("text/plain")
    assert "try again in a moment" in response.text
    # Pages still load meanwhile.
    landing_answers_quickly(served)

    # When the slow clients go away, their threads notice, and posts are served again.
    for client in clients:
        client.close()
    assert wait_for(lambda: a_post_is_served(served), within=5)


def test_a_stalled_body_is_dropped(served, clients):
    idle = seconds(served, "VISSEL_BODY_IDLE_TIMEOUT")
    # 4 kB at once: the rate rule would allow 1.5 s + 8 s; the idle timeout comes first.
    clients.append(slow_body(served, csrf_cookie(served), already=b"x" * 4000))
    assert wait_for(clients[0].check, within=idle + 3)
    assert idle - 0.2 < clients[0].closed_after < idle + 1.5


def test_a_body_below_the_minimum_rate_is_dropped(served, clients):
    grace = seconds(served, "VISSEL_BODY_GRACE")
    clients.append(slow_body(served, csrf_cookie(served)))
    # 20 bytes every 0.2 s is 100 bytes/s: never silent long, but under 500 bytes/s.
    # With a 1.5 s grace it is dropped when 1.5 + t * 100 / 500 = t: at 1.875 s.
    deadline = time.monotonic() + grace + 4
    while time.monotonic() < deadline and not clients[0].check():
        clients[0].send(b"y" * 20)
        time.sleep(0.2)
    assert clients[0].closed_after is not None, "a body under the minimum rate was kept"
    assert grace < clients[0].closed_after < grace / 0.8 + 1.5


class Paced:
    """A request body read out at a given rate, as a slow line would deliver it."""

    def __init__(self, data: bytes, bytes_per_second: float):
        self.data = data
        self.rate = bytes_per_second
        self.sent = 0
        self.started = None

    def __len__(self):
        return len(self.data)

    def read(self, size: int = -1) -> bytes:
        if self.started is None:
            self.started = time.monotonic()
        size = 16384 if size is None or size < 0 else min(size, 16384)
        chunk = self.data[self.sent : self.sent + size]
        self.sent += len(chunk)
        time.sleep(max(0.0, self.started + self.sent / self.rate - time.monotonic()))
        return chunk


def test_a_slow_but_honest_upload_succeeds(served):
    browser = requests.Session()
    form = browser.get(served.url(REPORT), timeout=5).text
    evidence = b"ledger line\n" * (600_000 // 12)
    body, content_type = encode_multipart_formdata(
        [
            ("csrfmiddlewaretoken", token_of(form)),
            ("category", "fraud"),
            ("what_happened", "Invoices for snow clearing were paid twice."),
            ("where", "The technical department"),
            ("when", "February"),
            ("who_involved", "A unit manager"),
            ("how_known", "I saw both payments in the ledger."),
            ("relationship", "employee"),
            ("identity", "anonymous"),
            ("files", ("ledger.txt", evidence, "text/plain")),
        ]
    )
    started = time.monotonic()
    response = browser.post(
        served.url(REPORT),
        data=Paced(body, 200_000),
        headers={"Content-Type": content_type},
        timeout=30,
    )
    took = time.monotonic() - started
    # It really was slow: 600 kB at 200 kB/s outlasts every deadline of this server.
    assert took > 2 * max(float(value) for value in DEADLINES.values())
    assert response.status_code == 200 and response.url.endswith("/report/review/")
    assert "ledger.txt" in response.text
