"""Meetings on request: the reporter asks to meet (in person, by phone, by video); the
readers see an open task due within the organisation's meeting days, are reminded, and
record that the meeting took place; only a reader may, and only for a real day."""

from datetime import date, timedelta

import pytest
import time_machine

from tests.factories import file_report
from vissel.cases import meetings, notifications
from vissel.cases.deadlines import open_deadlines
from vissel.cases.models import Case, NotificationKind
from vissel.cases.services import CaseClosed, unlock_as_reporter
from vissel.cases.workflow import NotAllowed

DAY = "2026-03-02 10:00+01:00"


@pytest.fixture
def asked(cast):
    with time_machine.travel(DAY, tick=False):
        filed = file_report(cast.org_a)
        lock = unlock_as_reporter(filed.case, filed.password)
        meetings.request_meeting(filed.case, lock, "phone", "Kvällar efter 18, inte måndagar")
    return Case.objects.get(pk=filed.case.pk), lock


def test_a_meeting_asked_for_is_an_open_task_due_within_the_meeting_days(asked, cast):
    case, lock = asked
    asked_on = date(2026, 3, 2)
    assert case.meeting_by == asked_on + timedelta(days=14)
    assert ("meeting", case.meeting_by) in [(d.kind, d.due) for d in open_deadlines(case, asked_on)]
    request = meetings.read_meeting_request(case, lock)
    assert (request.kind, request.preferences) == ("phone", "Kvällar efter 18, inte måndagar")
    assert b"Kv\xc3\xa4llar" not in bytes(case.encrypted_meeting_request)  # encrypted
    queued = notifications.Notification.objects.filter(case=case, kind="meeting_request")
    assert {n.person_id for n in queued} == {cast.screener_a.pk}


def test_the_organisation_sets_the_meeting_days(cast):
    cast.org_a.meeting_days = 5
    cast.org_a.save()
    filed = file_report(cast.org_a)
    meetings.request_meeting(
        filed.case, unlock_as_reporter(filed.case, filed.password), "video", ""
    )
    case = Case.objects.get(pk=filed.case.pk)
    assert case.meeting_by == date.today() + timedelta(days=5)
    assert case.next_due == min(case.acknowledge_by, case.meeting_by)


def test_a_second_request_waits_until_the_first_meeting_took_place(asked, cast):
    case, lock = asked
    with pytest.raises(meetings.MeetingAlreadyRequested):
        meetings.request_meeting(case, lock, "in_person", "")
    with time_machine.travel("2026-03-05 10:00+01:00", tick=False):
        meetings.record_meeting_held(case, cast.screener_a, date(2026, 3, 4))
        case.refresh_from_db()
        assert "meeting" not in [d.kind for d in open_deadlines(case, date(2026, 3, 5))]
        meetings.request_meeting(case, lock, "in_person", "")
    case.refresh_from_db()
    assert case.meeting_held_on is None and case.meeting_requested_on == date(2026, 3, 5)


def test_only_a_reader_records_the_meeting_and_only_for_a_real_day(asked, cast):
    case, _lock = asked
    with time_machine.travel("2026-03-05 10:00+01:00", tick=False):
        for outsider in (cast.screener_b, cast.internal_a):  # other organisation; no seal
            with pytest.raises(NotAllowed):
                meetings.record_meeting_held(case, outsider, date(2026, 3, 4))
        for day in (date(2026, 3, 1), date(2026, 3, 6)):  # before the request; tomorrow
            with pytest.raises(NotAllowed):
                meetings.record_meeting_held(case, cast.screener_a, day)
        case.refresh_from_db()
        assert case.meeting_held_on is None


def test_a_closed_case_takes_no_meeting_request(cast):
    filed = file_report(cast.org_a)
    Case.objects.filter(pk=filed.case.pk).update(status="closed")
    case = Case.objects.get(pk=filed.case.pk)
    with pytest.raises(CaseClosed):
        meetings.request_meeting(case, unlock_as_reporter(case, filed.password), "phone", "")


def test_the_readers_are_reminded_before_the_meeting_is_due(asked):
    case, _lock = asked
    with time_machine.travel("2026-03-13 09:00+01:00", tick=False):  # three days before
        notifications.queue_deadline_reminders(date(2026, 3, 13))
    keys = notifications.Notification.objects.filter(
        case=case, kind=NotificationKind.DEADLINE_SOON
    ).values_list("unique_key", flat=True)
    assert any(":meeting:2026-03-16:" in key for key in keys), list(keys)
