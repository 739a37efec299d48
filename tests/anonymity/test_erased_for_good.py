"""An erased case leaves nothing of its ciphertext in the database file: SQLite runs with
secure_delete, so what erasure deletes or overwrites is zeroed in the file, not left in
free pages for someone who copies the file later. (Debian builds SQLite with it on;
the setting makes it so on any build. With `PRAGMA secure_delete = OFF` this test finds
the deleted messages' ciphertext in the file.)"""

import pytest

from tests.served import DEMO, browser_from, file_a_report, token_of

pytestmark = pytest.mark.served


def test_the_database_file_holds_no_byte_of_an_erased_cases_ciphertext(served):
    if served.database_url:
        pytest.skip("the file is SQLite's; PostgreSQL's dead rows are left to VACUUM")
    number, password = file_a_report(served, "Raderingshemlighet-3390 i anmälan.")
    reporter = browser_from("127.0.0.1")
    page = reporter.get(served.url(f"/{DEMO}/login/")).text
    fields = {"csrfmiddlewaretoken": token_of(page), "case_number": number}
    inbox = reporter.post(served.url(f"/{DEMO}/login/"), data={**fields, "password": password})
    for index in range(20):  # messages: rows that erasure deletes
        reporter.post(
            served.url(f"/{DEMO}/inbox/reply/"),
            data={"csrfmiddlewaretoken": token_of(inbox.text), "body": f"Tillägg {index}."},
        )
    messages = [
        bytes(body)
        for (body,) in served.sql(
            "SELECT m.encrypted_body FROM cases_message m JOIN cases_case c ON m.case_id = c.id"
            " WHERE c.case_number = ?",
            (number,),
        )
    ]
    assert len(messages) == 20
    ((what, wrapped),) = served.sql(
        "SELECT encrypted_what_happened, reporter_wrapped_key FROM cases_case"
        " WHERE case_number = ?",
        (number,),
    )
    database = served.data_dir / "vissel.sqlite3"
    before = database.read_bytes()
    assert bytes(what)[24:56] in before and all(m[24:56] in before for m in messages)
    served.sql(
        "UPDATE cases_case SET status = 'dismissed', closed_on = '2020-01-02'"
        " WHERE case_number = ?",
        (number,),
    )
    assert "cases erased after their retention: 1" in served.run("tick").stdout
    leftovers = b"".join(
        path.read_bytes() for path in served.data_dir.glob("vissel.sqlite3*") if path.is_file()
    )
    assert bytes(what)[24:56] not in leftovers
    assert bytes(wrapped)[24:56] not in leftovers
    assert not [m for m in messages if m[24:56] in leftovers]
