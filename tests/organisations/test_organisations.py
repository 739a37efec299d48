"""Many organisations on one install, each at /<slug>/, Swedish first, English one click away."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from vissel.organisations.demo import DEMO_STAFF, create_demo
from vissel.organisations.models import Membership
from vissel.organisations.services import create_organisation


@pytest.mark.django_db
def test_a_new_organisation_gets_the_seeds_categories_in_both_languages():
    organisation = create_organisation("Region Exempel")
    names = [(c.key, c.name_in("sv"), c.name_in("en")) for c in organisation.categories.all()]
    assert [key for key, _sv, _en in names] == [
        "bribery",
        "fraud",
        "theft",
        "misconduct",
        "breach-of-rules",
        "abuse-of-position",
        "other",
    ]
    assert names[0][1:] == ("Muta", "Bribery")
    assert names[3][1:] == ("Tjänstefel", "Misconduct in office")
    assert organisation.slug == "region-exempel" and organisation.languages == ["sv", "en"]


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["staff", "static", "admin"])
def test_addresses_the_install_needs_cannot_be_taken(slug):
    with pytest.raises(ValidationError):
        create_organisation("X", slug=slug)


@pytest.mark.django_db
def test_the_demo_is_ostersunds_kommun_with_staff_in_each_role_and_can_be_made_twice():
    first = create_demo()
    second = create_demo()
    assert first == second and first.slug == "ostersundskommun"
    roles = set(Membership.objects.filter(organisation=first).values_list("role", flat=True))
    assert roles == {entry[3] for entry in DEMO_STAFF}


def test_the_landing_page_tells_what_the_seed_tells(client, org_a):
    page = client.get(reverse("landing", args=[org_a.slug])).content.decode()
    for words in [
        "Alla kan anmäla",  # who may report
        "Muta",
        "Tjänstefel",  # what
        "anmäla skriftligt eller muntligt",  # written or oral
        "Använd inte arbetsgivarens dator eller nätverk.",  # anonymity advice
        "http://testserver/org-a/",  # the address, to type by hand
        "inkommen allmän handling",  # the public-document consequence
        "inom 7 dagar",
        "Inom 3 månader",  # the promises
        "extern utredare",
        "sammanställning",  # what happens after sending
    ]:
        assert words in page, words


def test_english_is_one_click_away_without_javascript(client, org_a):
    response = client.post(
        reverse("switch_language", args=[org_a.slug]),
        {"language": "en", "next": f"/{org_a.slug}/report/"},
    )
    assert response.status_code == 302 and response["Location"] == f"/{org_a.slug}/report/"
    page = client.get(f"/{org_a.slug}/report/").content.decode()
    assert '<html lang="en">' in page and "Write a report" in page and "Bribery" in page


def test_the_language_switch_redirects_only_within_the_organisation(client, org_a):
    response = client.post(
        reverse("switch_language", args=[org_a.slug]),
        {"language": "en", "next": "https://evil.example/"},
    )
    assert response["Location"] == f"/{org_a.slug}/"


def test_the_browsers_language_does_not_override_the_organisations(client, org_a):
    page = client.get(f"/{org_a.slug}/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert '<html lang="sv">' in page


def test_the_install_root_lists_no_organisation(client, org_a, org_b):
    page = client.get("/").content.decode()
    assert org_a.name not in page and org_b.name not in page


def test_a_new_category_lands_before_other_and_admins_order_them(cast):
    """ "Other" stays last (case handling, broken 7)."""
    from vissel.organisations import administration
    from vissel.organisations.selectors import active_categories

    added = administration.add_category(
        cast.org_a, cast.admin_a, {"sv": "Arbetsmiljö", "en": "Working environment"}
    )
    keys = [category.key for category in active_categories(cast.org_a)]
    assert keys[-1] == "other" and keys[-2] == added.key
    administration.move_category(added, cast.admin_a, up=True)
    keys = [category.key for category in active_categories(cast.org_a)]
    assert keys[-1] == "other" and keys[-3] == added.key
    other = cast.org_a.categories.get(key="other")
    with pytest.raises(administration.Refused, match="other_stays_last"):
        administration.move_category(other, cast.admin_a, up=True)


def test_a_private_organisation_gets_no_public_document_texts(client, db):
    """(case handling, broken 8)"""
    from vissel.organisations.services import create_organisation

    create_organisation("Företaget AB", slug="foretaget", is_public_sector=False)
    create_organisation("Kommunen", slug="kommunen")
    for path in ("/{}/", "/{}/report/"):
        private = client.get(path.format("foretaget")).content.decode()
        public = client.get(path.format("kommunen")).content.decode()
        assert "allmän handling" not in private
        assert "allmän handling" in public
