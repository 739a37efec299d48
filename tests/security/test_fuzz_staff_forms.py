"""Every form of a case page and the admin's settings, fuzzed as a logged-in staff
member: hostile text, odd choices, missing and repeated fields, hostile files, hand-made
multipart bodies. Never a server error; the case never leaves the workflow; the audit
trail still verifies; and whatever was stored still shows (the case page, the reporter's
pages).

A staff member logs in once per test (a TOTP code is good once per 30-second step), and
each example works on a case of its own, filed with hostile text the report form takes."""

from datetime import date

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from tests.factories import STAFF_PASSWORD, file_report, invite
from tests.security.invariants import browser, no_server_error, nothing_stored
from tests.security.strategies import (
    ABSENT,
    CONTROL,
    FUZZ,
    chars,
    choice,
    field,
    form_data,
    fuzz,
    multipart_body,
    near,
    short_text,
    uploads,
)
from tests.staff.helpers import conclude_as, lock_for, log_in_staff, routed_case, screen_as
from vissel.audit.trail import verify
from vissel.cases import workflow
from vissel.cases.models import Case, Coverage, DismissalGround, Minutes, Outcome, Status
from vissel.cases.workflow import OTHER_REASON, SENIOR_OFFICIAL_CONCERNED
from vissel.organisations.models import Organisation, SeniorOfficial
from vissel.records.redaction import OTHERS_IDENTITY, REPORTER_IDENTITY

# Noise that starts like an image makes Pillow warn while the file is cleaned.
pytestmark = pytest.mark.filterwarnings("ignore:Corrupt EXIF data:UserWarning")

# Text the report form takes (no NUL, something left after stripping), full of control
# and right-to-left characters: what a case may hold before staff touch it.
typed_text = st.text(
    st.one_of(st.sampled_from(CONTROL[1:]), chars.filter(lambda char: char != "\x00")),
    min_size=1,
    max_size=300,
).filter(lambda text: text.strip())

boolean = choice("on", ["on", "true", "1", "false", "0", ""])
REASON = "Reason for the decision"


def case_forms(people: list[str], officials: list[str]) -> dict:
    """Each case form's URL name: (valid fields, how each may be fuzzed), prefixed as
    the case page sends them."""

    today = date.today().isoformat()

    def text(valid):
        return valid, field(valid)

    forms = {
        "staff_case_screen": {
            "screening-kind": ("internal", choice("internal", ["internal", "external", "dismiss"])),
            "screening-reason": text(REASON),
            "screening-external_because": (
                SENIOR_OFFICIAL_CONCERNED,
                choice(SENIOR_OFFICIAL_CONCERNED, [SENIOR_OFFICIAL_CONCERNED, OTHER_REASON]),
            ),
            "screening-senior_officials": (
                ABSENT,
                field(ABSENT, st.lists(st.one_of(st.sampled_from(officials), short_text))),
            ),
            "screening-dismissal_ground": (
                "not_work_related",
                choice("not_work_related", DismissalGround.values),
            ),
            "screening-message_to_reporter": text("We have looked at your report."),
        },
        "staff_case_note": {"note-body": text("An internal note.")},
        "staff_case_message": {
            "message-body": text("A message to the reporter."),
            "message-is_feedback": (ABSENT, field(ABSENT, boolean)),
            "message-files": ([], uploads),
        },
        "staff_case_concern": {
            "concern-person": ("", choice("", people)),
            "concern-senior_official": (officials[-1], choice(officials[-1], officials)),
        },
        "staff_case_coverage": {
            "coverage-coverage": ("covered", choice("covered", Coverage.values))
        },
        "staff_case_assign": {"assign-handler": ("", choice("", people))},
        "staff_case_grant": {"grant-person": (people[0], choice(people[0], people))},
        "staff_case_close": {"close-reason": text(REASON)},
        "staff_case_reopen": {"reopen-reason": text(REASON)},
        "staff_case_conclude": {
            "conclude-outcome": ("confirmed", choice("confirmed", Outcome.values)),
            "conclude-final_report": text("The final report."),
            "conclude-reason": text(REASON),
        },
        "staff_case_meeting": {
            "meeting-held_on": (
                today,
                field(today, st.dates().map(str), st.sampled_from(["2026-02-30", "0-0-0"])),
            )
        },
        "staff_case_minutes": {
            "minutes-kind": ("meeting", choice("meeting", Minutes.Kind.values)),
            "minutes-text": text("What was said."),
            "minutes-series": (ABSENT, field(ABSENT, st.uuids().map(str))),
        },
        "staff_case_hold": {"hold-hold": ("place", choice("place", ["place", "lift"]))},
        "staff_case_archived": {"archived-confirmed": ("on", boolean)},
        "staff_case_export": {},
        "staff_case_secrecy_mark": {
            "text": (
                "report:what_happened",
                choice(
                    "report:what_happened",
                    ["report:where", "report:who_involved", "message:1", "final_report"],
                ),
            ),
            "phrase": ("", field("")),
            "whole_text": ("on", field("on", boolean)),
            "basis": (
                REPORTER_IDENTITY,
                choice(REPORTER_IDENTITY, [REPORTER_IDENTITY, OTHERS_IDENTITY, "other"]),
            ),
            "basis_other": ("", field("")),
        },
        "staff_case_release": {
            "recipient": text("A journalist"),
            "language": ("sv", choice("sv", ["sv", "en"])),
        },
    }
    return forms


