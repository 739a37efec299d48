"""Every case is registered at receipt with a register number per organisation and year
(VB 2026/0001): in order, without gaps (a case that fails to open gives its number
back), and without duplicates when reports arrive at once (on PostgreSQL, from parallel
transactions). It reveals nothing of the reporter's case number."""

import threading

import pytest
import time_machine
from django.db import connection, transaction

from tests.factories import file_report
from vissel.records.models import RegisterCounter
from vissel.records.register import next_register_number


def test_cases_are_numbered_in_order_per_organisation_and_year(cast):
    with time_machine.travel("2026-12-30 10:00+01:00", tick=False):
        first, second = file_report(cast.org_a).case, file_report(cast.org_a).case
        other = file_report(cast.org_b).case
    with time_machine.travel("2027-01-02 10:00+01:00", tick=False):
        next_year = file_report(cast.org_a).case
    assert [first.register_number, second.register_number] == ["VB 2026/0001", "VB 2026/0002"]
    assert other.register_number == "VB 2026/0001"  # organisation B counts its own
    assert next_year.register_number == "VB 2027/0001"
    assert first.case_number not in first.register_number


def test_the_organisation_sets_its_pattern(cast):
    cast.org_a.register_pattern = "Dnr KS {year}-{number:03d}"
    cast.org_a.save()
    case = file_report(cast.org_a).case
    assert case.register_number.startswith("Dnr KS ") and case.register_number.endswith("-001")


def test_a_case_rolled_back_gives_its_number_back(cast):
    with pytest.raises(RuntimeError), transaction.atomic():
        assert next_register_number(cast.org_a, 2026) == "VB 2026/0001"
        raise RuntimeError("the case could not be opened")
    with time_machine.travel("2026-05-05 10:00+02:00", tick=False):
        assert file_report(cast.org_a).case.register_number == "VB 2026/0001"


def _in_a_thread(work):
    """Run `work` on a connection of its own, committed on its own."""
    outcome = {}

    def run():
        try:
            outcome["value"] = work()
        except Exception as error:  # reported below
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def test_reports_arriving_at_once_get_distinct_numbers_without_gaps(cast):
    """Twelve transactions, each on its own connection, take numbers at the same moment
    and hold them a while before committing, as opening a case does. (A year of their
    own, so the committed counter touches no other test; removed afterwards.)"""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every writer: the race exists on PostgreSQL only")
    organisation, year = cast.org_a, 2999
    taken, errors = [], []
    start = threading.Barrier(12)

    def take():
        try:
            start.wait()
            with transaction.atomic():
                number = next_register_number(organisation, year)
                threading.Event().wait(0.05)
            taken.append(number)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    _in_a_thread(
        lambda: RegisterCounter.objects.filter(organisation=organisation, year=year).delete()
    )
    assert not errors, errors
    assert sorted(taken) == [f"VB {year}/{n:04d}" for n in range(1, 13)]


def test_cases_received_before_the_register_get_numbers_in_the_order_received(cast):
    from importlib import import_module

    from django.apps import apps

    backfill = import_module("vissel.cases.migrations.0007_register_names_cases")
    with time_machine.travel("2026-03-01 10:00+01:00", tick=False):
        older = file_report(cast.org_a).case
    with time_machine.travel("2026-04-01 10:00+02:00", tick=False):
        newer = file_report(cast.org_a).case
    type(older).objects.filter(pk__in=[older.pk, newer.pk]).update(register_number="")
    RegisterCounter.objects.filter(organisation=cast.org_a).delete()
    backfill.register_cases_received_before_the_register(apps, None)
    older.refresh_from_db()
    newer.refresh_from_db()
    assert (older.register_number, newer.register_number) == ("VB 2026/0001", "VB 2026/0002")
    assert file_report(cast.org_a).case.register_number == "VB 2026/0003"
