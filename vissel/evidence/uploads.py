"""An upload handler that encrypts as it receives.

Django's own handlers keep small uploads in memory and write larger ones to a plaintext
temporary file. This one writes every chunk, as it arrives, into an encrypted stream under
a new file key that exists only in this object's memory. A file that needs no cleaning is
kept as it was received: the stream becomes the case's file, and its key is sealed under
the case key with the file's name (so its bytes are encrypted once, never twice). Any
other file is deleted when the request ends; if the process dies first, what is left is
ciphertext whose key is gone.

It also applies the organisation's limits (per file, in total, number of files). When
one is passed it stops reading the request at once, instead of receiving the rest of a
file it will not keep: the form's fields (which come before the files) and the files
received whole are kept, and the problem is noted, so that the form can say so in the
reporter's language. The server then closes the connection after its answer.
"""

import os
import secrets
import uuid
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile, StopUpload

from vissel.crypto import aead, streams
from vissel.crypto.context import bound_to
from vissel.evidence.handover import InBackground
from vissel.evidence.storage import adopt, incoming_dir
from vissel.evidence.stores.disk import DiskFile
from vissel.evidence.stores.local import blur_times
from vissel.web.form_data import FormDataParser


@dataclass(frozen=True)
class UploadProblem:
    code: str  # "too_large", "total_too_large", "too_many", "refused", "selection_too_large"
    file_name: str


# What a multipart body carries besides its files: every text field of the report form
# at its longest, in UTF-8, with the parts' headers. A body longer than the files' total
# limit by more than this is refused before its first file is read.
FORM_ALLOWANCE = 1024 * 1024


def file_stream_context(file_id: str) -> bytes:
    """The associated data of a file's encrypted stream under its own key: the file's id,
    which its sealed metadata (under the case key) names with the key."""
    return bound_to("file", file_id, "stream")


class IncomingFile:
    """One upload being received: ciphertext on disk, key in memory."""

    def __init__(self):
        self.file_id = str(uuid.uuid4())
        self.key = aead.new_key()
        self.associated = file_stream_context(self.file_id)
        self.adopted = False
        self.finished = False
        self.path = incoming_dir() / secrets.token_hex(16)
        self._out = DiskFile(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        blur_times(self.path)
        # Encrypted here as it arrives, written to the disk by a thread of its own.
        self._to_disk = InBackground(self._out)
        self._writer = streams.StreamWriter(self.key, self.associated, self._to_disk)

    def write(self, data: bytes) -> None:
        self._writer.write(data)

    def finish(self) -> None:
        self._writer.close()
        self._to_disk.finish()
        self._out.finish()
        self.finished = True
        blur_times(self.path)

    def chunks(self):
        with open(self.path, "rb") as source:
            yield from streams.decrypt_stream(self.key, self.associated, source)

    @property
    def size(self) -> int:
        return self._writer.plaintext_bytes

    @property
    def complete(self) -> bool:
        return self.finished and not self.adopted and self.key is not None

    def adopt(self) -> tuple[str, bytes]:
        """Hand the finished stream to the store; returns its storage name and key."""
        if not self.complete:
            raise ValueError("not a finished upload")
        self.adopted = True
        return adopt(self.path), self.key

    def discard(self) -> None:
        self._to_disk.abandon()
        self._out.abandon()
        if not self.adopted:
            self.path.unlink(missing_ok=True)
        self.key = None


class EncryptedUpload(UploadedFile):
    """What a view receives in request.FILES: reads decrypt on the fly."""

    def __init__(self, incoming: IncomingFile, name: str, content_type: str, size: int):
        super().__init__(file=None, name=name, content_type=content_type, size=size)
        self.incoming = incoming

    def chunks(self, chunk_size=None):
        return self.incoming.chunks()

    def multiple_chunks(self, chunk_size=None):
        return True

    def read(self, *args):
        return b"".join(self.chunks())

    def open(self, mode=None):
        return self

    def close(self):
        # Called by Django when the request ends (HttpRequest.close).
        self.incoming.discard()

    def __repr__(self):  # never the file's name: it is the reporter's words
        return "<EncryptedUpload>"


class EncryptingUploadHandler(FileUploadHandler):
    chunk_size = streams.CHUNK_BYTES

    def __init__(self, request=None):
        super().__init__(request)
        organisation = getattr(request, "organisation", None)
        self.max_file = organisation.max_file_bytes if organisation else 0
        self.max_total = organisation.max_total_bytes if organisation else 0
        self.max_files = organisation.max_files if organisation else 0
        self.total = 0
        self.count = 0
        self.incoming = None
        self.received = 0
        self.body_length = 0
        if request is not None:
            request.upload_problems = []
            request.upload_stopped = False
            request.incoming_files = []

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.body_length = content_length or 0
        # Django's documented hook for a parser of one's own: see vissel.web.form_data.
        handlers = self.request.upload_handlers if self.request is not None else [self]
        return FormDataParser(META, input_data, handlers, encoding).parse()

    def _refuse(self, code: str, stopped_at_file: bool = True):
        if self.incoming:
            self.incoming.discard()
            self.incoming = None
        name = (self.file_name or "") if stopped_at_file else ""
        self.request.upload_problems.append(UploadProblem(code, name))
        self.request.upload_stopped = stopped_at_file
        # Read no further: what came before is kept, the rest is not waited for.
        raise StopUpload(connection_reset=True)

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        if not self.file_name:
            raise SkipFile  # an empty file input
        if self.request is None or not self.max_files:
            raise SkipFile  # uploads are taken only on an organisation's pages
        self.count += 1
        if self.count > self.max_files:
            self._refuse("too_many")
        if self.count == 1 and self.body_length > self.max_total + FORM_ALLOWANCE:
            # Known from the body's length alone, before any file is read.
            self._refuse("selection_too_large", stopped_at_file=False)
        self.incoming = IncomingFile()
        self.request.incoming_files.append(self.incoming)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.max_file:
            self._refuse("too_large")
        if self.total + self.received > self.max_total:
            self._refuse("total_too_large")
        self.incoming.write(raw_data)
        return None

    def file_complete(self, file_size):
        incoming, self.incoming = self.incoming, None
        incoming.finish()
        self.total += file_size
        return EncryptedUpload(incoming, self.file_name, self.content_type, file_size)

    def upload_interrupted(self):
        if self.incoming:
            self.incoming.discard()
            self.incoming = None
