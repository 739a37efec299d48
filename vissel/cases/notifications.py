"""E-mails to staff: a new case, a message from the reporter, a case routed to you, a
final report for you, a deadline coming or passed.

They say which organisation and case, what happened, and where to look: never a word of
the case. They are queued and sent by `vissel tick`, never at the moment a reporter acts.
What a reporter did (a new report, a message, a request for a meeting) is told the next
morning, in one batch with everything else reporters did that day: the mail system, the
staff's mailboxes and the notification rows learn the day, not the minute, as the audit
trail does. Every notification has a key that makes it unique: two ticks running at once
send it once.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vissel.cases.deadlines import open_deadlines
from vissel.cases.keyring import concerned_people
from vissel.cases.models import Case, Notification, Status
from vissel.cases.models import NotificationKind as Kind
from vissel.cases.visibility import readers_of


def queue(case, people, kind: str, occasion: str, excluded=None) -> int:
    """Queue `kind` about `case` for each of `people`, once per `occasion` (`excluded`:
    concerned_people(case), if the caller has just read it)."""
    excluded = concerned_people(case) if excluded is None else excluded
    rows = [
        Notification(
            person=person,
            case=case,
            kind=kind,
            queued_on=date.today(),
            unique_key=f"{case.pk}:{kind}:{occasion}:{person.pk}",
        )
        for person in people
        if person.pk not in excluded and person.email
    ]
    if not rows:
        return 0
    try:
        # Mostly none is queued yet (a new case, a new step): all in one statement.
        with transaction.atomic():
            Notification.objects.bulk_create(rows)
        return len(rows)
    except IntegrityError:
        pass  # some are queued already: one at a time, so that the others still are
    queued = 0
    for row in rows:
        try:
            with transaction.atomic():
                row.save(force_insert=True)
            queued += 1
        except IntegrityError:
            pass  # queued already, by this tick or another
    return queued


REMINDER_DAYS = {"acknowledgement": 2, "feedback": 14, "meeting": 3}


def queue_deadline_reminders(today: date | None = None) -> int:
    """Before and after each deadline: once when it is near, on the day, once after."""
    today = today or date.today()
    queued = 0
    open_cases = Case.objects.exclude(status__in=[Status.DISMISSED, Status.CLOSED])
    for case in open_cases.select_related("organisation"):
        for deadline in open_deadlines(case, today):
            if today > deadline.due:
                kind = Kind.DEADLINE_PASSED
            elif today == deadline.due:
                kind = Kind.DEADLINE_TODAY
            elif today >= deadline.due - timedelta(days=REMINDER_DAYS[deadline.kind]):
                kind = Kind.DEADLINE_SOON
            else:
                continue
            queued += queue(case, _reminded(case, kind), kind, f"{deadline.kind}:{deadline.due}")
    return queued


def _reminded(case, kind: str) -> list:
    """The assigned handler is reminded first: alone while the deadline is near,
    with every reader once it is today or past."""
    readers = readers_of(case)
    assigned = [reader for reader in readers if reader.pk == case.assigned_to_id]
    if assigned and kind == Kind.DEADLINE_SOON:
        return assigned
    return readers


def _start_of_today():
    return timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)


def _message(notification) -> tuple[str, str]:
    case = notification.case
    link = f"{settings.VISSEL_BASE_URL.rstrip('/')}/staff/{case.organisation.slug}/"
    link += "reports" if notification.kind == Kind.FINAL_REPORT else "cases"
    link += f"/{case.pk}/"
    what = Kind(notification.kind).label
    subject = _("Vissel: %(what)s (%(organisation)s, case %(number)s)") % {
        "what": what,
        "organisation": case.organisation.name,
        "number": case.register_number,
    }
    body = _(
        "%(organisation)s, case %(number)s: %(what)s.\n\nLog in to read it:\n%(link)s\n\n"
        "This message never contains anything from the case itself."
    ) % {
        "organisation": case.organisation.name,
        "number": case.register_number,
        "what": what,
        "link": link,
    }
    return subject, body


# What a reporter did: told from this hour of the next day on (local time).
FROM_REPORTERS = (Kind.NEW_CASE, Kind.REPORTER_MESSAGE, Kind.MEETING_REQUEST)
MORNING_HOUR = 7


def due_now(now=None) -> Q:
    """The notifications that may go now: staff's at once, reporters' the next morning."""
    now = timezone.localtime(now)
    reporters_before = now.date() if now.hour >= MORNING_HOUR else now.date() - timedelta(days=1)
    return ~Q(kind__in=FROM_REPORTERS) | Q(queued_on__lt=reporters_before)


def send_queued() -> int:
    """Send what is due. Each notification is locked while it is sent, and skipped by a
    second tick running at the same time."""
    sent = 0
    due = due_now()
    while True:
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update(skip_locked=True)
                .filter(due, sent_at__isnull=True)
                .select_related("person", "case", "case__organisation")
                .order_by("pk")
                .first()
            )
            if notification is None:
                return sent
            # Checked again now: someone named concerned after this was queued, or no
            # longer active, is not told about the case.
            if notification.person_id not in concerned_people(notification.case) and (
                notification.person.is_active
            ):
                with translation.override(notification.case.organisation.default_language):
                    subject, body = _message(notification)
                send_mail(subject, body, None, [notification.person.email])
            # A reporter's notice keeps only its day; staff's the moment.
            notification.sent_at = (
                _start_of_today() if notification.kind in FROM_REPORTERS else timezone.now()
            )
            notification.save(update_fields=["sent_at"])
            sent += 1
