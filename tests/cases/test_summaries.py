"""S16: the reports the intake party dismissed are summarised for the internal function
twice a year. On the first tick on or after 1 January and 1 July, each organisation gets
the summary of the half year before, once, and its internal function an e-mail that says
so and nothing of the reports."""

import time_machine
from django.core.management import call_command

from tests.factories import file_report
from tests.staff.helpers import routed_case, screen_as
from vissel.cases.summaries import dismissed_between
from vissel.records.models import HalfYearSummary

SECRET = "Sammanställningshemlighet-7731"


def dismiss(cast, day, ground="insufficient"):
    with time_machine.travel(f"{day} 10:00+01:00", tick=False):
        filed = file_report(cast.org_a, what_happened=SECRET)
        screen_as(
            cast.screener_a,
            filed.case,
            "dismiss",
            "Skälet: " + SECRET,
            message_to_reporter="Detta hör inte hit.",
            dismissal_ground=ground,
        )
    filed.case.refresh_from_db()
    return filed


def test_a_dismissed_case_appears_in_the_half_year_summary(cast):
    cast.org_a.created_at = cast.org_a.created_at.replace(year=2025)
    cast.org_a.save()
    first = dismiss(cast, "2026-02-03")
    second = dismiss(cast, "2026-06-30", ground="not_work_related")
    dismiss(cast, "2026-07-01")  # the next half year
    with time_machine.travel("2026-03-01 10:00+01:00", tick=False):
        routed_case(cast)  # screened in, not dismissed
    entries = dismissed_between(cast.org_a, *_first_half(), "sv")
    assert [e.register_number for e in entries] == [
        first.case.register_number,
        second.case.register_number,
    ]
    assert entries[0].ground == "för lite underlag" and entries[0].category == "Bedrägeri"
    assert str(entries[1].dismissed_on) == "2026-06-30"


def _first_half():
    from datetime import date

    return date(2026, 1, 1), date(2026, 6, 30)


def test_the_tick_delivers_it_once_on_1_july_and_mails_only_the_internal_function(
    cast, smtp_server
):
    cast.org_a.created_at = cast.org_a.created_at.replace(year=2025)
    cast.org_a.save()
    dismiss(cast, "2026-02-03")
    with time_machine.travel("2026-06-30 23:00+02:00", tick=False):
        call_command("tick")
    assert not HalfYearSummary.objects.filter(organisation=cast.org_a, starts_on="2026-01-01")
    before = len(smtp_server.messages)
    for _twice in range(2):
        with time_machine.travel("2026-07-01 03:00+02:00", tick=False):
            call_command("tick")
    summary = HalfYearSummary.objects.get(organisation=cast.org_a, starts_on="2026-01-01")
    assert str(summary.ends_on) == "2026-06-30" and str(summary.delivered_on) == "2026-07-01"
    mailed = [m for m in smtp_server.messages[before:] if "/summaries/" in m[1].get_content()]
    recipients = {address for rcpt, _message in mailed for address in rcpt}
    assert recipients == {"internal-a@example.org", "colleague-a@example.org"}
    assert len(mailed) == 1  # one e-mail, to both, once
    assert SECRET not in smtp_server.bodies()
    assert "/staff/org-a/summaries/" in mailed[0][1].get_content()
    # Organisation B, made after that half year ended, gets none for it.
    assert not HalfYearSummary.objects.filter(organisation=cast.org_b, starts_on="2026-01-01")
