"""The answer when every key derivation of this process is busy (a flood of login
attempts): at once, 503 with Retry-After, instead of queueing the visitor behind it."""

from django.shortcuts import render

RETRY_AFTER_SECONDS = 5


def busy_response(request):
    response = render(request, "web/busy.html", {"retry_after": RETRY_AFTER_SECONDS}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
