"""Messages more than one part of Vissel says."""

from django.utils.translation import ngettext


def wait_message(wait_seconds: int) -> str:
    minutes = max(1, (wait_seconds + 59) // 60)
    return ngettext(
        "After several wrong attempts, you must wait %(minutes)s minute before trying again.",
        "After several wrong attempts, you must wait %(minutes)s minutes before trying again.",
        minutes,
    ) % {"minutes": minutes}
