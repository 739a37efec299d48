"""PostgreSQL restarted under load: a private cluster (initdb in a temporary folder, so
the rest of the suite's database is never touched), the real server on it with its
persistent connections, reporters at work while the database restarts. Afterwards every
request succeeds again without any repair, and no half case is left."""

import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
import requests

from tests.served import DEMO, VISSEL, _base_env, file_a_report, free_port, serve

pytestmark = pytest.mark.served

BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), None)


def as_postgres(*command: str) -> None:
    subprocess.run(
        ["runuser", "-u", "postgres", "--", *command],
        check=True,
        capture_output=True,
        timeout=120,
    )


@pytest.fixture
def private_cluster():
    if BIN is None:
        pytest.fail("PostgreSQL's server binaries are not installed")
    # Not under pytest's folder, which only root may enter: the cluster runs as postgres.
    folder = Path(tempfile.mkdtemp(prefix="vissel-cluster-"))
    shutil.chown(folder, "postgres")
    as_postgres(str(BIN / "initdb"), "-D", str(folder), "-A", "trust", "-U", "postgres", "-N")
    port = free_port()
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    # Its output to a file: a pipe would be held open by the server, and wait for ever.
    control = [
        str(BIN / "pg_ctl"),
        "-D",
        str(folder),
        "-l",
        str(folder / "log"),
        "-o",
        options,
        "-w",
    ]
    as_postgres(*control, "start")
    yield f"postgres://postgres@127.0.0.1:{port}/postgres", control
    as_postgres(*control, "-m", "immediate", "stop")
    shutil.rmtree(folder, ignore_errors=True)


def every_page_answers(served) -> bool:
    statuses = [
        requests.get(served.url(f"/{DEMO}/report/"), timeout=10).status_code for _ in range(40)
    ]
    assert statuses == [200] * 40, statuses
    return True


def test_requests_succeed_again_after_postgresql_restarts_under_load(tmp_path, private_cluster):
    database_url, control = private_cluster
    data_dir = tmp_path / "data"
    env = {**_base_env(data_dir, "a-test-secret-key-" + "x" * 40), "DATABASE_URL": database_url}
    for command in (["migrate", "--noinput", "-v0"], ["create-demo"]):
        subprocess.run([VISSEL, *command], env=env, check=True, capture_output=True, timeout=300)
    served = serve(
        env,
        data_dir,
        database_url,
        tmp_path / "server.log",
        {"VISSEL_WORKERS": "2", "VISSEL_THREADS": "8"},
    )
    try:
        file_a_report(served, "Före omstarten.")
        busy = threading.Event()
        stop = threading.Event()

        def reporters():
            while not stop.is_set():
                busy.set()
                try:
                    file_a_report(served, "Under omstarten.")
                except Exception:  # the database is down for a moment: expected
                    time.sleep(0.05)

        workers = [threading.Thread(target=reporters) for _ in range(4)]
        for worker in workers:
            worker.start()
        busy.wait(10)
        time.sleep(0.5)
        as_postgres(*control, "-m", "fast", "restart")
        time.sleep(0.5)
        stop.set()
        for worker in workers:
            worker.join()

        # Afterwards, without touching the server: every thread's connection is tried.
        assert every_page_answers(served)
        # And a restart while the server is idle: its kept connections are all stale now.
        as_postgres(*control, "-m", "fast", "restart")
        assert every_page_answers(served)
        number, _password = file_a_report(served, "Efter omstarten.")
        assert number
        half = served.sql(
            "SELECT COUNT(*) FROM cases_case c WHERE length(c.reporter_wrapped_key) = 0"
            " OR NOT EXISTS (SELECT 1 FROM cases_casekeyseal s WHERE s.case_id = c.id)"
        )[0][0]
        assert half == 0
    finally:
        served.stop()
