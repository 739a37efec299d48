"""Logging that can carry neither an address nor anything a reporter wrote.

AddressScrubFilter replaces anything shaped like an IPv4 or IPv6 address in a log line.
ContentFreeFormatter writes exceptions as their type and stack frames only: an
exception's message can quote input ("invalid literal for int(): '<what was typed>'").
It dates a line to the day only, unless the line is about a staff page: a time to the
millisecond beside "Not Found: /<slug>/login/" would time a reporter.
"""

import logging
import re
import traceback

_IPV4 = r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])"
_IPV6 = r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])"
ADDRESS = re.compile(f"{_IPV4}|{_IPV6}")
REPLACEMENT = "[address removed]"


def scrub_addresses(text: str) -> str:
    return ADDRESS.sub(REPLACEMENT, text)


def route_of(request) -> str:
    """The URL pattern a request matched ("<slug:slug>/report/send/"), never its path:
    a path can carry whatever someone typed into the address bar."""
    match = getattr(request, "resolver_match", None)
    return f"/{match.route}" if match is not None and match.route else "[unmatched path]"


class AddressScrubFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not break logging
            message = str(record.msg)
        # Django attaches the request to its records ("Not Found: /<path>"); the path is
        # replaced by the route it matched, and the request itself is dropped.
        request = getattr(record, "request", None)
        if request is not None:
            path = getattr(request, "path", "")
            if path:
                message = message.replace(path, route_of(request))
            record.staff_side = route_of(request).startswith("/staff/")
            record.request = None
        record.msg = scrub_addresses(message)
        record.args = None
        return True


class ContentFreeFormatter(logging.Formatter):
    def __init__(self, fmt=None, datefmt=None, style="%", **kwargs):
        super().__init__(fmt or "%(asctime)s %(levelname)s %(name)s: %(message)s", datefmt, style)

    def formatTime(self, record, datefmt=None):  # noqa: N802 (logging's name)
        if getattr(record, "staff_side", False):
            return super().formatTime(record, datefmt)
        return super().formatTime(record, "%Y-%m-%d")

    def formatException(self, ei) -> str:  # noqa: N802 (logging's name)
        exc_type, _exc, tb = ei
        frames = traceback.extract_tb(tb)
        lines = ["Traceback (exception messages are not logged):"]
        lines += [f'  File "{f.filename}", line {f.lineno}, in {f.name}' for f in frames]
        lines.append(f"{exc_type.__module__}.{exc_type.__qualname__}" if exc_type else "")
        return scrub_addresses("\n".join(lines))

    def formatStack(self, stack_info: str) -> str:  # noqa: N802
        return scrub_addresses(stack_info)
