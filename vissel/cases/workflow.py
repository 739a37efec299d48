"""The case's life (S13-S17): screening, routing with conflict exclusion, investigation,
the final report and closing. Every step is checked against the workflow, encrypted where
it carries words, and recorded in the audit trail."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from vissel.audit import trail
from vissel.cases import deadlines, notifications
from vissel.cases.keyring import concerned_people, seal_case_key_to_readers
from vissel.cases.models import (
    Case,
    CaseKeySeal,
    Decision,
    DecisionKind,
    DismissalGround,
    FinalReport,
    Note,
    Outcome,
    PersonConcerned,
    ReportKeySeal,
    Sender,
    Status,
)
from vissel.cases.services import post_message
from vissel.cases.visibility import may_read
from vissel.crypto import aead, keys
from vissel.crypto.context import bound_to
from vissel.crypto.lock import CaseLock
from vissel.organisations.models import Membership, Role, SeniorOfficial
from vissel.organisations.people.roles import holds_role, readers_in_role

TRANSITIONS = {
    Status.RECEIVED: {
        Status.INTERNAL_INVESTIGATION,
        Status.EXTERNAL_INVESTIGATION,
        Status.DISMISSED,
    },
    Status.INTERNAL_INVESTIGATION: {Status.CONCLUDED},
    Status.EXTERNAL_INVESTIGATION: {Status.CONCLUDED},
    Status.CONCLUDED: {Status.CLOSED},
    # Reopened by a reader, with a reason: a dismissed case goes back to screening, a
    # closed one to concluded (its final report stands), where it can be answered.
    Status.DISMISSED: {Status.RECEIVED},
    Status.CLOSED: {Status.CONCLUDED},
}
REOPENS_TO = {Status.DISMISSED: Status.RECEIVED, Status.CLOSED: Status.CONCLUDED}
# The group that works on a case at each stage (a concluded case stays with its group).
GROUP_OF = {
    Status.RECEIVED: Role.SCREENER,
    Status.DISMISSED: Role.SCREENER,
    Status.INTERNAL_INVESTIGATION: Role.INTERNAL_INVESTIGATOR,
    Status.EXTERNAL_INVESTIGATION: Role.EXTERNAL_INVESTIGATOR,
}
INVESTIGATING = {
    Status.INTERNAL_INVESTIGATION: Role.INTERNAL_INVESTIGATOR,
    Status.EXTERNAL_INVESTIGATION: Role.EXTERNAL_INVESTIGATOR,
}


# Why a case goes to external investigation: a senior official is concerned (S15), or
# another reason the screener writes down (the internal function is concerned, say).
SENIOR_OFFICIAL_CONCERNED = "senior_official"
OTHER_REASON = "other"


class NotAllowed(Exception):
    """The workflow does not allow this step, or not for this person."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def eligible_readers(case, role: str):
    """Holders of `role` who may receive the case key: never a person concerned."""
    return [
        reader
        for reader in readers_in_role(case.organisation, role)
        if reader.pk not in concerned_people(case)
    ]


def _move(case: Case, to: str, kind: str, acting_user, lock: CaseLock, reason: str) -> Decision:
    if to not in TRANSITIONS.get(case.status, set()):
        raise NotAllowed("transition")
    if GROUP_OF.get(to) != GROUP_OF.get(case.status):
        case.assigned_to = None  # another group holds it now: its members assign it
    decision = Decision(
        case=case, kind=kind, from_status=case.status, to_status=to, decided_by=acting_user
    )
    decision.encrypted_reason = lock.encrypt_text(f"decision:{decision.id}", reason)
    decision.save()
    case.status = to
    case.save(
        update_fields=[
            "status",
            "outcome",
            "dismissal_ground",
            "concluded_on",
            "closed_on",
            "assigned_to",
        ]
    )
    trail.record(
        "case_" + kind,
        case.organisation,
        case,
        acting_user,
        detail={"from": decision.from_status, "to": to, "decision": str(decision.id)},
    )
    return decision


