"""An oral report or a voice message: taken in memory, its voice disguised, and only
the disguised sound stored, as Opus in Ogg, encrypted like every file of a case.

The original recording is never written anywhere: it arrives in the encrypted
temporary file of the upload handler (its key only in memory), is read from there into
this process's memory, decoded and disguised there, and dropped when the request ends.
"""

import base64

from vissel.evidence import audio, disguise
from vissel.evidence.services import StagedFile, seal_new_file
from vissel.evidence.uploads import UploadProblem

# What the stored file is called: never the reporter's own file name, which may name
# them ("Annas inspelning.m4a").
RECORDING_NAME = "recording.ogg"
CHUNK = 1024 * 1024


class RecordingRefused(Exception):
    """Not a recording Vissel can take: code as audio.AudioRefused ("not_audio",
    "too_long", "empty", "damaged")."""

    def __init__(self, code: str, file_name: str):
        super().__init__(code)
        self.code = code
        self.file_name = file_name

    @property
    def problem(self) -> UploadProblem:
        """As the form's other file problems: its code starts with "recording_"."""
        return UploadProblem(f"recording_{self.code}", self.file_name)


def stage_recording(upload, max_seconds: float) -> StagedFile:
    """The upload's voice disguised and encrypted, ready to attach."""
    try:
        samples = audio.decode(b"".join(upload.chunks()), max_seconds)
    except audio.AudioRefused as refused:
        raise RecordingRefused(refused.code, (upload.name or "")[:200]) from None
    sound = audio.encode_opus(disguise.apply(samples, audio.SAMPLE_RATE, disguise.draw()))
    del samples
    file_id, storage_name, size, key = seal_new_file(
        sound[start : start + CHUNK] for start in range(0, len(sound), CHUNK)
    )
    return StagedFile(
        id=file_id,
        storage_name=storage_name,
        name=RECORDING_NAME,
        content_type="audio/ogg",
        size=size,
        cleaning={"kind": "audio", "outcome": "voice_disguised", "removed": [], "notes": []},
        key=base64.b64encode(key).decode(),
    )
