"""Personal data is kept at most two years after a case is closed (lag 2021:890): then
`vissel tick` erases every ciphertext, stored file and wrapped copy of the case key, and
a tombstone stays for the register. A legal hold stops the erasure; a concluded case
nobody closes is closed by itself, so that the clock starts; an organisation that must
archive records its export first. The audit trail verifies across every erasure."""

import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.factories import file_report
from tests.journey import log_in
from tests.staff.helpers import concluded_case, lock_for, log_in_staff, screen_as
from vissel.audit import trail
from vissel.audit.models import AuditEntry
from vissel.cases import retention, workflow
from vissel.cases.models import Case, CaseKeySeal, DecisionKind, FinalReport, Status
from vissel.cases.services import post_message, unlock_as_reporter
from vissel.evidence.models import EvidenceFile
from vissel.evidence.storage import path_of

CLOSED = "2026-01-10 10:00+01:00"


def closed_case(cast, when=CLOSED):
    """A concluded case with a file, a message with a file, closed by its handler."""
    with time_machine.travel(when, tick=False):
        filed = concluded_case(cast)
        lock = lock_for(filed.case, cast.internal_a)
        post_message(
            filed.case,
            lock,
            "Svar med bilaga",
            "staff",
            staff_author=cast.internal_a,
            uploads=[_upload("svar.txt", b"Bilagans text")],
        )
        workflow.close(filed.case, lock, cast.internal_a, "Klart.")
    filed.case.refresh_from_db()
    return filed


def _upload(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="text/plain")


def tick_on(day: str):
    with time_machine.travel(f"{day} 03:00+01:00", tick=False):
        call_command("tick")


def test_a_closed_case_is_erased_the_day_its_two_years_have_passed(cast):
    filed = closed_case(cast)
    stored = [path_of(f.storage_name) for f in EvidenceFile.objects.filter(case=filed.case)]
    assert len(stored) == 2 and all(path.exists() for path in stored)
    register_number, category = filed.case.register_number, filed.case.category_id

    tick_on("2028-01-09")
    assert Case.objects.get(pk=filed.case.pk).erased_on is None

    tick_on("2028-01-10")
    case = Case.objects.get(pk=filed.case.pk)
    assert str(case.erased_on) == "2028-01-10"
    # Nothing readable is left, and nothing to read it with.
    for field in retention.ENCRYPTED_REPORT + ("reporter_wrapped_key", "reporter_key_salt"):
        assert bytes(getattr(case, field)) == b"", field
    assert case.recovery_sealed_key is None
    assert not case.messages.exists() and not case.notes.exists() and not case.minutes.exists()
    assert not EvidenceFile.objects.filter(case=case).exists()
    assert not any(path.exists() for path in stored)
    assert not CaseKeySeal.objects.filter(case=case).exists()
    assert not FinalReport.objects.filter(case=case).exists()
    assert not case.concerned.exists()
    assert all(bytes(d.encrypted_reason) == b"" for d in case.decisions.all())
    # The tombstone: what the register and the statistics need.
    assert (case.register_number, case.category_id) == (register_number, category)
    assert case.status == Status.CLOSED and case.outcome == "confirmed"
    assert str(case.received_on) == "2026-01-10" and str(case.closed_on) == "2026-01-10"
    assert AuditEntry.objects.filter(case=case, action="case_erased", actor=None).exists()
    assert trail.verify().ok


def test_the_reporter_and_the_readers_no_longer_reach_an_erased_case(cast):
    filed = closed_case(cast)
    tick_on("2028-01-10")
    reporter = Client()
    refused = log_in(reporter, cast.org_a, filed.case_number, filed.password)
    assert refused.status_code == 400 and "inbox" not in refused.get("Location", "")
    reader = Client()
    log_in_staff(reader, cast.internal_a)
    assert reader.get(reverse("staff_case", args=["org-a", filed.case.pk])).status_code == 404
    assert str(filed.case.pk) not in reader.get(reverse("staff_dashboard")).content.decode()


def test_a_dismissed_case_is_erased_two_years_after_its_dismissal(cast):
    with time_machine.travel("2026-02-01 10:00+01:00", tick=False):
        filed = file_report(cast.org_a)
        screen_as(cast.screener_a, filed.case, "dismiss", message_to_reporter="Inte här.")
    tick_on("2028-01-31")
    assert Case.objects.get(pk=filed.case.pk).erased_on is None
    tick_on("2028-02-01")
    assert Case.objects.get(pk=filed.case.pk).erased_on is not None


