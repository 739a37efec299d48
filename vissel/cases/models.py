import uuid

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from vissel.cases.choices import (
    Channel,
    Coverage,
    DecisionKind,
    DismissalGround,
    NotificationKind,
    Outcome,
    Sender,
    Status,
)
from vissel.crypto.keys import PasswordWrappedKey
from vissel.organisations.models import Category, Organisation, Role

# What the reporter wrote, each field encrypted on its own under the case key and bound
# to (case, field), with "contact" beside them (the choice of anonymity and any contact
# details). Nothing else the reporter wrote is stored.
REPORT_TEXTS = ("what_happened", "where", "when", "who_involved", "how_known", "relationship")


class CaseQuerySet(models.QuerySet):
    """Every query of a case starts here, scoped by organisation."""

    def in_organisation(self, organisation: Organisation):
        return self.filter(organisation=organisation)

    def for_reporter(self, organisation: Organisation, case_id):
        """The one case a logged-in reporter may see: theirs, in this organisation."""
        return self.in_organisation(organisation).filter(pk=case_id, erased_on=None)


# Every query of cases runs inside a scope naming its organisation(s) (set per request by
# vissel.organisations.scoping, per command by `scopes_disabled`): a query that forgets
# it raises ScopeError instead of reading every organisation's cases.
CaseManager = models.Manager.from_queryset(CaseQuerySet)


class Case(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="cases")
    case_number = models.CharField(max_length=8, unique=True)
    # The organisation's register number ("VB 2026/0001"): what staff call the case.
    register_number = models.CharField(max_length=60, blank=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="cases")
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.RECEIVED)
    # Reporter-originated times are kept to the day (DESIGN: anonymity).
    received_on = models.DateField()
    acknowledge_by = models.DateField()
    feedback_by = models.DateField()
    acknowledged_on = models.DateField(null=True, blank=True)
    feedback_given_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=30, choices=Outcome.choices, blank=True)
    dismissal_ground = models.CharField(max_length=30, choices=DismissalGround.choices, blank=True)
    concluded_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    # Retention (records/retention.py): a hold stops erasure until lifted; an
    # organisation that must archive records the export first; an erased case keeps
    # only its tombstone (register number, category, dates, outcome).
    legal_hold_since = models.DateField(null=True, blank=True)
    archived_on = models.DateField(null=True, blank=True)
    erased_on = models.DateField(null=True, blank=True)
    # The handler the case is assigned to, within the group that holds it.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_cases",
    )
    # The sequence number of the reporter's latest message: a reader whose seal has read
    # through a lower one has something new to read.
    last_reporter_seq = models.PositiveIntegerField(default=0)
    coverage = models.CharField(max_length=20, choices=Coverage.choices, blank=True)
    # Written, or oral: a recording whose voice was disguised before it was stored.
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.WRITTEN)
    # A meeting the reporter asked for (in person, by phone or by video): an open task
    # until the readers record that it took place. How and when the reporter would like
    # it is kept encrypted under the case key.
    meeting_requested_on = models.DateField(null=True, blank=True)
    meeting_by = models.DateField(null=True, blank=True)
    meeting_held_on = models.DateField(null=True, blank=True)
    encrypted_meeting_request = models.BinaryField(null=True, blank=True)
    # The earliest promise not yet kept, and the day it counts as "due soon": kept by
    # save() from the fields above, so that the worklist sorts and filters on an index.
    next_due = models.DateField(null=True, blank=True)
    next_due_soon_from = models.DateField(null=True, blank=True)

    encrypted_what_happened = models.BinaryField()
    encrypted_where = models.BinaryField()
    encrypted_when = models.BinaryField()
    encrypted_who_involved = models.BinaryField()
    encrypted_how_known = models.BinaryField()
    encrypted_relationship = models.BinaryField()
    encrypted_contact = models.BinaryField()

    # The case key sealed to the organisation's recovery key, if it has one.
    recovery_sealed_key = models.BinaryField(null=True, blank=True)

    # The case key wrapped under Argon2id(reporter's password, per-case salt).
    reporter_key_salt = models.BinaryField()
    reporter_key_kdf = models.CharField(max_length=60)
    reporter_wrapped_key = models.BinaryField()

    objects = ScopedManager(organisation="organisation", _manager_class=CaseManager)

    class Meta:
        ordering = ["received_on", "register_number"]
        indexes = [
            models.Index(fields=["organisation", "status"], name="case_org_status"),
            models.Index(
                # The worklist's whole order, the id last: a far page is counted in the
                # index alone (an index-only scan), never in the cases' rows.
                fields=["organisation", "next_due", "received_on", "register_number", "id"],
                name="case_worklist",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "register_number"],
                condition=~models.Q(register_number=""),
                name="one_register_number_per_organisation",
            )
        ]

    def __str__(self):
        return self.case_number

    def save(self, *args, **kwargs):
        from vissel.cases.deadlines import earliest_open

        due, soon_from = earliest_open(self)
        self.next_due, self.next_due_soon_from = due, soon_from
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "next_due",
                "next_due_soon_from",
            }
        new = self._state.adding
        with transaction.atomic():
            super().save(*args, **kwargs)
            if not new:  # a new case has no seal yet; the seals follow the row's last write
                self.seals.update(**self.place_in_worklists())

    def place_in_worklists(self) -> dict:
        """What each seal of the case keeps of it (CaseKeySeal)."""
        return {seal_field: getattr(self, field) for field, seal_field in WORKLIST_PLACE.items()}

    @property
    def is_closed(self) -> bool:
        """Dismissed or closed: nothing more is written in it until a reader reopens it."""
        return self.status in (Status.DISMISSED, Status.CLOSED)

    def reporter_wrapped(self) -> PasswordWrappedKey:
        return PasswordWrappedKey(
            bytes(self.reporter_key_salt), self.reporter_key_kdf, bytes(self.reporter_wrapped_key)
        )


