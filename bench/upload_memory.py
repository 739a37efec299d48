"""Upload one large file through the real server (gunicorn, `vissel serve`) and print how
long it took and the server worker's peak memory.

    .venv/bin/python bench/upload_memory.py [size_in_MiB]

The file is generated and sent in 1 MiB pieces; it is never held whole by either side.
"""

import http.client
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tests.served import DEMO, start, token_of  # noqa: E402

BOUNDARY = "----visselbench"


def worker_peak_mib(server_pid: int) -> float:
    children = subprocess.run(
        ["pgrep", "-P", str(server_pid)], capture_output=True, text=True
    ).stdout.split()
    peaks = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024)
    return max(peaks)


def main() -> None:
    size_mib = int(sys.argv[1]) if len(sys.argv) > 1 else 1024
    os.environ["VISSEL_MAX_FILE_MB"] = str(size_mib + 1)
    os.environ["VISSEL_MAX_TOTAL_MB"] = str(size_mib + 1)
    os.environ.pop("DATABASE_URL", None)
    # A folder inside the temporary one: the served template is made beside it, in the
    # temporary folder, and goes with it (not in /tmp, where another run would reuse it).
    with tempfile.TemporaryDirectory() as folder:
        served = start(Path(folder) / "server")
        try:
            run(served, size_mib)
        finally:
            served.stop()


def run(served, size_mib: int) -> None:
    import requests

    browser = requests.Session()
    form = browser.get(served.url(f"/{DEMO}/report/")).text
    fields = {
        "csrfmiddlewaretoken": token_of(form),
        "category": "fraud",
        "what_happened": "benchmark",
        "relationship": "none",
        "identity": "anonymous",
    }
    head = "".join(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
        for k, v in fields.items()
    )
    head += (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; '
        f'filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'
    )
    tail = f"\r\n--{BOUNDARY}--\r\n".encode()
    length = len(head.encode()) + size_mib * 1024 * 1024 + len(tail)
    before = worker_peak_mib(served.process.pid)
    host, port = served.base_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=3600)
    connection.putrequest("POST", f"/{DEMO}/report/")
    connection.putheader("Content-Type", f"multipart/form-data; boundary={BOUNDARY}")
    connection.putheader("Content-Length", str(length))
    connection.putheader("Cookie", "; ".join(f"{k}={v}" for k, v in browser.cookies.items()))
    connection.endheaders()
    block = os.urandom(1024 * 1024)
    started = time.perf_counter()
    connection.send(head.encode())
    for _ in range(size_mib):
        connection.send(block)
    connection.send(tail)
    response = connection.getresponse()
    elapsed = time.perf_counter() - started
    assert response.status == 302, (response.status, response.read()[:500])
    stored = sum(p.stat().st_size for p in (served.data_dir / "files").glob("*.vss"))
    print(
        f"upload               {size_mib} MiB in {elapsed:.1f} s ({size_mib / elapsed:.0f} MiB/s)"
        " (received, encrypted, re-encrypted under the case key)"
    )
    print(f"stored ciphertext    {stored / 1024 / 1024:.1f} MiB")
    print(
        f"worker peak RSS      {worker_peak_mib(served.process.pid):.0f} MiB "
        f"(before the upload: {before:.0f} MiB)"
    )


if __name__ == "__main__":
    main()
