"""Organisation admins configure the channel, and never read a case."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import file_report
from tests.staff.helpers import lock_for, log_in_staff, routed_case, settings_data
from vissel.cases import workflow
from vissel.cases.models import CaseKeySeal
from vissel.organisations import administration
from vissel.organisations.models import Role
from vissel.organisations.people import administration as people_admin


def test_the_admin_changes_texts_and_deadlines(client, cast):
    log_in_staff(client, cast.admin_a)
    response = client.post(reverse("staff_admin", args=["org-a"]), settings_data())
    assert response.status_code == 302
    cast.org_a.refresh_from_db()
    assert (cast.org_a.acknowledgement_days, cast.org_a.feedback_months) == (5, 2)
    assert "Välkommen till vår kanal." in Client().get("/org-a/").content.decode()
    case = file_report(cast.org_a).case
    assert (case.acknowledge_by - case.received_on).days == 5


def test_the_admin_sets_titles_onion_address_contacts_and_oral_limits(client, cast):
    log_in_staff(client, cast.admin_a)
    onion = "http://" + "a" * 56 + ".onion"
    response = client.post(
        reverse("staff_admin", args=["org-a"]),
        settings_data(
            **{
                "settings-chief_executive_sv": "regiondirektören",
                "settings-chair_sv": "regionstyrelsens ordförande",
                "settings-onion_address": onion,
                "settings-privacy_contact": "dataskydd@org-a.example",
                "settings-accessibility_contact": "webb@org-a.example",
                "settings-shortcomings_sv": "Videon saknar textning.",
                "settings-max_recording_minutes": "10",
                "settings-meeting_days": "7",
                "settings-max_reports_per_day": "40",
            }
        ),
    )
    assert response.status_code == 302
    cast.org_a.refresh_from_db()
    assert cast.org_a.title_in("chief_executive", "sv") == "regiondirektören"
    assert (cast.org_a.max_recording_minutes, cast.org_a.meeting_days) == (10, 7)
    assert cast.org_a.max_reports_per_day == 40
    landing = Client().get("/org-a/")
    assert "rapporterar till regiondirektören" in landing.content.decode()
    assert landing["Onion-Location"] == onion + "/org-a/"
    statement = Client().get("/org-a/accessibility/").content.decode()
    assert "Videon saknar textning." in statement and "webb@org-a.example" in statement

    wrong = client.post(
        reverse("staff_admin", args=["org-a"]),
        settings_data(**{"settings-onion_address": "http://example.onion"}),
    )
    assert wrong.status_code == 400


def test_the_default_language_must_be_offered(client, cast):
    log_in_staff(client, cast.admin_a)
    response = client.post(
        reverse("staff_admin", args=["org-a"]),
        settings_data(**{"settings-languages": ["en"], "settings-default_language": "sv"}),
    )
    assert response.status_code == 400


def test_a_category_is_added_and_another_withdrawn(client, cast):
    log_in_staff(client, cast.admin_a)
    client.post(
        reverse("staff_admin_categories", args=["org-a"]),
        {"new-name_sv": "Arbetsmiljö", "new-name_en": "Working environment"},
    )
    theft = cast.org_a.categories.get(key="theft")
    client.post(
        reverse("staff_admin_category", args=["org-a", theft.pk]),
        {
            f"c{theft.pk}-name_sv": "Stöld",
            f"c{theft.pk}-name_en": "Theft",
            f"c{theft.pk}-position": "2",
        },
    )  # is_active left out: unchecked
    form = Client().get("/org-a/report/").content.decode()
    assert "Arbetsmiljö" in form and "Stöld" not in form


def test_an_invitation_link_is_shown_once_and_works(client, cast):
    log_in_staff(client, cast.admin_a)
    page = client.post(
        reverse("staff_admin_people", args=["org-a"]),
        {
            "invite-username": "new-jurist",
            "invite-email": "jurist@example.org",
            "invite-roles": [Role.INTERNAL_INVESTIGATOR],
        },
    ).content.decode()
    link = re.search(r'id="invitation-link">[^<]*(/staff/invitation/[^<]+/)<', page).group(1)
    assert Client().get(link).status_code == 200
    assert link not in client.get(reverse("staff_admin_people", args=["org-a"])).content.decode()


def test_losing_a_role_loses_the_keys_it_gave(cast):
    filed = routed_case(cast)
    people_admin.set_roles(cast.org_a, cast.admin_a, cast.colleague_a, set())
    assert not CaseKeySeal.objects.filter(case=filed.case, reader=cast.colleague_a).exists()
    assert CaseKeySeal.objects.filter(case=filed.case, reader=cast.internal_a).exists()


def test_the_last_admin_cannot_be_removed(cast):
    with pytest.raises(people_admin.Refused, match="last_admin"):
        people_admin.set_roles(cast.org_a, cast.admin_a, cast.admin_a, set())


def test_a_senior_official_named_in_a_case_stays_listed(cast):
    routed_case(cast, "external", officials=[cast.head_official_a])
    with pytest.raises(people_admin.Refused, match="official_named_in_case"):
        administration.remove_senior_official(cast.head_official_a, cast.admin_a)


def test_a_new_senior_official_can_be_chosen_when_screening(client, cast):
    administration.add_senior_official(cast.org_a, cast.admin_a, "Ny Chef", "Förvaltningschef")
    filed = file_report(cast.org_a)
    log_in_staff(client, cast.screener_a)
    page = client.get(reverse("staff_case", args=["org-a", filed.case.pk]))
    assert "Ny Chef, Förvaltningschef" in page.content.decode()


def test_admin_pages_never_show_case_content(client, cast):
    filed = routed_case(cast, what_happened="Adminhemlighet-99")
    workflow.write_note(
        filed.case,
        lock_for(filed.case, cast.internal_a),
        cast.internal_a,
        "note",
    )
    log_in_staff(client, cast.admin_a)
    for name in (
        "staff_admin",
        "staff_admin_categories",
        "staff_admin_people",
        "staff_admin_officials",
        "staff_dashboard",
    ):
        page = client.get(
            reverse(name, args=["org-a"]) if name != "staff_dashboard" else reverse(name)
        ).content.decode()
        assert "Adminhemlighet-99" not in page and filed.case_number not in page


def test_the_admin_sets_the_time_to_close_and_archiving_but_never_more_than_two_years(client, cast):
    log_in_staff(client, cast.admin_a)
    url = reverse("staff_admin", args=["org-a"])
    longer = client.post(url, settings_data(**{"settings-retention_years": "3"}))
    assert longer.status_code == 400  # lag 2021:890: two years at most
    answer = client.post(
        url,
        settings_data(**{"settings-auto_close_days": "30", "settings-must_archive": "on"}),
    )
    assert answer.status_code == 302
    cast.org_a.refresh_from_db()
    assert (cast.org_a.auto_close_days, cast.org_a.must_archive) == (30, True)
