"""Scaling out (proof issue): two `vissel serve` processes on different ports, sharing
one database and one S3 API server on loopback, as a group of municipalities would run
Vissel behind one proxy. A report filed with files through one is read, files and all,
through the other, by the reporter and by a reader; `vissel tick` from both machines at
once sends each reminder once; and no file is kept on either server's disk."""

import re
import shutil
import uuid
from collections import Counter
from datetime import date

import pytest

from tests import served as serving
from tests.mailbox import Mailbox, delivering_to
from tests.objectstore import ObjectStore
from tests.served import (
    DEMO,
    browser_from,
    file_a_report,
    reader_opens,
    ticks_at_once,
    token_of,
)

pytestmark = pytest.mark.served

WHAT = "Två servrar: kvitton för resor som aldrig gjordes."
ATTACHED = b"Reseraekningar 2026 (bilaga)\n" * 40000  # over 1 MiB: sent in parts
NOTE = b"Mejl fran chefen"
TODAY = ("en tidsfrist går ut i dag", "a deadline is today")  # the reminder, sv or en


def second_server(first, tmp_path, bucket) -> serving.ServedVissel:
    """Another machine: its own data folder, holding only the shared key-encryption key
    (as every application server must), and the same database and bucket."""
    data_dir = tmp_path / "second"
    data_dir.mkdir()
    shutil.copy2(first.data_dir / "key-encryption-key", data_dir / "key-encryption-key")
    env = {**first.env, **bucket.env, "VISSEL_DATA_DIR": str(data_dir)}
    if not first.database_url:  # the embedded database: one file, on one machine
        env["DATABASE_URL"] = f"sqlite:///{first.data_dir / 'vissel.sqlite3'}"
    return serving.serve(env, data_dir, first.database_url, tmp_path / "second.log")


def reporter_downloads(served, number: str, password: str) -> tuple[str, list[bytes]]:
    browser = browser_from("127.0.0.1")
    page = browser.get(served.url(f"/{DEMO}/login/")).text
    inbox = browser.post(
        served.url(f"/{DEMO}/login/"),
        data={"csrfmiddlewaretoken": token_of(page), "case_number": number, "password": password},
    ).text
    links = re.findall(rf'href="(/{DEMO}/inbox/files/[0-9a-f-]+/)"', inbox)
    return inbox, [browser.get(served.url(link)).content for link in dict.fromkeys(links)]


def local_files(*servers) -> list:
    return [
        path
        for one in servers
        for path in one.data_dir.rglob("*")
        if path.is_file() and (path.suffix in {".vss", ".part"} or path.parent.name == "incoming")
    ]


def test_two_servers_share_one_database_and_one_bucket(tmp_path):
    with ObjectStore(tmp_path / "moto.log") as bucket, Mailbox() as mailbox:
        first = serving.start(tmp_path / "first", serve_env=bucket.env)
        first.env.update(bucket.env)
        second = None
        try:
            second = second_server(first, tmp_path, bucket)
            files = [
                ("files", ("resor.txt", ATTACHED, "text/plain")),
                ("files", ("mejl.txt", NOTE, "text/plain")),
            ]
            number, password = file_a_report(first, WHAT, files=files, category="fraud")

            stored = bucket.objects()
            assert len(stored) == 2
            assert not any(NOTE in body or ATTACHED[:40] in body for body in stored.values())
            assert local_files(first, second) == []

            inbox, downloads = reporter_downloads(second, number, password)
            assert WHAT in inbox
            assert sorted(downloads) == sorted([ATTACHED, NOTE])

            ((case_id, file_id),) = first.sql(
                "SELECT c.id, f.id FROM cases_case c JOIN evidence_evidencefile f"
                " ON f.case_id = c.id WHERE c.case_number = ? AND f.position = 0",
                (number,),
            )
            case_id, file_id = (str(uuid.UUID(str(value))) for value in (case_id, file_id))
            case_page, attachment = reader_opens(second, case_id, file_id, step=0)
            assert WHAT in case_page and attachment == ATTACHED

            # The acknowledgement is due today: every reader is reminded, once.
            first.sql("UPDATE cases_case SET acknowledge_by = ?", (date.today().isoformat(),))
            mail = delivering_to(mailbox)
            ticks_at_once({**first.env, **mail}, {**second.env, **mail})
            reminders = [
                message
                for _rcpt, message in mailbox.messages
                if any(said in str(message["Subject"]) for said in TODAY)
            ]
            readers = first.sql(
                "SELECT count(*) FROM cases_notification WHERE kind = 'deadline_today'"
            )[0][0]
            assert len(reminders) == readers >= 1
            deliveries = Counter(
                (tuple(rcpt), str(message["Subject"])) for rcpt, message in mailbox.messages
            )
            assert max(deliveries.values()) == 1
            assert not any(WHAT in message.as_string() for _rcpt, message in mailbox.messages)
        finally:
            first.stop()
            if second is not None:
                second.stop()
            serving.drop_database(first)
