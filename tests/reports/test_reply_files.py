"""A reply whose files are partly refused, or whose text is missing, keeps the files
that were taken: the reporter chooses again only what was refused (reporter's
experience, broken 4)."""

import os

from django.urls import reverse

from tests.journey import file_through_the_form, log_in, named_file
from vissel.cases.models import Message
from vissel.cases.services import read_thread, unlock_as_reporter


def reply(client, organisation, body="", files=(), remove=()):
    data = {"body": body, "files": [named_file(n, c) for n, c in files]}
    if remove:
        data["remove_files"] = list(remove)
    return client.post(reverse("inbox_reply", args=[organisation.slug]), data)


def test_a_refused_reply_file_leaves_the_others_added_and_nothing_is_sent(client, org_a):
    number, password = file_through_the_form(client, org_a)
    log_in(client, org_a, number, password)
    org_a.max_file_mb = 1
    org_a.save()
    response = reply(
        client,
        org_a,
        body="Se bilagan",
        files=[("kvitto.txt", b"receipt"), ("film.bin", os.urandom(2 << 20))],
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "”film.bin” kom inte med" in page
    assert "Ta bort ”kvitto.txt”" in page
    assert "Se bilagan" in page
    assert not Message.objects.filter(case__case_number=number).exists()

    assert reply(client, org_a, body="Se bilagan").status_code == 302
    case = org_a.cases.get(case_number=number)
    thread = read_thread(case, unlock_as_reporter(case, password))
    assert [item.name for item in thread[-1].files] == ["kvitto.txt"]


def test_files_added_to_a_reply_without_text_wait_for_the_text(client, org_a):
    number, password = file_through_the_form(client, org_a)
    log_in(client, org_a, number, password)
    response = reply(client, org_a, body="", files=[("a.txt", b"a"), ("b.txt", b"b")])
    assert response.status_code == 400
    assert "Ta bort ”a.txt”" in response.content.decode()
    page = client.get(reverse("inbox", args=[org_a.slug])).content.decode()
    kept = page.split('name="remove_files" value="')[1:]
    removed = kept[0].split('"')[0]
    assert reply(client, org_a, body="Här", remove=[removed]).status_code == 302
    case = org_a.cases.get(case_number=number)
    thread = read_thread(case, unlock_as_reporter(case, password))
    assert [item.name for item in thread[-1].files] == ["b.txt"]
