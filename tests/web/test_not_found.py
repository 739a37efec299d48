"""A page that does not exist under an organisation's address links back to that
organisation's start page, in its language; elsewhere the 404 names no organisation."""

import pytest


@pytest.fixture(autouse=True)
def real_error_pages(settings):
    settings.DEBUG = False


def test_a_missing_page_of_an_organisation_links_back_to_its_start(client, org_a):
    response = client.get(f"/{org_a.slug}/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert f'href="/{org_a.slug}/"' in page
    assert '<html lang="sv">' in page  # the organisation's language


def test_a_missing_organisation_gets_a_plain_404(client, org_a):
    response = client.get("/no-such-organisation/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert f'href="/{org_a.slug}/"' not in page and "/no-such-organisation/" not in page
