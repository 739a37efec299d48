"""While a large upload is still arriving, nothing the server has open or has written
holds its plaintext: checked from outside the server, in the middle of the upload (after
the request has ended, Django would have deleted a plaintext temporary file already)."""

import os
import socket
import tempfile
import time
from pathlib import Path

import pytest

from tests.served import DEMO, browser_from, token_of

pytestmark = pytest.mark.served
MARK = b"MIDUPLOAD-PLAINTEXT-MARK-51c2e8"


def open_files_of(pid: int) -> list[Path]:
    found = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = Path(os.readlink(fd))
        except OSError:
            continue
        if target.is_absolute() and target.is_file():
            found.append(target)
    return found


def files_under(*roots: Path, newer_than: float) -> list[Path]:
    found = []
    for root in roots:
        for folder, _dirs, names in os.walk(root):
            for name in names:
                path = Path(folder) / name
                try:
                    if path.stat().st_mtime >= newer_than or path.stat().st_ctime >= newer_than:
                        found.append(path)
                except OSError:
                    continue
    return found


def test_nothing_holds_an_upload_in_plaintext_while_it_arrives(served):
    browser = browser_from("127.0.0.1")
    form = browser.get(served.url(f"/{DEMO}/report/")).text
    boundary = "vsslboundary7f3a"
    fields = {
        "csrfmiddlewaretoken": token_of(form),
        "category": "fraud",
        "what_happened": "Se bifogad fil.",
        "relationship": "employee",
        "identity": "anonymous",
    }
    head = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    )
    head += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.bin"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    content = (MARK + b"x" * 4000) * 1000  # about 4 MB, the mark every 4 kB
    tail = f"\r\n--{boundary}--\r\n".encode()
    body = head + content + tail
    cookies = "; ".join(f"{key}={value}" for key, value in browser.cookies.items())
    host, port = served.base_url.removeprefix("http://").split(":")
    started = time.time() - 1
    with socket.create_connection((host, int(port)), timeout=30) as raw:
        raw.sendall(
            (
                f"POST /{DEMO}/report/ HTTP/1.1\r\nHost: {host}:{port}\r\n"
                f"Cookie: {cookies}\r\nContent-Length: {len(body)}\r\n"
                f"Content-Type: multipart/form-data; boundary={boundary}\r\n\r\n"
            ).encode()
        )
        half = len(head) + len(content) // 2
        raw.sendall(body[:half])
        time.sleep(1.0)  # the server has received and handled the first half by now
        (worker,) = served.worker_pids()
        suspects = open_files_of(worker) + files_under(
            served.data_dir, Path(tempfile.gettempdir()), newer_than=started
        )
        assert any("incoming" in str(path) for path in suspects)  # the upload is on disk
        for path in suspects:
            try:
                assert MARK not in path.read_bytes(), path
            except (FileNotFoundError, PermissionError, IsADirectoryError):
                continue
        raw.sendall(body[half:])
        answer = raw.recv(65536)
    assert answer.startswith(b"HTTP/1.1 302"), answer[:200]


def test_a_body_over_the_total_limit_is_answered_before_it_is_sent(served):
    """(reporter's experience, broken 4) Without JavaScript, a selection larger than the
    organisation allows is refused as soon as the server knows, not after the upload:
    the answer comes while the client has sent only its text and a little of the file,
    and it keeps the text."""
    browser = browser_from("127.0.0.1")
    form = browser.get(served.url(f"/{DEMO}/report/")).text
    boundary = "vsslboundary9c1d"
    fields = {
        "csrfmiddlewaretoken": token_of(form),
        "category": "fraud",
        "what_happened": "Texten finns kvar.",
        "relationship": "employee",
        "identity": "anonymous",
    }
    head = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    )
    head += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="film.mp4"\r\n'
        "Content-Type: video/mp4\r\n\r\n"
    ).encode()
    declared = len(head) + 600 * 1024 * 1024  # the demo's limit is 500 MB in all
    cookies = "; ".join(f"{key}={value}" for key, value in browser.cookies.items())
    host, port = served.base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as raw:
        raw.sendall(
            (
                f"POST /{DEMO}/report/ HTTP/1.1\r\nHost: {host}:{port}\r\n"
                f"Cookie: {cookies}\r\nContent-Length: {declared}\r\n"
                f"Content-Type: multipart/form-data; boundary={boundary}\r\n\r\n"
            ).encode()
            + head
            + b"\0" * (256 * 1024)
        )
        started = time.monotonic()
        answer = b""
        while b"</html>" not in answer and time.monotonic() - started < 5:
            data = raw.recv(65536)
            if not data:
                break
            answer += data
    assert answer.startswith(b"HTTP/1.1 400"), answer[:200]
    page = answer.decode("utf-8", "replace")
    assert "Tillsammans är filerna du valde större än 500 MB" in page
    assert "Texten finns kvar." in page
