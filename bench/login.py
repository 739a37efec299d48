"""A reporter's login through the real server (gunicorn, `vissel serve`, the production
key-derivation profile), against one derivation of the receipt KDF GlobaLeaks documents
(Argon2id, 128 MiB, t=16), measured in the same run on the same machine.

    .venv/bin/python bench/login.py [logins]

Target: the login's p50 at least 20 times faster than that one derivation. The reporter's
password has 119 bits, so the derivation is sized to cost, not to resist guessing (see
docs/threat-model.md); the staff profile stays at 256 MiB.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tests.served import DEMO, browser_from, file_a_report, start, token_of  # noqa: E402

TARGET = 20


def globaleaks_receipt_derivation() -> float:
    started = time.perf_counter()
    hash_secret_raw(b"0123456789abcdef", b"s" * 16, 16, 128 * 1024, 1, 32, Type.ID)
    return time.perf_counter() - started


def login_times(served, number: str, password: str, count: int) -> list[float]:
    times = []
    for _ in range(count):
        browser = browser_from("127.0.0.1")
        page = browser.get(served.url(f"/{DEMO}/login/")).text
        fields = {"csrfmiddlewaretoken": token_of(page), "case_number": number}
        started = time.perf_counter()
        answer = browser.post(
            served.url(f"/{DEMO}/login/"),
            data={**fields, "password": password},
            allow_redirects=False,
        )
        times.append(time.perf_counter() - started)
        assert answer.status_code == 302, answer.status_code
    return times


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    os.environ.pop("DATABASE_URL", None)
    # A folder inside the temporary one: the served template is made beside it, in the
    # temporary folder, and goes with it (not in /tmp, where another run would reuse it).
    with tempfile.TemporaryDirectory() as folder:
        served = start(Path(folder) / "server", serve_env={"VISSEL_KDF_PROFILE": "production"})
        try:
            number, password = file_a_report(served, "Benchmark: inloggning.")
            login_times(served, number, password, 3)  # warm-up
            times = sorted(login_times(served, number, password, count))
        finally:
            served.stop()
    reference = min(globaleaks_receipt_derivation() for _ in range(3))
    p50 = statistics.median(times)
    p95 = times[int(0.95 * (len(times) - 1))]
    ratio = reference / p50
    print(f"reporter login ({count}x):  p50 {p50 * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms")
    print(f"GlobaLeaks receipt KDF (Argon2id 128 MiB, t=16): {reference * 1000:.0f} ms")
    verdict = "meets" if ratio >= TARGET else "MISSES"
    print(f"ratio {ratio:.1f}x  (target at least {TARGET}x: {verdict} it)")


if __name__ == "__main__":
    main()
