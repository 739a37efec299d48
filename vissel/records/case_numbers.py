"""Case numbers: eight random digits, never sequential, so that a number says nothing
about how many reports came before it or when it was filed."""

import secrets

LENGTH = 8
_LOWEST = 10 ** (LENGTH - 1)  # no leading zero: the number survives a spreadsheet


def new_case_number(is_taken) -> str:
    """A fresh number; `is_taken(number)` tells which are used already."""
    while True:
        number = str(_LOWEST + secrets.randbelow(9 * _LOWEST))
        if not is_taken(number):
            return number


def normalise_case_number(typed: str) -> str:
    return "".join(ch for ch in typed if ch.isdigit())
