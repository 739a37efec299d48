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
        "skriftlig och en muntlig",  # written or oral
        "Använd inte arbetsgivarens dator eller nätverk.",  # anonymity advice
        "http://testserver/org-a/",  # the address, to type by hand
        "inkommen allmän handling",  # the public-document consequence
        "inom 7 dagar",
        "Inom 3 månader",  # the promises
        "extern utredningsfunktion",
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