def case_for_update(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


@transaction.atomic
def name_concerned(
    case: Case, acting_user, person=None, senior_official: SeniorOfficial | None = None
):
    """Exclude someone from the case: their keys to it are destroyed, no key is sealed to
    them again, and every page of the case answers them 404."""
    if not may_read(case, acting_user):
        raise NotAllowed("reader")
    if person is None and senior_official is None:
        raise NotAllowed("nobody")
    if senior_official and senior_official.organisation_id != case.organisation_id:
        raise NotAllowed("nobody")
    if person is not None and not holds_role(person, case.organisation, *Role.values):
        raise NotAllowed("nobody")
    row = PersonConcerned.objects.create(
        case=case, person=person, senior_official=senior_official, named_by=acting_user
    )
    excluded = concerned_people(case)
    if case.assigned_to_id in excluded:
        Case.objects.filter(pk=case.pk).update(assigned_to=None)
        case.assigned_to = None
    CaseKeySeal.objects.filter(case=case, reader_id__in=excluded).delete()
    ReportKeySeal.objects.filter(report__case=case, reader_id__in=excluded).delete()
    trail.record(
        "person_concerned_named",
        case.organisation,
        case,
        acting_user,
        detail={"concerned": str(row.id)},
    )
    return row


@transaction.atomic
def withdraw_concerned(case: Case, lock: CaseLock, acting_user, row, reason: str) -> None:
    """Undo a naming that was wrong, with a reason. The person gets no key back by this:
    access returns only when a reader grants it anew."""
    if not may_read(case, acting_user):
        raise NotAllowed("reader")
    if row.case_id != case.pk or row.withdrawn_at is not None:
        raise NotAllowed("nobody")
    if not reason.strip():
        raise NotAllowed("reason")
    row.withdrawn_at, row.withdrawn_by = timezone.now(), acting_user
    row.encrypted_withdrawal_reason = lock.encrypt_text(f"concerned-withdrawn:{row.id}", reason)
    row.save(update_fields=["withdrawn_at", "withdrawn_by", "encrypted_withdrawal_reason"])
    trail.record(
        "person_concerned_withdrawn",
        case.organisation,
        case,
        acting_user,
        detail={"concerned": str(row.id)},
    )


@transaction.atomic
def screen(
    case: Case,
    lock: CaseLock,
    acting_user,
    kind: str,
    reason: str,
    senior_officials=(),
    message_to_reporter: str = "",
    external_because: str = SENIOR_OFFICIAL_CONCERNED,
    dismissal_ground: str = "",
) -> Decision:
    """The intake party's decision (S13-S16), each with a written reason. External
    investigation is always possible with a reason; the senior officials concerned must
    be named only when that is the reason (else a case whose internal function is all
    concerned would have nowhere to go)."""
    case = case_for_update(case)
    if not holds_role(acting_user, case.organisation, Role.SCREENER):
        raise NotAllowed("role")
    if case.status != Status.RECEIVED:
        raise NotAllowed("transition")
    if not reason.strip():
        raise NotAllowed("reason")
    if kind == DecisionKind.INTERNAL:
        decision = _move(case, Status.INTERNAL_INVESTIGATION, kind, acting_user, lock, reason)
        _seal_to_group(case, lock, Role.INTERNAL_INVESTIGATOR, acting_user)
    elif kind == DecisionKind.EXTERNAL:
        if external_because == SENIOR_OFFICIAL_CONCERNED and not senior_officials:
            raise NotAllowed("senior_official")
        for official in senior_officials:
            name_concerned(case, acting_user, person=official.person, senior_official=official)
        decision = _move(case, Status.EXTERNAL_INVESTIGATION, kind, acting_user, lock, reason)
        _seal_to_group(case, lock, Role.EXTERNAL_INVESTIGATOR, acting_user)
    elif kind == DecisionKind.DISMISS:
        if not message_to_reporter.strip():
            raise NotAllowed("message")
        if dismissal_ground not in DismissalGround.values:
            raise NotAllowed("dismissal_ground")
        message_reporter(case, lock, acting_user, message_to_reporter)
        case.outcome = Outcome.NOT_WHISTLEBLOWING
        case.dismissal_ground = dismissal_ground
        case.closed_on = date.today()
        decision = _move(case, Status.DISMISSED, kind, acting_user, lock, reason)
    else:
        raise NotAllowed("kind")
    return decision


def _seal_to_group(case, lock, role, acting_user) -> None:
    readers = [
        reader
        for reader in eligible_readers(case, role)
        if not CaseKeySeal.objects.filter(case=case, reader=reader).exists()
    ]
    if not eligible_readers(case, role):
        raise NotAllowed("no_readers")
    seal_case_key_to_readers(case, lock, readers)
    for reader in readers:
        trail.record(
            "access_granted",
            case.organisation,
            case,
            acting_user,
            detail={"reader": reader.pk, "role": role},
        )
    notifications.queue(case, readers, notifications.Kind.ROUTED, f"routed:{role}")


@transaction.atomic
def message_reporter(
    case: Case, lock: CaseLock, acting_user, body: str, uploads=(), is_feedback: bool = False
):
    """A message to the reporter. The first one is the acknowledgement (S11); one marked
    as feedback keeps the three-month promise (S17)."""
    if not may_read(case, acting_user):
        raise NotAllowed("reader")
    if case.status in (Status.DISMISSED, Status.CLOSED):
        raise NotAllowed("closed")
    message = post_message(
        case,
        lock,
        body,
        Sender.STAFF,
        staff_author=acting_user,
        uploads=uploads,
        is_feedback=is_feedback,
    )
    today = date.today()
    fields = []
    if case.acknowledged_on is None:
        case.acknowledged_on = today
        case.feedback_by = deadlines.feedback_by(today, case.organisation.feedback_months)
        fields += ["acknowledged_on", "feedback_by"]
    if is_feedback and case.feedback_given_on is None:
        case.feedback_given_on = today
        fields.append("feedback_given_on")
    if fields:
        case.save(update_fields=fields)
    trail.record(
        "message_to_reporter",
        case.organisation,
        case,
        acting_user,
        detail={"message": str(message.pk), "feedback": is_feedback, "files": len(uploads)},
    )
    return message


@transaction.atomic
def write_note(case: Case, lock: CaseLock, acting_user, body: str) -> Note:
    if not may_read(case, acting_user):
        raise NotAllowed("reader")
    note = Note(case=case, author=acting_user)
    note.encrypted_body = lock.encrypt_text(f"note:{note.id}", body)
    note.save()
    trail.record(
        "note_written", case.organisation, case, acting_user, detail={"note": str(note.id)}
    )
    return note


def read_notes(case: Case, lock: CaseLock) -> list[tuple[Note, str]]:
    return [
        (note, lock.decrypt_text(f"note:{note.id}", note.encrypted_body))
        for note in case.notes.select_related("author")
    ]


def read_decisions(case: Case, lock: CaseLock) -> list[tuple[Decision, str]]:
    """Each decision with its written reason; Vissel's own decisions have none."""
    return [
        (
            decision,
            lock.decrypt_text(f"decision:{decision.id}", decision.encrypted_reason)
            if decision.decided_by_id
            else "",
        )
        for decision in case.decisions.select_related("decided_by")
    ]


def chief_executive_concerned(case: Case) -> bool:
    organisation = case.organisation
    for row in case.concerned.select_related("senior_official"):
        if row.senior_official and row.senior_official.is_chief_executive:
            return True
    chiefs = set(
        Membership.objects.filter(organisation=organisation, role=Role.CHIEF_EXECUTIVE).values_list(
            "person_id", flat=True
        )
    )
    return bool(chiefs & concerned_people(case))


def report_recipient_role(case: Case) -> str:
    """The chief executive receives the final report, or the chair when the case
    concerns the chief executive (S14, S15)."""
    return Role.CHAIR if chief_executive_concerned(case) else Role.CHIEF_EXECUTIVE


def _report_context(report_id) -> bytes:
    return bound_to("report", report_id, "body")


@transaction.atomic
def conclude(
    case: Case, lock: CaseLock, acting_user, outcome: str, final_report: str, reason: str
) -> FinalReport:
    """Record the outcome and deliver the final report to its recipient."""
    case = case_for_update(case)
    role = INVESTIGATING.get(case.status)
    if role is None or not holds_role(acting_user, case.organisation, role):
        raise NotAllowed("role")
    if not may_read(case, acting_user):
        raise NotAllowed("reader")
    if outcome not in (Outcome.CONFIRMED, Outcome.PARTLY_CONFIRMED, Outcome.NOT_CONFIRMED):
        raise NotAllowed("outcome")
    if not final_report.strip():
        raise NotAllowed("final_report")
    recipient_role = report_recipient_role(case)
    recipients = eligible_readers(case, recipient_role)
    if not recipients:
        raise NotAllowed("no_recipient")
    report_key = aead.new_key()
    report = FinalReport(case=case, recipient_role=recipient_role, written_by=acting_user)
    report.encrypted_body = aead.encrypt_text(report_key, _report_context(report.id), final_report)
    report.report_key_under_case_key = aead.encrypt(
        lock.key, bound_to("case", case.id, "final-report-key"), report_key
    )
    report.save()
    ReportKeySeal.objects.bulk_create(
        ReportKeySeal(
            report=report,
            reader=reader,
            sealed_key=keys.seal_key_to(bytes(reader.key_pair.public_key), report.id, report_key),
        )
        for reader in recipients
    )
    case.outcome = outcome
    case.concluded_on = date.today()
    _move(case, Status.CONCLUDED, DecisionKind.CONCLUDE, acting_user, lock, reason)
    trail.record(
        "final_report_delivered",
        case.organisation,
        case,
        acting_user,
        detail={
            "report": str(report.id),
            "recipient_role": recipient_role,
            "recipients": [reader.pk for reader in recipients],
        },
    )
    notifications.queue(case, recipients, notifications.Kind.FINAL_REPORT, "final")
    return report


def read_final_report_as_reader(report: FinalReport, lock: CaseLock) -> str:
    report_key = aead.decrypt(
        lock.key,
        bound_to("case", report.case_id, "final-report-key"),
        bytes(report.report_key_under_case_key),
    )
    return aead.decrypt_text(report_key, _report_context(report.id), bytes(report.encrypted_body))


def read_final_report_as_recipient(report: FinalReport, person, private_key: bytes) -> str:
    """Raises ReportKeySeal.DoesNotExist for anyone it was not delivered to."""
    seal = ReportKeySeal.objects.get(report=report, reader=person)
    report_key = keys.open_sealed_key(private_key, report.id, seal.sealed_key)
    return aead.decrypt_text(report_key, _report_context(report.id), bytes(report.encrypted_body))


@transaction.atomic
def close(case: Case, lock: CaseLock, acting_user, reason: str) -> Decision:
    case = case_for_update(case)
    if case.status != Status.CONCLUDED:
        raise NotAllowed("transition")
    if not may_read(case, acting_user) or not holds_role(
        acting_user, case.organisation, Role.INTERNAL_INVESTIGATOR, Role.EXTERNAL_INVESTIGATOR
    ):
        raise NotAllowed("role")
    case.closed_on = date.today()
    return _move(case, Status.CLOSED, DecisionKind.CLOSE, acting_user, lock, reason)


@transaction.atomic
def reopen(case: Case, lock: CaseLock, acting_user, reason: str) -> Decision:
    """A reader reopens a dismissed or closed case to answer what came after it."""
    case = case_for_update(case)
    if not may_read(case, acting_user):
        raise NotAllowed("reader")
    if case.status not in REOPENS_TO:
        raise NotAllowed("transition")
    if not reason.strip():
        raise NotAllowed("reason")
    if case.status == Status.DISMISSED:
        if not holds_role(acting_user, case.organisation, Role.SCREENER):
            raise NotAllowed("role")
        case.outcome = ""
        case.dismissal_ground = ""
    else:
        case.concluded_on = date.today()  # answered again: the time to close starts anew
    case.closed_on = None
    return _move(case, REOPENS_TO[case.status], DecisionKind.REOPEN, acting_user, lock, reason)
