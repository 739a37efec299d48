"""The WSGI entry point. The client's address is removed from the environment before
Django sees the request; the server in front (gunicorn, see `vissel serve`) keeps no
access log. Requests that carry a body are let in a few at a time (upload slots, see
vissel.web.slow_clients), so that slow uploads cannot take every thread."""

import os

from django.core.wsgi import get_wsgi_application

from vissel.web.addresses import forget_client_address
from vissel.web.slow_clients import UploadSlots, upload_slots_from_environ

os.umask(0o077)  # whatever the server creates is its owner's alone
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vissel.settings")

_django = UploadSlots(get_wsgi_application(), upload_slots_from_environ())


def application(environ, start_response):
    forget_client_address(environ)
    return _django(environ, start_response)
