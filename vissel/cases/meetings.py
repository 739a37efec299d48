"""Meetings on request (EU Directive 2019/1937 art. 9(2); the Swedish whistleblowing
act): the reporter asks, from the inbox, to meet in person, by phone or by video. The
readers see it as an open task due within the organisation's meeting days, answer in the
thread, and record that the meeting took place."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from vissel.audit import trail
from vissel.cases import notifications
from vissel.cases.deadlines import meeting_open
from vissel.cases.models import Case
from vissel.cases.services import CaseClosed
from vissel.cases.visibility import may_read, readers_of
from vissel.cases.workflow import NotAllowed, case_for_update
from vissel.crypto.lock import CaseLock

MEETING_KINDS = [
    ("in_person", _("In person")),
    ("phone", _("By phone")),
    ("video", _("By video")),
]
REQUEST_FIELD = "meeting_request"


class MeetingAlreadyRequested(Exception):
    """A meeting is asked for already and has not taken place yet."""


@dataclass(frozen=True)
class MeetingRequest:
    kind: str
    preferences: str
    requested_on: date
    meet_by: date
    held_on: date | None

    @property
    def kind_label(self) -> str:
        return str(dict(MEETING_KINDS).get(self.kind, self.kind))


@transaction.atomic
def request_meeting(case: Case, lock: CaseLock, kind: str, preferences: str) -> None:
    """The reporter (who holds the case key) asks for a meeting."""
    if kind not in dict(MEETING_KINDS):
        raise ValueError(kind)
    case = case_for_update(case)
    if case.is_closed:
        raise CaseClosed
    if meeting_open(case):
        raise MeetingAlreadyRequested
    today = date.today()
    case.meeting_requested_on = today
    case.meeting_by = today + timedelta(days=case.organisation.meeting_days)
    case.meeting_held_on = None
    case.encrypted_meeting_request = lock.encrypt_json(
        REQUEST_FIELD, {"kind": kind, "preferences": preferences}
    )
    case.save(
        update_fields=[
            "meeting_requested_on",
            "meeting_by",
            "meeting_held_on",
            "encrypted_meeting_request",
        ]
    )
    trail.record_reporter_event("meeting_requested", case.organisation, case)
    notifications.queue(
        case, readers_of(case), notifications.Kind.MEETING_REQUEST, f"meeting:{today}"
    )


def read_meeting_request(case: Case, lock: CaseLock) -> MeetingRequest | None:
    if case.meeting_requested_on is None:
        return None
    asked = lock.decrypt_json(REQUEST_FIELD, bytes(case.encrypted_meeting_request))
    return MeetingRequest(
        kind=asked["kind"],
        preferences=asked["preferences"],
        requested_on=case.meeting_requested_on,
        meet_by=case.meeting_by,
        held_on=case.meeting_held_on,
    )


@transaction.atomic
def record_meeting_held(case: Case, acting_user, held_on: date) -> None:
    """A reader records that the meeting took place (on a day from the request to
    today): the task is done."""
    if not may_read(case, acting_user):
        raise NotAllowed("reader")
    case = case_for_update(case)
    if not meeting_open(case):
        raise NotAllowed("no_meeting")
    if not case.meeting_requested_on <= held_on <= date.today():
        raise NotAllowed("date")
    case.meeting_held_on = held_on
    case.save(update_fields=["meeting_held_on"])
    trail.record(
        "meeting_held",
        acting_user=acting_user,
        organisation=case.organisation,
        case=case,
        detail={"held_on": held_on.isoformat()},
    )
