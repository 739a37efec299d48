"""Neither the audit trail nor any table orders what reporters do finer than the day
(security review, finding 3): reports filed between staff actions enter the trail the next
day, in random order; the rows they make have random keys and, on SQLite, random rowids."""

from datetime import timedelta

from django.db import connection
from django.utils import timezone

from tests.factories import file_report, new_session
from tests.staff.helpers import lock_for, screen_as
from vissel.audit.models import AuditEntry, PendingReporterEvent
from vissel.audit.trail import flush_reporter_events, verify
from vissel.cases import workflow
from vissel.cases.models import Case, CaseKeySeal, Message, Notification, Sender
from vissel.cases.services import post_message, unlock_as_reporter
from vissel.evidence.models import EvidenceFile

REPORTER_MADE = (Case, CaseKeySeal, Message, Notification, EvidenceFile, PendingReporterEvent)


def test_reports_filed_between_staff_actions_enter_the_trail_the_next_day(cast):
    first = file_report(cast.org_a)
    screen_as(cast.screener_a, first.case, "internal")  # staff, 1
    second = file_report(cast.org_a, files=[("a.txt", b"a")])  # reporter
    workflow.write_note(
        first.case, lock_for(first.case, cast.internal_a), cast.internal_a, "note"
    )  # staff, 2
    lock = unlock_as_reporter(second.case, second.password)
    post_message(second.case, lock, "more", Sender.REPORTER)  # reporter
    workflow.message_reporter(
        first.case, lock_for(first.case, cast.internal_a), cast.internal_a, "hello"
    )  # staff, 3
    assert not AuditEntry.objects.filter(actor_kind="reporter").exists()
    staff_seqs = list(AuditEntry.objects.values_list("seq", flat=True))

    assert flush_reporter_events(timezone.localdate()) == 0  # not before the day is over
    assert flush_reporter_events(timezone.localdate() + timedelta(days=1)) == 3
    reporter_entries = AuditEntry.objects.filter(actor_kind="reporter")
    assert reporter_entries.count() == 3
    assert min(reporter_entries.values_list("seq", flat=True)) > max(staff_seqs)
    for entry in reporter_entries:
        local = timezone.localtime(entry.at)
        assert (local.hour, local.minute, local.second) == (0, 0, 0)
    assert not PendingReporterEvent.objects.exists()
    assert verify().ok


def test_the_day_batch_is_shuffled(cast):
    numbers = [file_report(cast.org_a).case.pk for _ in range(8)]
    flush_reporter_events(timezone.localdate() + timedelta(days=1))
    chained = list(
        AuditEntry.objects.filter(action="report_received")
        .order_by("seq")
        .values_list("case_id", flat=True)
    )
    assert sorted(chained) == sorted(numbers)
    assert chained != numbers  # 1 in 40,320 to be equal by chance


def test_no_row_a_reporter_makes_has_a_sequential_key():
    for model in REPORTER_MADE:
        assert model._meta.pk.get_internal_type() == "UUIDField", model.__name__


def test_the_rows_of_reports_cannot_be_ordered_by_arrival(cast):
    filed = [file_report(cast.org_a, files=[("f.txt", b"f")]).case.pk for _ in range(10)]
    session = new_session()  # a session row too: not linkable, and not ordered either
    session["x"] = 1
    session.save()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id FROM {Case._meta.db_table} ORDER BY rowid")  # noqa: S608
            by_rowid = [row[0] for row in cursor.fetchall()]
        assert [str(pk).replace("-", "") for pk in filed] != [
            str(pk).replace("-", "") for pk in by_rowid
        ]
        assert sorted(str(pk).replace("-", "") for pk in filed) == sorted(
            str(pk).replace("-", "") for pk in by_rowid
        )
    # Whatever the database, the application's own orderings say nothing finer than
    # the day: dates only, and ids that are random.
    assert len({Case.objects.get(pk=pk).received_on for pk in filed}) == 1
