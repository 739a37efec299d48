"""The reporter's journey: draft, send, log in, read, reply, log out."""

import base64
from dataclasses import dataclass, field

from django.conf import settings

from vissel.cases import meetings, minutes
from vissel.cases import services as cases
from vissel.cases.models import REPORT_TEXTS, Case, Channel, Minutes, Sender
from vissel.cases.workflow import NotAllowed
from vissel.crypto import DecryptionFailed
from vissel.crypto.kdf import REPORTER, SALT_BYTES, KdfParams, derive_key
from vissel.crypto.lock import CaseLock
from vissel.crypto.passwords import normalise_password
from vissel.evidence import services as evidence
from vissel.evidence.models import EvidenceFile
from vissel.evidence.recordings import RecordingRefused, stage_recording
from vissel.evidence.uploads import UploadProblem
from vissel.organisations.models import Category
from vissel.records.case_numbers import normalise_case_number
from vissel.reports.drafts import (
    Draft,
    drop_draft,
    keep_receipt,
    load_draft,
    load_receipt,
    store_draft,
)
from vissel.web import throttle
from vissel.web.sessions import keep_alive

REPORTER_SESSION_KEY = "reporter"


class NoDraft(Exception):
    """Nothing to send: the draft was sent already, or it expired."""


# --- writing and sending ------------------------------------------------------------


def save_draft(
    session, organisation, fields: dict | None, uploads: list, remove_ids=(), recording=None
):
    """Keep the files the reporter chose, cleaned and encrypted, until they send: each
    that fits the limits is kept even when another is refused or the text needs
    correcting. A new `recording` is disguised and replaces the one before. `fields`
    (None while the form has errors) are kept only if every file was taken. Returns the
    problems (a recording's codes start with "recording_"). Raises NoScreener; then
    nothing is kept."""
    if not cases.has_screener(organisation):
        raise cases.NoScreener
    draft = load_draft(session, organisation) or Draft.new(organisation.pk)
    remove = set(remove_ids)
    kept = [item for item in draft.staged() if item.id not in remove]
    evidence.discard_staged([item for item in draft.staged() if item.id in remove])
    staging = evidence.stage_what_fits(organisation, uploads, kept)
    draft.files = [item.as_dict() for item in kept + staging.staged]
    problems = list(staging.problems)
    if recording is not None:
        problems += _replace_recording(draft, organisation, recording)
    if fields is not None and not problems:
        if fields.get("channel") != Channel.ORAL and draft.recording:
            evidence.discard_staged([draft.staged_recording()])  # written after all
            draft.recording = None
        draft.fields = fields
    store_draft(session, draft)
    keep_alive(session, settings.SESSION_COOKIE_AGE)
    return problems


def _replace_recording(draft: Draft, organisation, recording) -> list[UploadProblem]:
    try:
        new = stage_recording(recording, organisation.max_recording_minutes * 60)
    except RecordingRefused as refused:
        return [refused.problem]
    if draft.recording:
        evidence.discard_staged([draft.staged_recording()])
    draft.recording = new.as_dict()
    return []


def draft_recording(session, organisation):
    """The disguised recording of the draft, to hear before sending: (file, lock)."""
    draft = load_draft(session, organisation)
    if draft is None or not draft.recording:
        return None
    return draft.staged_recording(), draft.lock()


def draft_category(organisation, draft: Draft) -> Category | None:
    return Category.objects.filter(
        organisation=organisation, key=draft.fields.get("category"), is_active=True
    ).first()


def send_draft(session, organisation) -> "Receipt":
    draft = load_draft(session, organisation)
    if draft is None:
        raise NoDraft
    category = draft_category(organisation, draft)
    if category is None:
        raise NoDraft
    fields = draft.fields
    submission = cases.Submission(
        organisation=organisation,
        lock=draft.lock(),
        category=category,
        texts={name: fields[name] for name in REPORT_TEXTS},
        contact={
            "mode": fields["identity"],
            "name": fields["contact_name"],
            "phone": fields["contact_phone"],
            "email": fields["contact_email"],
        },
        files=draft.staged() + ([draft.staged_recording()] if draft.recording else []),
        channel=Channel.ORAL if draft.recording else Channel.WRITTEN,
        password=draft.password,
    )
    try:
        opened = cases.open_case(submission)
    except cases.NoScreener:
        drop_draft(session, delete_files=True)
        raise
    except cases.AlreadySent:
        # A second tap: the first one created the case, with this same password.
        keep_receipt(session, draft)
        return receipt_of(session, organisation)
    keep_receipt(session, draft)
    return Receipt(opened.case, opened.password)  # the case just made, not read back


@dataclass
class Receipt:
    case: Case
    password: str


def receipt_of(session, organisation) -> Receipt | None:
    """The credentials of the case this browser sent, until the reporter confirms."""
    kept = load_receipt(session, organisation)
    if kept is None:
        return None
    case = Case.objects.in_organisation(organisation).filter(pk=kept["case_id"]).first()
    return Receipt(case, kept["password"]) if case else None


# --- logging in and out -------------------------------------------------------------


