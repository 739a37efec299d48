from vissel.web.addresses import forget_client_address


class ForgetClientAddressMiddleware:
    """First in the chain: the client's address is gone before any view, log or library."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        forget_client_address(request.META)
        return self.get_response(request)


class NoStoreMiddleware:
    """No page of Vissel may be kept by the browser's cache or a proxy: a shared computer
    must not show a report, a receipt or an inbox to the next person."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response["Cache-Control"] = "no-store, max-age=0"
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


PERMISSIONS_POLICY = (
    "camera=(), geolocation=(), microphone=(self), payment=(), usb=(), "
    "serial=(), bluetooth=(), interest-cohort=(), browsing-topics=()"
)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
