"""Encrypted files on disk: times kept to the day, abandoned drafts cleared by `vissel tick`."""

import os
import time
from datetime import datetime

from django.core.management import call_command

from tests.factories import new_session, report_fields, upload
from tests.journey import write
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
