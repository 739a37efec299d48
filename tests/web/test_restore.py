"""A backup restored: the database, the file store and the key-encryption key are backed
up and restored with the commands of docs/deployment.md, run exactly as written, into a
fresh database and folder; a server started on them lets the reporter and a reader open
their case, files and all."""

import re
import secrets
import subprocess
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests import served as serving
from tests.served import file_a_report, reader_opens, try_to_log_in

pytestmark = pytest.mark.served

DEPLOYMENT = Path(__file__).parents[2] / "docs" / "deployment.md"
WHAT = "Återställningsprovet: fakturor betalades två gånger."


def documented(name: str) -> str:
    """The shell block that follows `<!-- name -->` in the deployment guide."""
    text = DEPLOYMENT.read_text()
    found = re.search(rf"<!-- {name} -->\s*```sh\n(.*?)```", text, re.S)
    assert found, name
    return found.group(1)


def run(block: str, env: dict) -> None:
    subprocess.run(["bash", "-euo", "pipefail", "-c", block], env=env, check=True, timeout=120)


def test_a_backup_restored_with_the_documented_commands_opens_for_reporter_and_reader(
    tmp_path,
):
    served = serving.start(tmp_path / "original")
    restored = None
    new_database = f"vissel_restored_{secrets.token_hex(4)}"
    try:
        number, password = file_a_report(
            served, WHAT, files={"files": ("underlag.txt", b"Bilagans innehall")}, category="fraud"
        )
        ((case_id, file_id),) = served.sql(
            "SELECT c.id, f.id FROM cases_case c JOIN evidence_evidencefile f"
            " ON f.case_id = c.id WHERE c.case_number = ?",
            (number,),
        )
        case_id, file_id = (str(uuid.UUID(str(value))) for value in (case_id, file_id))
        assert WHAT in reader_opens(served, case_id, file_id, step=0)[0]  # and a reader may, here

        backup, key_backup, new_data = (tmp_path / n for n in ("backup", "keys", "restored"))
        backup.mkdir()
        key_backup.mkdir()
        env = {
            **served.env,
            "BACKUP": str(backup),
            "KEY_BACKUP": str(key_backup),
            "VISSEL_DATA_DIR": str(served.data_dir),
            "NEW_DATA_DIR": str(new_data),
        }
        if served.database_url:
            parts = urlsplit(served.database_url)
            new_url = served.database_url.rsplit("/", 1)[0] + f"/{new_database}"
            env.update(
                DATABASE_URL=served.database_url,
                NEW_DATABASE=new_database,
                NEW_DATABASE_URL=new_url,
                PGHOST=parts.hostname,
                PGPORT=str(parts.port or 5432),
                PGUSER=parts.username or "postgres",
            )
            run(documented("backup-postgresql"), env)
            served.stop()
            run(documented("restore-postgresql"), env)
        else:
            served.stop()  # SQLite: with the server stopped
            run(documented("backup-sqlite"), env)
            run(documented("restore-sqlite"), env)
        assert "key-encryption-key" in [p.name for p in key_backup.iterdir()]

        restored_env = {**served.env, "VISSEL_DATA_DIR": str(new_data)}
        if served.database_url:
            restored_env["DATABASE_URL"] = env["NEW_DATABASE_URL"]
        restored = serving.serve(
            restored_env,
            new_data,
            restored_env.get("DATABASE_URL"),
            tmp_path / "restored.log",
        )

        inbox = try_to_log_in(restored, number, password)
        assert WHAT in inbox and "underlag.txt" in inbox
        case_page, attachment = reader_opens(restored, case_id, file_id, step=1)
        assert WHAT in case_page
        assert attachment == b"Bilagans innehall"
    finally:
        served.stop()
        serving.drop_database(served)
        if restored is not None:
            restored.stop()
            serving.drop_database(restored)
