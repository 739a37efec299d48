"""Uploads are encrypted as they arrive; limits come back as clear messages. (That no
plaintext exists while an upload arrives is checked against the real server, from
outside, in test_uploads_served.py.)"""

import os
from io import BytesIO

from django.urls import reverse
from PIL import Image

from tests.evidence import samples
from tests.journey import file_through_the_form, named_file, write
from vissel.cases.services import read_report, report_files, unlock_as_reporter
from vissel.crypto.lock import CaseLock
from vissel.evidence.models import EvidenceFile
from vissel.evidence.services import open_stream

MARK = b"UPLOAD-PLAINTEXT-MARK-7f3a9c"


def files_on_disk(*roots):
    for root in roots:
        for folder, _dirs, names in os.walk(root):
            for name in names:
                yield os.path.join(folder, name)


def test_the_encrypted_temporary_upload_is_gone_when_the_request_ends(client, org_a, settings):
    write(client, org_a, files=[("a.txt", b"one"), ("b.txt", b"two")])
    assert list((settings.VISSEL_FILES_DIR / "incoming").iterdir()) == []


def test_a_photo_is_stored_without_its_gps_position(client, org_a):
    number, password = file_through_the_form(
        client, org_a, files=[("IMG_0001.jpg", samples.jpeg_with_gps())]
    )
    case = org_a.cases.get(case_number=number)
    lock = unlock_as_reporter(case, password)
    stored = b"".join(open_stream(EvidenceFile.objects.get(case=case), lock))
    assert samples.AUTHOR.encode() not in stored and samples.XMP_MARK.encode() not in stored
    image = Image.open(BytesIO(stored))
    assert not image.getexif().get_ifd(0x8825)
    described = report_files(case, lock)[0]
    assert described.name == "IMG_0001.jpg" and "gps" in described.cleaning["removed"]


def test_the_review_tells_what_was_removed_from_each_file(client, org_a):
    response = write(
        client, org_a, files=[("IMG_0001.jpg", samples.jpeg_with_gps()), ("notes.txt", b"text")]
    )
    page = client.get(response["Location"]).content.decode()
    assert "platsen där bilden togs (GPS-position)" in page
    assert "Metadata kan inte tas bort ur den här filtypen" in page


def test_a_file_over_the_per_file_limit_is_refused_by_name_and_the_others_are_kept(
    client, org_a, settings
):
    org_a.max_file_mb = 1
    org_a.save()
    response = write(
        client,
        org_a,
        files=[("liten.txt", b"small"), ("stor.bin", os.urandom(1024 * 1024 + 1))],
        what_happened="Kept text",
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "”stor.bin” kom inte med: filen är större än 1 MB" in page
    assert "Ta bort ”liten.txt”" in page  # kept, listed as added
    assert "Kept text" in page
    assert [name for name in os.listdir(settings.VISSEL_FILES_DIR / "incoming")] == []
    # Only the small file is stored (encrypted) for the draft.
    stored = [path for path in files_on_disk(settings.VISSEL_FILES_DIR) if "incoming" not in path]
    assert len(stored) == 1 and os.path.getsize(stored[0]) < 1024 * 1024


def test_too_many_files_are_refused_and_the_first_ones_kept(client, org_a):
    org_a.max_files = 2
    org_a.save()
    response = write(client, org_a, files=[(f"{n}.txt", b"x") for n in range(3)])
    page = response.content.decode()
    assert response.status_code == 400
    assert "”2.txt” kom inte med: du kan skicka högst 2 filer." in page
    assert "Ta bort ”0.txt”" in page and "Ta bort ”1.txt”" in page


def test_files_over_the_total_limit_are_refused(client, org_a):
    org_a.max_total_mb = 1
    org_a.save()
    half = os.urandom(600 * 1024)
    response = write(client, org_a, files=[("a.bin", half), ("b.bin", half)])
    page = response.content.decode()
    assert response.status_code == 400
    assert "”b.bin” kom inte med: tillsammans skulle filerna bli större än 1 MB" in page
    assert "Ta bort ”a.bin”" in page


def test_a_kept_file_goes_with_the_report_once_the_rest_is_right(client, org_a):
    org_a.max_file_mb = 1
    org_a.save()
    write(client, org_a, files=[("liten.txt", b"small"), ("stor.bin", os.urandom(2 << 20))])
    number, password = file_through_the_form(client, org_a)
    case = org_a.cases.get(case_number=number)
    names = [item.name for item in report_files(case, unlock_as_reporter(case, password))]
    assert names == ["liten.txt"]


def test_the_total_limit_counts_files_already_in_the_draft(client, org_a):
    org_a.max_total_mb = 1
    org_a.save()
    assert write(client, org_a, files=[("a.bin", os.urandom(600 * 1024))]).status_code == 302
    response = write(client, org_a, files=[("b.bin", os.urandom(600 * 1024))])
    assert response.status_code == 400


def test_a_reply_file_is_encrypted_under_the_case_key(client, org_a):
    from tests.journey import log_in

    number, password = file_through_the_form(client, org_a)
    log_in(client, org_a, number, password)
    client.post(
        reverse("inbox_reply", args=[org_a.slug]),
        {"body": "Mer", "files": [named_file("more.txt", MARK)]},
    )
    case = org_a.cases.get()
    lock = unlock_as_reporter(case, password)
    row = EvidenceFile.objects.get(case=case, message__isnull=False)
    assert b"".join(open_stream(row, lock)) == MARK
    assert isinstance(lock, CaseLock) and read_report(case, lock)["what_happened"]
