"""`make run` shows the organisation's records with something in them: the demo gets
two and a half years of cases, made through the real services, and its first tick
erases the one closed long ago and delivers the last half-year's summary."""

from datetime import date

from django.core.management import call_command

from vissel.cases.models import Case, Status
from vissel.organisations.demo import create_demo
from vissel.records.models import HalfYearSummary


def test_the_demo_has_a_history_its_first_tick_erases_and_summarises(db):
    organisation = create_demo()
    call_command("create_demo_history")
    cases = Case.objects.in_organisation(organisation)
    assert cases.count() == 15
    numbers = [c.register_number for c in cases.order_by("received_on")]
    years = [c.received_on.year for c in cases.order_by("received_on")]
    # Numbered again in the order received, per year: VB <year>/0001 first each year.
    for year in set(years):
        first = numbers[years.index(year)]
        assert first == f"VB {year}/0001"
    assert cases.filter(status=Status.DISMISSED).count() == 4
    call_command("create_demo_history")  # once only
    assert cases.count() == 15

    call_command("tick")
    erased = cases.exclude(erased_on=None)
    assert erased.count() == 1 and (date.today() - erased.get().closed_on).days > 730
    assert HalfYearSummary.objects.filter(organisation=organisation).count() == 1
