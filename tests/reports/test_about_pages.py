"""The pages every reporter page links to: safety advice, the privacy notice and the
accessibility statement, each the organisation's own; and Tor Browser's Onion-Location
header on the reporter's pages of an organisation that has an onion service."""

import html
import re

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse

from tests.journey import REPORTER_PAGES

ONION = "http://abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvwx.onion"

# page: (a sentence only the Swedish page has, the same sentence in English)
PAGES = {
    "safety_advice": (
        "Det starkaste skyddet: Tor Browser",
        "The strongest protection: Tor Browser",
    ),
    "privacy_notice": ("Dina rättigheter", "Your rights"),
    "accessibility_statement": (
        "Hur tillgänglig är webbplatsen?",
        "How accessible is the website?",
    ),
}


def main_of(response) -> str:
    """The page's own content, without the header and footer every page shares."""
    page = html.unescape(response.content.decode())
    return re.search(r'<main id="main".*?</main>', page, re.S).group(0)


def get(client, name, organisation):
    return client.get(reverse(name, args=[organisation.slug]))


def in_english(client, organisation):
    client.post(reverse("switch_language", args=[organisation.slug]), {"language": "en"})


# --- every page: the organisation's own, in its language and in English ---


@pytest.mark.parametrize("name", PAGES)
def test_each_page_names_the_organisation_in_swedish(client, org_a, name):
    response = get(client, name, org_a)
    swedish, english = PAGES[name]
    assert response.status_code == 200
    main = main_of(response)
    assert org_a.name in main
    assert swedish in main
    assert english not in main


@pytest.mark.parametrize("name", PAGES)
def test_each_page_names_the_organisation_in_english(client, org_a, name):
    in_english(client, org_a)
    response = get(client, name, org_a)
    swedish, english = PAGES[name]
    assert response.status_code == 200
    main = main_of(response)
    assert org_a.name in main
    assert english in main
    assert swedish not in main


@pytest.mark.parametrize("name", PAGES)
def test_each_page_is_of_the_organisation_in_its_address(client, org_a, org_b, name):
    main = main_of(get(client, name, org_b))
    assert org_b.name in main
    assert org_a.name not in main


# --- safety advice ---


def test_the_safety_advice_shows_no_onion_address_when_none_is_configured(client, org_a):
    main = main_of(get(client, "safety_advice", org_a))
    assert ".onion" not in main
    assert "onion-adress" not in main


def test_the_safety_advice_shows_the_configured_onion_address(client, org_a):
    org_a.onion_address = ONION + "/"
    org_a.save()
    main = main_of(get(client, "safety_advice", org_a))
    # The address of this organisation's pages on the onion service, to copy.
    assert f'<code class="address onion" id="onion-address">{ONION}/org-a/</code>' in main


def test_the_short_safety_advice_links_to_the_full_page(org_a):
    text = render_to_string("reports/safety_short.html", {"organisation": org_a})
    assert f'href="{reverse("safety_advice", args=[org_a.slug])}"' in text
    assert "privat webbläsarfönster" in text  # Swedish by default


# --- privacy notice ---


def test_the_privacy_notice_shows_the_organisations_own_retention(client, org_a):
    assert "sparas i högst 2 år efter" in main_of(get(client, "privacy_notice", org_a))
    org_a.retention_years = 5
    org_a.save()
    main = main_of(get(client, "privacy_notice", org_a))
    assert "sparas i högst 5 år efter" in main
    assert "högst 2 år" not in main


def test_the_privacy_notice_counts_years_in_english(client, org_a):
    org_a.retention_years = 1
    org_a.save()
    in_english(client, org_a)
    main = main_of(get(client, "privacy_notice", org_a))
    assert "kept for at most 1 year after the case is closed" in main


def test_the_privacy_notice_gives_the_legal_basis_readers_and_rights(client, org_a):
    main = main_of(get(client, "privacy_notice", org_a))
    assert "lagen (2021:890) om skydd för personer som rapporterar om missförhållanden" in main
    assert "artikel 6.1 c" in main
    assert "Vi sparar aldrig din IP-adress" in main
    assert "Den externa mottagaren" in main
    assert "interna visselblåsarfunktion" in main
    assert "extern utredare" in main
    assert "Integritetsskyddsmyndigheten (IMY)" in main
    assert 'href="https://www.imy.se"' in main


def test_public_documents_are_mentioned_only_for_the_public_sector(client, org_a):
    assert "allmän handling" in main_of(get(client, "privacy_notice", org_a))
    org_a.is_public_sector = False
    org_a.save()
    assert "allmän handling" not in main_of(get(client, "privacy_notice", org_a))


def test_the_privacy_notice_shows_the_configured_contact(client, org_a):
    main = main_of(get(client, "privacy_notice", org_a))
    assert "Kontakta Organisation A om du har frågor" in main
    assert "mailto:" not in main
    org_a.privacy_contact = "dataskydd@org-a.example"
    org_a.save()
    main = main_of(get(client, "privacy_notice", org_a))
    assert 'href="mailto:dataskydd@org-a.example"' in main
    assert "Kontakta Organisation A om du har frågor" not in main


