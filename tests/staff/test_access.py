"""Every staff URL, asked by everyone: logged out, staff of another organisation, staff
of this organisation without the role, a person concerned, and the right role.

The table is checked against the URL configuration: a new staff URL without an entry
here fails, so no page can be added without saying who may see it."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import invite, staff
from tests.staff.helpers import concluded_case, lock_for, log_in_staff, routed_case
from vissel.cases import secrecy, workflow
from vissel.cases.visibility import cases_visible_to
from vissel.organisations.models import PendingApproval, Role, RoleOffer
from vissel.organisations.people.administration import reset_person
from vissel.records.models import SecrecyMark

VISITORS = ("logged_out", "other_organisation", "without_role", "concerned", "right")
EVERYONE_LOGGED_IN = {
    "logged_out": 302,
    "other_organisation": 200,
    "without_role": 200,
    "concerned": 200,
    "right": 200,
}
CASE_PAGE = {"logged_out": 302, "other_organisation": 404, "without_role": 404, "concerned": 404}
# For admin pages "without the role" is the internal investigator and "concerned" the
# colleague, who is no admin either: neither may configure the channel.
ADMIN_PAGE = CASE_PAGE

# name: (method, case, the right person, expected answers)
EXPECTED = {
    "staff_login": ("GET", None, "internal_a", dict.fromkeys(VISITORS, 200)),
    "staff_invitation": ("GET", None, "internal_a", dict.fromkeys(VISITORS, 200)),
    "staff_language": ("POST", None, "internal_a", dict.fromkeys(VISITORS, 302)),
    "staff_dashboard": ("GET", None, "internal_a", EVERYONE_LOGGED_IN),
    "staff_password": ("GET", None, "internal_a", EVERYONE_LOGGED_IN),
    "staff_case": ("GET", "open", "internal_a", {**CASE_PAGE, "right": 200}),
    "staff_case_file": ("GET", "open", "internal_a", {**CASE_PAGE, "right": 200}),
    # An empty form from the right person is refused by the form (400), never by access.
    "staff_case_screen": ("POST", "open", "screener_a", {**CASE_PAGE, "right": 400}),
    "staff_case_concern": ("POST", "open", "internal_a", {**CASE_PAGE, "right": 400}),
    "staff_case_message": ("POST", "open", "internal_a", {**CASE_PAGE, "right": 400}),
    "staff_case_note": ("POST", "open", "internal_a", {**CASE_PAGE, "right": 400}),
    "staff_case_meeting": ("POST", "open", "internal_a", {**CASE_PAGE, "right": 400}),
    "staff_case_minutes": ("POST", "open", "internal_a", {**CASE_PAGE, "right": 400}),
    "staff_case_withdraw_concerned": (
        "POST",
        "open",
        "internal_a",
        {**CASE_PAGE, "right": 400},
    ),
    "staff_case_conclude": ("POST", "open", "internal_a", {**CASE_PAGE, "right": 400}),
    "staff_case_close": ("POST", "done", "internal_a", {**CASE_PAGE, "right": 400}),
    "staff_case_reopen": ("POST", "done", "internal_a", {**CASE_PAGE, "right": 400}),
    "staff_case_assign": ("POST", "open", "internal_a", {**CASE_PAGE, "right": 302}),
    "staff_case_export": ("POST", "open", "internal_a", {**CASE_PAGE, "right": 200}),
    "staff_case_coverage": ("POST", "open", "internal_a", {**CASE_PAGE, "right": 400}),
    "staff_case_grant": ("POST", "open", "internal_a", {**CASE_PAGE, "right": 400}),
    "staff_case_hold": ("POST", "done", "internal_a", {**CASE_PAGE, "right": 400}),
    "staff_case_secrecy": ("GET", "open", "internal_a", {**CASE_PAGE, "right": 200}),
    "staff_case_secrecy_mark": ("POST", "open", "internal_a", {**CASE_PAGE, "right": 400}),
    "staff_case_secrecy_unmark": ("POST", "open", "internal_a", {**CASE_PAGE, "right": 302}),
    "staff_case_release": ("POST", "open", "internal_a", {**CASE_PAGE, "right": 400}),
    "staff_case_archived": ("POST", "done", "internal_a", {**CASE_PAGE, "right": 400}),
    "staff_final_report": ("GET", "done", "chief_a", {**CASE_PAGE, "right": 200}),
    # The organisation's records: the colleague (a member of the internal function, not
    # concerned in the organisation as a whole) keeps them; the admin reads statistics.
    "staff_register": ("GET", "org", "screener_a", {**CASE_PAGE, "concerned": 200, "right": 200}),
    "staff_summaries": ("GET", "org", "internal_a", {**CASE_PAGE, "concerned": 200, "right": 200}),
    "staff_statistics": (
        "GET",
        "org",
        "internal_a",
        {**CASE_PAGE, "without_role": 200, "concerned": 200, "right": 200},
    ),
    "staff_admin": ("GET", "admin", "admin_a", {**ADMIN_PAGE, "right": 200}),
    "staff_admin_categories": ("GET", "admin", "admin_a", {**ADMIN_PAGE, "right": 200}),
    "staff_admin_category": ("POST", "admin:category", "admin_a", {**ADMIN_PAGE, "right": 302}),
    "staff_admin_category_move": (
        "POST",
        "admin:category",
        "admin_a",
        {**ADMIN_PAGE, "right": 302},
    ),
    "staff_admin_people": ("GET", "admin", "admin_a", {**ADMIN_PAGE, "right": 200}),
    "staff_admin_person_roles": ("POST", "admin:person", "admin_a", {**ADMIN_PAGE, "right": 200}),
    "staff_admin_person_reset": ("POST", "admin:invited", "admin_a", {**ADMIN_PAGE, "right": 200}),
    "staff_admin_person_active": (
        "POST",
        "admin:invited",
        "admin_a",
        {**ADMIN_PAGE, "right": 302},
    ),
    "staff_admin_approval": ("POST", "admin:approval", "admin_a", {**ADMIN_PAGE, "right": 302}),
    "staff_offer": ("POST", "offer", "external_a", {**CASE_PAGE, "right": 302}),
    "staff_admin_officials": ("GET", "admin", "admin_a", {**ADMIN_PAGE, "right": 200}),
    "staff_admin_official_remove": (
        "POST",
        "admin:official",
        "admin_a",
        {**ADMIN_PAGE, "right": 302},
    ),
    # Last: it ends the sessions.
    "staff_logout": ("POST", None, "internal_a", dict.fromkeys(VISITORS, 302)),
}


def staff_url_names() -> set[str]:
    names = set()

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and (prefix + str(pattern.pattern)).startswith(
                "staff/"
            ):
                names.add(pattern.name)

    walk(get_resolver().url_patterns, "")
    return names


def test_every_staff_url_has_an_entry_in_the_table():
    assert staff_url_names() == set(EXPECTED)


@pytest.fixture
def world(cast):
    open_case = routed_case(cast)
    workflow.name_concerned(open_case.case, cast.internal_a, person=cast.colleague_a)
    done_case = concluded_case(cast)
    workflow.name_concerned(done_case.case, cast.internal_a, person=cast.colleague_a)
    invited, token = invite(cast.org_a, cast.admin_a, "invited", ["screener"])
    # An offer from organisation B to a person of A, and a reset waiting for approval.
    admin_b = staff(cast.org_b, Role.ADMIN, "admin-b")
    invite(cast.org_b, admin_b, "external-a", [Role.SCREENER])
    second_admin = staff(cast.org_a, Role.ADMIN, "second-admin-a")
    reset_person(cast.org_a, second_admin, cast.chair_a)
    secrecy.mark_passages(
        open_case.case,
        lock_for(open_case.case, cast.internal_a),
        cast.internal_a,
        "report:where",
        "OSL 17 kap. 3 b §",
        whole_text=True,
    )
    return {
        "mark": SecrecyMark.objects.get(case=open_case.case).pk,
        "offer": RoleOffer.objects.get(person=cast.external_a).pk,
        "approval": PendingApproval.objects.get(person=cast.chair_a).pk,
        "open": open_case,
        "done": done_case,
        "token": token,
        "invited": invited.pk,
        "category": cast.org_a.categories.first().pk,
        "member": cast.external_a.pk,
        "official": cast.head_official_a.pk,
    }


def url_for(name, case, world):
    if name == "staff_invitation":
        return reverse(name, args=[world["token"]])
    if name == "staff_offer":
        return reverse(name, args=[world["offer"]])
    if case is None:
        return reverse(name)
    if case == "org":
        return reverse(name, args=["org-a"])
    if case.startswith("admin"):
        target = {
            "admin": [],
            "admin:category": [world["category"]],
            "admin:person": [world["member"]],
            "admin:invited": [world["invited"]],
            "admin:official": [world["official"]],
            "admin:approval": [world["approval"]],
        }[case]
        return reverse(name, args=["org-a", *target])
    filed = world[case]
    if name == "staff_case_file":
        return reverse(name, args=["org-a", filed.case.pk, filed.case.files.first().pk])
    if name == "staff_case_secrecy_unmark":
        return reverse(name, args=["org-a", filed.case.pk, world["mark"]])
    if name == "staff_case_withdraw_concerned":
        row = filed.case.concerned.get()
        return reverse(name, args=["org-a", filed.case.pk, row.pk])
    return reverse(name, args=["org-a", filed.case.pk])


def test_every_staff_url_answers_everyone_as_the_table_says(cast, world):
    people = {
        "other_organisation": cast.screener_b,
        "without_role": cast.admin_a,
        "concerned": cast.colleague_a,
    }
    clients: dict[str, Client] = {}

    def client_for(visitor, right_person, case):
        without_role = cast.internal_a if case and case.startswith("admin") else cast.admin_a
        person = {"right": right_person, "without_role": without_role}.get(
            visitor, people.get(visitor)
        )
        key = person.username if person else "logged_out"
        if key not in clients:
            clients[key] = Client()
            if person:
                log_in_staff(clients[key], person)
        return clients[key]

    wrong = []
    for name, (method, case, right, expected) in EXPECTED.items():
        url = url_for(name, case, world)
        for visitor in VISITORS:
            client = client_for(visitor, getattr(cast, right), case)
            response = client.post(url, {}) if method == "POST" else client.get(url)
            if response.status_code != expected[visitor]:
                wrong.append(
                    f"{name} as {visitor}: {response.status_code}, expected {expected[visitor]}"
                )
            content = (
                b"".join(response.streaming_content) if response.streaming else response.content
            )
            # Only the reporter ever sees their case number: not even the case's readers.
            for filed in (world["open"], world["done"]):
                assert filed.case_number.encode() not in content, name
                assert filed.case_number not in response.get("Location", ""), name
            if case in ("open", "done") and visitor != "right":
                assert str(world[case].case.pk).encode() not in content, name
    assert wrong == []


def test_the_dashboard_shows_a_case_to_its_readers_only(client, cast, world):
    number = str(world["open"].case.pk)
    for person, sees in (
        (cast.internal_a, True),
        (cast.colleague_a, False),
        (cast.admin_a, False),
        (cast.screener_b, False),
        (cast.chief_a, False),
    ):
        browser = Client()
        log_in_staff(browser, person)
        page = browser.get(reverse("staff_dashboard")).content.decode()
        assert (number in page) is sees, person.username
        # The dashboard shows exactly what the one visibility rule allows.
        allowed = {str(case.pk) for case in cases_visible_to(person)}
        listed = set(
            re.findall(
                r'href="/staff/org-a/cases/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/"',
                page,
            )
        )
        assert listed == allowed, person.username
