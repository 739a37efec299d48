"""The voice recorder beside an oral report's file input (recorder.js), in Chromium with a
fake microphone that speaks a Swedish sentence made by espeak-ng. The page is our own,
served by Playwright's routing on http://localhost (a secure context, so the microphone
may be asked for) under the site's Content-Security-Policy and Permissions-Policy,
together with the real recorder.js, upload.js and vissel.css: it does not wait for the
report form. The recording goes into the file input and leaves the browser only with the
form; the microphone is released as soon as recording stops; without a microphone, or
without permission, or without MediaRecorder, the file input is all there is, and says
so."""

import email
import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.conftest import CHROMIUM, FLAGS
from vissel.web.middleware import PERMISSIONS_POLICY

pytestmark = [pytest.mark.browser]

STATIC = Path(__file__).resolve().parents[2] / "vissel" / "web" / "static" / "vissel"
ORIGIN = "http://localhost"
PAGE = f"{ORIGIN}/muntlig/"
DENIED = (
    "Du har inte gett webbläsaren lov att använda mikrofonen. Välj en ljudfil i stället, "
    "eller ge lov och försök igen."
)
UNSUPPORTED = "Det går inte att spela in i den här webbläsaren. Välj en ljudfil i stället."
RECORDED = "Inspelningen är klar och läggs till när du fortsätter."

HTML = f"""<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Muntlig anmälan</title>
<link rel="stylesheet" href="/static/vissel/vissel.css">
<script src="/static/vissel/upload.js" defer></script>
<script src="/static/vissel/recorder.js" defer></script>
</head><body><main class="wrap">
<form data-upload-form method="post" action="{PAGE}" enctype="multipart/form-data">
<div class="field"><label for="id_recording">Inspelning</label>
<input type="file" name="recording" accept="audio/*" id="id_recording"
       data-recorder
       data-max-seconds="900"
       data-record="Spela in" data-stop="Stoppa" data-again="Spela in igen"
       data-listen="Lyssna på din inspelning" data-recording="Spelar in" data-recorded="{RECORDED}"
       data-unsupported="{UNSUPPORTED}"
       data-denied="{DENIED}">
</div>
<button type="submit" class="primary">Fortsätt</button>
</form></main></body></html>"""

# Test-only, from the outside: every track the page is given, so that the test can see
# that the microphone has been released. recorder.js has no hooks of its own.
TRACKS_HOOK = """
window.__tracks = [];
if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
  const ask = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = (constraints) => ask(constraints).then((stream) => {
    window.__tracks.push(...stream.getTracks());
    return stream;
  });
}
"""
TRACK_STATES = "() => window.__tracks.map((track) => track.kind + ':' + track.readyState)"
FILES = """() => [...document.querySelector('#id_recording').files].map(
  (f) => ({name: f.name, type: f.type, size: f.size}))"""


def site_policy(media_src: str | None) -> str:
    """The site's Content-Security-Policy, with media-src set as given (or left out)."""
    directives = dict(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])
    directives.pop("media-src", None)
    if media_src:
        directives["media-src"] = [media_src]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


# Playback of the local recording needs media-src blob: (the site's default-src is
# 'none'); without it the player is hidden and the recording still goes with the form.
PLAYABLE = site_policy("blob:")
NO_MEDIA = site_policy(None)


def launch(chromium, *extra):
    # The session's Playwright (a second sync_playwright() in one thread is refused).
    return chromium.browser_type.launch(executable_path=CHROMIUM, args=FLAGS + list(extra))


@pytest.fixture(scope="module")
def with_microphone(chromium, speech_file):
    browser = launch(
        chromium,
        "--use-fake-ui-for-media-stream",  # the permission prompt says yes
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={speech_file}",
    )
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def without_permission(chromium, speech_file):
    """A microphone is there, but no fake prompt to say yes (which would even override a
    permission set to denied): the test refuses the microphone itself."""
    browser = launch(
        chromium,
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={speech_file}",
    )
    yield browser
    browser.close()


