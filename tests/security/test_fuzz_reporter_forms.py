"""Every form of the reporter's side, fuzzed: hostile text (control characters,
right-to-left overrides, text past every limit), odd choices, missing and repeated
fields, hostile file names and contents, hand-made multipart bodies with invalid UTF-8
and broken boundaries. Never a server error, never a case but a whole one sent on
purpose, never a temporary upload left behind."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import file_report, report_fields
from tests.journey import RECEIPT, log_in
from tests.security.invariants import (
    browser,
    case_count,
    incoming_files,
    no_server_error,
    nothing_stored,
)
from tests.security.strategies import (
    ABSENT,
    FUZZ,
    NamedUpload,
    choice,
    extra_fields,
    field,
    file_contents,
    file_names,
    form_data,
    multipart_body,
    near,
    short_text,
    uploads,
)
from tests.staff.helpers import lock_for, routed_case
from vissel.cases import minutes
from vissel.cases.meetings import MEETING_KINDS
from vissel.cases.models import Case, CaseKeySeal, Message
from vissel.cases.reporter import IDENTITIES, RELATIONSHIPS
from vissel.evidence.models import EvidenceFile
from vissel.evidence.storage import path_of
from vissel.organisations.selectors import active_categories
from vissel.reports.drafts import load_draft

# Noise that starts like an image makes Pillow warn while the file is cleaned.
pytestmark = pytest.mark.filterwarnings("ignore:Corrupt EXIF data:UserWarning")

ids = st.lists(st.one_of(st.uuids().map(str), short_text), max_size=3)


def report_form(organisation):
    """The report form's fields: valid, or with some (or all) of them hostile, missing
    or repeated."""
    categories = [category.key for category in active_categories(organisation)]
    valid = report_fields(category=categories[0], channel="written")
    fuzzers = {
        "category": choice(valid["category"], categories),
        "channel": choice("written", ["written", "oral", ""]),
        "relationship": choice("employee", [key for key, _label in RELATIONSHIPS]),
        "identity": choice("anonymous", [key for key, _label in IDENTITIES]),
        "contact_email": field(
            "", st.sampled_from(["anna@example.se", "a@b", "anna@\u202eexample.se"])
        ),
        "remove_files": field(ABSENT, ids),
        "website": field(),  # the honeypot
        **{
            name: field(valid[name])
            for name in ("what_happened", "where", "when", "who_involved", "how_known")
        },
        **{name: field("") for name in ("contact_name", "contact_phone")},
    }
    return near(valid, fuzzers).map(lambda fields: form_data(fields, {}))


def with_files(data: dict, files: list, recording) -> dict:
    data = dict(data)
    if files:
        data["files"] = files
    if recording is not None:
        data["recording"] = recording
    return data


recordings = st.one_of(
    st.none(), st.none(), st.builds(NamedUpload, file_names, file_contents, st.just("audio/webm"))
)


def test_the_report_form_takes_any_fields_without_error_or_case(org_a):
    url = reverse("report_form", args=[org_a.slug])

    @FUZZ
    @given(fields=report_form(org_a), extras=extra_fields())
    def check(fields, extras):
        data = form_data(fields, extras)
        with nothing_stored(org_a):
            response = browser().post(url, data)
            no_server_error(response, data)
            assert response.status_code in (302, 400), response.status_code

    check()


def test_hostile_uploads_on_the_report_form_store_no_case(org_a):
    """Names with '../', NUL, right-to-left overrides, 300 characters; contents that
    start like a PDF, an image, an office file or a recording and then are noise. What
    is staged shows on the review."""
    url = reverse("report_form", args=[org_a.slug])

    @FUZZ
    @given(fields=report_form(org_a), files=uploads, recording=recordings)
    def check(fields, files, recording):
        data = with_files(fields, files, recording)
        client = browser()
        with nothing_stored(org_a):
            response = client.post(url, data)
            no_server_error(response, data)
            assert response.status_code in (302, 400), response.status_code
            if response.status_code == 302:  # (a 400 showed the staged files already)
                review = client.get(reverse("report_review", args=[org_a.slug]))
                no_server_error(review, data)
                assert review.status_code == 200

    check()


def whole_case(case: Case, staged: int) -> None:
    """A case as open_case leaves it: sealed to its screeners, every staged file
    attached and on disk."""
    assert CaseKeySeal.objects.filter(case=case).exists(), "a case nobody can open"
    files = list(EvidenceFile.objects.filter(case=case))
    assert len(files) == staged, f"{len(files)} of {staged} files attached"
    assert all(path_of(row.storage_name).exists() for row in files)


def test_form_review_and_send_store_one_whole_case_or_nothing(org_a):
    """However the form was filled in: either the review shows and Send stores exactly
    one whole case, whose receipt the reporter sees (also after a second tap), or Send
    stores nothing at all."""
    form_url = reverse("report_form", args=[org_a.slug])  # the test client needs no token
    send_url = reverse("report_send", args=[org_a.slug])

    @FUZZ
    @given(
        fields=report_form(org_a),
        files=uploads,
        send_extras=extra_fields(),
        taps=st.integers(min_value=1, max_value=2),
    )
    def check(fields, files, send_extras, taps):
        data = with_files(fields, files, None)
        client = browser()
        before, incoming = case_count(org_a), incoming_files()
        written = client.post(form_url, data)
        no_server_error(written, data)
        ready = written.status_code == 302
        if ready:
            review = client.get(reverse("report_review", args=[org_a.slug]))
            no_server_error(review, data)
            assert review.status_code == 200
        draft = load_draft(client.session, org_a)
        for _tap in range(taps):
            sent = client.post(send_url, send_extras)
            no_server_error(sent, (data, send_extras))
        assert incoming_files() == incoming, "a temporary upload was left behind"
        if not ready:
            assert sent.status_code == 409, sent.status_code
            assert case_count(org_a) == before, "a case was stored from a refused form"
            return
        assert sent.status_code == 200, sent.status_code
        assert case_count(org_a) == before + 1, "Send did not store exactly one case"
        receipt = RECEIPT.search(sent.content.decode())
        assert receipt, "no receipt after sending"
        case = Case.objects.in_organisation(org_a).get(case_number=receipt.group(1))
        whole_case(case, len(draft.staged()))

    check()


def test_the_reporter_login_takes_any_input_and_lets_nobody_in(org_a):
    url = reverse("reporter_login", args=[org_a.slug])
    filed = file_report(org_a)
    valid = {"case_number": filed.case_number, "password": "not-the-password"}
    fuzzers = {
        "case_number": field(
            filed.case_number,
            st.just(f"\u202e{filed.case_number}\u202c"),
            st.just(" ".join(filed.case_number)),
        ),
        "password": field("not-the-password", st.just(filed.password.upper() + "x")),
    }

    @FUZZ
    @given(fields=near(valid, fuzzers), extras=extra_fields())
    def check(fields, extras):
        data = form_data(fields, extras)
        client = browser()
        with nothing_stored(org_a):
            response = client.post(url, data)
            no_server_error(response, data)
            assert response.status_code == 400, "logged in without the password"
            assert client.get(reverse("inbox", args=[org_a.slug])).status_code == 302

    check()


def test_the_language_switch_takes_any_input_and_stays_on_the_site(org_a):
    url = reverse("switch_language", args=[org_a.slug])
    within = f"/{org_a.slug}/"
    valid = {"language": "en", "next": f"{within}report/"}
    fuzzers = {
        "language": choice("en", ["sv", "en", "xx"]),
        "next": field(
            valid["next"],
            short_text.map(lambda text: within + text),
            st.sampled_from(
                [
                    "//evil.example/",
                    "https://evil.example/org-a/",
                    "/org-a/\r\nSet-Cookie: x=1",
                    "/org-a/\\evil.example",
                    "/\\evil.example/org-a/",
                ]
            ),
        ),
    }

    @FUZZ
    @given(fields=near(valid, fuzzers))
    def check(fields):
        data = form_data(fields, {})
        response = browser().post(url, data)
        no_server_error(response, data)
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith(within), "sent off the organisation's pages"

    check()


REPORTER_ENDPOINTS = ["report_form", "report_send", "reporter_login", "report_review"]


def test_odd_multipart_bodies_to_the_reporters_forms(org_a):
    """Invalid UTF-8 in field values and file names, wrong or missing boundaries,
    missing or broken Content-Disposition, base64 that is not: a 400 at worst."""

    @FUZZ
    @given(endpoint=st.sampled_from(REPORTER_ENDPOINTS), multipart=multipart_body())
    def check(endpoint, multipart):
        content_type, body = multipart
        url = reverse(endpoint, args=[org_a.slug])
        with nothing_stored(org_a):
            response = browser().generic("POST", url, body, content_type=content_type)
            no_server_error(response, (endpoint, content_type, body))

    check()


def inbox_forms(minutes_id: str):
    """Each inbox form's URL name and fields: valid, or some of them hostile."""
    return {
        "inbox_reply": near(
            {"body": "A reply with more details."},
            {"body": field("A reply with more details."), "remove_files": field(ABSENT, ids)},
        ),
        "inbox_meeting": near(
            {"kind": "phone", "preferences": "Mornings"},
            {
                "kind": choice("phone", [key for key, _label in MEETING_KINDS]),
                "preferences": field("Mornings"),
            },
        ),
        "inbox_minutes": near(
            {"version": minutes_id, "answer": "approve"},
            {
                "version": field(minutes_id, st.uuids().map(str)),
                "answer": choice("approve", ["approve", "correct"]),
                "corrections": field(""),
            },
        ),
    }


