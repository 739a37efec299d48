"""Reporters filing written reports through the real server: gunicorn (`vissel serve`,
two workers), PostgreSQL, the production key-derivation profile; the reporters run in
separate load processes (bounded in time and count).

    .venv/bin/python bench/submit.py [reporters] [seconds]

Prints, in one run: the landing page's p50 and a whole report's p50 for one reporter on
an idle server (form, review, send, receipt: what filing costs, in landing pages; target
at most 10), then throughput and p50/p95 with `reporters` filing at once.
Needs PostgreSQL on 127.0.0.1:5432 (trust, database `test`), as the test suite does.
"""

import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")

from tests.served import (  # noqa: E402
    DEMO,
    PRODUCTION_LIKE,
    browser_from,
    drop_database,
    drop_template,
    start,
    token_of,
    without_a_daily_limit,
)

TARGET = 10  # landing pages per report
MOST_REPORTS = 2000


def landing_times(base: str, count: int) -> list[float]:
    browser = browser_from("127.0.0.1")
    times = []
    for _ in range(count):
        started = time.perf_counter()
        assert browser.get(f"{base}/{DEMO}/").status_code == 200
        times.append(time.perf_counter() - started)
    return times


def file_one(base: str, index: int) -> float:
    """One report as a browser without JavaScript files it; seconds taken."""
    browser = browser_from("127.0.0.1")
    started = time.perf_counter()
    form = browser.get(f"{base}/{DEMO}/report/").text
    review = browser.post(
        f"{base}/{DEMO}/report/",
        data={
            "csrfmiddlewaretoken": token_of(form),
            "category": "fraud",
            "what_happened": f"Benchmark report {index}: invoices paid twice.",
            "relationship": "employee",
            "identity": "anonymous",
        },
    )
    assert review.status_code == 200, (review.status_code, review.text[:300])
    receipt = browser.post(
        f"{base}/{DEMO}/report/send/", data={"csrfmiddlewaretoken": token_of(review.text)}
    )
    assert 'id="case-number"' in receipt.text, receipt.status_code
    return time.perf_counter() - started


def reporter(base: str, seconds: float, start_at: float, number: int, results) -> None:
    time.sleep(max(0.0, start_at - time.time()))
    times, index = [], 0
    while time.time() < start_at + seconds and index < MOST_REPORTS:
        times.append(file_one(base, number * MOST_REPORTS + index))
        index += 1
    results.put(times)


def percentile(values: list[float], share: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(share * len(values)))]


def main() -> None:
    reporters = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 20
    # A folder inside the temporary one: the served template is made beside it, in the
    # temporary folder, and goes with it (not in /tmp, where another run would reuse it).
    with tempfile.TemporaryDirectory() as folder:
        served = without_a_daily_limit(start(Path(folder) / "server", serve_env=PRODUCTION_LIKE))
        try:
            base = served.base_url
            landing_times(base, 20)  # warm-up
            landing = statistics.median(landing_times(base, 100))
            single = statistics.median([file_one(base, i) for i in range(30)])
            results = multiprocessing.Queue()
            start_at = time.time() + 2
            processes = [
                multiprocessing.Process(target=reporter, args=(base, seconds, start_at, n, results))
                for n in range(reporters)
            ]
            for process in processes:
                process.start()
            times = [t for _ in processes for t in results.get()]
            for process in processes:
                process.join()
        finally:
            served.stop()
            drop_database(served)
            drop_template(Path(folder))
    cost = single / landing
    verdict = "meets" if cost <= TARGET else "MISSES"
    print(f"landing page p50 (idle):          {landing * 1000:7.1f} ms")
    print(f"whole report p50 (idle, 1 client): {single * 1000:7.1f} ms")
    print(f"a report costs {cost:.1f} landing pages (target at most {TARGET}: {verdict} it)")
    print(
        f"{reporters} reporters for {seconds:.0f} s: {len(times)} reports, "
        f"{len(times) / seconds:.1f} reports/s, p50 {statistics.median(times) * 1000:.0f} ms, "
        f"p95 {percentile(times, 0.95) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
