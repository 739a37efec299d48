"""The whole journey against the real server, from a distinctive client address and
with a distinctive text in every field and file; then the database (the SQLite file, or
a PostgreSQL dump), the stored files and the server's log are searched: neither the
texts nor the address may appear anywhere."""

import os
import re
import secrets
import socket
import stat
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from tests.served import DEMO, browser_from, token_of

pytestmark = pytest.mark.served

CLIENT_ADDRESS = "127.77.66.55"
FORWARDED = {
    "X-Forwarded-For": "198.51.100.77",
    "X-Real-IP": "198.51.100.78",
    "Forwarded": "for=198.51.100.79",
    "CF-Connecting-IP": "198.51.100.80",
}


def marks() -> dict[str, str]:
    tag = secrets.token_hex(6)
    names = [
        "what",
        "where",
        "when",
        "who",
        "how",
        "name",
        "phone",
        "file_name",
        "file_text",
        "photo_name",
        "photo_exif",
        "reply",
        "reply_file_name",
        "reply_file_text",
    ]
    found = {name: f"Vsl{name.replace('_', '')}{tag}" for name in names}
    found["email"] = f"vslemail{tag}@example.se"
    return found


def jpeg_signed_by(artist: str) -> bytes:
    exif = Image.Exif()
    exif[0x013B] = artist
    out = BytesIO()
    Image.new("RGB", (8, 8), "green").save(out, "JPEG", exif=exif)
    return out.getvalue()


def variants(text: str) -> list[bytes]:
    raw = text.encode()
    return [raw, raw.hex().encode(), text.encode("utf-16-le")]


def run_the_journey(served, mark) -> None:
    browser = browser_from(CLIENT_ADDRESS, **FORWARDED)
    landing = browser.get(served.url(f"/{DEMO}/"))
    assert landing.status_code == 200
    form = browser.get(served.url(f"/{DEMO}/report/")).text
    response = browser.post(
        served.url(f"/{DEMO}/report/"),
        data={
            "csrfmiddlewaretoken": token_of(form),
            "category": "bribery",
            "what_happened": mark["what"],
            "where": mark["where"],
            "when": mark["when"],
            "who_involved": mark["who"],
            "how_known": mark["how"],
            "relationship": "none",
            "identity": "contact",
            "contact_name": mark["name"],
            "contact_phone": mark["phone"],
            "contact_email": mark["email"],
        },
        files=[
            ("files", (f"{mark['file_name']}.txt", mark["file_text"].encode() * 50, "text/plain")),
            (
                "files",
                (f"{mark['photo_name']}.jpg", jpeg_signed_by(mark["photo_exif"]), "image/jpeg"),
            ),
        ],
    )
    review = response.text
    assert response.url.endswith("/report/review/") and mark["what"] in review
    receipt = browser.post(
        served.url(f"/{DEMO}/report/send/"), data={"csrfmiddlewaretoken": token_of(review)}
    ).text
    number = re.search(r'id="case-number">(\d+)<', receipt).group(1)
    password = re.search(r'id="case-password">([^<]+)<', receipt).group(1)

    again = browser_from(CLIENT_ADDRESS, **FORWARDED)
    login_page = again.get(served.url(f"/{DEMO}/login/")).text
    inbox = again.post(
        served.url(f"/{DEMO}/login/"),
        data={
            "csrfmiddlewaretoken": token_of(login_page),
            "case_number": number,
            "password": password,
        },
    )
    assert mark["what"] in inbox.text and mark["email"] in inbox.text
    replied = again.post(
        served.url(f"/{DEMO}/inbox/reply/"),
        data={"csrfmiddlewaretoken": token_of(inbox.text), "body": mark["reply"]},
        files=[
            (
                "files",
                (f"{mark['reply_file_name']}.txt", mark["reply_file_text"].encode(), "text/plain"),
            )
        ],
    )
    assert mark["reply"] in replied.text and mark["reply_file_name"] in replied.text
    link = re.search(r'href="(/[^"]+/inbox/files/[^"]+)">' + mark["file_name"], replied.text)
    assert mark["file_text"].encode() in again.get(served.url(link.group(1))).content
    again.post(served.url(f"/{DEMO}/logout/"), data={"csrfmiddlewaretoken": token_of(replied.text)})
    # Pages that fail, too: a 404 and a malformed request, the kind servers log with
    # the client's address.
    assert browser.get(served.url(f"/{DEMO}/{mark['what']}/")).status_code == 404
    host, port = served.base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), source_address=(CLIENT_ADDRESS, 0)) as raw:
        raw.sendall(b"NONSENSE \x00\x01 HTTP/9.9\r\n\r\n")
        raw.recv(1024)


def test_nothing_readable_and_no_address_is_left_at_rest(served):
    mark = marks()
    run_the_journey(served, mark)
    at_rest = served.everything_at_rest()
    assert any(name.endswith(".vss") for name in at_rest)  # the files are there, encrypted
    assert at_rest["server log"], "the server logged nothing at all"
    needles = {
        **mark,
        "client address": CLIENT_ADDRESS,
        **{header: value.removeprefix("for=") for header, value in FORWARDED.items()},
    }
    leaks = [
        (what, place)
        for what, text in needles.items()
        for place, content in at_rest.items()
        if any(variant in content for variant in variants(text))
    ]
    assert leaks == []


def test_the_data_folder_is_its_owners_alone(served):
    """The database, the keys and the encrypted files: 0600 in folders of 0700
    (security review, finding 5)."""
    run_the_journey(served, marks())
    assert stat.S_IMODE(served.data_dir.stat().st_mode) == 0o700
    seen = set()
    for folder, dirs, names in os.walk(served.data_dir):
        for name in dirs:
            assert stat.S_IMODE((Path(folder) / name).stat().st_mode) == 0o700, name
        for name in names:
            path = Path(folder) / name
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
            seen.add(name)
    assert "key-encryption-key" in seen
    assert any(name.endswith(".vss") for name in seen)
    if not served.database_url:
        assert "vissel.sqlite3" in seen
