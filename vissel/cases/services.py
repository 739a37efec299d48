"""The rules of a case's life that the reporter's side needs: opening a case from a
report, the thread of messages, and unlocking the case key as reporter or reader."""

from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Max

from vissel.audit import trail
from vissel.cases import deadlines, notifications
from vissel.cases.keyring import concerned_people, seal_case_key_to_readers
from vissel.cases.models import REPORT_TEXTS, Case, CaseKeySeal, Message, Sender
from vissel.cases.visibility import readers_of
from vissel.crypto import keys
from vissel.crypto.lock import CaseLock
from vissel.crypto.passwords import generate_password
from vissel.evidence.services import (
    FileView,
    StagedFile,
    attach_staged_files,
    check_upload_limits,
    describe,
    discard_staged,
    stage_uploads,
)
from vissel.organisations.models import Category, Organisation, Role
from vissel.organisations.people.roles import readers_in_role
from vissel.records.case_numbers import new_case_number
from vissel.records.register import next_register_number


class NoScreener(Exception):
    """The organisation has nobody to receive a report: nothing may be stored."""


class ReportLimitReached(Exception):
    """The organisation has received its most reports for today: nothing is stored."""


class CaseClosed(Exception):
    """The case is dismissed or closed: a message would reach nobody. The reporter is
    told, and how to file a new report; a reader may reopen the case."""


class AlreadySent(Exception):
    """This draft became a case already (a double click, a replayed form)."""


@dataclass
class Submission:
    organisation: Organisation
    lock: CaseLock
    category: Category
    texts: dict  # REPORT_TEXTS -> str
    contact: dict  # {"mode": "anonymous"|"contact", "name", "phone", "email"}
    files: list[StagedFile] = field(default_factory=list)
    channel: str = "written"  # or "oral": one of `files` is the disguised recording
    # Drawn with the draft, so that a repeated Send shows the same credentials.
    password: str = field(default_factory=generate_password)


@dataclass
class OpenedCase:
    case: Case
    password: str  # shown once to the reporter, never stored


def screeners_of(organisation: Organisation):
    return list(readers_in_role(organisation, Role.SCREENER))


def has_screener(organisation: Organisation) -> bool:
    """Whether anyone can receive a report now (one cheap query; the case itself is
    sealed to the screeners read inside its transaction)."""
    return readers_in_role(organisation, Role.SCREENER).exists()


def open_case(submission: Submission) -> OpenedCase:
    """Create the case in one transaction: content encrypted under the case key, the key
    wrapped for the reporter's new password and sealed to every screener, files attached.
    A failure at any step leaves no case."""
    organisation, lock = submission.organisation, submission.lock
    if not has_screener(organisation):
        raise NoScreener
    if received_today(organisation) >= organisation.max_reports_per_day:
        raise ReportLimitReached
    password = submission.password
    # Argon2id runs before the transaction, so no database lock waits on it. Sending
    # waits its turn for a derivation (KdfBusy after half a minute): a login may be
    # turned away at once, a report being sent should not be.
    wrapped = keys.wrap_with_password(
        lock.key, password, keys.reporter_key_context(lock.case_id), wait_seconds=30
    )
    encrypted = {
        f"encrypted_{name}": lock.encrypt_text(name, submission.texts.get(name, ""))
        for name in REPORT_TEXTS
    }
    encrypted["encrypted_contact"] = lock.encrypt_json("contact", submission.contact)
    today = date.today()
    acknowledge_by = deadlines.acknowledge_by(today, organisation.acknowledgement_days)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                screeners = screeners_of(organisation)
                if not screeners:
                    raise NoScreener
                case = Case(
                    id=lock.case_id,
                    organisation=organisation,
                    case_number=new_case_number(_case_number_taken),
                    register_number=next_register_number(organisation, today.year),
                    category=submission.category,
                    channel=submission.channel,
                    received_on=today,
                    acknowledge_by=acknowledge_by,
                    feedback_by=deadlines.feedback_by(acknowledge_by, organisation.feedback_months),
                    reporter_key_salt=wrapped.salt,
                    reporter_key_kdf=wrapped.params,
                    reporter_wrapped_key=wrapped.wrapped,
                    recovery_sealed_key=(
                        keys.seal_key_to(organisation.recovery_public_key, lock.case_id, lock.key)
                        if organisation.recovery_public_key
                        else None
                    ),
                    **encrypted,
                )
                case.save(force_insert=True)
                # Read once for the seals and the notifications: nothing in between can
                # name a person in a case this transaction has just made.
                concerned = concerned_people(case)
                seal_case_key_to_readers(case, lock, screeners, excluded=concerned)
                attach_staged_files(case, lock, submission.files)
                trail.record_reporter_event(
                    "report_received",
                    organisation,
                    case,
                    detail={
                        "files": len(submission.files),
                        "sealed_to": [reader.pk for reader in screeners],
                    },
                )
                notifications.queue(
                    case, screeners, notifications.Kind.NEW_CASE, "received", excluded=concerned
                )
            return OpenedCase(case, password)
        except IntegrityError:
            if Case.objects.with_scopes_disabled().filter(pk=lock.case_id).exists():
                raise AlreadySent from None
            # else two reports drew the same case number at once: draw again
    raise IntegrityError("could not draw a free case number")


