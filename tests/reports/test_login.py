"""Following the case: case number + password, the same answer for every wrong
attempt, a growing delay per case number, and a session that ends when left idle."""

from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.factories import file_report
from tests.journey import log_in, write
from vissel.web.models import EncryptedSession, LoginThrottle
from vissel.web.sessions import row_key
from vissel.web.throttle import delay_after


def error_of(response) -> str:
    return response.content.decode().split('id="login-error">', 1)[1].split("</div>", 1)[0]


def test_an_unknown_number_and_a_wrong_password_get_the_same_answer(client, filed):
    unknown = log_in(client, filed.organisation, "99999999", filed.password)
    wrong = log_in(client, filed.organisation, filed.case_number, "aaaa-bbbb-cccc-dddd-eeee-ffff")
    assert unknown.status_code == wrong.status_code == 400
    assert error_of(unknown) == error_of(wrong)
    assert "Ärendenumret eller lösenordet är fel." in error_of(wrong)


def test_after_five_failures_even_the_right_password_must_wait(client, filed):
    org = filed.organisation
    for _ in range(5):
        fifth = log_in(client, org, filed.case_number, "wrong")
    assert "är fel" in error_of(fifth) and "pausad i 30 sekunder" in error_of(fifth)
    refused = log_in(client, org, filed.case_number, filed.password)
    assert refused.status_code == 400
    # While the pause runs the right password is not checked, and the page says so.
    said = error_of(refused)
    assert "pausad i 30 sekunder till" in said
    assert "betyder inte att det du skrev är fel" in said and "är fel." not in said
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        assert log_in(client, org, filed.case_number, filed.password).status_code == 302


def test_the_delay_grows_with_every_further_failure():
    assert [delay_after(n) for n in range(4, 10)] == [0, 30, 60, 120, 240, 480]
    assert delay_after(40) == 3600


def test_an_unknown_case_number_is_slowed_down_exactly_like_a_known_one(client, filed):
    org = filed.organisation
    for number in ("12345678", filed.case_number):
        for _ in range(6):
            response = log_in(client, org, number, "wrong")
        assert "pausad" in error_of(response)


def test_a_successful_login_clears_the_count_and_the_table_names_no_case(client, filed):
    org = filed.organisation
    log_in(client, org, filed.case_number, "wrong")
    row = LoginThrottle.objects.get()
    assert filed.case_number not in row.key  # a keyed hash, not the number
    assert log_in(client, org, filed.case_number, filed.password).status_code == 302
    assert LoginThrottle.objects.count() == 0


def test_a_case_number_of_one_organisation_does_not_open_at_another(client, filed, org_b):
    response = log_in(client, org_b, filed.case_number, filed.password)
    assert response.status_code == 400


def test_a_reporter_of_organisation_a_is_not_logged_in_at_organisation_b(client, filed, org_b):
    log_in(client, filed.organisation, filed.case_number, filed.password)
    response = client.get(reverse("inbox", args=[org_b.slug]))
    assert response.status_code == 302 and response["Location"] == f"/{org_b.slug}/login/"


def test_a_reporter_cannot_fetch_a_file_of_another_case(client, cast):
    mine = file_report(cast.org_a, files=[("mine.txt", b"mine")])
    theirs = file_report(cast.org_a, files=[("theirs.txt", b"theirs")])
    log_in(client, cast.org_a, mine.case_number, mine.password)
    other_file = theirs.case.files.get()
    response = client.get(reverse("inbox_file", args=[cast.org_a.slug, other_file.pk]))
    assert response.status_code == 404


def test_an_idle_session_ends_after_30_minutes(client, filed):
    org = filed.organisation
    log_in(client, org, filed.case_number, filed.password)
    with time_machine.travel(timezone.now() + timedelta(minutes=29)):
        assert client.get(reverse("inbox", args=[org.slug])).status_code == 200
    # activity restarted the clock: 29 + 29 minutes is still within reach
    with time_machine.travel(timezone.now() + timedelta(minutes=58)):
        assert client.get(reverse("inbox", args=[org.slug])).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=58 + 31)):
        response = client.get(reverse("inbox", args=[org.slug]))
        assert response.status_code == 302 and response["Location"].endswith("/login/")


def test_logging_in_gives_a_new_session_key(client, filed):
    write(client, filed.organisation)  # a draft: the browser holds a session already
    before = client.cookies["vissel_session"].value
    assert EncryptedSession.objects.filter(session_key=row_key(before)).exists()
    log_in(client, filed.organisation, filed.case_number, filed.password)
    after = client.cookies["vissel_session"].value
    assert after != before
    assert not EncryptedSession.objects.filter(session_key=row_key(before)).exists()


def test_a_reply_typed_after_the_session_ended_is_kept_unsent(client, filed):
    """(reporter's experience, broken 3) After logging in again the reply is in the form,
    unsent, and the reporter is told why."""
    org = filed.organisation
    log_in(client, org, filed.case_number, filed.password)
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        response = client.post(
            reverse("inbox_reply", args=[org.slug]), {"body": "Ett viktigt tillägg om mars."}
        )
        assert response.status_code == 302 and response["Location"].endswith("/login/")
        login_page = client.get(response["Location"]).content.decode()
        assert 'id="reply-kept"' in login_page
        log_in(client, org, filed.case_number, filed.password)
        inbox = client.get(reverse("inbox", args=[org.slug])).content.decode()
    assert 'id="unsent-kept"' in inbox and "Ett viktigt tillägg om mars." in inbox
    assert not filed.case.messages.filter(sender="reporter").exists()  # not sent
