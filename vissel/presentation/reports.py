"""The report as the reporter wrote it, with what follows from their answers (S6): the
same on the reporter's review page, in their inbox and on a case handler's page."""

from vissel.cases.reporter import IDENTITIES, RELATIONSHIPS, WORKS_FOR_ORGANISATION


def _label(choices, value) -> str:
    return str(dict(choices).get(value, ""))


def report_summary(fields: dict, category_name: str) -> dict:
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
