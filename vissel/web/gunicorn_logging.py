"""Gunicorn's logger, without addresses.

Gunicorn writes the client's address in its access log and in its warning about a
malformed request ("Invalid request from ip=..."). Here the access log does nothing
and every other line passes through the same scrubbing as the application's logs.
"""

import re

from gunicorn.glogging import Logger

from vissel.web.logging import scrub_addresses

_QUOTED = re.compile(r"'.*'", re.S)


class AddressFreeLogger(Logger):
    def access(self, resp, req, environ, request_time):
        return None

    def _scrubbed(self, msg, args):
        if str(msg).startswith("Error handling request"):
            return ("Error handling request",)  # never the URI: it can carry anything typed
        try:
            text = str(msg) % args if args else str(msg)
        except (TypeError, ValueError):
            text = str(msg)
        if text.startswith("Invalid request from"):
            # "...: Invalid HTTP request line: '<the line>'": keep the kind, not the line.
            text = _QUOTED.sub("'[removed]'", text)
        return (scrub_addresses(text),)

    def critical(self, msg, *args, **kwargs):
        super().critical(*self._scrubbed(msg, args), **kwargs)

    def error(self, msg, *args, **kwargs):
        super().error(*self._scrubbed(msg, args), **kwargs)

    def warning(self, msg, *args, **kwargs):
        super().warning(*self._scrubbed(msg, args), **kwargs)

    def info(self, msg, *args, **kwargs):
        super().info(*self._scrubbed(msg, args), **kwargs)

    def debug(self, msg, *args, **kwargs):
        super().debug(*self._scrubbed(msg, args), **kwargs)

    def exception(self, msg, *args, **kwargs):
        super().exception(*self._scrubbed(msg, args), **kwargs)

    def log(self, lvl, msg, *args, **kwargs):
        super().log(lvl, *self._scrubbed(msg, args), **kwargs)

    def setup(self, cfg):
        super().setup(cfg)
        from vissel.web.logging import ContentFreeFormatter

        for handler in self.error_log.handlers:
            handler.setFormatter(ContentFreeFormatter())
