"""Test data, built through the real services (no hand-made rows)."""

import time
from dataclasses import dataclass
from importlib import import_module

import pyotp
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from vissel.organisations.models import Role, SecondFactor, SeniorOfficial
from vissel.organisations.people.accounts import create_staff
from vissel.organisations.people.totp import STEP_SECONDS
from vissel.organisations.services import create_organisation
from vissel.reports import services as reporting

STAFF_PASSWORD = "correct horse battery staple"
TOTP_SECRET = "TESTTOTPSECRETFORTHECASTAAAAAAAA"


def code_for(person) -> str:
    """A code the person's authenticator would show and the server has not seen yet: the
    current step's, or the next one's (accepted for clock drift)."""
    last = SecondFactor.objects.get(person=person).last_step
    step = max(int(time.time() // STEP_SECONDS), last + 1)
    if step > int(time.time() // STEP_SECONDS) + 1:
        raise RuntimeError("no fresh code before the next 30-second step")
    return pyotp.TOTP(TOTP_SECRET).at(step * STEP_SECONDS)


def new_session():
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store.create()
    return store


@dataclass
class Cast:
    """Organisation A with a person in every role (two in the internal function, so one
    can be concerned), its chief executive also listed as a senior official;
    organisation B with its own screener."""

    org_a: object
    org_b: object
    screener_a: object
    internal_a: object
    colleague_a: object
    external_a: object
    chief_a: object
    chair_a: object
    admin_a: object
    screener_b: object
    chief_official_a: object
    head_official_a: object

    @classmethod
    def create(cls) -> "Cast":
        org_a = create_organisation("Organisation A", slug="org-a")
        org_b = create_organisation("Organisation B", slug="org-b")
        chief_a = staff(org_a, Role.CHIEF_EXECUTIVE, "chief-a")
        return cls(
            org_a=org_a,
            org_b=org_b,
            screener_a=staff(org_a, Role.SCREENER, "screener-a"),
            internal_a=staff(org_a, Role.INTERNAL_INVESTIGATOR, "internal-a"),
            colleague_a=staff(org_a, Role.INTERNAL_INVESTIGATOR, "colleague-a"),
            external_a=staff(org_a, Role.EXTERNAL_INVESTIGATOR, "external-a"),
            chief_a=chief_a,
            chair_a=staff(org_a, Role.CHAIR, "chair-a"),
            admin_a=staff(org_a, Role.ADMIN, "admin-a"),
            screener_b=staff(org_b, Role.SCREENER, "screener-b"),
            chief_official_a=SeniorOfficial.objects.create(
                organisation=org_a,
                name="Chief A",
                title="Chief executive",
                person=chief_a,
                is_chief_executive=True,
            ),
            head_official_a=SeniorOfficial.objects.create(
                organisation=org_a, name="Head A", title="Head of department"
            ),
        )


def invite(organisation, admin, username: str, roles, email: str = ""):
    """An admin's invitation of a new person, through the real service: (person, token)."""
    from django.contrib.auth import get_user_model

    from vissel.organisations.people.administration import invite_person

    outcome = invite_person(organisation, admin, username, email, roles)
    return get_user_model().objects.get(username=username), outcome.token


def reload(cast: Cast) -> Cast:
    """Fresh instances of the session's cast: whatever a test changed in memory is gone,
    as its database changes are rolled back."""
    from django.contrib.auth import get_user_model

    from vissel.organisations.models import Organisation

    fresh = {}
    for name, value in vars(cast).items():
        model = type(value)
        if model is get_user_model():
            fresh[name] = model.objects.get(pk=value.pk)
        elif model is Organisation:
            fresh[name] = Organisation.objects.get(pk=value.pk)
        else:
            fresh[name] = SeniorOfficial.objects.get(pk=value.pk)
    return Cast(**fresh)


def staff(organisation, role, username):
    return create_staff(
        username,
        STAFF_PASSWORD,
        TOTP_SECRET,
        email=f"{username}@example.org",
        memberships=[(organisation, role)],
    )


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
