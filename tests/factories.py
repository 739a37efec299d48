"""Test data, built through the real services (no hand-made rows)."""

from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from vissel.organisations.models import Role
from vissel.organisations.services import create_organisation
from vissel.reports import services as reporting
from vissel.staff.services import create_staff

STAFF_PASSWORD = "correct horse battery staple"


def new_session():
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store.create()
    return store


@dataclass
class Cast:
    org_a: object
    org_b: object
    screener_a: object
    investigator_a: object
    recipient_a: object
    admin_a: object
    screener_b: object

    @classmethod
    def create(cls) -> "Cast":
        org_a = create_organisation("Organisation A", slug="org-a")
        org_b = create_organisation("Organisation B", slug="org-b")
        return cls(
            org_a=org_a,
            org_b=org_b,
            screener_a=staff(org_a, Role.SCREENER, "screener-a"),
            investigator_a=staff(org_a, Role.INVESTIGATOR, "investigator-a"),
            recipient_a=staff(org_a, Role.RECIPIENT, "recipient-a"),
            admin_a=staff(org_a, Role.ADMIN, "admin-a"),
            screener_b=staff(org_b, Role.SCREENER, "screener-b"),
        )


def staff(organisation, role, username):
    return create_staff(username, STAFF_PASSWORD, memberships=[(organisation, role)])


def report_fields(**overrides) -> dict:
    fields = {
        "category": "fraud",
        "what_happened": "Invoices for snow clearing were paid twice in February.",
        "where": "The technical department",
        "when": "February this year",
        "who_involved": "A unit manager",
        "how_known": "I saw both payments in the ledger.",
        "relationship": "employee",
        "identity": "anonymous",
        "contact_name": "",
        "contact_phone": "",
        "contact_email": "",
    }
    fields.update(overrides)
    return fields


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    """An upload as the encrypting handler would hand it to a service."""
    return SimpleUploadedFile(name, content, content_type=content_type)


@dataclass
class FiledReport:
    organisation: object
    case: object
    case_number: str
    password: str


def file_report(organisation, files=(), **overrides) -> FiledReport:
    session = new_session()
    uploads = [upload(name, content) for name, content in files]
    reporting.save_draft(session, organisation, report_fields(**overrides), uploads)
    opened = reporting.send_draft(session, organisation)
    return FiledReport(organisation, opened.case, opened.case.case_number, opened.password)
