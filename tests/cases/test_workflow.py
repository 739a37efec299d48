"""Screening and routing (S13-S16), investigation and the final report (S14, S15)."""

import pytest

from tests.factories import STAFF_PASSWORD, file_report, upload
from tests.staff.helpers import conclude_as, concluded_case, lock_for, routed_case, screen_as
from vissel.cases import workflow
from vissel.cases.models import CaseKeySeal, Decision, Status
from vissel.cases.services import read_report, read_thread, unlock_as_reporter
from vissel.crypto import DecryptionFailed
from vissel.organisations.people.keys import unlock_private_key


def readers(case):
    return set(CaseKeySeal.objects.filter(case=case).values_list("reader__username", flat=True))


def test_a_whistleblowing_case_goes_to_the_internal_function(cast):
    filed = routed_case(cast, "internal")
    assert filed.case.status == Status.INTERNAL_INVESTIGATION
    assert readers(filed.case) == {"screener-a", "internal-a", "colleague-a"}
    assert read_report(filed.case, lock_for(filed.case, cast.internal_a))["what_happened"]


def test_a_case_about_a_senior_official_goes_to_external_investigation(cast):
    filed = routed_case(cast, "external", officials=[cast.head_official_a])
    assert filed.case.status == Status.EXTERNAL_INVESTIGATION
    assert readers(filed.case) == {"screener-a", "external-a"}
    assert filed.case.concerned.get().senior_official == cast.head_official_a


def test_external_routing_needs_the_senior_official_named(cast):
    filed = file_report(cast.org_a)
    with pytest.raises(workflow.NotAllowed, match="senior_official"):
        screen_as(cast.screener_a, filed.case, "external", "About a head of department")


def test_a_case_that_is_not_whistleblowing_is_dismissed_after_a_message(cast):
    filed = routed_case(cast, "dismiss")
    case = filed.case
    assert case.status == Status.DISMISSED and case.closed_on and case.outcome
    thread = read_thread(case, lock_for(case, cast.screener_a))
    assert [entry.body for entry in thread] == ["We have looked at your report."]
    assert readers(case) == {"screener-a"}


def test_dismissing_needs_a_message_to_the_reporter(cast):
    filed = file_report(cast.org_a)
    with pytest.raises(workflow.NotAllowed, match="message"):
        screen_as(cast.screener_a, filed.case, "dismiss", "Not about the organisation")


def test_dismissing_names_its_ground_in_words_that_hold_no_content(cast):
    filed = file_report(cast.org_a)
    lock = lock_for(filed.case, cast.screener_a)
    with pytest.raises(workflow.NotAllowed, match="dismissal_ground"):
        workflow.screen(
            filed.case, lock, cast.screener_a, "dismiss", "Private matter", message_to_reporter="x"
        )
    workflow.screen(
        filed.case,
        lock,
        cast.screener_a,
        "dismiss",
        "Private matter",
        message_to_reporter="x",
        dismissal_ground="not_work_related",
    )
    filed.case.refresh_from_db()
    assert filed.case.dismissal_ground == "not_work_related"


def test_every_decision_needs_a_reason_and_keeps_it_sealed(cast):
    filed = file_report(cast.org_a)
    lock = lock_for(filed.case, cast.screener_a)
    with pytest.raises(workflow.NotAllowed, match="reason"):
        workflow.screen(filed.case, lock, cast.screener_a, "internal", "  ")
    workflow.screen(filed.case, lock, cast.screener_a, "internal", "Clear bribery suspicion")
    decision = Decision.objects.get(case=filed.case)
    assert b"bribery" not in bytes(decision.encrypted_reason)
    assert lock.decrypt_text(f"decision:{decision.id}", decision.encrypted_reason) == (
        "Clear bribery suspicion"
    )


def test_only_a_screener_screens(cast):
    filed = file_report(cast.org_a)
    with pytest.raises(workflow.NotAllowed, match="role"):
        workflow.screen(
            filed.case,
            lock_for(filed.case, cast.screener_a),
            cast.internal_a,
            "internal",
            "I want it",
        )


def test_only_the_transitions_of_the_workflow_are_possible(cast):
    filed = routed_case(cast, "internal")
    lock = lock_for(filed.case, cast.screener_a)
    with pytest.raises(workflow.NotAllowed, match="transition"):
        workflow.screen(
            filed.case, lock, cast.screener_a, "dismiss", "again", message_to_reporter="x"
        )
    with pytest.raises(workflow.NotAllowed, match="transition"):
        workflow.close(filed.case, lock_for(filed.case, cast.internal_a), cast.internal_a, "early")


