from functools import wraps

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from vissel.organisations.models import Membership
from vissel.organisations.selectors import organisation_by_slug
from vissel.staff.authentication import private_key_of
from vissel.web.sessions import keep_alive


def staff_page(view):
    """A page for a logged-in staff member whose private key is in the session; each
    visit restarts the idle clock."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        private_key = private_key_of(request.session)
        if not request.user.is_authenticated or private_key is None:
            return redirect(f"{reverse('staff_login')}")
        keep_alive(request.session, settings.VISSEL_STAFF_IDLE_SECONDS)
        request.private_key = private_key
        return view(request, *args, **kwargs)

    return wrapper


def organisation_role_page(*roles):
    """A staff page of one organisation (/staff/<org>/...) for holders of `roles` there.
    Anyone else gets the same 404 as for an organisation that does not exist."""

    def decorate(view):
        @staff_page
        @wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            organisation = organisation_by_slug(slug)
            if (
                organisation is None
                or not Membership.objects.filter(
                    organisation=organisation, person=request.user, role__in=roles
                ).exists()
            ):
                raise Http404
            return view(request, organisation, *args, **kwargs)

        wrapper.roles = roles
        return wrapper

    return decorate