# The case's fields that order a worklist, and their copies in each of its seals.
WORKLIST_PLACE = {
    "organisation_id": "case_organisation_id",
    "next_due": "case_next_due",
    "received_on": "case_received_on",
    "register_number": "case_register_number",
}


class CaseKeySeal(models.Model):
    """The case key sealed to one reader's public key: who may read, in plain sight,
    and nothing they may read."""

    # Random ids, not a sequence: a global counter would order the reporter's actions
    # against everyone else's, finer than the day their dates are kept to.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="seals")
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_seals"
    )
    sealed_key = models.BinaryField()
    # Seals made at submission would otherwise time the report to the second.
    granted_on = models.DateField(auto_now_add=True)
    # How far this reader has read the thread (a message sequence number).
    read_through = models.PositiveIntegerField(default=0)
    # The case's place in its readers' worklists, copied by Case.save(): a page typed by
    # its number is counted in this table's index alone, not case by case (a dashboard
    # page 1000 deep on PostgreSQL: 294 ms counting cases, bench/RESULTS.md). Plain
    # already in the case's row.
    case_organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    case_next_due = models.DateField(null=True)
    case_received_on = models.DateField()
    case_register_number = models.CharField(max_length=60, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "reader"], name="one_seal_per_reader")
        ]
        indexes = [
            models.Index(
                fields=[
                    "reader",
                    "case_organisation",
                    "case_next_due",
                    "case_received_on",
                    "case_register_number",
                    "case",
                ],
                name="seal_worklist",
            )
        ]

    def __str__(self):
        return f"case key of {self.case_id} sealed to reader {self.reader_id}"


