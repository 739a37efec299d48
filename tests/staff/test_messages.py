"""What a case handler writes reaches the reporter, files included, and what a message
says about itself (who sent it, whether it is the feedback, which files are its own) is
bound into its ciphertext."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.journey import log_in, named_file
from tests.staff.helpers import lock_for, log_in_staff, routed_case
from vissel.cases import workflow
from vissel.cases.models import Message, Sender
from vissel.cases.services import read_thread, report_files
from vissel.crypto import DecryptionFailed
from vissel.evidence.models import EvidenceFile


def test_a_file_staff_attach_to_a_message_reaches_the_reporter(client, cast):
    filed = routed_case(cast)
    log_in_staff(client, cast.internal_a)
    response = client.post(
        reverse("staff_case_message", args=["org-a", filed.case.pk]),
        {
            "message-body": "Here is the decision.",
            "message-files": [named_file("beslut.txt", b"the decision, page 1\n")],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    reporter = Client()
    log_in(reporter, cast.org_a, filed.case_number, filed.password)
    page = reporter.get(reverse("inbox", args=["org-a"])).content.decode()
    assert "Here is the decision." in page and "beslut.txt" in page
    links = re.findall(r'href="(/org-a/inbox/files/[0-9a-f-]+/)"', page)
    downloads = [b"".join(reporter.get(link).streaming_content) for link in links]
    assert b"the decision, page 1\n" in downloads


def staff_message(cast, filed):
    lock = lock_for(filed.case, cast.internal_a)
    return workflow.message_reporter(filed.case, lock, cast.internal_a, "We are on it.")


def test_a_message_changed_to_look_like_the_reporters_no_longer_opens(cast):
    filed = routed_case(cast)
    message = staff_message(cast, filed)
    assert read_thread(filed.case, lock_for(filed.case, cast.internal_a))
    Message.objects.filter(pk=message.pk).update(sender=Sender.REPORTER)
    with pytest.raises(DecryptionFailed):
        read_thread(filed.case, lock_for(filed.case, cast.internal_a))


def test_a_message_changed_to_count_as_feedback_no_longer_opens(cast):
    filed = routed_case(cast)
    message = staff_message(cast, filed)
    Message.objects.filter(pk=message.pk).update(is_feedback=True)
    with pytest.raises(DecryptionFailed):
        read_thread(filed.case, lock_for(filed.case, cast.internal_a))


def test_a_file_moved_from_the_report_to_a_message_no_longer_opens(cast):
    filed = routed_case(cast)
    lock = lock_for(filed.case, cast.internal_a)
    assert report_files(filed.case, lock)
    message = staff_message(cast, filed)
    EvidenceFile.objects.filter(case=filed.case).update(message=message)
    with pytest.raises(DecryptionFailed):
        read_thread(filed.case, lock)
