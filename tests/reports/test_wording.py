"""The reporter's pages in plain Swedish (reporter's experience, words): one word for
the report, the organisation named in its questions and by its own titles, the public
document rule said of those it applies to, and no doubled punctuation in the errors."""

import re

from django.urls import reverse

from tests.journey import REPORTER_PAGES, file_through_the_form, log_in, write

# "rapport" as a noun for the reporter's report; "rapportera(r)" (to report to someone)
# and "slutrapport" (the investigation's final report) are other words.
REPORT_AS_RAPPORT = re.compile(r"\b[Rr]apport(en|er|erna)?\b")


def text_of(response) -> str:
    page = response.content.decode()
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    return re.sub(r"<[^>]+>", " ", main)


def test_every_reporter_page_calls_the_report_anmälan(client, org_a):
    pages = [client.get(reverse(name, args=[org_a.slug])) for name in REPORTER_PAGES]
    write(client, org_a)
    pages.append(client.get(reverse("report_review", args=[org_a.slug])))
    number, password = file_through_the_form(client, org_a)
    pages.append(client.get(reverse("report_send", args=[org_a.slug])))
    log_in(client, org_a, number, password)
    pages.append(client.get(reverse("inbox", args=[org_a.slug])))
    for response in pages:
        assert response.status_code == 200
        text = text_of(response)
        assert "anmälan" in text.lower(), response.request["PATH_INFO"]
        assert not REPORT_AS_RAPPORT.search(text), (
            response.request["PATH_INFO"],
            REPORT_AS_RAPPORT.search(text),
        )


def test_the_public_document_rule_is_said_of_those_it_applies_to(client, org_a):
    text = text_of(client.get(reverse("landing", args=[org_a.slug])))
    assert f"Om du inte arbetar för {org_a.name}" in text
    assert "Anmälan blir en allmän handling" not in text


def test_the_questions_name_the_organisation(client, org_a):
    text = text_of(client.get(reverse("report_form", args=[org_a.slug])))
    assert f"Arbetar du för {org_a.name}?" in text
    assert f"Nej, jag arbetar inte för {org_a.name}" in text
    assert "organisationen?" not in text


def test_the_landing_page_uses_the_organisations_own_titles(client, org_a):
    text = text_of(client.get(reverse("landing", args=[org_a.slug])))
    assert "rapporterar till högsta chefen" in text  # no titles set: the general words
    assert "till exempel kommundirektören" not in text
    org_a.titles = {
        "chief_executive": {"sv": "regiondirektören", "en": "the regional director"},
        "chair": {"sv": "regionstyrelsens ordförande"},
    }
    org_a.save()
    text = text_of(client.get(reverse("landing", args=[org_a.slug])))
    assert "rapporterar till regiondirektören" in text
    assert "till regionstyrelsens ordförande om anmälan gäller regiondirektören" in text
    assert "högsta chefen" not in text


def test_the_error_list_has_no_doubled_punctuation(client, org_a):
    response = client.post(reverse("report_form", args=[org_a.slug]), {})
    summary = response.content.decode().split('class="error-summary"', 1)[1].split("</div>")[0]
    errors = re.sub(r"<[^>]+>", "", summary)
    assert f"Arbetar du för {org_a.name}? Svara på om du arbetar för {org_a.name}." in errors
    assert not re.search(r"[?.!:]\s*[:.]", errors), errors
