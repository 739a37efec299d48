"""The whole reporter journey through the test client (S4-S11): write, check, send,
save the receipt, log in again, read the report and its files, write a message."""

import re

from django.urls import reverse

from tests.journey import file_through_the_form, log_in, send, write

DATA = "Betalningar till leverantören gjordes två gånger."


def test_a_report_is_checked_before_it_is_sent(client, org_a):
    response = write(client, org_a, what_happened=DATA)
    review = client.get(response["Location"])
    page = review.content.decode()
    assert review.status_code == 200
    assert DATA in page
    assert "Bedrägeri" in page  # the category, in the organisation's language
    assert org_a.cases.count() == 0  # nothing is sent before Send


def test_sending_shows_a_case_number_and_a_password_until_they_are_saved(client, org_a):
    write(client, org_a)
    response = send(client, org_a)
    page = response.content.decode()
    number = re.search(r'id="case-number">(\d{8})<', page).group(1)
    password = re.search(r'id="case-password">([a-z2-9]{4}(-[a-z2-9]{4}){5})<', page).group(1)
    assert org_a.cases.get().case_number == number
    assert "kan inte återskapas" in page  # cannot be recovered, in Swedish by default
    client.post(reverse("report_receipt_saved", args=[org_a.slug]))
    assert password not in send(client, org_a).content.decode()  # then it is gone
    other = type(client)()  # and another browser never had it
    assert password not in other.get(reverse("report_send", args=[org_a.slug])).content.decode()


def test_the_reporter_logs_in_again_and_reads_the_report_and_files(client, org_a):
    number, password = file_through_the_form(
        client, org_a, files=[("kvitto.txt", b"receipt 4711")], what_happened=DATA
    )
    client.cookies.clear()
    response = log_in(client, org_a, number, password)
    assert response.status_code == 302 and response["Location"].endswith("/inbox/")
    inbox = client.get(response["Location"])
    page = inbox.content.decode()
    assert DATA in page and "kvitto.txt" in page and number in page
    file_url = re.search(r'href="(/org-a/inbox/files/[0-9a-f-]+/)"', page).group(1)
    download = client.get(file_url)
    assert b"".join(download.streaming_content) == b"receipt 4711"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Content-Type"] == "application/octet-stream"


def test_the_reporter_writes_a_message_with_a_file(client, org_a):
    number, password = file_through_the_form(client, org_a)
    log_in(client, org_a, number, password)
    response = client.post(
        reverse("inbox_reply", args=[org_a.slug]),
        {"body": "Jag har fler underlag.", "files": [_file("mer.txt", b"more")]},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Jag har fler underlag." in page and "mer.txt" in page
    case = org_a.cases.get()
    assert case.messages.get().sender == "reporter"
    assert case.files.filter(message__isnull=False).count() == 1


def test_the_password_is_forgiving_about_case_and_separators(client, org_a):
    number, password = file_through_the_form(client, org_a)
    client.cookies.clear()
    response = log_in(client, org_a, f" {number} ", password.upper().replace("-", " "))
    assert response.status_code == 302


def test_the_reporter_can_log_out(client, org_a):
    number, password = file_through_the_form(client, org_a)
    log_in(client, org_a, number, password)
    client.post(reverse("reporter_logout", args=[org_a.slug]))
    response = client.get(reverse("inbox", args=[org_a.slug]))
    assert response.status_code == 302 and response["Location"].endswith("/login/")


def test_files_can_be_removed_before_sending(client, org_a):
    write(client, org_a, files=[("a.txt", b"A"), ("b.txt", b"B")])
    form = client.get(reverse("report_form", args=[org_a.slug])).content.decode()
    first_id = re.search(
        r'name="remove_files" value="([0-9a-f-]+)" id="remove-[^"]+"> '
        r"<label[^>]*>[^<]*a\.txt",
        form,
    ).group(1)
    response = write(client, org_a, remove_files=[first_id])
    assert response.status_code == 302
    review = client.get(response["Location"]).content.decode()
    assert "b.txt" in review and "a.txt" not in review


def test_editing_keeps_what_was_written(client, org_a):
    write(client, org_a, what_happened=DATA)
    form = client.get(reverse("report_form", args=[org_a.slug])).content.decode()
    assert DATA in form


def _file(name, content):
    from tests.journey import named_file

    return named_file(name, content)