def fuzzed_post(forms: dict, names: list[str]):
    """(URL name, POST data or a hand-made multipart body) for one of `names`."""

    def fields_of(name):
        spec = forms[name]
        if not spec:
            return st.just({})
        valid = {key: value for key, (value, _fuzz) in spec.items()}
        fuzzers = {key: fuzzer for key, (_value, fuzzer) in spec.items()}
        return near(valid, fuzzers).map(lambda fields: form_data(fields, {}))

    form = st.sampled_from(names).flatmap(lambda name: st.tuples(st.just(name), fields_of(name)))
    raw = st.tuples(st.sampled_from(names), multipart_body())
    return st.one_of(form, form, form, raw)


def choices_for(organisation) -> tuple[list[str], list[str]]:
    """The staff members and senior officials a form may name, as the page lists them."""
    people = sorted({str(m.person_id) for m in organisation.memberships.all()})
    officials = SeniorOfficial.objects.filter(organisation=organisation).values_list(
        "pk", flat=True
    )
    return people, [str(pk) for pk in officials]


def post(client, url, data):
    if isinstance(data, tuple):  # a hand-made multipart body
        content_type, body = data
        return client.generic("POST", url, body, content_type=content_type)
    return client.post(url, data)


def still_in_the_workflow(case: Case) -> None:
    case.refresh_from_db()
    assert case.status in Status.values, f"status {case.status!r}"
    assert case.coverage in ["", *Coverage.values], f"coverage {case.coverage!r}"
    assert case.outcome in ["", *Outcome.values], f"outcome {case.outcome!r}"
    assert case.dismissal_ground in ["", *DismissalGround.values]
    if case.status in (Status.CONCLUDED, Status.CLOSED):
        assert case.outcome and case.concluded_on, "concluded without an outcome"
    if case.status == Status.DISMISSED:
        assert case.dismissal_ground, "dismissed without a ground"
    verdict = verify()
    assert verdict.ok, verdict


def fuzz_case_forms(cast, person, names, new_case):
    """`person`, logged in once, sends fuzzed case forms (`names`); each example on a
    case of its own from `new_case(report_text)`."""
    client = browser()
    log_in_staff(client, person)
    forms = case_forms(*choices_for(cast.org_a))

    @fuzz(15)  # each example files, routes and renders a case of its own
    @given(text=typed_text, sent=fuzzed_post(forms, names))
    def check(text, sent):
        name, data = sent
        case = new_case(text)
        url = reverse(name, args=["org-a", case.pk])
        with nothing_stored(cast.org_a):
            response = post(client, url, data)
            no_server_error(response, (name, data))
            still_in_the_workflow(case)
            if response.status_code != 400:  # a refused form showed the case page already
                page = client.get(reverse("staff_case", args=["org-a", case.pk]))
                no_server_error(page, (name, data))

    check()


def test_the_screeners_case_forms(cast):
    """A screener on a new case (or one they dismissed): screening, notes, messages,
    concerned persons, coverage, assignment, access, reopening, the secrecy review."""

    def new_case(text):
        filed = file_report(cast.org_a, what_happened=text, who_involved=text)
        if len(text) % 4 == 0:
            screen_as(cast.screener_a, filed.case, "dismiss", message_to_reporter=text)
            filed.case.refresh_from_db()
        return filed.case

    names = [
        "staff_case_screen",
        "staff_case_note",
        "staff_case_message",
        "staff_case_concern",
        "staff_case_coverage",
        "staff_case_assign",
        "staff_case_grant",
        "staff_case_reopen",
        "staff_case_secrecy_mark",
    ]
    fuzz_case_forms(cast, cast.screener_a, names, new_case)