def received_today(organisation: Organisation) -> int:
    return Case.objects.in_organisation(organisation).filter(received_on=date.today()).count()


def _case_number_taken(number: str) -> bool:
    # Case numbers are unique across every organisation: this one query looks at all.
    return Case.objects.with_scopes_disabled().filter(case_number=number).exists()


def unlock_as_reporter(case: Case, password: str) -> CaseLock:
    """Raises DecryptionFailed on a wrong password."""
    key = keys.unwrap_with_password(
        case.reporter_wrapped(), password, keys.reporter_key_context(case.id)
    )
    return CaseLock(case.id, key)


def unlock_as_reader(case: Case, person, private_key: bytes) -> CaseLock:
    """A staff reader's way in: their sealed copy of the case key. Raises
    CaseKeySeal.DoesNotExist for anyone the key was never sealed to."""
    seal = CaseKeySeal.objects.get(case=case, reader=person)
    return CaseLock(case.id, keys.open_sealed_key(private_key, case.id, seal.sealed_key))


def read_report(case: Case, lock: CaseLock) -> dict:
    report = {
        name: lock.decrypt_text(name, getattr(case, f"encrypted_{name}")) for name in REPORT_TEXTS
    }
    report["contact"] = lock.decrypt_json("contact", case.encrypted_contact)
    return report


def post_message(
    case: Case,
    lock: CaseLock,
    body: str,
    sender: str,
    staff_author=None,
    uploads=(),
    is_feedback: bool = False,
    staged=(),
) -> Message:
    """A message in the thread, with its files: uploads checked against the
    organisation's limits (counting files `staged` for it before), cleaned and encrypted
    before the transaction; if anything fails, no message and no file is left."""
    if sender == Sender.REPORTER and case.is_closed:
        raise CaseClosed
    check_upload_limits(case.organisation, uploads, staged)
    files = [*staged, *stage_uploads(uploads)]
    try:
        return _post(case, lock, body, sender, staff_author, files, is_feedback)
    except BaseException:
        discard_staged(files)
        raise


def _post(case, lock, body, sender, staff_author, files, is_feedback) -> Message:
    with transaction.atomic():
        # Serialise writers of one thread, so sequence numbers never collide.
        Case.objects.select_for_update().filter(pk=case.pk).first()
        last = Message.objects.filter(case=case).aggregate(last=Max("seq"))["last"] or 0
        seq = last + 1
        message = Message.objects.create(
            case=case,
            seq=seq,
            sender=sender,
            staff_author=staff_author if sender == Sender.STAFF else None,
            sent_on=date.today(),
            encrypted_body=lock.encrypt_text(message_field(seq, sender, is_feedback), body),
            is_feedback=is_feedback,
        )
        attach_staged_files(case, lock, list(files), message=message)
        if sender == Sender.REPORTER:
            Case.objects.filter(pk=case.pk).update(last_reporter_seq=seq)
            trail.record_reporter_event(
                "message_from_reporter", case.organisation, case, detail={"files": len(files)}
            )
            notifications.queue(
                case,
                readers_of(case),
                notifications.Kind.REPORTER_MESSAGE,
                f"message:{seq}",
            )
    return message


def message_field(seq: int, sender: str, is_feedback: bool) -> str:
    """Who sent it and whether it is the feedback are bound into the ciphertext: a row
    changed to say the reporter wrote what staff wrote no longer opens."""
    return f"message:{seq}:{sender}:{'feedback' if is_feedback else 'message'}"


@dataclass(frozen=True)
class ThreadEntry:
    seq: int
    sender: str
    sent_on: date
    body: str
    is_feedback: bool
    files: list[FileView]


def read_thread(case: Case, lock: CaseLock) -> list[ThreadEntry]:
    files_by_message: dict[object, list[FileView]] = {}
    for evidence in case.files.exclude(message=None):
        files_by_message.setdefault(evidence.message_id, []).append(describe(evidence, lock))
    return [
        ThreadEntry(
            seq=message.seq,
            sender=message.sender,
            sent_on=message.sent_on,
            body=lock.decrypt_text(
                message_field(message.seq, message.sender, message.is_feedback),
                message.encrypted_body,
            ),
            is_feedback=message.is_feedback,
            files=files_by_message.get(message.pk, []),
        )
        for message in case.messages.all()
    ]


def report_files(case: Case, lock: CaseLock) -> list[FileView]:
    return [describe(evidence, lock) for evidence in case.files.filter(message=None)]