def test_the_final_report_goes_to_the_chief_executive_only(cast):
    filed = concluded_case(cast)
    report = filed.case.final_report
    assert report.recipient_role == "chief_executive"
    chief_key = unlock_private_key(cast.chief_a, STAFF_PASSWORD)
    assert workflow.read_final_report_as_recipient(report, cast.chief_a, chief_key) == (
        "The final report text."
    )
    assert filed.case.status == Status.CONCLUDED and filed.case.outcome == "confirmed"
    # the chief executive holds the report's key, not the case's
    assert not CaseKeySeal.objects.filter(case=filed.case, reader=cast.chief_a).exists()
    chair_key = unlock_private_key(cast.chair_a, STAFF_PASSWORD)
    with pytest.raises(report.seals.model.DoesNotExist):
        workflow.read_final_report_as_recipient(report, cast.chair_a, chair_key)


def test_investigators_read_the_final_report_with_the_case_key(cast):
    filed = concluded_case(cast)
    lock = lock_for(filed.case, cast.colleague_a)
    assert workflow.read_final_report_as_reader(filed.case.final_report, lock) == (
        "The final report text."
    )


def test_a_case_about_the_chief_executive_reports_to_the_chair(cast):
    filed = routed_case(cast, "external", officials=[cast.chief_official_a])
    conclude_as(cast.external_a, filed.case, "not_confirmed", "Report to the chair.")
    report = filed.case.final_report
    assert report.recipient_role == "chair"
    chair_key = unlock_private_key(cast.chair_a, STAFF_PASSWORD)
    assert workflow.read_final_report_as_recipient(report, cast.chair_a, chair_key)
    assert not report.seals.filter(reader=cast.chief_a).exists()


def test_a_concluded_case_is_closed_by_an_investigator(cast):
    filed = concluded_case(cast)
    workflow.close(
        filed.case, lock_for(filed.case, cast.internal_a), cast.internal_a, "Measures taken"
    )
    filed.case.refresh_from_db()
    assert filed.case.status == Status.CLOSED and filed.case.closed_on


def test_notes_are_encrypted_and_never_in_the_reporters_thread(cast):
    filed = routed_case(cast)
    lock = lock_for(filed.case, cast.internal_a)
    workflow.write_note(filed.case, lock, cast.internal_a, "Check the invoices of March")
    assert [text for _note, text in workflow.read_notes(filed.case, lock)] == [
        "Check the invoices of March"
    ]
    reporter_lock = unlock_as_reporter(filed.case, filed.password)
    assert "invoices" not in str(read_thread(filed.case, reporter_lock))
    with pytest.raises(DecryptionFailed):
        lock_for(filed.case, cast.internal_a).decrypt_text(
            "note:other", filed.case.notes.get().encrypted_body
        )


def test_files_sent_to_the_reporter_reach_their_inbox(cast):
    filed = routed_case(cast)
    lock = lock_for(filed.case, cast.internal_a)
    workflow.message_reporter(
        filed.case,
        lock,
        cast.internal_a,
        "See the attached decision",
        uploads=[upload("beslut.pdf", b"%PDF-1.4 not really")],
    )
    thread = read_thread(filed.case, unlock_as_reporter(filed.case, filed.password))
    assert thread[-1].files[0].name == "beslut.pdf"


def test_a_case_whose_internal_function_is_all_concerned_can_go_to_external_investigation(cast):
    """With a written reason, and no senior official to name (case handling, broken 4)."""
    filed = file_report(cast.org_a)
    lock = lock_for(filed.case, cast.screener_a)
    workflow.name_concerned(filed.case, cast.screener_a, person=cast.internal_a)
    workflow.name_concerned(filed.case, cast.screener_a, person=cast.colleague_a)
    with pytest.raises(workflow.NotAllowed, match="no_readers"):
        workflow.screen(filed.case, lock, cast.screener_a, "internal", "Whistleblowing case")
    with pytest.raises(workflow.NotAllowed, match="senior_official"):
        workflow.screen(filed.case, lock, cast.screener_a, "external", "Both jurists concerned")
    workflow.screen(
        filed.case,
        lock,
        cast.screener_a,
        "external",
        "Both jurists are concerned; external investigation.",
        external_because=workflow.OTHER_REASON,
    )
    filed.case.refresh_from_db()
    assert filed.case.status == "external_investigation"
    assert lock_for(filed.case, cast.external_a)