def test_the_investigators_case_forms(cast):
    """An internal investigator on a case under investigation, concluded or closed:
    concluding, closing, reopening, meetings and minutes, retention, the export and a
    released copy, notes and messages."""

    def new_case(text):
        filed = file_report(cast.org_a, what_happened=text, where=text)
        screen_as(cast.screener_a, filed.case, "internal", message_to_reporter=text)
        stage = len(text) % 3
        if stage >= 1:
            conclude_as(cast.internal_a, filed.case, "confirmed", text, text)
        if stage == 2:
            filed.case.refresh_from_db()
            workflow.close(filed.case, lock_for(filed.case, cast.internal_a), cast.internal_a, text)
        filed.case.refresh_from_db()
        return filed.case

    names = [
        "staff_case_conclude",
        "staff_case_close",
        "staff_case_reopen",
        "staff_case_note",
        "staff_case_message",
        "staff_case_meeting",
        "staff_case_minutes",
        "staff_case_hold",
        "staff_case_archived",
        "staff_case_export",
        "staff_case_release",
        "staff_case_assign",
        "staff_case_coverage",
    ]
    fuzz_case_forms(cast, cast.internal_a, names, new_case)


LANGUAGES = ["sv", "en"]


def settings_form():
    number = st.one_of(st.integers(-(10**20), 10**20).map(str), short_text)
    valid = {
        "settings-intro_sv": "Välkommen.",
        "settings-intro_en": "Welcome.",
        "settings-languages": list(LANGUAGES),
        "settings-default_language": "sv",
        "settings-must_archive": ABSENT,
        "settings-four_eyes": ABSENT,
        "settings-onion_address": "",
        "settings-privacy_contact": "dataskydd@example.se",
        "settings-accessibility_contact": "tillganglighet@example.se",
        "settings-shortcomings_sv": "",
        "settings-shortcomings_en": "",
        "settings-acknowledgement_days": "7",
        "settings-feedback_months": "3",
        "settings-retention_years": "2",
        "settings-auto_close_days": "0",
        "settings-max_file_mb": "100",
        "settings-max_total_mb": "500",
        "settings-max_files": "20",
        "settings-max_recording_minutes": "10",
        "settings-meeting_days": "14",
        **{
            f"settings-{role}_{language}": ""
            for role in ("chief_executive", "chair")
            for language in LANGUAGES
        },
    }
    fuzzers = {
        name: field(value, number) if value and value.isdigit() else field(value)
        for name, value in valid.items()
        if isinstance(value, str)
    }
    fuzzers.update(
        {
            "settings-languages": field(
                LANGUAGES, st.lists(st.one_of(st.sampled_from(LANGUAGES), short_text))
            ),
            "settings-default_language": choice("sv", LANGUAGES),
            "settings-must_archive": field(ABSENT, boolean),
            "settings-four_eyes": field(ABSENT, boolean),
            "settings-onion_address": field(
                "", st.just("http://" + "a" * 56 + ".onion"), st.just("javascript:alert(1)")
            ),
        }
    )
    return near(valid, fuzzers).map(lambda fields: form_data(fields, {}))


def test_the_admin_settings_form(cast):
    """Whatever the admin sends, the organisation's settings stay within their bounds,
    the trail verifies, and every page that shows what was stored still opens."""
    client = browser()
    log_in_staff(client, cast.admin_a)
    url = reverse("staff_admin", args=["org-a"])
    reporter = browser()
    sent_data = settings_form()

    @FUZZ
    @given(data=st.one_of(sent_data, sent_data, sent_data, multipart_body()))
    def check(data):
        with nothing_stored(cast.org_a):
            response = post(client, url, data)
            no_server_error(response, data)
            assert response.status_code in (302, 400), response.status_code
        organisation = Organisation.objects.get(pk=cast.org_a.pk)
        assert organisation.languages and set(organisation.languages) <= set(LANGUAGES)
        assert organisation.default_language in organisation.languages
        assert 1 <= organisation.acknowledgement_days <= 7
        assert 1 <= organisation.retention_years <= 2
        assert 0 <= organisation.max_files <= 100
        assert verify().ok
        if response.status_code == 302:  # stored: every page that shows it still opens
            no_server_error(client.get(url), data)
            for page in ("landing", "report_form", "privacy_notice", "accessibility_statement"):
                no_server_error(reporter.get(reverse(page, args=["org-a"])), (page, data))

    check()


# Numbers as people and programs type them: signs, exponents, other scripts' digits,
# superscripts, more digits than any integer column holds.
number_like = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["²", "٣", "①", "𝟗", "9" * 20, "9" * 5000, "-1", "0", "1e3", " 1", "0x10"]),
    st.text(st.characters(categories=["Nd", "No"]), min_size=1, max_size=25),
)
day_like = st.one_of(
    st.dates().map(str),
    st.sampled_from(["0001-01-01", "9999-12-31", "2026-02-30", "2026-13-01", "0000-00-00"]),
)
FILTER_PAGES = ["staff_dashboard", "staff_register", "staff_statistics", "staff_summaries"]


