"""Notifications to staff, through a real SMTP server on loopback: what happened and where,
never a word of the case; sent by `vissel tick`, each once."""

from datetime import timedelta

import time_machine
from django.core.management import call_command
from django.utils import timezone

from tests.factories import file_report
from tests.staff.helpers import conclude_as, lock_for, routed_case
from vissel.cases import notifications, workflow
from vissel.cases.services import post_message, unlock_as_reporter

SECRET = "Notifieringshemlighet-4411"


def tick_next_morning():
    """The first tick from 07:00 the next day, when what reporters did is told."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    with time_machine.travel(f"{tomorrow} 07:05+01:00", tick=False):
        call_command("tick")


def test_what_a_reporter_did_is_told_the_next_morning_and_its_row_keeps_only_the_day(
    cast, smtp_server
):
    with time_machine.travel("2026-03-02 10:17+01:00", tick=False):
        file_report(cast.org_a)
        call_command("tick")
    with time_machine.travel("2026-03-03 06:50+01:00", tick=False):
        call_command("tick")
    assert smtp_server.to("screener-a@example.org") == []  # not the same day, not at night
    with time_machine.travel("2026-03-03 07:02+01:00", tick=False):
        call_command("tick")
    assert len(smtp_server.to("screener-a@example.org")) == 1
    sent = notifications.Notification.objects.get(kind="new_case", person=cast.screener_a)
    local = timezone.localtime(sent.sent_at)
    assert (local.date().isoformat(), local.hour, local.minute) == ("2026-03-03", 0, 0)


def test_a_new_report_is_announced_to_the_screeners_of_its_organisation(cast, smtp_server):
    filed = file_report(cast.org_a, what_happened=SECRET)
    tick_next_morning()
    assert len(smtp_server.to("screener-a@example.org")) == 1
    assert smtp_server.to("screener-b@example.org") == []
    assert smtp_server.to("internal-a@example.org") == []
    message = smtp_server.to("screener-a@example.org")[0]
    body = message.get_content()
    assert "Organisation A" in body and filed.case.register_number in body
    assert f"/staff/org-a/cases/{filed.case.pk}/" in body
    # The reporter's case number is half of their credentials: never in a mailbox.
    assert filed.case_number not in body and filed.case_number not in message["Subject"]
    assert SECRET not in smtp_server.bodies()


def test_a_case_routed_to_the_internal_function_is_announced_to_it(cast, smtp_server):
    routed_case(cast, "internal")
    call_command("tick")
    assert len(smtp_server.to("internal-a@example.org")) == 1
    assert len(smtp_server.to("colleague-a@example.org")) == 1
    assert smtp_server.to("external-a@example.org") == []


def test_a_reporters_message_reaches_the_readers_but_not_a_person_concerned(cast, smtp_server):
    filed = routed_case(cast, "internal")
    workflow.name_concerned(filed.case, cast.internal_a, person=cast.colleague_a)
    call_command("tick")
    before = len(smtp_server.messages)
    post_message(filed.case, unlock_as_reporter(filed.case, filed.password), SECRET, "reporter")
    tick_next_morning()
    new = smtp_server.messages[before:]
    recipients = {address for rcpt, _message in new for address in rcpt}
    assert recipients == {"internal-a@example.org", "screener-a@example.org"}
    assert SECRET not in smtp_server.bodies()


def test_the_final_report_is_announced_to_its_recipient(cast, smtp_server):
    filed = routed_case(cast)
    conclude_as(cast.internal_a, filed.case, "confirmed", SECRET)
    call_command("tick")
    (message,) = smtp_server.to("chief-a@example.org")
    assert f"/staff/org-a/reports/{filed.case.pk}/" in message.get_content()
    assert smtp_server.to("chair-a@example.org") == []


def test_reminders_come_before_on_and_after_the_deadline_once_each(cast, smtp_server):
    with time_machine.travel("2026-03-02 10:00+01:00", tick=False):
        file_report(cast.org_a)
    with time_machine.travel("2026-03-03 08:00+01:00", tick=False):
        call_command("tick")
    assert len(smtp_server.to("screener-a@example.org")) == 1  # the new case
    for day, expected in (
        ("2026-03-06", 1),
        ("2026-03-07", 2),
        ("2026-03-07", 2),
        ("2026-03-09", 3),
        ("2026-03-10", 4),
        ("2026-03-12", 4),
    ):
        with time_machine.travel(f"{day} 09:00+01:00", tick=False):
            call_command("tick")
            call_command("tick")
        assert len(smtp_server.to("screener-a@example.org")) == expected, day
    subjects = [str(m["Subject"]) for m in smtp_server.to("screener-a@example.org")]
    assert any("närmar sig" in s or "is near" in s for s in subjects)


def test_an_acknowledged_case_is_reminded_of_its_feedback_instead(cast, smtp_server):
    with time_machine.travel("2026-03-02 10:00+01:00", tick=False):
        filed = routed_case(cast)  # the screener's dismissal message is not sent here
        workflow.message_reporter(
            filed.case,
            lock_for(filed.case, cast.internal_a),
            cast.internal_a,
            "We have received your report.",
        )
    with time_machine.travel("2026-03-03 08:00+01:00", tick=False):
        call_command("tick")  # the new report, told the next morning
    filed.case.refresh_from_db()
    assert str(filed.case.feedback_by) == "2026-06-02"
    sent = len(smtp_server.messages)
    with time_machine.travel("2026-03-09 09:00+01:00", tick=False):
        call_command("tick")  # the acknowledgement is met: nothing about it
    assert len(smtp_server.messages) == sent
    with time_machine.travel("2026-05-25 09:00+01:00", tick=False):
        call_command("tick")
    assert len(smtp_server.messages) > sent


def test_nothing_is_sent_for_a_dismissed_case(cast, smtp_server):
    with time_machine.travel(timezone.now() - timedelta(days=30)):
        routed_case(cast, "dismiss")
    call_command("tick")
    kinds = set(notifications.Notification.objects.values_list("kind", flat=True))
    assert not kinds & {"deadline_soon", "deadline_today", "deadline_passed"}


def test_an_email_queued_before_someone_is_named_concerned_is_not_sent_to_them(cast, smtp_server):
    """Exclusion is checked again when sending (security review, finding 8)."""
    filed = routed_case(cast, "internal")  # "routed to you" queued for both investigators
    workflow.name_concerned(filed.case, cast.internal_a, person=cast.colleague_a)
    call_command("tick")
    assert smtp_server.to("colleague-a@example.org") == []
    assert len(smtp_server.to("internal-a@example.org")) == 1


def test_links_in_e_mails_follow_the_configured_public_address(cast, smtp_server, settings):
    """Not a port the server may not run on (case handling, broken 2)."""
    settings.VISSEL_BASE_URL = "https://visselblasning.example.se/"
    filed = file_report(cast.org_a)
    tick_next_morning()
    body = smtp_server.to("screener-a@example.org")[0].get_content()
    assert f"https://visselblasning.example.se/staff/org-a/cases/{filed.case.pk}/" in body
    assert ":8000" not in body


def test_make_run_sets_the_public_address_from_the_port():
    import subprocess

    shown = subprocess.run(
        ["make", "-s", "--eval", "shown: ; @echo $$VISSEL_BASE_URL", "shown", "PORT=8123"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin"},
    ).stdout.strip()
    assert shown == "http://127.0.0.1:8123"
