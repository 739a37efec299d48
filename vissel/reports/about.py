"""The pages every reporter page links to: safety advice, the privacy notice and the
accessibility statement of the organisation."""

from django.shortcuts import render

from vissel.organisations.decorators import organisation_page
from vissel.reports.middleware import onion_origin

# Where anyone may report an inaccessible public website to the supervisory authority.
DIGG_REPORT_FORM = "https://www.digg.se/tdosanmalan"
IMY = "https://www.imy.se"


def _in_language(texts: dict, organisation, language: str) -> str:
    """A per-language text of the organisation (like `Organisation.intro_in`)."""
    return texts.get(language) or texts.get(organisation.default_language, "")


@organisation_page
def safety_advice(request, organisation):
    return render(
        request,
        "reports/safety.html",
        {"onion_origin": onion_origin(organisation) if organisation.onion_address else ""},
    )


@organisation_page
def accessibility_statement(request, organisation):
    shortcomings = _in_language(
        organisation.accessibility_shortcomings, organisation, request.LANGUAGE_CODE
    )
    return render(
        request,
        "reports/accessibility.html",
        {
            "shortcomings": shortcomings.strip(),
            "contact": organisation.accessibility_contact.strip(),
            "digg_report_form": DIGG_REPORT_FORM,
        },
    )


@organisation_page
def privacy_notice(request, organisation):
    return render(
        request,
        "reports/privacy.html",
        {
            "retention_years": organisation.retention_years,
            "contact": organisation.privacy_contact.strip(),
            "imy": IMY,
        },
    )