def filter_query(people: list[str]):
    """The filters of the worklist and the records pages, all in the address (GET)."""
    valid = {"org": "org-a", "page": "1"}
    fuzzers = {
        "org": choice("org-a", ["org-a", "org-b", ""]),
        "number": field("VB"),
        "status": choice("received", ["", *Status.values]),
        "deadline": choice("", ["", "overdue", "due_soon", "on_track", "none"]),
        "category": field("fraud"),
        "handler": choice("", ["", "me", "nobody", *people]) | field(ABSENT, number_like),
        "page": field("1", number_like),
        "year": field("2026", number_like),
        "starts_on": field("2026-01-01", day_like),
        "ends_on": field("2026-06-30", day_like),
        "format": choice("csv", ["", "csv", "pdf"]),
    }
    return near(valid, fuzzers).map(lambda fields: form_data(fields, {}))


def test_the_worklist_and_records_filters(cast):
    """The dashboard's worklist filters and page number, the register's year, the
    statistics' and summaries' period, each as CSV or PDF too: any query, no error."""
    routed_case(cast)
    client = browser()
    log_in_staff(client, cast.colleague_a)
    people, _officials = choices_for(cast.org_a)

    @FUZZ
    @given(page=st.sampled_from(FILTER_PAGES), query=filter_query(people))
    @example(page="staff_dashboard", query={"page": "²"})
    @example(page="staff_dashboard", query={"handler": "99999999999999999999"})
    def check(page, query):
        url = reverse(page) if page == "staff_dashboard" else reverse(page, args=["org-a"])
        response = client.get(url, query)
        no_server_error(response, (page, query))

    check()


ACCOUNT_FORMS = ["staff_login", "staff_invitation", "staff_password", "staff_language"]


def account_forms(username: str):
    new = "a new and long enough passphrase"
    return {
        "staff_login": near(
            {"username": username, "password": STAFF_PASSWORD, "code": "000000"},
            {
                "username": field(username),
                "password": field(STAFF_PASSWORD),
                "code": field("000000", number_like),
            },
        ),
        "staff_invitation": near(
            {"password": new, "password_again": new, "code": "000000"},
            {
                "password": field(new),
                "password_again": field(new),
                "code": field("000000", number_like),
            },
        ),
        "staff_password": near(
            {"old_password": STAFF_PASSWORD, "password": new, "password_again": new},
            {
                "old_password": field(STAFF_PASSWORD),
                "password": field(new, st.just("short")),
                "password_again": field(new),
            },
        ),
        "staff_language": near(
            {"language": "en", "next": "/staff/"},
            {
                "language": choice("en", ["sv", "en", "xx"]),
                "next": field(
                    "/staff/",
                    short_text.map(lambda text: "/staff/" + text),
                    st.sampled_from(["//evil.example/", "/staff/\r\nSet-Cookie: x=1", "/\\evil"]),
                ),
            },
        ),
    }


def test_the_account_forms(cast):
    """Logging in (with a wrong code), enrolling from an invitation, changing one's
    password, switching language: any input, no error, nobody logged in by it."""
    _person, token = invite(cast.org_a, cast.admin_a, "invited-a", ["screener"])
    member = browser()
    log_in_staff(member, cast.chair_a)
    forms = account_forms(cast.screener_a.username)
    urls = {
        "staff_login": reverse("staff_login"),
        "staff_invitation": reverse("staff_invitation", args=[token]),
        "staff_password": reverse("staff_password"),
        "staff_language": reverse("staff_language"),
    }
    sent = st.sampled_from(ACCOUNT_FORMS).flatmap(
        lambda name: st.tuples(st.just(name), st.one_of(forms[name], forms[name], multipart_body()))
    )

    @FUZZ
    @given(sent=sent)
    @example(sent=("staff_invitation", {"password": "x" * 73, "password_again": "x" * 73}))
    @example(
        sent=(
            "staff_password",
            {"old_password": "?", "password": "x" * 73, "password_again": "x" * 73},
        )
    )
    def check(sent):
        name, data = sent
        client = member if name in ("staff_password", "staff_language") else browser()
        response = post(client, urls[name], data)
        no_server_error(response, (name, data))
        if name in ("staff_login", "staff_invitation"):
            assert response.status_code in (400, 404), "logged in or enrolled by a fuzzed form"
            assert client.get(reverse("staff_dashboard")).status_code == 302
        else:
            no_server_error(member.get(reverse("staff_dashboard")), (name, data))
        if name == "staff_language" and response.status_code == 302:
            assert response["Location"].startswith("/staff/"), "sent off the staff pages"

    check()
