"""The real thing: `vissel serve` (gunicorn) in a subprocess, on its own data directory
and its own database (SQLite, or a fresh PostgreSQL database when the suite runs on
PostgreSQL), so that what it leaves behind can be searched."""

import contextlib
import fcntl
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
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
    serve_env: dict = field(default_factory=dict)  # the serving process's own settings

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

    def sql(self, statement: str, params: tuple = ()) -> list[tuple]:
        """A statement straight against this server's database (no Django process to
        start): for a test that counts rows or ends every session."""
        if self.database_url:
            import psycopg

            with psycopg.connect(self.database_url, autocommit=True) as connection:
                cursor = connection.execute(statement.replace("?", "%s"), params)
                return cursor.fetchall() if cursor.description else []
        import sqlite3

        connection = sqlite3.connect(self.data_dir / "vissel.sqlite3", timeout=10)
        try:
            with connection:
                cursor = connection.execute(statement, params)
                return cursor.fetchall()
        finally:
            connection.close()

    def url(self, path: str) -> str:
        return self.base_url + path

    def worker_pids(self) -> list[int]:
        """The gunicorn workers serving requests (children of the master process)."""
        pid = self.process.pid
        return [
            int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        ]

    def kill(self) -> None:
        """SIGKILL, the master and every worker at once: a power cut, as the server
        sees it. Nothing gets to clean up."""
        victims = [*self.worker_pids(), self.process.pid]
        for pid in victims:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait(timeout=20)

    def restart(self) -> None:
        """A new server on the same port, data and database, as after a reboot."""
        port = urlsplit(self.base_url).port
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [VISSEL, "serve", "--port", str(port)],
                env={**self.env, **self.serve_env},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_until_up(self)

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


def _base_env(data_dir: Path, secret_key: str) -> dict:
    return {
        **os.environ,
        "VISSEL_DATA_DIR": str(data_dir),
        "VISSEL_KDF_PROFILE": "test",
        # The template's: what it encrypted under a key derived from it (the demo staff's
        # TOTP secrets) must open in every copy.
        "VISSEL_SECRET_KEY": secret_key,
        "VISSEL_WORKERS": "1",
        "VISSEL_THREADS": "4",  # and so two upload slots
        "DJANGO_SETTINGS_MODULE": "vissel.settings",
    }


def _suite_database() -> str:
    suite_database = os.environ.get("DATABASE_URL", "")
    return suite_database if suite_database.startswith(("postgres://", "postgresql://")) else ""


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(_admin_url(_suite_database(), "postgres"), autocommit=True) as admin:
        admin.execute(sql)


def _template_root(tmp: Path) -> Path:
    """The run's base folder, shared by the xdist workers: `tmp` is a folder that
    tmp_path_factory.mktemp made in the worker's own base folder."""
    return tmp.parent.parent if os.environ.get("PYTEST_XDIST_WORKER") else tmp.parent


