class DiscardIncomingUploadsMiddleware:
    """However a request ends (answered, refused, crashed, cut off), the encrypted
    temporary files of its uploads are deleted before the response leaves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            for incoming in getattr(request, "incoming_files", ()):
                incoming.discard()