class Site:
    """Our page and the site's static files, answered by Playwright, never the network."""

    def __init__(self, browser, policy: str, init_script: str = TRACKS_HOOK, **options):
        self.context = browser.new_context(locale="sv-SE", **options)
        self.context.set_default_timeout(5000)  # a broken recorder fails fast
        self.context.add_init_script(init_script)
        self.posts: list[email.message.Message] = []
        self.requests: list[str] = []
        self.policy = policy
        self.context.route("**/*", self.answer)
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.goto(PAGE)

    def answer(self, route):
        request = route.request
        path = request.url.removeprefix(ORIGIN)
        if request.url.startswith(PAGE) and request.method == "POST":
            self.posts.append(
                email.message_from_bytes(
                    f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode()
                    + request.post_data_buffer
                )
            )
        if request.url.startswith(PAGE):
            route.fulfill(
                status=200,
                content_type="text/html; charset=utf-8",
                body=HTML,
                headers={
                    "Content-Security-Policy": self.policy,
                    "Permissions-Policy": PERMISSIONS_POLICY,
                },
            )
        elif path.startswith("/static/vissel/") and (STATIC / path.rsplit("/", 1)[1]).is_file():
            name = path.rsplit("/", 1)[1]
            kind = "text/css" if name.endswith(".css") else "text/javascript"
            route.fulfill(status=200, content_type=kind, body=(STATIC / name).read_bytes())
        else:
            route.fulfill(status=404, body="")

    def sent_files(self, index: int = -1) -> list[tuple[str, str, bytes]]:
        return [
            (part.get_filename(), part.get_content_type(), part.get_payload(decode=True))
            for part in self.posts[index].walk()
            if part.get_filename()
        ]

    def close(self):
        self.context.close()


@pytest.fixture
def site(with_microphone):
    sites = []

    def open_(policy: str = PLAYABLE, **kwargs) -> Site:
        sites.append(Site(with_microphone, policy, **kwargs))
        return sites[-1]

    yield open_
    for each in sites:
        each.close()


def recorder_parts(page):
    box = page.locator(".recorder")
    return {
        "record": box.get_by_role("button", name="Spela in", exact=True),
        "stop": box.get_by_role("button", name="Stoppa"),
        "again": box.get_by_role("button", name="Spela in igen"),
        "timer": box.locator(".recorder-timer"),
        "live": box.locator("[aria-live=polite]"),
        "audio": box.locator("audio"),
        "problem": box.locator("[role=alert]"),
    }


def wait_for_timer(page, at: str):
    page.wait_for_function(
        "(at) => document.querySelector('.recorder-timer').textContent === at", arg=at
    )


def focused(page) -> str:
    return page.evaluate(
        "() => document.activeElement.textContent || document.activeElement.tagName"
    )


def test_record_listen_record_again_and_send_with_the_form(site):
    s = site()
    page = s.page
    parts = recorder_parts(page)
    assert parts["record"].is_visible()
    assert not parts["stop"].is_visible() and not parts["again"].is_visible()
    assert page.locator("#id_recording").is_visible()  # a file may be chosen instead
    box = parts["record"].bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24

    # By keyboard: Record, and the focus moves to Stop.
    parts["record"].focus()
    page.keyboard.press("Enter")
    parts["stop"].wait_for(state="visible")
    assert focused(page) == "Stoppa" and not parts["record"].is_visible()
    assert page.locator(".recorder").get_by_text("Spelar in", exact=True).is_visible()
    assert re.fullmatch(r"0:0[01] / 15:00", parts["timer"].inner_text())
    assert parts["timer"].get_attribute("aria-hidden") == "true"
    assert parts["live"].text_content() == "Spelar in 0:00 / 15:00"  # said now, not each second
    assert page.evaluate(TRACK_STATES) == ["audio:live"]
    wait_for_timer(page, "0:01 / 15:00")
    wait_for_timer(page, "0:02 / 15:00")  # it counts
    assert parts["live"].text_content() == "Spelar in 0:00 / 15:00"
    asked_before_stop = list(s.requests)

    page.keyboard.press("Enter")  # Stop
    parts["audio"].wait_for(state="visible")
    assert page.evaluate(TRACK_STATES) == ["audio:ended"]  # the microphone is released
    (first,) = page.evaluate(FILES)
    assert first["name"] == "recording.webm" and first["type"] == "audio/webm"
    assert first["size"] > 1024
    assert parts["audio"].get_attribute("aria-label") == "Lyssna på din inspelning"
    assert parts["audio"].evaluate("audio => audio.controls && audio.src.startsWith('blob:')")
    page.wait_for_function("() => document.querySelector('.recorder audio').readyState >= 1")
    assert parts["audio"].evaluate("audio => audio.error") is None  # it can be played
    assert focused(page) == "AUDIO"
    assert page.locator(".recorder-done").inner_text() == RECORDED
    assert parts["live"].text_content() == RECORDED
    assert parts["again"].is_visible() and not parts["stop"].is_visible()
    assert s.requests == asked_before_stop  # nothing was sent anywhere

    # Record again: the first recording is discarded at once, and a new one made.
    parts["again"].click()
    parts["stop"].wait_for(state="visible")
    assert page.evaluate(FILES) == []
    assert not parts["audio"].is_visible()
    assert parts["audio"].get_attribute("src") is None
    wait_for_timer(page, "0:01 / 15:00")
    parts["stop"].click()
    parts["audio"].wait_for(state="visible")
    (second,) = page.evaluate(FILES)
    assert second["name"] == "recording.webm" and 1024 < second["size"] < first["size"]
    assert page.evaluate(TRACK_STATES) == ["audio:ended", "audio:ended"]

    # The form (through upload.js) carries it; the page it gets back has a fresh recorder.
    page.get_by_role("button", name="Fortsätt").click()
    page.locator(".recorder[data-state=idle]").wait_for()
    ((name, kind, data),) = s.sent_files()
    assert (name, kind, len(data)) == ("recording.webm", "audio/webm", second["size"])
    assert data.startswith(b"\x1a\x45\xdf\xa3")  # EBML: a real WebM file
    assert page.locator(".recorder").count() == 1
    assert recorder_parts(page)["record"].is_visible()


