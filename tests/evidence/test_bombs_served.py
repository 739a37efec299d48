"""The docx properties bomb of the security review, sent to the real server: refused with
a clear message, and the worker that took it grows by less than 64 MB."""

from pathlib import Path

import pytest

from tests.served import DEMO, browser_from, token_of

pytestmark = pytest.mark.served
MIB = 1024 * 1024


def kernel(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) * 1024
    raise KeyError(key)


def test_a_docx_properties_bomb_is_refused_and_the_worker_stays_small(served, properties_bomb):
    bomb = properties_bomb.read_bytes()
    browser = browser_from("127.0.0.1")
    form = browser.get(served.url(f"/{DEMO}/report/")).text  # warms the worker up
    (worker,) = served.worker_pids()
    Path(f"/proc/{worker}/clear_refs").write_text("5")  # restart the peak count
    before = kernel(worker, "VmRSS")
    response = browser.post(
        served.url(f"/{DEMO}/report/"),
        data={
            "csrfmiddlewaretoken": token_of(form),
            "category": "fraud",
            "what_happened": "Se bifogad fil.",
            "relationship": "employee",
            "identity": "anonymous",
        },
        files=[("files", ("protokoll.docx", bomb, "application/octet-stream"))],
    )
    growth = kernel(worker, "VmHWM") - before
    assert response.status_code == 400
    assert "”protokoll.docx” kunde inte kontrolleras" in response.text
    assert "Se bifogad fil." in response.text  # what was typed is kept
    assert growth < 64 * MIB, f"the worker grew by {growth / MIB:.0f} MiB"
