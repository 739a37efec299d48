"""An oral report without JavaScript (seed S4): the reporter chooses to speak, sends a
recording with the form, hears the disguised version on the review page (an <audio>
element, seekable with byte ranges) and sends; the case is oral and carries only the
disguised recording. A file that is not sound, or none at all, gets a clear message
and the rest of the form is kept."""

from django.urls import reverse

from tests.factories import report_fields
from tests.journey import named_file, receipt_of, send
from vissel.cases.models import Channel
from vissel.cases.services import report_files, unlock_as_reporter
from vissel.evidence import audio


def speak(client, organisation, recording=None, **overrides):
    data = report_fields(channel="oral", what_happened="", **overrides)
    if recording is not None:
        data["recording"] = recording
    return client.post(reverse("report_form", args=[organisation.slug]), data)


def test_an_oral_report_is_heard_disguised_before_sending_and_sent_as_oral(client, org_a, speech):
    response = speak(client, org_a, named_file("min röst.wav", speech))
    assert response.status_code == 302, response.content.decode()[:2000]
    review = client.get(reverse("report_review", args=[org_a.slug])).content.decode()
    assert 'id="recording-preview"' in review

    heard = client.get(reverse("report_recording", args=[org_a.slug]))
    body = b"".join(heard.streaming_content)
    assert heard["Content-Type"] == "audio/ogg" and body[:4] == b"OggS"
    assert heard["Accept-Ranges"] == "bytes" and int(heard["Content-Length"]) == len(body)
    assert audio.decode(body, 60).size > audio.SAMPLE_RATE  # a real recording

    part = client.get(reverse("report_recording", args=[org_a.slug]), HTTP_RANGE="bytes=100-199")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 100-199/{len(body)}"
    assert b"".join(part.streaming_content) == body[100:200]

    number, password = receipt_of(send(client, org_a))
    case = org_a.cases.get(case_number=number)
    assert case.channel == Channel.ORAL
    files = report_files(case, unlock_as_reporter(case, password))
    assert [(item.name, item.content_type) for item in files] == [("recording.ogg", "audio/ogg")]


def test_choosing_to_speak_without_a_recording_is_answered_and_the_text_kept(client, org_a):
    response = speak(client, org_a, where="Förrådet")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Spela in din anmälan, eller välj en ljudfil med den." in page
    assert "Förrådet" in page


def test_a_recording_that_is_not_sound_is_refused_by_name(client, org_a):
    response = speak(client, org_a, named_file("protokoll.pdf", b"%PDF-1.7\n" + bytes(3000)))
    page = response.content.decode()
    assert response.status_code == 400
    assert "protokoll.pdf" in page
    assert client.get(reverse("report_recording", args=[org_a.slug])).status_code == 404


def test_writing_after_all_drops_the_recording(client, org_a, speech):
    assert speak(client, org_a, named_file("röst.wav", speech)).status_code == 302
    written = client.post(
        reverse("report_form", args=[org_a.slug]), report_fields(channel="written")
    )
    assert written.status_code == 302
    assert client.get(reverse("report_recording", args=[org_a.slug])).status_code == 404
    number, password = receipt_of(send(client, org_a))
    case = org_a.cases.get(case_number=number)
    assert case.channel == Channel.WRITTEN
    assert report_files(case, unlock_as_reporter(case, password)) == []


def test_the_reporter_and_the_screener_play_the_disguised_recording_in_the_page(
    client, org_a, speech, cast
):
    from django.test import Client

    from tests.journey import log_in
    from tests.staff.helpers import log_in_staff

    assert speak(client, org_a, named_file("röst.wav", speech)).status_code == 302
    number, password = receipt_of(send(client, org_a))
    log_in(client, org_a, number, password)
    inbox = client.get(reverse("inbox", args=[org_a.slug])).content.decode()
    source = inbox.split('<audio controls preload="none" src="', 1)[1].split('"', 1)[0]
    played = client.get(source.replace("&amp;", "&"), HTTP_RANGE="bytes=0-3")
    assert played.status_code == 206 and b"".join(played.streaming_content) == b"OggS"
    assert played["Content-Disposition"] == "inline"
    downloaded = client.get(source.split("?")[0])
    assert downloaded["Content-Disposition"].startswith("attachment")

    screener = Client()
    log_in_staff(screener, cast.screener_a)
    case = org_a.cases.get(case_number=number)
    page = screener.get(reverse("staff_case", args=[org_a.slug, case.pk]))
    assert '<audio controls preload="none"' in page.content.decode()


def test_the_reporter_sends_a_voice_message_disguised(client, org_a, speech):
    from tests.journey import file_through_the_form, log_in
    from vissel.cases.services import read_thread

    number, password = file_through_the_form(client, org_a)
    log_in(client, org_a, number, password)
    reply = reverse("inbox_reply", args=[org_a.slug])
    empty = client.post(reply, {"body": ""})
    assert empty.status_code == 400 and "Skriv ett meddelande." in empty.content.decode()

    refused = client.post(
        reply,
        {"body": "", "recording": named_file("anteckning.txt", b"not sound at all " * 50)},
    )
    assert refused.status_code == 400 and "anteckning.txt" in refused.content.decode()

    sent = client.post(reply, {"body": "", "recording": named_file("röst.m4a", speech)})
    assert sent.status_code == 302, sent.content.decode()[:2000]
    case = org_a.cases.get(case_number=number)
    (message,) = read_thread(case, unlock_as_reporter(case, password))
    assert [(item.name, item.content_type) for item in message.files] == [
        ("recording.ogg", "audio/ogg")
    ]
    inbox = client.get(reverse("inbox", args=[org_a.slug])).content.decode()
    assert inbox.count('<audio controls preload="none"') == 1