def test_sent_while_recording_the_recording_is_finished_and_goes_with_the_form(site):
    s = site()
    page = s.page
    parts = recorder_parts(page)
    parts["record"].click()
    parts["stop"].wait_for(state="visible")
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Fortsätt").click()
    page.locator(".recorder[data-state=idle]").wait_for()  # sent, and the page replaced
    ((name, kind, data),) = s.sent_files()
    assert name == "recording.webm" and kind == "audio/webm" and len(data) > 1024
    assert len(s.posts) == 1
    assert page.evaluate(TRACK_STATES) == ["audio:ended"]


def test_a_file_chosen_by_hand_replaces_the_recording(site):
    s = site(policy=NO_MEDIA)
    page = s.page
    parts = recorder_parts(page)
    parts["record"].click()
    parts["stop"].wait_for(state="visible")
    page.wait_for_timeout(500)
    parts["stop"].click()
    parts["again"].wait_for(state="visible")
    assert page.evaluate(FILES)[0]["name"] == "recording.webm"
    # Where the policy forbids playing it, the player is hidden; the recording stays.
    page.wait_for_function("() => document.querySelector('.recorder audio').hidden")
    assert focused(page) == "Spela in igen"

    page.set_input_files(
        "#id_recording",
        files=[{"name": "samtal.ogg", "mimeType": "audio/ogg", "buffer": b"OggS" + bytes(2000)}],
    )
    parts["record"].wait_for(state="visible")
    assert [f["name"] for f in page.evaluate(FILES)] == ["samtal.ogg"]
    assert not parts["again"].is_visible() and not parts["audio"].is_visible()
    assert parts["audio"].get_attribute("src") is None
    assert not page.locator(".recorder-done").is_visible()


def says_denied(page):
    parts = recorder_parts(page)
    parts["record"].click()
    parts["problem"].wait_for(state="visible")
    assert parts["problem"].inner_text() == DENIED
    assert parts["record"].is_visible() and not parts["stop"].is_visible()
    assert page.evaluate(FILES) == []
    assert page.locator("#id_recording").is_visible()


def test_without_permission_it_says_so_and_the_file_input_stays(without_permission):
    s = Site(without_permission, PLAYABLE)
    try:
        cdp = s.context.new_cdp_session(s.page)
        context_id = cdp.send("Target.getTargetInfo")["targetInfo"]["browserContextId"]
        cdp.send(
            "Browser.setPermission",
            {
                "permission": {"name": "microphone"},
                "setting": "denied",
                "origin": ORIGIN,
                "browserContextId": context_id,
            },
        )
        state = "() => navigator.permissions.query({name: 'microphone'}).then((p) => p.state)"
        assert s.page.evaluate(state) == "denied"
        says_denied(s.page)
        assert s.page.evaluate(TRACK_STATES) == []
    finally:
        s.close()


def test_without_a_microphone_it_says_so_too(chromium):
    """The session's Chromium has no fake devices: permission given, nothing to record."""
    s = Site(chromium, PLAYABLE, permissions=["microphone"])
    try:
        inputs = s.page.evaluate(
            "() => navigator.mediaDevices.enumerateDevices()"
            ".then((all) => all.filter((d) => d.kind === 'audioinput').length)"
        )
        if inputs:
            pytest.skip("this machine has a microphone")
        says_denied(s.page)
    finally:
        s.close()


def test_without_media_recorder_it_says_so_and_offers_no_buttons(site):
    s = site(init_script="delete window.MediaRecorder")
    page = s.page
    note = page.locator(".recorder .recorder-unsupported")
    note.wait_for(state="visible")
    assert note.inner_text() == UNSUPPORTED
    assert page.locator(".recorder button").count() == 0
    assert page.locator("#id_recording").is_visible()
