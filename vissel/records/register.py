"""The case register (diarium): every case gets a register number per organisation and
year when it is received, from the organisation's pattern (default ``VB 2026/0001``).
Gap-free and safe under concurrent submissions; not the reporter's login number, and
nothing about that number can be read from it."""

import re

from django.db import IntegrityError, transaction

from vissel.records.models import RegisterCounter

DEFAULT_PATTERN = "VB {year}/{number:04d}"


def next_register_number(organisation, year: int) -> str:
    """Call inside the transaction that opens the case: the counter's row stays locked
    until that transaction ends, so concurrent cases take their turns, and a case that
    is rolled back gives its number back."""
    counters = RegisterCounter.objects.select_for_update()
    try:
        # Every case but the year's first finds the row: one query locks and reads it.
        counter = counters.get(organisation=organisation, year=year)
    except RegisterCounter.DoesNotExist:
        try:
            with transaction.atomic():  # a savepoint: two first cases of a year may race
                RegisterCounter.objects.get_or_create(organisation=organisation, year=year)
        except IntegrityError:
            pass  # the other one made the row; it is locked below either way
        counter = counters.get(organisation=organisation, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return (organisation.register_pattern or DEFAULT_PATTERN).format(year=year, number=counter.last)


def file_name_for(register_number: str, suffix: str) -> str:
    """A file name that names the case as the register does: "VB 2026/0001" becomes
    "VB-2026-0001.pdf" (no slash, no space, nothing a browser would rewrite)."""
    stem = "-".join(part for part in re.split(r"[^0-9A-Za-z]+", register_number) if part)
    return f"{stem or 'case'}.{suffix}"
