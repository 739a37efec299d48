"""Messages more than one part of Vissel says."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _duration(wait_seconds: int) -> str:
    if wait_seconds < 60:
        return ngettext("%(n)s second", "%(n)s seconds", wait_seconds) % {"n": wait_seconds}
    minutes = (wait_seconds + 59) // 60
    return ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}


def wait_message(wait_seconds: int) -> str:
    """After a wrong attempt that started a pause."""
    return _(
        "After several wrong attempts, logging in is paused for %(duration)s. Try again after that."
    ) % {"duration": _duration(wait_seconds)}


def delay_message(wait_seconds: int) -> str:
    """For an attempt made while a pause runs: nothing was checked."""
    return _(
        "There have been too many attempts to log in, so logging in is paused for "
        "%(duration)s more. This does not mean that what you typed is wrong: it was not "
        "checked. Try again after the pause."
    ) % {"duration": _duration(wait_seconds)}
