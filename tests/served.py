"""The real thing: `vissel serve` (gunicorn) in a subprocess, on its own data directory
and its own database (SQLite, or a fresh PostgreSQL database when the suite runs on
PostgreSQL), so that what it leaves behind can be searched."""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests
from requests.adapters import HTTPAdapter

VISSEL = str(Path(sys.executable).with_name("vissel"))
DEMO = "ostersundskommun"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class FromAddress(HTTPAdapter):
    """Requests that leave from a chosen loopback address (all of 127/8 is ours)."""

    def __init__(self, source: str, **kwargs):
        self.source = source
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(*args, **kwargs)


def browser_from(source: str, **headers) -> requests.Session:
    session = requests.Session()
    session.mount("http://", FromAddress(source))
    session.headers.update(headers)
    return session


def token_of(page: str) -> str:
    return TOKEN.search(page).group(1)


@dataclass
class ServedVissel:
    base_url: str
    data_dir: Path
    log_path: Path
    database_url: str | None
    process: subprocess.Popen
    env: dict

    def run(self, *command: str, **extra_env) -> subprocess.CompletedProcess:
        """A `vissel` command against this server's database and data."""
        return subprocess.run(
            [VISSEL, *command],
            env={**self.env, **extra_env},
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
        )

    def url(self, path: str) -> str:
        return self.base_url + path

    def worker_pids(self) -> list[int]:
        """The gunicorn workers serving requests (children of the master process)."""
        pid = self.process.pid
        return [
            int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        ]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def everything_at_rest(self) -> dict[str, bytes]:
        """Every file the server wrote, its log, and a dump of its database."""
        found = {}
        for folder, _dirs, names in os.walk(self.data_dir):
            for name in names:
                path = Path(folder) / name
                found[str(path)] = path.read_bytes()
        found["server log"] = self.log_path.read_bytes()
        if self.database_url:
            parts = urlsplit(self.database_url)
            found["pg_dump"] = subprocess.run(
                [
                    "pg_dump",
                    "-h",
                    parts.hostname,
                    "-p",
                    str(parts.port or 5432),
                    "-U",
                    parts.username or "postgres",
                    parts.path.lstrip("/"),
                ],
                check=True,
                capture_output=True,
                timeout=120,
            ).stdout
        return found


def _admin_url(database_url: str, name: str) -> str:
    parts = urlsplit(database_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def start(tmp: Path, serve_env: dict | None = None) -> ServedVissel:
    """A server of its own; `serve_env` changes only the serving process (set-up runs
    with the cheap test profile either way)."""
    data_dir = tmp / "data"  # made by Vissel itself, as in production
    env = {
        **os.environ,
        "VISSEL_DATA_DIR": str(data_dir),
        "VISSEL_KDF_PROFILE": "test",
        "VISSEL_SECRET_KEY": secrets.token_urlsafe(50),
        "VISSEL_WORKERS": "1",
        "VISSEL_THREADS": "4",  # and so two upload slots
        "DJANGO_SETTINGS_MODULE": "vissel.settings",
    }
    database_url = None
    suite_database = os.environ.get("DATABASE_URL", "")
    if suite_database.startswith(("postgres://", "postgresql://")):
        import psycopg

        name = f"vissel_served_{secrets.token_hex(4)}"
        with psycopg.connect(_admin_url(suite_database, "postgres"), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        database_url = _admin_url(suite_database, name)
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    for command in (["migrate", "--noinput", "-v0"], ["create-demo"]):
        subprocess.run([VISSEL, *command], env=env, check=True, capture_output=True, timeout=300)
    port = free_port()
    log_path = tmp / "server.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [VISSEL, "serve", "--port", str(port)],
            env={**env, **(serve_env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    served = ServedVissel(
        f"http://127.0.0.1:{port}", data_dir, log_path, database_url, process, env
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(served.url(f"/{DEMO}/"), timeout=2).status_code == 200:
                return served
        except requests.ConnectionError:
            time.sleep(0.2)
    served.stop()
    raise RuntimeError("vissel serve did not come up: " + log_path.read_text()[-2000:])


def drop_database(served: ServedVissel) -> None:
    if not served.database_url:
        return
    import psycopg

    name = urlsplit(served.database_url).path.lstrip("/")
    with psycopg.connect(_admin_url(served.database_url, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def file_a_report(served: ServedVissel, what: str) -> tuple[str, str]:
    """A written report filed over HTTP, as a browser without JavaScript would: the case
    number and password from the receipt."""
    browser = browser_from("127.0.0.1")
    form = browser.get(served.url(f"/{DEMO}/report/")).text
    review = browser.post(
        served.url(f"/{DEMO}/report/"),
        data={
            "csrfmiddlewaretoken": token_of(form),
            "category": "theft",
            "what_happened": what,
            "relationship": "employee",
            "identity": "anonymous",
        },
    ).text
    receipt = browser.post(
        served.url(f"/{DEMO}/report/send/"), data={"csrfmiddlewaretoken": token_of(review)}
    ).text
    number = re.search(r'id="case-number">(\d+)<', receipt).group(1)
    password = re.search(r'id="case-password">([^<]+)<', receipt).group(1)
    return number, password


def try_to_log_in(served: ServedVissel, number: str, password: str) -> str:
    """One reporter login over HTTP; the page it answers with."""
    browser = browser_from("127.0.0.1")
    page = browser.get(served.url(f"/{DEMO}/login/")).text
    return browser.post(
        served.url(f"/{DEMO}/login/"),
        data={"csrfmiddlewaretoken": token_of(page), "case_number": number, "password": password},
    ).text
