"""Making Django's CSRF protection work with `Referrer-Policy: no-referrer`.

With that policy browsers send `Origin: null` on our own form posts (the Fetch standard
serialises the origin as null when no referrer may be sent), and Django's CSRF
middleware rejects it. The browser's `Sec-Fetch-Site` header, which no page can set,
still tells where the post came from: for `same-origin` this middleware, placed before
Django's, restores the origin the browser withheld. Django's own checks then run
unchanged, the token check included.
"""


class RestoreSameOriginMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.META.get("HTTP_ORIGIN") == "null"
            and request.META.get("HTTP_SEC_FETCH_SITE") == "same-origin"
        ):
            request.META["HTTP_ORIGIN"] = f"{request.scheme}://{request.get_host()}"
        return self.get_response(request)
