"""Logging that can carry neither an address nor anything a reporter wrote.

AddressScrubFilter replaces anything shaped like an IPv4 or IPv6 address in a log line.
ContentFreeFormatter writes exceptions as their type and stack frames only: an
exception's message can quote input ("invalid literal for int(): '<what was typed>'").
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


class AddressScrubFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not break logging
            message = str(record.msg)
        record.msg = scrub_addresses(message)
        record.args = None
        # Django attaches the request to some records; no formatter of ours reads it,
        # and no handler may.
        if hasattr(record, "request"):
            record.request = None
        return True


class ContentFreeFormatter(logging.Formatter):
    def __init__(self, fmt=None, datefmt=None, style="%", **kwargs):
        super().__init__(fmt or "%(asctime)s %(levelname)s %(name)s: %(message)s", datefmt, style)

    def formatException(self, ei) -> str:  # noqa: N802 (logging's name)
        exc_type, _exc, tb = ei
        frames = traceback.extract_tb(tb)
        lines = ["Traceback (exception messages are not logged):"]
        lines += [f'  File "{f.filename}", line {f.lineno}, in {f.name}' for f in frames]
        lines.append(f"{exc_type.__module__}.{exc_type.__qualname__}" if exc_type else "")
        return scrub_addresses("\n".join(lines))

    def formatStack(self, stack_info: str) -> str:  # noqa: N802
        return scrub_addresses(stack_info)
