"""The database's own storage says nothing of the order reports came in, after the
night's tick (threat model, section 1). On PostgreSQL each row version carries `xmin`,
the transaction that wrote it, and rows lie in the heap in about the order they came;
the first tick of the day rewrites the tables of reporters' rows in one transaction and
then in the order of their random keys. On SQLite, rowids are random from the start."""

import pytest

from tests import served as serving
from tests.served import file_a_report

pytestmark = pytest.mark.served

REWRITTEN = "tables of reporters' rows rewritten: "


def place(ctid: str) -> tuple[int, int]:
    page, offset = ctid.strip("()").split(",")
    return int(page), int(offset)


def test_after_the_nights_tick_the_rows_of_reports_keep_no_order(tmp_path):
    served = serving.start(tmp_path)
    try:
        numbers = [file_a_report(served, f"Rapport nummer {n}")[0] for n in range(6)]
        if not served.database_url:
            by_rowid = [
                number
                for (number,) in served.sql("SELECT case_number FROM cases_case ORDER BY rowid")
                if number in numbers
            ]
            assert sorted(by_rowid) == sorted(numbers) and by_rowid != numbers
            assert f"{REWRITTEN}0;" in served.run("tick").stdout  # nothing to do here
            return
        query = "SELECT case_number, xmin::text::bigint, ctid::text FROM cases_case"
        before = [row for row in served.sql(query) if row[0] in numbers]
        by_xmin = [number for number, _xmin, _ctid in sorted(before, key=lambda row: row[1])]
        assert by_xmin == numbers  # what there is to hide: each report its own transaction

        said = served.run("tick").stdout
        assert f"{REWRITTEN}0;" not in said
        after = [row for row in served.sql(query) if row[0] in numbers]
        assert len({xmin for _number, xmin, _ctid in after}) == 1
        by_place = [number for number, _xmin, ctid in sorted(after, key=lambda row: place(row[2]))]
        assert sorted(by_place) == sorted(numbers)
        assert by_place != numbers  # 1 in 720 by chance
        assert f"{REWRITTEN}0;" in served.run("tick").stdout  # once a day
    finally:
        served.stop()
        serving.drop_database(served)
