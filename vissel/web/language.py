"""The language switch: a form button (no JavaScript) that sets a session cookie."""

from django.conf import settings
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def switch_language(request, offered: list[str], within: str):
    """Redirect back to `next` if it lies `within` this part of the site, with the chosen
    language remembered if it is `offered`."""
    target = request.POST.get("next") or within
    if not (
        url_has_allowed_host_and_scheme(target, allowed_hosts=None) and target.startswith(within)
    ):
        target = within
    response = redirect(target)
    language = request.POST.get("language")
    if language in offered:
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
