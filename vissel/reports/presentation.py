"""Turning a draft or a case into what the reporter's pages show."""

from vissel.evidence.presentation import describe_cleaning
from vissel.reports.forms import IDENTITIES, RELATIONSHIPS, WORKS_FOR_ORGANISATION
from vissel.reports.services import draft_category


def _label(choices, value) -> str:
    return str(dict(choices).get(value, ""))


def report_summary(organisation, fields: dict, category_name: str) -> dict:
    """The report as the reporter wrote it, with what follows from their answers (S6)."""
    relationship = fields.get("relationship", "")
    contact = fields.get("contact") or {
        "mode": fields.get("identity"),
        "name": fields.get("contact_name", ""),
        "phone": fields.get("contact_phone", ""),
        "email": fields.get("contact_email", ""),
    }
    return {
        "category": category_name,
        "what_happened": fields.get("what_happened", ""),
        "where": fields.get("where", ""),
        "when": fields.get("when", ""),
        "who_involved": fields.get("who_involved", ""),
        "how_known": fields.get("how_known", ""),
        "relationship": _label(RELATIONSHIPS, relationship),
        "works_for_organisation": relationship in WORKS_FOR_ORGANISATION,
        "anonymous": contact.get("mode") != "contact",
        "identity": _label(IDENTITIES, contact.get("mode")),
        "contact": contact,
    }


def review_context(organisation, draft, language: str) -> dict:
    category = draft_category(organisation, draft)
    return {
        "report": report_summary(
            organisation, draft.fields, category.name_in(language) if category else ""
        ),
        "files": [(item, describe_cleaning(item.cleaning)) for item in draft.staged()],
    }


def inbox_context(organisation, inbox, language: str) -> dict:
    return {
        "case": inbox.case,
        "report": report_summary(organisation, inbox.report, inbox.case.category.name_in(language)),
        "files": [(item, describe_cleaning(item.cleaning, sent=True)) for item in inbox.files],
        "thread": inbox.thread,
    }