def _template(tmp: Path) -> tuple[Path, str, str]:
    """A data folder and database, migrated and with the demo organisation, made once per
    run (whichever worker comes first; the others wait) and copied for every server."""
    root = _template_root(tmp) / "served-template"
    root.mkdir(exist_ok=True)
    with open(root / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        ready = root / "ready"
        if not ready.exists():
            (root / "secret_key").write_text(secrets.token_urlsafe(50))
            env = _base_env(root / "data", (root / "secret_key").read_text())
            database = ""
            if _suite_database():
                database = f"vissel_served_template_{secrets.token_hex(4)}"
                _admin(f'CREATE DATABASE "{database}"')
                env["DATABASE_URL"] = _admin_url(_suite_database(), database)
            else:
                env.pop("DATABASE_URL", None)
            for command in (["migrate", "--noinput", "-v0"], ["create-demo"]):
                subprocess.run(
                    [VISSEL, *command], env=env, check=True, capture_output=True, timeout=300
                )
            ready.write_text(database)
        return root / "data", ready.read_text(), (root / "secret_key").read_text()


def drop_template(base: Path) -> None:
    """At the end of the run (the controlling process): the template's database."""
    ready = base / "served-template" / "ready"
    if ready.exists() and ready.read_text() and _suite_database():
        _admin(f'DROP DATABASE IF EXISTS "{ready.read_text()}" WITH (FORCE)')


def start(tmp: Path, serve_env: dict | None = None) -> ServedVissel:
    """A server of its own, on a copy of the run's template; `serve_env` changes only the
    serving process (set-up ran with the cheap test profile either way)."""
    data_dir = tmp / "data"
    template_data, template_database, secret_key = _template(tmp)
    shutil.copytree(template_data, data_dir)
    env = _base_env(data_dir, secret_key)
    database_url = None
    if template_database:
        name = f"vissel_served_{secrets.token_hex(4)}"
        _admin(f'CREATE DATABASE "{name}" TEMPLATE "{template_database}"')
        database_url = _admin_url(_suite_database(), name)
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    return serve(env, data_dir, database_url, tmp / "server.log", serve_env)


def serve(
    env: dict, data_dir: Path, database_url: str | None, log_path: Path, serve_env=None
) -> ServedVissel:
    """`vissel serve` on a free port with `env` (and `serve_env` for the serving process
    alone), once it answers."""
    port = free_port()
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            [VISSEL, "serve", "--port", str(port)],
            env={**env, **(serve_env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    served = ServedVissel(
        f"http://127.0.0.1:{port}", data_dir, log_path, database_url, process, env, serve_env or {}
    )
    wait_until_up(served)
    return served


def wait_until_up(served: ServedVissel) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(served.url(f"/{DEMO}/"), timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            time.sleep(0.2)
    served.stop()
    raise RuntimeError("vissel serve did not come up: " + served.log_path.read_text()[-2000:])


def drop_database(served: ServedVissel) -> None:
    if not served.database_url:
        return
    import psycopg

    name = urlsplit(served.database_url).path.lstrip("/")
    with psycopg.connect(_admin_url(served.database_url, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# The receipt: the case number and the password, shown once.
RECEIPT = re.compile(r'id="case-number">(\d+)<.*?id="case-password">([^<]+)<', re.S)


def without_a_daily_limit(served: ServedVissel) -> ServedVissel:
    """The demo organisation takes any number of reports a day: a load test measures
    the server, not the limit that stops a flood."""
    served.sql(
        "UPDATE organisations_organisation SET max_reports_per_day = ? WHERE slug = ?",
        (10**9, DEMO),
    )
    return served


# A server as production runs one on two cores (the benchmarks and the load test).
PRODUCTION_LIKE = {
    "VISSEL_KDF_PROFILE": "production",
    "VISSEL_WORKERS": "2",
    "VISSEL_THREADS": "16",
}


def file_a_report(
    served: ServedVissel, what: str, files=None, category: str = "theft"
) -> tuple[str, str]:
    """A written report filed over HTTP, as a browser without JavaScript would (with
    `files` as requests takes them): the case number and password from the receipt."""
    browser = browser_from("127.0.0.1")
    form = browser.get(served.url(f"/{DEMO}/report/")).text
    review = browser.post(
        served.url(f"/{DEMO}/report/"),
        data={
            "csrfmiddlewaretoken": token_of(form),
            "category": category,
            "what_happened": what,
            "relationship": "employee",
            "identity": "anonymous",
        },
        files=files,
    ).text
    receipt = browser.post(
        served.url(f"/{DEMO}/report/send/"), data={"csrfmiddlewaretoken": token_of(review)}
    ).text
    return RECEIPT.search(receipt).groups()


def try_to_log_in(served: ServedVissel, number: str, password: str) -> str:
    """One reporter login over HTTP; the page it answers with."""
    browser = browser_from("127.0.0.1")
    page = browser.get(served.url(f"/{DEMO}/login/")).text
    return browser.post(
        served.url(f"/{DEMO}/login/"),
        data={"csrfmiddlewaretoken": token_of(page), "case_number": number, "password": password},
    ).text


@dataclass
class RawUpload:
    """A report form's multipart body, for sending by hand over a socket at the pace a
    test chooses: `head` (the fields and the file part's headers), then the file's
    bytes, then `tail`."""

    served: ServedVissel
    cookies: str
    head: bytes
    tail: bytes

    def request_head(self, content_length: int) -> bytes:
        host, port = self.served.base_url.removeprefix("http://").split(":")
        return (
            f"POST /{DEMO}/report/ HTTP/1.1\r\nHost: {host}:{port}\r\n"
            f"Cookie: {self.cookies}\r\nContent-Length: {content_length}\r\n"
            f"Content-Type: multipart/form-data; boundary={RAW_BOUNDARY}\r\n\r\n"
        ).encode()

    def connect(self, timeout: float = 30) -> socket.socket:
        host, port = self.served.base_url.removeprefix("http://").split(":")
        return socket.create_connection((host, int(port)), timeout=timeout)


RAW_BOUNDARY = "vissel-raw-upload-boundary"


def raw_upload(
    served: ServedVissel, fields: dict, file_field: str, file_name: str, content_type: str
) -> RawUpload:
    """The report form's body around one file, with a fresh session's CSRF token."""
    browser = browser_from("127.0.0.1")
    form = browser.get(served.url(f"/{DEMO}/report/")).text
    fields = {"csrfmiddlewaretoken": token_of(form), **fields}
    head = b"".join(
        f'--{RAW_BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        f"{value}\r\n".encode()
        for name, value in fields.items()
    )
    head += (
        f'--{RAW_BOUNDARY}\r\nContent-Disposition: form-data; name="{file_field}"; '
        f'filename="{file_name}"\r\nContent-Type: {content_type}\r\n\r\n'
    ).encode()
    cookies = "; ".join(f"{key}={value}" for key, value in browser.cookies.items())
    return RawUpload(served, cookies, head, f"\r\n--{RAW_BOUNDARY}--\r\n".encode())


def ticks_at_once(*envs: dict) -> list[str]:
    """`vissel tick` started at once in each environment (one per machine, or the same
    machine twice); what each printed. Each must succeed."""
    ticks = [
        subprocess.Popen(
            [VISSEL, "tick"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for env in envs
    ]
    outputs = [tick.communicate(timeout=300) for tick in ticks]
    assert [tick.returncode for tick in ticks] == [0] * len(ticks), outputs
    return [out for out, _err in outputs]


def reader_opens(served: ServedVissel, case_id: str, file_id: str, step: int) -> tuple[str, bytes]:
    """The demo's intake party logs in over HTTP and opens a case and one of its files:
    the case page and the file's bytes. `step` picks the TOTP step (the server takes a
    step's code once: a later login against the same database takes a later step)."""
    import pyotp

    from vissel.organisations.demo import DEMO_STAFF

    ((password, secret),) = [
        (password, secret)
        for username, password, secret, _role in DEMO_STAFF
        if username == "screener@demo"
    ]
    browser = browser_from("127.0.0.1")
    page = browser.get(served.url("/staff/login/")).text
    browser.post(
        served.url("/staff/login/"),
        data={
            "csrfmiddlewaretoken": token_of(page),
            "username": "screener@demo",
            "password": password,
            "code": pyotp.TOTP(secret).at(time.time() + 30 * step),
        },
    )
    case_page = browser.get(served.url(f"/staff/{DEMO}/cases/{case_id}/")).text
    attachment = browser.get(served.url(f"/staff/{DEMO}/cases/{case_id}/files/{file_id}/"))
    return case_page, attachment.content
