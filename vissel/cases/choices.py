"""The plain words a case is described by at rest: its status, outcome, channel,
coverage, the ground of a dismissal, who wrote a message, the kinds of decisions and
notifications. None of them holds anything a reporter wrote."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    RECEIVED = "received", _("received")
    INTERNAL_INVESTIGATION = "internal_investigation", _("internal investigation")
    EXTERNAL_INVESTIGATION = "external_investigation", _("external investigation")
    CONCLUDED = "concluded", _("concluded")
    DISMISSED = "dismissed", _("dismissed")
    CLOSED = "closed", _("closed")


class Outcome(models.TextChoices):
    CONFIRMED = "confirmed", _("the suspicion was confirmed")
    PARTLY_CONFIRMED = "partly_confirmed", _("the suspicion was partly confirmed")
    NOT_CONFIRMED = "not_confirmed", _("the suspicion was not confirmed")
    NOT_WHISTLEBLOWING = "not_whistleblowing", _("not a whistleblowing case")


class Channel(models.TextChoices):
    WRITTEN = "written", _("Written")
    ORAL = "oral", _("Oral (a recording)")


class Coverage(models.TextChoices):
    """Staff's assessment of whether the reporter is covered by the whistleblowing act
    (works for the organisation in a sense the act covers). Plain at rest: the secrecy
    marking, the register and the statistics follow from it, and it says less than the
    reporter's own answer, which stays encrypted."""

    COVERED = "covered", _("yes, covered")
    NOT_COVERED = "not_covered", _("no, not covered")
    UNCLEAR = "unclear", _("not yet clear")


class DismissalGround(models.TextChoices):
    """Why a report was dismissed, in words that hold no content: the half-year summary
    to the internal function (S16) lists these, never the screener's written reason."""

    NOT_WRONGDOING = "not_wrongdoing", _("not wrongdoing of the kind the channel is for")
    NOT_WORK_RELATED = "not_work_related", _("not in a work-related context")
    INSUFFICIENT = "insufficient", _("too little to go on")
    ALREADY_KNOWN = "already_known", _("already known or handled elsewhere")
    OTHER = "other", _("another ground")


class Sender(models.TextChoices):
    REPORTER = "reporter", _("reporter")
    STAFF = "staff", _("case handler")


class DecisionKind(models.TextChoices):
    INTERNAL = "internal", _("a whistleblowing case: to the internal function")
    EXTERNAL = "external", _("concerns a senior official: to external investigation")
    DISMISS = "dismiss", _("not a whistleblowing case: dismiss and close")
    CONCLUDE = "conclude", _("investigation concluded")
    CLOSE = "close", _("case closed")
    AUTO_CLOSE = "auto_close", _("closed by Vissel: concluded and not closed in time")
    REOPEN = "reopen", _("case reopened")


class NotificationKind(models.TextChoices):
    NEW_CASE = "new_case", _("a new report has arrived")
    REPORTER_MESSAGE = "reporter_message", _("the reporter has written")
    ROUTED = "routed", _("a case has been routed to you")
    ASSIGNED = "assigned", _("a case has been assigned to you")
    FINAL_REPORT = "final_report", _("a final report has been delivered to you")
    MEETING_REQUEST = "meeting_request", _("the reporter asks for a meeting")
    DEADLINE_SOON = "deadline_soon", _("a deadline is near")
    DEADLINE_TODAY = "deadline_today", _("a deadline is today")
    DEADLINE_PASSED = "deadline_passed", _("a deadline has passed")