class Message(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    seq = models.PositiveIntegerField()  # keeps the thread in order; times are days only
    sender = models.CharField(max_length=10, choices=Sender.choices)
    staff_author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    sent_on = models.DateField()
    encrypted_body = models.BinaryField()
    is_feedback = models.BooleanField(default=False)

    class Meta:
        ordering = ["case", "seq"]
        constraints = [models.UniqueConstraint(fields=["case", "seq"], name="message_seq_per_case")]

    def __str__(self):
        return f"message {self.seq} of case {self.case_id}"


class PersonConcerned(models.Model):
    """Someone the case is about. A staff account named here never gets the case key,
    gets 404 on every page of the case and never receives its report."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="concerned")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    senior_official = models.ForeignKey(
        "organisations.SeniorOfficial",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    named_at = models.DateTimeField(auto_now_add=True)
    # Withdrawn by a reader, with a reason (encrypted: it may quote the case). The person
    # gets no key back by this: only a new grant by a reader gives access again.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    encrypted_withdrawal_reason = models.BinaryField(null=True, blank=True)

    def __str__(self):
        return f"person concerned in {self.case_id}"


class Decision(models.Model):
    """A step of the workflow with its written reason (encrypted under the case key: a
    reason may quote the report)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(max_length=20, choices=DecisionKind.choices)
    from_status = models.CharField(max_length=30, choices=Status.choices)
    to_status = models.CharField(max_length=30, choices=Status.choices)
    # None: Vissel itself decided (a concluded case closed after the organisation's
    # time), with no written reason: the system holds no case key to write one under.
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    encrypted_reason = models.BinaryField()

    class Meta:
        ordering = ["decided_at"]

    def __str__(self):
        return f"{self.kind} of {self.case_id}"


class Note(models.Model):
    """An internal note of the case handlers, never shown to the reporter."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(auto_now_add=True)
    encrypted_body = models.BinaryField()

    class Meta:
        ordering = ["written_at"]

    def __str__(self):
        return f"note on {self.case_id}"


class Minutes(models.Model):
    """One version of the minutes of a meeting or the transcript of an oral report,
    which the reporter approves or corrects. Every version, and the reporter's answer to
    it, is kept; a series is the versions of one document."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Minutes of a meeting")
        TRANSCRIPT = "transcript", _("Transcript of the oral report")

    class Answer(models.TextChoices):
        APPROVED = "approved", _("approved by the reporter")
        CORRECTIONS = "corrections", _("the reporter sent corrections")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="minutes")
    series = models.UUIDField()
    version = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_on = models.DateField()
    encrypted_text = models.BinaryField()
    answer = models.CharField(max_length=20, choices=Answer.choices, blank=True)
    answered_on = models.DateField(null=True, blank=True)  # a reporter's day
    encrypted_corrections = models.BinaryField(null=True, blank=True)

    class Meta:
        ordering = ["series", "version"]
        constraints = [
            models.UniqueConstraint(fields=["series", "version"], name="one_minutes_version")
        ]

    def __str__(self):
        return f"minutes {self.series} v{self.version}"


class FinalReport(models.Model):
    """The investigators' report to the chief executive, or to the chair where the chief
    executive is concerned. It has a key of its own, so that its recipient can read it
    and nothing else of the case: sealed to the recipient, and kept under the case key
    for the case's readers."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="final_report")
    recipient_role = models.CharField(max_length=30, choices=Role.choices)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    delivered_at = models.DateTimeField(auto_now_add=True)
    encrypted_body = models.BinaryField()  # under the report key
    report_key_under_case_key = models.BinaryField()

    objects = ScopedManager(organisation="case__organisation")

    def __str__(self):
        return f"final report of {self.case_id}"


class ReportKeySeal(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(FinalReport, on_delete=models.CASCADE, related_name="seals")
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_seals"
    )
    sealed_key = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "reader"], name="one_report_seal_per_reader")
        ]

    def __str__(self):
        return f"report key of {self.report_id} sealed to {self.reader_id}"


class Notification(models.Model):
    # A random id: notifications follow what reporters do, and must not order it.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    unique_key = models.CharField(max_length=200, unique=True)
    queued_on = models.DateField()  # a day: some of these follow what a reporter did
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.kind} for {self.person_id}"
