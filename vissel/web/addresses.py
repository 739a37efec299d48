"""Forgetting the client's address before any code can read it.

Matches by shape rather than by a fixed list, so that a header a proxy invents tomorrow
(X-Original-Forwarded-For, True-Client-IP, ...) is dropped too.
"""

_ADDRESS_MARKERS = ("CLIENT_IP", "REAL_IP", "CONNECTING_IP", "CLIENT_ADDR", "ORIGINATING_IP")


def is_address_key(key: str) -> bool:
    upper = key.upper()
    return (
        upper.startswith("REMOTE_")
        or upper.endswith("_FOR")  # the forwarded-for family of proxy headers
        or upper == "HTTP_FORWARDED"  # RFC 7239: for=...
        or any(marker in upper for marker in _ADDRESS_MARKERS)
    )


def forget_client_address(environ: dict) -> None:
    for key in [key for key in environ if is_address_key(key)]:
        del environ[key]
