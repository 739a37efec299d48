"""The demo organisation: Östersunds kommun, with one demo account in each role.

The demo passwords and authenticator keys are printed by `make run`; `vissel demo-code`
prints the current code of a demo account. They are for a local demonstration only.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from vissel.crypto import kek
from vissel.organisations.defaults import DEMO_INTRO, DEMO_NAME, DEMO_SLUG, DEMO_TITLES
from vissel.organisations.models import Organisation, Role, SeniorOfficial
from vissel.organisations.people.accounts import create_staff
from vissel.organisations.services import create_organisation

# username, password, TOTP key (base32), role
DEMO_STAFF = [
    ("screener@demo", "demo-screener-2026", "DEMOSCREENERAAAAAAAAAAAAAAAAAAAA", Role.SCREENER),
    # A second person at the external intake party, as there would be.
    ("intake@demo", "demo-intake-2026", "DEMOINTAKEAAAAAAAAAAAAAAAAAAAAAA", Role.SCREENER),
    (
        "jurist@demo",
        "demo-jurist-2026",
        "DEMOJURISTAAAAAAAAAAAAAAAAAAAAAA",
        Role.INTERNAL_INVESTIGATOR,
    ),
    (
        "external@demo",
        "demo-external-2026",
        "DEMOEXTERNALAAAAAAAAAAAAAAAAAAAA",
        Role.EXTERNAL_INVESTIGATOR,
    ),
    (
        "director@demo",
        "demo-director-2026",
        "DEMODIRECTORAAAAAAAAAAAAAAAAAAAA",
        Role.CHIEF_EXECUTIVE,
    ),
    ("chair@demo", "demo-chair-2026", "DEMOCHAIRAAAAAAAAAAAAAAAAAAAAAAA", Role.CHAIR),
    ("admin@demo", "demo-admin-2026", "DEMOADMINAAAAAAAAAAAAAAAAAAAAAAA", Role.ADMIN),
]


def is_demo_account(username: str) -> bool:
    return any(username == entry[0] for entry in DEMO_STAFF)


@transaction.atomic
def create_demo() -> Organisation:
    kek.create()  # a development data folder makes its own key-encryption key
    organisation = Organisation.objects.filter(slug=DEMO_SLUG).first()
    if organisation is None:
        organisation = create_organisation(
            DEMO_NAME, slug=DEMO_SLUG, default_language="sv", intro=DEMO_INTRO
        )
        organisation.titles = DEMO_TITLES
        organisation.save(update_fields=["titles"])
    users = get_user_model().objects
    for username, password, secret, role in DEMO_STAFF:
        if not users.filter(username=username).exists():
            create_staff(
                username,
                password,
                secret,
                email=f"{username}.example",
                memberships=[(organisation, role)],
            )
    director = users.get(username="director@demo")
    SeniorOfficial.objects.get_or_create(
        organisation=organisation,
        name="Demo Direktör",
        title="Kommundirektör",
        defaults={"person": director, "is_chief_executive": True},
    )
    SeniorOfficial.objects.get_or_create(
        organisation=organisation,
        name="Demo Förvaltningschef",
        title="Förvaltningschef",
    )
    return organisation
