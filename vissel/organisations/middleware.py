from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation

from vissel.organisations.selectors import organisation_by_slug


def language_for(request, organisation) -> str:
    """The visitor's own choice (a cookie set by the switch) if the organisation offers
    it; otherwise the organisation's language. The browser's Accept-Language is ignored
    on purpose: a Swedish municipality's channel opens in Swedish."""
    offered = organisation.languages if organisation else [code for code, _ in settings.LANGUAGES]
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in offered:
        return chosen
    return organisation.default_language if organisation else settings.LANGUAGE_CODE


def _slug_before_a_missing_page(request) -> str | None:
    """/<slug>/no-such-page/ names an organisation too: its 404 page speaks the
    organisation's language and links back to its start page."""
    first = request.path_info.lstrip("/").split("/", 1)[0]
    if not first:
        return None
    try:
        return resolve(f"/{first}/").kwargs.get("slug")
    except Resolver404:
        return None


class OrganisationLanguageMiddleware:
    """Finds the organisation an address names (`<slug>` in every URL that names one, on
    either portal: one way, everywhere) and speaks its language on the reporter's side.
    Staff pages speak the language the staff member chose."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
        slug = match.kwargs.get("slug") if match else _slug_before_a_missing_page(request)
        request.organisation = organisation_by_slug(slug) if slug else None
        request.is_staff_page = bool(match and (match.url_name or "").startswith("staff"))
        language = language_for(request, None if request.is_staff_page else request.organisation)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.setdefault("Content-Language", language)
        return response
