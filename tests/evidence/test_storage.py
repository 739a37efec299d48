"""Encrypted files on disk: times kept to the day, abandoned drafts cleared by `vissel tick`."""

import os
import time
from datetime import datetime, timedelta

import time_machine
from django.core.management import call_command

from tests.factories import file_report, new_session, report_fields, upload
from tests.journey import write
from vissel.evidence.storage import path_of, settle_fresh_files
from vissel.reports import services as reporting


def test_stored_files_are_timed_to_the_start_of_the_day(client, org_a, settings):
    write(client, org_a, files=[("a.txt", b"content")])
    (stored,) = settings.VISSEL_FILES_DIR.rglob("*.vss")
    moment = datetime.fromtimestamp(stored.stat().st_mtime)
    assert (moment.hour, moment.minute, moment.second) == (0, 0, 0)


def test_tick_removes_drafts_never_sent_and_keeps_the_files_of_cases(cast, settings):
    sent_session, abandoned_session = new_session(), new_session()
    reporting.save_draft(sent_session, cast.org_a, report_fields(), [upload("kept.txt", b"k")])
    reporting.send_draft(sent_session, cast.org_a)
    reporting.save_draft(abandoned_session, cast.org_a, report_fields(), [upload("gone.txt", b"g")])
    files = list(settings.VISSEL_FILES_DIR.rglob("*.vss"))
    assert len(files) == 2
    three_days_ago = time.time() - 3 * 24 * 3600
    for path in files:
        os.utime(path, (three_days_ago, three_days_ago))
    call_command("tick")
    (left,) = settings.VISSEL_FILES_DIR.rglob("*.vss")
    assert cast.org_a.cases.get().files.get().storage_name == left.stem


def test_tick_leaves_a_fresh_draft_alone(cast, settings):
    reporting.save_draft(new_session(), cast.org_a, report_fields(), [upload("new.txt", b"n")])
    call_command("tick")
    assert len(list(settings.VISSEL_FILES_DIR.rglob("*.vss"))) == 1


def test_the_next_days_tick_moves_the_days_files_to_fresh_inodes_in_random_order(cast, settings):
    """Inode change and birth times cannot be set, and inode numbers follow creation:
    after the daily batch no time on disk is finer than the day, and the inode order is
    not the order the reports came in (security review, finding 4)."""
    for index in range(8):
        file_report(cast.org_a, files=[(f"{index}.txt", f"file {index}".encode())])
    made = sorted(settings.VISSEL_FILES_DIR.rglob("*.vss"), key=lambda p: p.stat().st_ino)
    by_creation = [path.name for path in made]
    before = {path.name: path.stat().st_ino for path in made}
    started = time.time()
    with time_machine.travel(datetime.now() + timedelta(days=1)):
        assert settle_fresh_files() == 8
    settled = sorted(settings.VISSEL_FILES_DIR.glob("*.vss"), key=lambda p: p.stat().st_ino)
    assert not list((settings.VISSEL_FILES_DIR / "fresh").glob("*.vss"))
    assert {path.name for path in settled} == set(before)
    for path in settled:
        status = path.stat()
        assert status.st_ino != before[path.name]
        assert status.st_ctime >= started - 1  # the batch's time, not the upload's
        moment = datetime.fromtimestamp(status.st_mtime)
        assert (moment.hour, moment.minute, moment.second) == (0, 0, 0)
    assert [path.name for path in settled] != by_creation  # 1 in 40,320 by chance
    for case in cast.org_a.cases.all():  # still readable where they now are
        with open(path_of(case.files.get().storage_name), "rb") as handle:
            assert handle.read(4) == b"VSS1"
