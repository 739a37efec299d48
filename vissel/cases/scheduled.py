"""The work `vissel tick` does every few minutes. Each step is idempotent and safe from
several machines at once (row locks, unique keys, atomic renames)."""

from dataclasses import dataclass
from datetime import date

from django_scopes import scopes_disabled

from vissel.audit.trail import flush_reporter_events
from vissel.cases import retention, summaries
from vissel.cases.notifications import queue_deadline_reminders, send_queued
from vissel.evidence.services import purge_abandoned_files
from vissel.evidence.storage import settle_fresh_files
from vissel.organisations.people.notices import send_unsent
from vissel.web.rowids import settle_rows
from vissel.web.sessions import clear_expired_sessions


@dataclass
class TickReport:
    reporter_events: int
    files_settled: int
    tables_rewritten: int
    reminders: int
    emails: int
    account_notices: int
    files_removed: int
    cases_closed: int = 0
    cases_erased: int = 0
    summaries: int = 0

    def __str__(self):
        return (
            f"reporter events entered in the audit trail: {self.reporter_events}; "
            f"files moved to fresh inodes: {self.files_settled}; "
            f"tables of reporters' rows rewritten: {self.tables_rewritten}; "
            f"reminders queued: {self.reminders}; e-mails sent: {self.emails}; "
            f"account notices sent: {self.account_notices}; "
            f"abandoned encrypted files removed: {self.files_removed}; "
            f"concluded cases closed: {self.cases_closed}; "
            f"cases erased after their retention: {self.cases_erased}; "
            f"half-year summaries delivered: {self.summaries}"
        )


@scopes_disabled()
def tick() -> TickReport:
    """Work across every organisation: the one place queries run unscoped on purpose."""
    reporter_events = flush_reporter_events()
    files_settled = settle_fresh_files()
    tables_rewritten = settle_rows()
    reminders = queue_deadline_reminders()
    emails = send_queued()
    account_notices = send_unsent()
    clear_expired_sessions()
    files_removed = purge_abandoned_files()
    today = date.today()
    cases_closed = retention.close_concluded_cases(today)
    cases_erased = retention.erase_due_cases(today)
    delivered = summaries.deliver_half_year_summaries(today)
    return TickReport(
        reporter_events,
        files_settled,
        tables_rewritten,
        reminders,
        emails,
        account_notices,
        files_removed,
        cases_closed,
        cases_erased,
        delivered,
    )