def test_the_inbox_forms_take_any_input_and_keep_the_inbox_readable(cast, org_a):
    """A logged-in reporter's reply (text, files, a voice message), meeting request and
    answer on minutes: no server error, no new case, at most one message and only when
    the reply was taken, and the inbox still opens with whatever was stored."""
    filed = routed_case(cast)
    lock = lock_for(filed.case, cast.internal_a)
    written = minutes.write_minutes(filed.case, lock, cast.internal_a, "meeting", "What was said.")
    client = browser()
    assert log_in(client, org_a, filed.case_number, filed.password).status_code == 302
    inbox_url = reverse("inbox", args=[org_a.slug])
    forms = inbox_forms(str(written.pk))
    raw = st.tuples(st.sampled_from(sorted(forms)), multipart_body())
    fuzzed = st.sampled_from(sorted(forms)).flatmap(
        lambda name: st.tuples(
            st.just(name),
            st.builds(
                lambda fields, files, recording: with_files(
                    form_data(fields, {}), files, recording
                ),
                forms[name],
                uploads,
                recordings,
            ),
        )
    )

    @FUZZ
    @given(sent=st.one_of(fuzzed, fuzzed, fuzzed, raw))
    def check(sent):
        name, data = sent
        url = reverse(name, args=[org_a.slug])
        messages = Message.objects.filter(case=filed.case).count()
        with nothing_stored(org_a):
            if isinstance(data, tuple):
                response = client.generic("POST", url, data[1], content_type=data[0])
            else:
                response = client.post(url, data)
            no_server_error(response, (name, data))
            added = Message.objects.filter(case=filed.case).count() - messages
            if response.status_code != 302:  # refused: the inbox again, nothing stored
                assert added == 0, "a message stored from a refused form"
                return
            assert "login" not in response["Location"], "the reporter was logged out"
            assert added in (0, 1), f"{added} messages from one reply"
            inbox = client.get(inbox_url)
            no_server_error(inbox, (name, data))
            assert inbox.status_code == 200

    check()
