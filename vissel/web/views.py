from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def home(request):
    """The install's root names no organisation: each has its own address, which the
    reporter types in by hand (S7)."""
    return render(request, "web/home.html")


def csrf_failure(request, reason=""):
    organisation = getattr(request, "organisation", None)
    match = getattr(request, "resolver_match", None)
    rerender = getattr(match.func, "csrf_failure", None) if match else None
    if organisation is not None and rerender is not None:
        return rerender(request, organisation)
    return render(request, "403_csrf.html", status=403)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    """With a link back to the start page of the organisation the address names, if any
    (the organisation middleware finds it also for a page that does not exist)."""
    return render(request, "404.html", status=404)


def server_error(request):
    # No context, no request data: this page must render when all else fails.
    return HttpResponseServerError(loader.get_template("500.html").render())
