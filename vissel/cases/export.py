"""A case for the organisation's archive: a PDF of the report, its files, the thread, the
decisions and the final report, made by one of the case's readers and recorded in the
audit trail. The PDF is made in memory and handed to the reader; nothing is stored."""

from datetime import date

from django.utils import translation
from django.utils.translation import gettext as _

from vissel.audit import trail
from vissel.cases.models import Case, Sender
from vissel.cases.reporter import IDENTITIES, RELATIONSHIPS
from vissel.cases.services import read_report, read_thread, report_files
from vissel.cases.visibility import may_read
from vissel.cases.workflow import NotAllowed, read_decisions, read_final_report_as_reader
from vissel.crypto.lock import CaseLock
from vissel.records.archive import (
    ArchiveDecision,
    ArchiveDocument,
    ArchiveFile,
    ArchiveMessage,
    case_archive_pdf,
)

FIELD_LABELS = (
    ("what_happened", "What happened?"),
    ("where", "Where did it happen?"),
    ("when", "When did it happen?"),
    ("who_involved", "Who is involved?"),
    ("how_known", "How do you know about it?"),
)


def export_for_archive(case: Case, lock: CaseLock, acting_user, language: str) -> bytes:
    if not may_read(case, acting_user):
        raise NotAllowed("reader")
    with translation.override(language):
        document = _document(case, lock, acting_user, language)
    pdf = case_archive_pdf(document)
    trail.record(
        "case_exported",
        case.organisation,
        case,
        acting_user,
        detail={"format": "pdf", "bytes": len(pdf)},
    )
    return pdf


def _document(case, lock, acting_user, language) -> ArchiveDocument:
    report = read_report(case, lock)
    contact = report.get("contact") or {}
    final = getattr(case, "final_report", None)
    return ArchiveDocument(
        organisation=case.organisation.name,
        case_reference=case.register_number,
        category=case.category.name_in(language),
        status=str(case.get_status_display()),
        received_on=case.received_on,
        closed_on=case.closed_on,
        report_fields=[
            (_(label), report[name]) for name, label in FIELD_LABELS if report.get(name)
        ],
        reporter_relationship=str(dict(RELATIONSHIPS).get(report.get("relationship"), "")),
        reporter_anonymity=", ".join(
            part
            for part in (
                str(dict(IDENTITIES).get(contact.get("mode"), "")),
                contact.get("name", ""),
                contact.get("phone", ""),
                contact.get("email", ""),
            )
            if part
        ),
        files=[
            ArchiveFile(item.name, item.size, item.cleaning.get("outcome", ""))
            for item in report_files(case, lock)
        ],
        thread=[
            ArchiveMessage(
                _("Reporter") if entry.sender == Sender.REPORTER else _("Case handler"),
                entry.sent_on,
                entry.body,
                entry.is_feedback,
                [item.name for item in entry.files],
            )
            for entry in read_thread(case, lock)
        ],
        decisions=[
            ArchiveDecision(
                decision.decided_at.date(),
                str(decision.get_kind_display()),
                reason,
                decision.decided_by.username if decision.decided_by else "Vissel",
            )
            for decision, reason in read_decisions(case, lock)
        ],
        final_report=read_final_report_as_reader(final, lock) if final else None,
        final_report_recipient=str(final.get_recipient_role_display()) if final else "",
        produced_on=date.today(),
        produced_by=acting_user.username,
        language=language if language in ("sv", "en") else "sv",
    )
