from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from vissel.organisations.decorators import organisation_page
from vissel.organisations.selectors import active_categories
from vissel.reports.forms import LoginForm


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
    """One click, no JavaScript: a form button per language sets a session cookie."""
    language = request.POST.get("language")
    target = request.POST.get("next") or reverse("landing", args=[organisation.slug])
    if not (
        url_has_allowed_host_and_scheme(target, allowed_hosts=None)
        and target.startswith(f"/{organisation.slug}/")
    ):
        target = reverse("landing", args=[organisation.slug])
    response = redirect(target)
    if language in organisation.languages:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=None,
            path="/",
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response
