from functools import wraps

from django.http import Http404


def organisation_page(view):
    """A page under /<slug>/: the view receives the organisation the middleware found,
    and an unknown address is a plain 404."""

    @wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        organisation = getattr(request, "organisation", None)
        if organisation is None or organisation.slug != slug:
            raise Http404
        return view(request, organisation, *args, **kwargs)

    return wrapper
