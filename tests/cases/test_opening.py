"""Opening a case: one transaction, sealed to every screener and nobody else."""

import re
from datetime import date

import pytest
import time_machine

from tests.factories import STAFF_PASSWORD, file_report, new_session, report_fields, upload
from vissel.cases.models import Case, CaseKeySeal
from vissel.cases.services import (
    NoScreener,
    post_message,
    read_report,
    read_thread,
    unlock_as_reader,
    unlock_as_reporter,
)
from vissel.crypto import DecryptionFailed
from vissel.organisations.models import Membership
from vissel.organisations.people.keys import unlock_private_key
from vissel.records.case_numbers import new_case_number
from vissel.reports import services as reporting


def test_the_case_key_is_sealed_to_every_screener_of_the_organisation_only(cast):
    second = cast.internal_a
    Membership.objects.create(organisation=cast.org_a, person=second, role="screener")
    filed = file_report(cast.org_a)
    readers = set(CaseKeySeal.objects.filter(case=filed.case).values_list("reader", flat=True))
    assert readers == {cast.screener_a.pk, second.pk}


def test_a_screener_opens_the_report_with_their_own_password(cast):
    filed = file_report(cast.org_a, what_happened="Fakturor betalades dubbelt")
    private_key = unlock_private_key(cast.screener_a, STAFF_PASSWORD)
    lock = unlock_as_reader(filed.case, cast.screener_a, private_key)
    assert read_report(filed.case, lock)["what_happened"] == "Fakturor betalades dubbelt"


def test_staff_who_are_not_screeners_and_other_organisations_get_no_key(cast):
    filed = file_report(cast.org_a)
    for outsider in (cast.internal_a, cast.admin_a, cast.chief_a, cast.screener_b):
        with pytest.raises(CaseKeySeal.DoesNotExist):
            unlock_as_reader(filed.case, outsider, unlock_private_key(outsider, STAFF_PASSWORD))


def test_a_wrong_staff_password_does_not_unlock_the_private_key(cast):
    with pytest.raises(DecryptionFailed):
        unlock_private_key(cast.screener_a, "not the password")


def test_no_screener_means_no_case_and_no_files(cast, settings):
    Membership.objects.filter(organisation=cast.org_a, role="screener").delete()
    with pytest.raises(NoScreener):
        file_report(cast.org_a, files=[("a.txt", b"x")])
    assert Case.objects.count() == 0
    assert list(settings.VISSEL_FILES_DIR.glob("*.vss")) == []


@time_machine.travel("2026-11-28 14:37:12+01:00", tick=False)
def test_dates_are_kept_to_the_day_and_deadlines_follow_the_seed(cast):
    case = file_report(cast.org_a).case
    assert case.received_on == date(2026, 11, 28)
    assert case.acknowledge_by == date(2026, 12, 5)  # 7 days
    assert case.feedback_by == date(2027, 3, 5)  # 3 months after the acknowledgement is due


def test_case_numbers_are_eight_random_digits(cast):
    numbers = [file_report(cast.org_a).case_number for _ in range(3)]
    assert all(re.fullmatch(r"[1-9]\d{7}", number) for number in numbers)
    assert len(set(numbers)) == 3


def test_case_numbers_follow_no_order():
    """A counter, or numbers drawn from a narrow range, would tell how many reports came
    before and roughly when: 200 draws must be neither rising, nor evenly spaced, nor
    bunched in a corner of the range."""
    numbers = [int(new_case_number(lambda number: False)) for _ in range(200)]
    steps = [later - earlier for earlier, later in zip(numbers, numbers[1:], strict=False)]
    assert any(step < 0 for step in steps) and any(step > 0 for step in steps)
    assert len(set(steps)) > 150
    assert len({str(number)[0] for number in numbers}) >= 8  # leading digits 1-9
    assert max(numbers) - min(numbers) > 80_000_000


def test_no_report_field_is_stored_readably(cast):
    text = "Unikt-innehåll-42"
    filed = file_report(
        cast.org_a,
        what_happened=text,
        where=text,
        when=text,
        who_involved=text,
        how_known=text,
        identity="contact",
        contact_name=text,
    )
    row = Case.objects.filter(pk=filed.case.pk).values().get()
    for value in row.values():
        assert text.encode() not in (
            bytes(value) if isinstance(value, bytes | memoryview) else str(value).encode()
        )


def test_the_same_draft_cannot_become_two_cases(cast):
    session = new_session()
    reporting.save_draft(session, cast.org_a, report_fields(), [upload("a.txt", b"x")])
    copy = dict(session["report_draft"])
    reporting.send_draft(session, cast.org_a)
    session["report_draft"] = copy  # a replay of the same draft
    first = Case.objects.get()
    replayed = reporting.send_draft(session, cast.org_a)  # the same case, shown again
    assert replayed.case.pk == first.pk
    assert Case.objects.count() == 1


def test_messages_keep_their_order_and_sender(cast):
    filed = file_report(cast.org_a)
    reporter_lock = unlock_as_reporter(filed.case, filed.password)
    post_message(filed.case, reporter_lock, "Första", "reporter")
    screener_lock = unlock_as_reader(
        filed.case, cast.screener_a, unlock_private_key(cast.screener_a, STAFF_PASSWORD)
    )
    post_message(
        filed.case, screener_lock, "Tack, vi har tagit emot", "staff", staff_author=cast.screener_a
    )
    thread = read_thread(filed.case, reporter_lock)
    assert [(e.seq, e.sender, e.body) for e in thread] == [
        (1, "reporter", "Första"),
        (2, "staff", "Tack, vi har tagit emot"),
    ]


def test_a_message_cannot_be_moved_to_another_place_in_the_thread(cast):
    filed = file_report(cast.org_a)
    lock = unlock_as_reporter(filed.case, filed.password)
    first = post_message(filed.case, lock, "one", "reporter")
    second = post_message(filed.case, lock, "two", "reporter")
    first.encrypted_body, second.encrypted_body = second.encrypted_body, first.encrypted_body
    first.save()
    second.save()
    with pytest.raises(DecryptionFailed):
        read_thread(filed.case, lock)
