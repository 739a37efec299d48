"""Which request keys are addresses: by shape, so tomorrow's proxy header is caught too."""

import pytest

from vissel.web.addresses import forget_client_address, is_address_key


@pytest.mark.parametrize(
    "key",
    [
        "REMOTE_ADDR",
        "REMOTE_HOST",
        "REMOTE_PORT",
        "HTTP_X_FORWARDED_FOR",
        "HTTP_X_REAL_IP",
        "HTTP_FORWARDED",
        "HTTP_CF_CONNECTING_IP",
        "HTTP_TRUE_CLIENT_IP",
        "HTTP_X_CLIENT_IP",
        "HTTP_X_ORIGINAL_FORWARDED_FOR",
        "HTTP_X_CLUSTER_CLIENT_IP",
        "HTTP_FASTLY_CLIENT_IP",
    ],
)
def test_address_keys_are_recognised(key):
    assert is_address_key(key)


@pytest.mark.parametrize(
    "key",
    [
        "HTTP_HOST",
        "HTTP_X_FORWARDED_PROTO",
        "HTTP_X_FORWARDED_HOST",
        "PATH_INFO",
        "HTTP_USER_AGENT",
        "CONTENT_LENGTH",
        "wsgi.input",
        "SERVER_NAME",
    ],
)
def test_what_the_application_needs_is_kept(key):
    assert not is_address_key(key)


def test_the_wsgi_environment_loses_every_address():
    environ = {
        "REMOTE_ADDR": "203.0.113.1",
        "HTTP_X_FORWARDED_FOR": "198.51.100.2",
        "PATH_INFO": "/",
    }
    forget_client_address(environ)
    assert environ == {"PATH_INFO": "/"}