# --- accessibility statement ---


def test_the_accessibility_statement_names_digg_and_its_form(client, org_a):
    main = main_of(get(client, "accessibility_statement", org_a))
    assert "Myndigheten för digital förvaltning (DIGG)" in main
    assert 'href="https://www.digg.se/tdosanmalan"' in main
    assert "delvis förenlig" in main
    assert "helt förenlig med" not in main


def test_digg_is_named_only_for_the_public_sector(client, org_a):
    org_a.is_public_sector = False
    org_a.save()
    main = main_of(get(client, "accessibility_statement", org_a))
    assert "DIGG" not in main
    assert "WCAG 2.1" in main


def test_without_shortcomings_none_are_known(client, org_a):
    main = main_of(get(client, "accessibility_statement", org_a))
    assert "Vi känner inte till något innehåll på webbplatsen som inte är tillgängligt." in main


def test_the_configured_shortcomings_are_shown_in_the_page_language(client, org_a):
    org_a.accessibility_shortcomings = {
        "sv": "Filmen på startsidan saknar textning.",
        "en": "The film on the start page has no captions.",
    }
    org_a.save()
    main = main_of(get(client, "accessibility_statement", org_a))
    assert "Filmen på startsidan saknar textning." in main
    assert "The film on the start page" not in main
    assert "Vi känner inte till något innehåll" not in main
    in_english(client, org_a)
    main = main_of(get(client, "accessibility_statement", org_a))
    assert "The film on the start page has no captions." in main
    assert "Filmen på startsidan" not in main


def test_shortcomings_in_the_default_language_stand_in_for_a_missing_one(client, org_a):
    org_a.accessibility_shortcomings = {"sv": "Filmen på startsidan saknar textning."}
    org_a.save()
    in_english(client, org_a)
    main = main_of(get(client, "accessibility_statement", org_a))
    assert "Filmen på startsidan saknar textning." in main
    assert "We know of no content" not in main


def test_the_accessibility_statement_shows_the_configured_contact(client, org_a):
    main = main_of(get(client, "accessibility_statement", org_a))
    assert "Kontakta Organisation A och berätta vilken sida" in main
    org_a.accessibility_contact = "tillganglighet@org-a.example"
    org_a.save()
    main = main_of(get(client, "accessibility_statement", org_a))
    assert 'href="mailto:tillganglighet@org-a.example"' in main
    assert "Kontakta Organisation A och berätta" not in main


# --- Onion-Location ---


@pytest.mark.parametrize("name", REPORTER_PAGES)
def test_no_onion_location_without_an_onion_address(client, org_a, name):
    response = get(client, name, org_a)
    assert response.status_code == 200
    assert not response.has_header("Onion-Location")


@pytest.mark.parametrize("name", REPORTER_PAGES)
def test_onion_location_names_the_same_page_on_the_onion_service(client, org_a, name):
    org_a.onion_address = ONION
    org_a.save()
    response = get(client, name, org_a)
    assert response.status_code == 200
    assert response["Onion-Location"] == ONION + reverse(name, args=[org_a.slug])


def test_a_trailing_slash_in_the_address_is_not_doubled(client, org_a):
    org_a.onion_address = ONION + "/"
    org_a.save()
    response = get(client, "landing", org_a)
    assert response["Onion-Location"] == f"{ONION}/org-a/"


def test_onion_location_is_only_for_the_organisation_that_has_one(client, org_a, org_b):
    org_a.onion_address = ONION
    org_a.save()
    assert not get(client, "landing", org_b).has_header("Onion-Location")


def test_onion_location_is_never_on_a_staff_page(client, org_a):
    org_a.onion_address = ONION
    org_a.save()
    assert get(client, "landing", org_a).has_header("Onion-Location")
    login = client.get(reverse("staff_login"))
    assert login.status_code == 200
    assert not login.has_header("Onion-Location")
    # A staff page under the organisation's slug, too.
    admin = client.get(reverse("staff_admin", args=[org_a.slug]))
    assert not admin.has_header("Onion-Location")


# --- the onion address field ---


def test_a_v3_onion_origin_is_accepted(org_a):
    for address in (ONION, ONION + "/", ONION.replace("http:", "https:"), ""):
        org_a.onion_address = address
        org_a.full_clean()


@pytest.mark.parametrize(
    "address",
    [
        "http://example.onion",  # not a v3 onion service
        "http://abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvw.onion",  # 55
        "https://www.example.com",
        ONION.removeprefix("http://"),  # no scheme
        ONION.replace("http:", "ftp:"),
        ONION + "/org-a/",  # a path: only the origin is wanted
        ONION + "?x=1",
        ONION.replace("abc", "ab1"),  # 1 is not base32
        ONION + "\r\nSet-Cookie: x=1",
    ],
)
def test_anything_else_is_refused(org_a, address):
    org_a.onion_address = address
    with pytest.raises(ValidationError) as refused:
        org_a.full_clean()
    assert set(refused.value.message_dict) == {"onion_address"}
