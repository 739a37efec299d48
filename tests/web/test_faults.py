"""The server killed (SIGKILL, master and workers at once) in the middle of an upload, and
again while reports are being sent: afterwards there is no half case, no plaintext file
anywhere, what was cut off is ciphertext whose key died with the process and which the
tick removes, and the restarted server takes reports again without any repair."""

import threading
import time

import pytest

from tests import served as serving
from tests.served import file_a_report, raw_upload

pytestmark = pytest.mark.served

SECRET = b"Avbrottshemlighet-8123 "


@pytest.fixture
def own_server(tmp_path):
    server = serving.start(tmp_path / "faults", serve_env={"VISSEL_THREADS": "16"})
    yield server
    server.stop()
    serving.drop_database(server)


def every_file(served) -> dict:
    found = {}
    for path in served.data_dir.rglob("*"):
        if path.is_file() and path.name != "key-encryption-key":
            found[str(path.relative_to(served.data_dir))] = path.read_bytes()
    return found


def whole_cases(served) -> list[str]:
    """Cases missing a part a whole case has: text, the reporter's key, a reader's seal."""
    return [
        row[0]
        for row in served.sql(
            "SELECT c.case_number FROM cases_case c WHERE length(c.reporter_wrapped_key) = 0"
            " OR length(c.encrypted_what_happened) = 0"
            " OR NOT EXISTS (SELECT 1 FROM cases_casekeyseal s WHERE s.case_id = c.id)"
        )
    ]


def test_a_server_killed_in_the_middle_of_an_upload_leaves_no_readable_trace(own_server):
    served = own_server
    before = served.sql("SELECT COUNT(*) FROM cases_case")[0][0]
    upload = raw_upload(
        served,
        {"category": "theft", "what_happened": "x", "relationship": "employee"},
        "files",
        "bilaga.txt",
        "text/plain",
    )
    body = SECRET * 200_000  # 4.6 MB, of which a part is sent
    connection = upload.connect()
    connection.sendall(upload.request_head(len(upload.head) + len(body) + len(upload.tail)))
    connection.sendall(upload.head + body[: len(body) // 2])
    time.sleep(0.5)  # the server has written part of it
    cut_off = [name for name in every_file(served) if name.startswith("files/incoming/")]
    assert cut_off, "the upload had not begun"
    served.kill()
    connection.close()

    for name, content in every_file(served).items():
        assert SECRET.strip() not in content, name
    served.restart()
    assert served.sql("SELECT COUNT(*) FROM cases_case")[0][0] == before
    file_a_report(served, "Efter omstarten.")  # no repair needed
    served.run("tick", VISSEL_PART_IDLE_SECONDS="0")
    left = [name for name in every_file(served) if name in cut_off]
    assert left == [], left


def test_a_server_killed_while_reports_are_sent_leaves_only_whole_cases(own_server):
    served = own_server
    filed, failed = [], []

    def reporter():
        for _ in range(20):
            try:
                filed.append(file_a_report(served, "Under nedstängningen."))
            except Exception as error:  # the connection dies with the server
                failed.append(type(error).__name__)
                return

    threads = [threading.Thread(target=reporter) for _ in range(6)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)  # reports are going through now
    served.kill()
    for thread in threads:
        thread.join()
    assert filed and failed  # some went through, the rest were cut off

    assert whole_cases(served) == []
    numbers = {number for (number,) in served.sql("SELECT case_number FROM cases_case")}
    assert {number for number, _password in filed} <= numbers
    served.restart()
    number, _password = file_a_report(served, "Efter omstarten.")
    assert whole_cases(served) == [] and number
    served.run("tick", VISSEL_PART_IDLE_SECONDS="0")
    assert not [name for name in every_file(served) if name.endswith(".part")]
    assert not list((served.data_dir / "files" / "incoming").iterdir())
