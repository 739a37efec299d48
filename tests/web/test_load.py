"""Many reporters at once against the real server (gunicorn, two workers, the production
key derivation) and the suite's database: each files reports with a file, logs in and
writes messages. Nothing is lost and nothing mixed: afterwards every case number sees
exactly its own report and messages; no answer is a server error. `bench/load.py` runs
the same with 50 reporters for 60 seconds."""

import pytest

from tests import served as serving
from tests.load import check_each_sees_its_own, run_load
from tests.served import PRODUCTION_LIKE

pytestmark = pytest.mark.served

REPORTERS = 12
SECONDS = 6


@pytest.fixture(scope="module")
def busy_server(tmp_path_factory):
    server = serving.without_a_daily_limit(
        serving.start(tmp_path_factory.mktemp("load"), serve_env=PRODUCTION_LIKE)
    )
    yield server
    server.stop()
    serving.drop_database(server)


def test_many_reporters_at_once_lose_nothing_and_mix_nothing(busy_server):
    result = run_load(busy_server, REPORTERS, SECONDS, most_each=2)
    assert result.errors == []
    assert len(result.filed) >= REPORTERS  # each filed at least one
    assert check_each_sees_its_own(busy_server, result) == []
    assert result.errors == []
    cases = busy_server.sql("SELECT COUNT(*) FROM cases_case")[0][0]
    files = busy_server.sql("SELECT COUNT(*) FROM evidence_evidencefile")[0][0]
    assert cases == len(result.filed) and files == len(result.filed)
