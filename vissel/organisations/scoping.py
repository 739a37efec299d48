"""Every request runs in a scope naming the organisation(s) it may touch (django-scopes):
the organisation in its address; on the staff dashboard, the organisations the person
serves; otherwise none, so that a query of cases that forgets its organisation raises
instead of reading every organisation's cases. Commands that work across organisations
(`vissel tick`) say so with `scopes_disabled()`."""

from django_scopes import scope

from vissel.organisations.models import Membership


class OrganisationScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        organisation = getattr(request, "organisation", None)
        if organisation is not None:
            active = scope(organisation=organisation)
        elif getattr(request, "is_staff_page", False) and request.user.is_authenticated:
            served = Membership.objects.filter(person=request.user).values_list(
                "organisation_id", flat=True
            )
            active = scope(organisation=sorted(set(served)))
        else:
            active = scope()
        with active:
            return self.get_response(request)
