"""The demo organisation: Östersunds kommun, with one demo account in each role.

The demo passwords are printed by `make run`; they are for a local demonstration only.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from vissel.organisations.defaults import DEMO_INTRO, DEMO_NAME, DEMO_SLUG
from vissel.organisations.models import Organisation, Role
from vissel.organisations.services import create_organisation
from vissel.staff.services import create_staff

DEMO_STAFF = [
    ("screener@demo", "demo-screener-2026", Role.SCREENER),
    ("investigator@demo", "demo-investigator-2026", Role.INVESTIGATOR),
    ("admin@demo", "demo-admin-2026", Role.ADMIN),
]


@transaction.atomic
def create_demo() -> Organisation:
    organisation = Organisation.objects.filter(slug=DEMO_SLUG).first()
    if organisation is None:
        organisation = create_organisation(
            DEMO_NAME, slug=DEMO_SLUG, default_language="sv", intro=DEMO_INTRO
        )
    users = get_user_model().objects
    for username, password, role in DEMO_STAFF:
        if not users.filter(username=username).exists():
            create_staff(username, password, memberships=[(organisation, role)])
    return organisation
