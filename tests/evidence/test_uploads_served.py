"""While a large upload is still arriving, nothing the server has open or has written
holds its plaintext: checked from outside the server, in the middle of the upload (after
the request has ended, Django would have deleted a plaintext temporary file already)."""

import os
import tempfile
import time
from pathlib import Path

import pytest

from tests.served import raw_upload

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
    upload = raw_upload(
        served,
        {
            "category": "fraud",
            "what_happened": "Se bifogad fil.",
            "relationship": "employee",
            "identity": "anonymous",
        },
        "files",
        "big.bin",
        "application/octet-stream",
    )
    content = (MARK + b"x" * 4000) * 1000  # about 4 MB, the mark every 4 kB
    body = upload.head + content + upload.tail
    started = time.time() - 1
    with upload.connect() as raw:
        raw.sendall(upload.request_head(len(body)))
        half = len(upload.head) + len(content) // 2
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
    upload = raw_upload(
        served,
        {
            "category": "fraud",
            "what_happened": "Texten finns kvar.",
            "relationship": "employee",
            "identity": "anonymous",
        },
        "files",
        "film.mp4",
        "video/mp4",
    )
    declared = len(upload.head) + 600 * 1024 * 1024  # the demo's limit is 500 MB in all
    with upload.connect(timeout=10) as raw:
        raw.sendall(upload.request_head(declared) + upload.head + b"\0" * (256 * 1024))
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
