"""Staff steps for the tests, through the real services."""

from django.urls import reverse

from tests.factories import STAFF_PASSWORD, code_for, file_report
from vissel.cases import workflow
from vissel.cases.services import unlock_as_reader
from vissel.organisations.people.keys import unlock_private_key


def log_in_staff(client, person):
    response = client.post(
        reverse("staff_login"),
        {"username": person.username, "password": STAFF_PASSWORD, "code": code_for(person)},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def lock_for(case, person):
    return unlock_as_reader(case, person, unlock_private_key(person, STAFF_PASSWORD))


def screen_as(person, case, kind, reason="Whistleblowing case", **options):
    """`person` screens `case`, with their own key."""
    if kind == "dismiss":
        options.setdefault("dismissal_ground", "not_work_related")
    return workflow.screen(case, lock_for(case, person), person, kind, reason, **options)


def conclude_as(person, case, outcome, final_report, reason="done"):
    """`person` concludes `case` and delivers its final report, with their own key."""
    return workflow.conclude(case, lock_for(case, person), person, outcome, final_report, reason)


def routed_case(cast, kind="internal", officials=(), **report):
    """A report filed in organisation A and screened by its screener."""
    filed = file_report(cast.org_a, files=[("bilaga.txt", b"attached")], **report)
    screen_as(
        cast.screener_a,
        filed.case,
        kind,
        "Reason for the decision",
        senior_officials=list(officials),
        message_to_reporter="We have looked at your report.",
    )
    filed.case.refresh_from_db()
    return filed


def concluded_case(cast, **report):
    filed = routed_case(cast, **report)
    conclude_as(
        cast.internal_a, filed.case, "confirmed", "The final report text.", "Investigation done"
    )
    filed.case.refresh_from_db()
    return filed


def settings_data(**overrides):
    """The admin's settings form, filled in as the tests post it (four eyes unticked)."""
    data = {
        "settings-intro_sv": "Välkommen till vår kanal.",
        "settings-intro_en": "Welcome.",
        "settings-languages": ["sv", "en"],
        "settings-default_language": "sv",
        "settings-acknowledgement_days": "5",
        "settings-feedback_months": "2",
        "settings-retention_years": "2",
        "settings-auto_close_days": "90",
        "settings-max_file_mb": "50",
        "settings-max_total_mb": "200",
        "settings-max_files": "10",
        "settings-max_recording_minutes": "15",
        "settings-meeting_days": "14",
        "settings-max_reports_per_day": "100",
    }
    data.update(overrides)
    return data