def log_in(session, organisation, case_number: str, password: str) -> Case:
    number = normalise_case_number(case_number)
    key = throttle.throttle_key("reporter", f"{organisation.pk}:{number}")
    throttle.refuse_while_paused(key)
    case = Case.objects.in_organisation(organisation).filter(case_number=number).first()
    try:
        if case is None:
            _spend_the_same_time(password)
            raise DecryptionFailed("no such case")
        lock = cases.unlock_as_reporter(case, normalise_password(password))
    except DecryptionFailed:
        raise throttle.refuse_and_count(key) from None
    throttle.clear(key)
    session.cycle_key()
    session[REPORTER_SESSION_KEY] = {
        "organisation_id": organisation.pk,
        "case_id": str(case.pk),
        "key": base64.b64encode(lock.key).decode(),
    }
    keep_alive(session, settings.VISSEL_REPORTER_IDLE_SECONDS)
    return case


def _spend_the_same_time(password: str) -> None:
    derive_key(password, bytes(SALT_BYTES), KdfParams.current(REPORTER))


def log_out(session) -> None:
    session.flush()


def reporter_case(session, organisation) -> tuple[Case, CaseLock] | None:
    """The logged-in reporter's case and key, or None. Each call counts as activity:
    the session ends after 30 minutes without one."""
    held = session.get(REPORTER_SESSION_KEY)
    if not held or held.get("organisation_id") != organisation.pk:
        return None
    case = Case.objects.for_reporter(organisation, held["case_id"]).first()
    if case is None:
        return None
    keep_alive(session, settings.VISSEL_REPORTER_IDLE_SECONDS)
    return case, CaseLock(case.pk, base64.b64decode(held["key"]))


# --- the inbox ------------------------------------------------------------------------

UNSENT_REPLY_KEY = "unsent_reply"


def keep_unsent_reply(session, organisation, body: str) -> None:
    """A reply that arrived after the session had ended: kept, unsent, for the form."""
    session[UNSENT_REPLY_KEY] = {"organisation_id": organisation.pk, "body": body[:100_000]}
    keep_alive(session, settings.SESSION_COOKIE_AGE)


def has_unsent_reply(session) -> bool:
    return UNSENT_REPLY_KEY in session


def take_unsent_reply(session, organisation) -> str:
    kept = session.pop(UNSENT_REPLY_KEY, None)
    if not kept or kept.get("organisation_id") != organisation.pk:
        return ""
    return kept["body"]


class MinutesNotOpen(Exception):
    """Not a version of this case waiting for the reporter's answer."""


def answer_minutes(case: Case, lock: CaseLock, version_id, approve: bool, corrections: str):
    """Raises MinutesNotOpen or CaseClosed."""
    try:
        minutes.answer_minutes(case, lock, version_id, approve, corrections)
    except (Minutes.DoesNotExist, NotAllowed):
        raise MinutesNotOpen from None


@dataclass
class Inbox:
    case: Case
    report: dict
    files: list
    thread: list
    meeting: object = None
    minutes: list = field(default_factory=list)


def open_inbox(case: Case, lock: CaseLock) -> Inbox:
    return Inbox(
        case=case,
        report=cases.read_report(case, lock),
        files=cases.report_files(case, lock),
        thread=cases.read_thread(case, lock),
        meeting=meetings.read_meeting_request(case, lock),
        minutes=minutes.read_minutes(case, lock),
    )


REPLY_FILES_KEY = "reply_files"


def reply_files(session, case: Case) -> list[evidence.StagedFile]:
    """Files added to a reply that is not sent yet (because another file was refused,
    or the text needs correcting): kept so they need not be chosen again."""
    held = session.get(REPLY_FILES_KEY)
    if not held or held.get("case_id") != str(case.pk):
        return []
    return [evidence.StagedFile.from_dict(item) for item in held["files"]]


def _keep_reply_files(session, case: Case, files) -> None:
    if files:
        session[REPLY_FILES_KEY] = {
            "case_id": str(case.pk),
            "files": [item.as_dict() for item in files],
        }
    else:
        session.pop(REPLY_FILES_KEY, None)


def reply(
    session,
    case: Case,
    lock: CaseLock,
    body: str | None,
    uploads: list,
    remove_ids=(),
    recording=None,
):
    """The reporter writes to the case handlers, with files if they wish. Files that fit
    are kept for the reply even when another is refused; the reply is sent only when
    the text is right (`body` is None otherwise) and every file was taken. Returns the
    files' problems; raises CaseClosed (and then keeps no file)."""
    remove = set(remove_ids)
    held = reply_files(session, case)
    kept = [item for item in held if item.id not in remove]
    evidence.discard_staged([item for item in held if item.id in remove])
    if case.is_closed:
        evidence.discard_staged(kept)
        _keep_reply_files(session, case, [])
        raise cases.CaseClosed
    staging = evidence.stage_what_fits(case.organisation, uploads, kept)
    files = kept + staging.staged
    problems = list(staging.problems)
    if recording is not None:  # a voice message: disguised, and kept like a file
        minutes = case.organisation.max_recording_minutes
        try:
            files.append(stage_recording(recording, minutes * 60))
        except RecordingRefused as refused:
            problems.append(refused.problem)
    if body is None or problems:
        _keep_reply_files(session, case, files)
        return problems
    cases.post_message(case, lock, body, Sender.REPORTER, staged=files)
    _keep_reply_files(session, case, [])
    return []


def reporter_file(case: Case, lock: CaseLock, file_id) -> tuple[evidence.FileView, object]:
    """One file of the reporter's case; raises EvidenceFile.DoesNotExist otherwise."""
    row = EvidenceFile.objects.get(case=case, pk=file_id)
    return evidence.describe(row, lock), evidence.open_stream(row, lock)