def test_a_legal_hold_stops_the_erasure_until_it_is_lifted(cast):
    filed = closed_case(cast)
    with time_machine.travel("2027-12-01 10:00+01:00", tick=False):
        retention.place_legal_hold(filed.case, cast.internal_a)
    tick_on("2028-06-01")
    case = Case.objects.get(pk=filed.case.pk)
    assert case.erased_on is None and unlock_as_reporter(case, filed.password)
    with time_machine.travel("2028-06-02 10:00+02:00", tick=False):
        retention.lift_legal_hold(case, cast.internal_a)
    tick_on("2028-06-02")
    assert Case.objects.get(pk=filed.case.pk).erased_on is not None
    placed, lifted = AuditEntry.objects.filter(
        case=filed.case, action__in=["legal_hold_placed", "legal_hold_lifted"]
    ).order_by("seq")
    assert (placed.action, placed.actor) == ("legal_hold_placed", cast.internal_a)
    assert (lifted.action, lifted.detail) == ("legal_hold_lifted", {"held_since": "2027-12-01"})


def test_only_a_reader_of_the_case_places_a_hold(cast):
    filed = closed_case(cast)
    for outsider in (cast.screener_b, cast.admin_a, cast.chief_a):
        try:
            retention.place_legal_hold(filed.case, outsider)
        except workflow.NotAllowed as refused:
            assert refused.code == "reader"
        else:
            raise AssertionError(f"{outsider.username} placed a hold")
    assert Case.objects.get(pk=filed.case.pk).legal_hold_since is None


def test_a_concluded_case_nobody_closes_is_closed_by_vissel_and_its_clock_starts(cast):
    cast.org_a.auto_close_days = 90
    cast.org_a.save()
    with time_machine.travel("2026-01-10 10:00+01:00", tick=False):
        filed = concluded_case(cast)
    tick_on("2026-04-09")
    assert Case.objects.get(pk=filed.case.pk).status == Status.CONCLUDED
    tick_on("2026-04-10")
    case = Case.objects.get(pk=filed.case.pk)
    assert case.status == Status.CLOSED and str(case.closed_on) == "2026-04-10"
    decision = case.decisions.get(kind=DecisionKind.AUTO_CLOSE)
    assert decision.decided_by is None
    assert retention.erasure_day(case).isoformat() == "2028-04-10"
    # The handler still reads the case, Vissel's decision among the others.
    page = Client()
    log_in_staff(page, cast.internal_a)
    text = page.get(reverse("staff_case", args=["org-a", case.pk])).content.decode()
    assert "2028-04-10" in text and "Vissel" in text


def test_an_organisation_that_must_archive_erases_only_after_the_export_is_recorded(cast):
    cast.org_a.must_archive = True
    cast.org_a.save()
    filed = closed_case(cast)
    try:
        retention.record_archived(filed.case, cast.internal_a)
    except workflow.NotAllowed as refused:
        assert refused.code == "not_exported"
    else:
        raise AssertionError("recorded as archived without an export")
    tick_on("2028-03-01")
    assert Case.objects.get(pk=filed.case.pk).erased_on is None
    client = Client()
    log_in_staff(client, cast.internal_a)
    assert client.post(reverse("staff_case_export", args=["org-a", filed.case.pk])).status_code
    answer = client.post(
        reverse("staff_case_archived", args=["org-a", filed.case.pk]),
        {"archived-confirmed": "on"},
    )
    assert answer.status_code == 302
    tick_on("2028-03-02")
    assert Case.objects.get(pk=filed.case.pk).erased_on is not None


def test_a_reopened_case_is_not_erased(cast):
    filed = closed_case(cast)
    with time_machine.travel("2027-06-01 10:00+02:00", tick=False):
        lock = lock_for(filed.case, cast.internal_a)
        workflow.reopen(filed.case, lock, cast.internal_a, "Nya uppgifter.")
    tick_on("2029-01-01")
    assert Case.objects.get(pk=filed.case.pk).erased_on is None


def test_a_hold_is_placed_from_the_case_page_without_javascript(client, cast):
    filed = closed_case(cast)
    log_in_staff(client, cast.internal_a)
    url = reverse("staff_case_hold", args=["org-a", filed.case.pk])
    assert client.post(url, {"hold-hold": "place"}).status_code == 302
    page = client.get(reverse("staff_case", args=["org-a", filed.case.pk])).content.decode()
    assert 'id="legal-hold"' in page and 'name="hold-hold" value="lift"' in page
    assert Case.objects.get(pk=filed.case.pk).legal_hold_since is not None
