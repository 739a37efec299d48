"""The handler's dashboard with 100,000 cases in one organisation: p50/p95 of the whole
page (Django's test client, in process: view, queries, template), for the first page,
a filtered page and a far page (typed by its number, and reached by Next, which starts
after the last case of the page before), and the number of queries per page.

    .venv/bin/python bench/dashboard.py [cases]            # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/dashboard.py

The rows are written directly (bulk inserts with placeholder ciphertexts): the dashboard
decrypts nothing, so their content does not matter; building 100,000 cases through the
real services would take an hour of Argon2id.
"""

import os
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TARGET_P95_MS = 100


def _database() -> tuple[str | None, str | None]:
    """A database of our own: a temporary SQLite file, or a fresh PostgreSQL database."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None, None
    import psycopg

    name = f"vissel_bench_{secrets.token_hex(4)}"
    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    return admin, name


def _drop(admin: str | None, name: str | None) -> None:
    if admin:
        import psycopg

        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _populate(total: int):
    from django.contrib.auth import get_user_model
    from django_scopes import scopes_disabled

    from vissel.cases.deadlines import earliest_open
    from vissel.cases.models import REPORT_TEXTS, Case, CaseKeySeal, Status
    from vissel.crypto import kek
    from vissel.organisations.models import Membership, Role
    from vissel.organisations.people.accounts import create_staff
    from vissel.organisations.services import create_organisation

    kek.create()
    with scopes_disabled():
        organisation = create_organisation("Benchkommunen", slug="bench")
        reader = create_staff(
            "bench-screener", "a long bench passphrase", "BENCHAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        )
        Membership.objects.create(organisation=organisation, person=reader, role=Role.SCREENER)
        categories = list(organisation.categories.all())
        statuses = [Status.RECEIVED, Status.INTERNAL_INVESTIGATION, Status.CLOSED]
        today = date.today()
        blob = b"\x01" + secrets.token_bytes(300)
        batch = 5000
        for start in range(0, total, batch):
            cases = []
            for index in range(start, min(start + batch, total)):
                received = today - timedelta(days=index % 400)
                cases.append(
                    Case(
                        id=uuid.uuid4(),
                        organisation=organisation,
                        case_number=str(10_000_000 + index),
                        register_number=f"VB {received.year}/{index + 1:06d}",
                        category=categories[index % len(categories)],
                        status=statuses[index % len(statuses)],
                        received_on=received,
                        acknowledge_by=received + timedelta(days=7),
                        feedback_by=received + timedelta(days=97),
                        acknowledged_on=received if index % 2 else None,
                        last_reporter_seq=index % 3,
                        **{f"encrypted_{name}": blob for name in (*REPORT_TEXTS, "contact")},
                        reporter_key_salt=b"0" * 16,
                        reporter_key_kdf="m=8192,t=1,p=1",
                        reporter_wrapped_key=blob,
                    )
                )
            for case in cases:  # what Case.save() keeps; bulk inserts skip save()
                case.next_due, case.next_due_soon_from = earliest_open(case)
            Case.objects.bulk_create(cases)
            CaseKeySeal.objects.bulk_create(
                CaseKeySeal(case=case, reader=reader, sealed_key=blob, **case.place_in_worklists())
                for case in cases
            )
        return get_user_model().objects.get(pk=reader.pk)


def _measure(client, url: str, runs: int) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    queries = 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        queries = len(captured.captured_queries)
    if os.environ.get("BENCH_QUERIES"):
        slowest = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:3]
        for query in slowest:
            print(f"    {float(query['time']) * 1000:7.1f} ms  {query['sql'][-900:]}")
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], queries


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    folder = tempfile.mkdtemp(prefix="vissel-bench-")
    os.environ["VISSEL_DATA_DIR"] = folder
    os.environ["VISSEL_KDF_PROFILE"] = "test"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vissel.settings")
    admin, name = _database()
    try:
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.test import Client

        settings.ALLOWED_HOSTS = ["testserver"]
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        reader = _populate(total)
        print(f"{total} cases written in {time.perf_counter() - started:.1f} s")
        from django.db import connection

        if connection.vendor == "postgresql":  # as autovacuum does (index-only scans
            with connection.cursor() as cursor:  # need its visibility map); Vissel never
                cursor.execute("VACUUM ANALYZE")  # runs ANALYZE on SQLite
        client = Client()
        client.force_login(reader)
        from vissel.organisations.people.keys import unlock_private_key
        from vissel.staff.authentication import hold_private_key

        session = client.session
        hold_private_key(session, unlock_private_key(reader, "a long bench passphrase"))
        session.save()
        database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[1]
        print(f"database: {database}; target p95 < {TARGET_P95_MS} ms")
        from django_scopes import scopes_disabled

        from vissel.cases.worklist import Filters, worklist

        with scopes_disabled():  # what the Next and Previous links of far pages name
            organisation = reader.memberships.get().organisation
            last_of_999 = worklist(reader, organisation, Filters(), date.today(), 999).last_case_id
            first_of_1001 = worklist(
                reader, organisation, Filters(), date.today(), 1001
            ).first_case_id
        for label, url in (
            ("first page", "/staff/"),
            ("filtered: overdue, one category", "/staff/?deadline=overdue&category=fraud"),
            ("search by number", "/staff/?number=1004"),
            ("page 1000 by its number", "/staff/?page=1000"),
            ("page 1000 by Next", f"/staff/?page=1000&after={last_of_999}"),
            ("page 1000 by Previous", f"/staff/?page=1000&before={first_of_1001}"),
        ):
            client.get(url)  # warm up
            p50, p95, queries = _measure(client, url, 40)
            verdict = "meets" if p95 < TARGET_P95_MS else "MISSES"
            print(
                f"{label:34} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
                f"{queries} queries  ({verdict} the target)"
            )
    finally:
        from django.db import connections

        connections.close_all()
        _drop(admin, name)


if __name__ == "__main__":
    main()
