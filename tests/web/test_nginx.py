"""The sample front proxy (deploy/nginx/vissel.conf) in front of the real server, with
Debian's nginx on loopback: its server block as shipped, only its TLS and ports made fit
for a test. A report with a file goes through it from a distinctive client address, with
forged forwarding headers; nginx then holds no address in any file it wrote and no
request body on disk, Vissel received no address, and a slow client at the proxy does
not stop the pages."""

import contextlib
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests

from tests.served import DEMO, browser_from, free_port, raw_upload, token_of

pytestmark = pytest.mark.served

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SAMPLE = Path(__file__).parents[2] / "deploy" / "nginx" / "vissel.conf"
CLIENT = "127.88.77.66"
FORGED = {"X-Forwarded-For": "198.51.100.91", "X-Real-IP": "198.51.100.92"}
SECRET = b"Proxyhemlighet-6620 "


def proxy_config(port: int, upstream: str) -> str:
    """The shipped server block, listening on a loopback port without TLS, passing to the
    test's server; the redirecting port-80 server is left out."""
    text = SAMPLE.read_text()
    main = text[: text.index("server {\n    listen 80")]
    main = main.replace(
        "listen 443 ssl default_server;", f"listen 127.0.0.1:{port} default_server;"
    )
    main = re.sub(r"\n\s*listen \[::\]:443 ssl default_server;", "", main)
    main = re.sub(r"\n\s*ssl_[a-z_]+ [^;]+;", "", main)
    return main.replace("proxy_pass http://127.0.0.1:8000;", f"proxy_pass {upstream};")


@pytest.fixture
def proxy(served, tmp_path):
    prefix = tmp_path / "nginx"
    for folder in ("logs", "body", "proxy", "conf"):
        (prefix / folder).mkdir(parents=True)
    port = free_port()
    (prefix / "conf" / "vissel.conf").write_text(proxy_config(port, served.base_url))
    (prefix / "conf" / "nginx.conf").write_text(
        f"""daemon off;
user root;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/proxy;
    uwsgi_temp_path {prefix}/proxy;
    scgi_temp_path {prefix}/proxy;
    access_log {prefix}/logs/access.log;
    include {prefix}/conf/vissel.conf;
}}
"""
    )
    process = subprocess.Popen(
        [NGINX, "-p", str(prefix), "-c", str(prefix / "conf" / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            requests.get(base + f"/{DEMO}/", timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.1)
    yield base, prefix, process.pid
    process.terminate()
    process.wait(timeout=10)


def everything_under(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_through_the_proxy_no_address_is_kept_and_no_body_touches_the_disk(served, proxy):
    base, prefix, _master = proxy
    browser = browser_from(CLIENT, **FORGED)
    form = browser.get(f"{base}/{DEMO}/report/")
    assert form.status_code == 200
    review = browser.post(
        f"{base}/{DEMO}/report/",
        data={
            "csrfmiddlewaretoken": token_of(form.text),
            "category": "theft",
            "what_happened": "Genom proxyn.",
            "relationship": "employee",
            "identity": "anonymous",
        },
        files={"files": ("bilaga.txt", SECRET * 50_000)},  # 1 MB: past every buffer
    )
    assert review.status_code == 200 and "bilaga.txt" in review.text
    receipt = browser.post(
        f"{base}/{DEMO}/report/send/", data={"csrfmiddlewaretoken": token_of(review.text)}
    )
    assert 'id="case-number"' in receipt.text

    # nginx wrote no body and no response to its temporary folders, and kept no address.
    assert not [p for p in (prefix / "body").rglob("*") if p.is_file()]
    assert not [p for p in (prefix / "proxy").rglob("*") if p.is_file()]
    kept = everything_under(prefix)
    for needle in (CLIENT, *FORGED.values()):
        assert needle.encode() not in kept, needle
    assert SECRET.strip() not in kept
    # Vissel received no address either: none in its log, files or database.
    at_rest = b"".join(served.everything_at_rest().values())
    for needle in (CLIENT, *FORGED.values()):
        assert needle.encode() not in at_rest, needle


def files_open_in(folder: Path, master: int) -> list[str]:
    """Files under `folder` that nginx holds open: nginx unlinks a temporary file as soon
    as it has opened it, so a buffered body is seen in /proc, not in the folder."""
    pids = [master, *map(int, Path(f"/proc/{master}/task/{master}/children").read_text().split())]
    found = []
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            with contextlib.suppress(OSError):
                target = str(fd.readlink())
                if target.startswith(str(folder)):
                    found.append(target)
    return found


def test_an_upload_on_its_way_through_the_proxy_is_never_on_its_disk(served, proxy):
    base, prefix, master = proxy
    upload = raw_upload(
        served,
        {
            "category": "theft",
            "what_happened": "x",
            "relationship": "employee",
            "identity": "anonymous",
        },
        "files",
        "bilaga.txt",
        "text/plain",
    )
    body = SECRET * 200_000  # 4.6 MB
    host, port = base.removeprefix("http://").split(":")
    connection = socket.create_connection((host, int(port)), timeout=30)
    head = upload.request_head(len(upload.head) + len(body) + len(upload.tail))
    connection.sendall(head + upload.head + body[: len(body) // 2])
    time.sleep(0.5)  # half of it has passed through nginx by now
    on_disk = [p for p in (prefix / "body").rglob("*") if p.is_file()]
    on_disk += files_open_in(prefix / "body", master)
    connection.sendall(body[len(body) // 2 :] + upload.tail)
    answer = connection.recv(4096)
    connection.close()
    assert on_disk == []
    assert answer.startswith(b"HTTP/1.1 302"), answer[:200]


def test_a_slow_client_at_the_proxy_does_not_stop_the_pages(proxy):
    base, _prefix, _master = proxy
    host, port = base.removeprefix("http://").split(":")
    slow = [socket.create_connection((host, int(port)), timeout=5) for _ in range(20)]
    for connection in slow:  # headers begun, never finished
        connection.sendall(f"GET /{DEMO}/ HTTP/1.1\r\nHost: x\r\n".encode())
    try:
        started = time.monotonic()
        for _ in range(5):
            assert requests.get(f"{base}/{DEMO}/", timeout=5).status_code == 200
        assert (time.monotonic() - started) / 5 < 1.0
    finally:
        for connection in slow:
            connection.close()
