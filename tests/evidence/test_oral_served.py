"""No byte of the original recording reaches the disk during an oral submission: a
distinctive signal is written into the recording's samples, the upload is sent slowly to
the real server, and in the middle of it, and afterwards, the server's open files and
everything it wrote (its data folder, the temporary folder, its log) are searched for
the signal and for the recording's own header."""

import os
import tempfile
import time
from pathlib import Path

import pytest

from tests.evidence.test_uploads_served import files_under, open_files_of
from tests.served import raw_upload
from tests.speech import swedish_speech

pytestmark = pytest.mark.served

SIGNAL = b"ORAL-ORIGINAL-SIGNAL-93b1d7"


def marked_recording(folder: Path) -> bytes:
    """Swedish speech as WAV, with the signal written into its samples now and then (it
    sounds as a click; the recording stays a valid WAV of the same length)."""
    wav = bytearray(swedish_speech(folder))
    data = wav.index(b"data") + 8
    for at in range(data + 4000, len(wav) - 100, 8000):
        at -= (at - data) % 2  # keep whole 16-bit samples
        wav[at : at + len(SIGNAL)] = SIGNAL
    return bytes(wav)


def test_the_original_recording_never_reaches_the_disk(served, tmp_path):
    recording = marked_recording(tmp_path)
    assert recording.count(SIGNAL) > 5
    upload = raw_upload(
        served,
        {
            "category": "bribery",
            "channel": "oral",
            "relationship": "employee",
            "identity": "anonymous",
        },
        "recording",
        "min röst.wav",
        "audio/wav",
    )
    body = upload.head + recording + upload.tail
    started = time.time() - 1
    roots = (served.data_dir, Path(tempfile.gettempdir()))

    def nothing_holds_the_original():
        (worker,) = served.worker_pids()
        for path in open_files_of(worker) + files_under(*roots, newer_than=started):
            if path.is_relative_to(tmp_path):
                continue  # the test's own copy, not the server's
            try:
                content = path.read_bytes()
            except (FileNotFoundError, PermissionError, IsADirectoryError):
                continue
            assert SIGNAL not in content, path
            assert recording[:64] not in content, path

    with upload.connect(timeout=60) as raw:
        raw.sendall(upload.request_head(len(body)))
        half = len(upload.head) + len(recording) // 2
        raw.sendall(body[:half])
        time.sleep(0.5)  # received and written (encrypted) so far
        nothing_holds_the_original()
        raw.sendall(body[half:])
        answer = raw.recv(65536)
    assert answer.startswith(b"HTTP/1.1 302"), answer[:300]
    assert b"/report/review/" in answer
    nothing_holds_the_original()
    log = served.log_path.read_bytes()
    assert SIGNAL not in log and "min röst".encode() not in log
    assert os.path.exists(served.data_dir)
