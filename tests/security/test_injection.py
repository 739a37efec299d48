"""HTML and script written into any field is shown as text wherever it is shown, on the
reporter's pages and the staff's: in the report, its contact details, a file name, the
messages both ways, notes, minutes, the final report, a withdrawal reason, the secrecy
review and the release's recipient."""

import re

from django.test import Client
from django.urls import reverse

from tests.journey import file_through_the_form, log_in, write
from tests.staff.helpers import concluded_case, lock_for, log_in_staff
from vissel.cases import minutes, secrecy, workflow
from vissel.cases.models import Case

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)><b>fet</b>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def assert_shown_as_text(page: str, where: str) -> None:
    assert "<script>alert" not in page and "<img src=x" not in page, where
    assert "<b>fet</b>" not in page, where
    assert ESCAPED in page, where


def test_the_reporters_pages_show_markup_as_text(client, org_a):
    fields = {
        name: HOSTILE for name in ("what_happened", "where", "when", "who_involved", "how_known")
    }
    write(
        client,
        org_a,
        files=[(HOSTILE[:60] + ".txt", b"x")],
        identity="contact",
        contact_name=HOSTILE,
        contact_phone="070",
        **fields,
    )
    review = client.get(reverse("report_review", args=[org_a.slug])).content.decode()
    assert_shown_as_text(review, "review")
    number, password = file_through_the_form(client, org_a, **fields)
    log_in(client, org_a, number, password)
    client.post(reverse("inbox_reply", args=[org_a.slug]), {"body": HOSTILE})
    inbox = client.get(reverse("inbox", args=[org_a.slug])).content.decode()
    assert_shown_as_text(inbox, "inbox")


def test_the_staff_pages_show_markup_as_text(cast):
    filed = concluded_case(cast, what_happened=HOSTILE, who_involved=HOSTILE)
    case, person = filed.case, cast.internal_a
    lock = lock_for(case, person)
    workflow.message_reporter(case, lock, person, HOSTILE)
    workflow.write_note(case, lock, person, HOSTILE)
    minutes.write_minutes(case, lock, person, "meeting", HOSTILE)
    secrecy.mark_passages(case, lock, person, "report:who_involved", HOSTILE[:8], whole_text=True)
    secrecy.release_copy(case, lock, person, HOSTILE, "sv")
    client = Client()
    log_in_staff(client, person)
    for name in ("staff_case", "staff_case_secrecy"):
        page = client.get(reverse(name, args=["org-a", case.pk])).content.decode()
        assert_shown_as_text(page, name)
    register = client.get(reverse("staff_register", args=["org-a"])).content.decode()
    assert "<script>" not in register
    assert Case.objects.filter(pk=case.pk).exists()


def test_a_hostile_basis_typed_in_the_secrecy_review_is_shown_as_text(cast):
    filed = concluded_case(cast)
    lock = lock_for(filed.case, cast.internal_a)
    secrecy.mark_passages(
        filed.case, lock, cast.internal_a, "report:where", "<i>OSL</i> & co", whole_text=True
    )
    client = Client()
    log_in_staff(client, cast.internal_a)
    page = client.get(reverse("staff_case_secrecy", args=["org-a", filed.case.pk])).content
    text = page.decode()
    assert "<i>OSL</i>" not in text and re.search(r"&lt;i&gt;OSL&lt;/i&gt; &amp; co", text)
