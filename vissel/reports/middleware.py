"""Tor Browser's Onion-Location header on the reporter's pages of an organisation that
has an onion service: the same page at the onion address. It names only the
organisation's own address and the path asked for, nothing about the client, and never
appears on a staff page."""


def onion_origin(organisation) -> str:
    return organisation.onion_address.rstrip("/")


class OnionLocationMiddleware:
    """After OrganisationLanguageMiddleware, which finds the organisation once and tells
    reporter pages from staff pages. Every answer of a reporter page carries the header,
    error pages included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        organisation = getattr(request, "organisation", None)
        staff_page = getattr(request, "is_staff_page", True)
        if organisation is not None and not staff_page and organisation.onion_address:
            # The path as sent (percent-encoded), so the header stays plain ASCII.
            response["Onion-Location"] = onion_origin(organisation) + request.get_full_path()
        return response
