"""The load test at full size: 50 simulated reporters for 60 seconds against `vissel
serve` (gunicorn, 2 workers × 16 threads, production key derivation) on PostgreSQL, each
filing reports with a small file, logging in and writing messages; then every case number
logs in and must see exactly its own report and messages.

    .venv/bin/python bench/load.py [reporters] [seconds]

Needs PostgreSQL on 127.0.0.1:5432 (trust, database `test`), as the test suite does.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")

from tests.load import check_each_sees_its_own, run_load  # noqa: E402
from tests.served import (  # noqa: E402
    PRODUCTION_LIKE,
    drop_database,
    drop_template,
    start,
    without_a_daily_limit,
)


def main() -> None:
    reporters = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 60
    # A folder inside the temporary one: the served template is made beside it, in the
    # temporary folder, and goes with it (not in /tmp, where another run would reuse it).
    with tempfile.TemporaryDirectory() as folder:
        served = without_a_daily_limit(
            start(
                Path(folder) / "server",
                serve_env=PRODUCTION_LIKE,  # VISSEL_KDF_CONCURRENCY etc. pass from the environment
            )
        )
        try:
            result = run_load(served, reporters, seconds)
            started = time.monotonic()
            problems = check_each_sees_its_own(served, result)
            checked = time.monotonic() - started
            cases = served.sql("SELECT COUNT(*) FROM cases_case")[0][0]
            if result.errors or problems:
                Path("/tmp/vissel-load-server.log").write_bytes(served.log_path.read_bytes())
                print("the server's log: /tmp/vissel-load-server.log")
        finally:
            served.stop()
            drop_database(served)
            drop_template(Path(folder))
    messages = sum(len(filed.messages) for filed in result.filed)
    print(
        f"{reporters} reporters for {result.seconds:.0f} s: {len(result.filed)} reports "
        f"with a file, {messages} messages, {result.requests} requests "
        f"({result.requests / result.seconds:.0f}/s)"
    )
    print(f"'busy, try again' answers, tried again when the page asks (Retry-After): {result.busy}")
    print(f"server errors and broken steps: {len(result.errors)} {result.errors[:5]}")
    print(
        f"cases in the database: {cases}; checked every case number in {checked:.0f} s: "
        f"{len(problems)} problems {problems[:5]}"
    )


if __name__ == "__main__":
    main()
