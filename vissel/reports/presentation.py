"""Turning a draft or a case into what the reporter's pages show."""

from vissel.evidence.presentation import describe_cleaning
from vissel.presentation.reports import report_summary
from vissel.reports.services import draft_category


def review_context(organisation, draft, language: str) -> dict:
    category = draft_category(organisation, draft)
    return {
        "report": report_summary(draft.fields, category.name_in(language) if category else ""),
        "files": [(item, describe_cleaning(item.cleaning)) for item in draft.staged()],
        "has_recording": bool(draft.recording),
    }


def inbox_context(organisation, inbox, language: str) -> dict:
    return {
        "case": inbox.case,
        "report": report_summary(inbox.report, inbox.case.category.name_in(language)),
        "files": [(item, describe_cleaning(item.cleaning, sent=True)) for item in inbox.files],
        "thread": inbox.thread,
        "meeting": inbox.meeting,
        "minutes": inbox.minutes,
    }
