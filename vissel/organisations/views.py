from django.shortcuts import render
from django.views.decorators.http import require_POST

from vissel.organisations.decorators import organisation_page
from vissel.organisations.selectors import active_categories
from vissel.reports.forms import LoginForm
from vissel.web import language


@organisation_page
def landing(request, organisation):
    return render(
        request,
        "organisations/landing.html",
        {
            "categories": [
                c.name_in(request.LANGUAGE_CODE) for c in active_categories(organisation)
            ],
            "intro": organisation.intro_in(request.LANGUAGE_CODE),
            "login_form": LoginForm(),
            "logged_out": request.GET.get("logged_out") == "1",
        },
    )


@require_POST
@organisation_page
def switch_language(request, organisation):
    return language.switch_language(
        request, organisation.languages, within=f"/{organisation.slug}/"
    )
