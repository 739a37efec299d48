"""From an upload to a file of a case: clean, encrypt, attach.

Each file is an encrypted stream under a key of its own, bound to the file's id; that key
is sealed under the case key with the file's name and type (`encrypted_meta`, bound to
the case, the file and its message). So a file opens only through its case, and an
upload that needs no cleaning is kept as the stream it arrived in, encrypted once. Files
stored before per-file keys have no key in their metadata and are encrypted under the
case key itself (`file_context`); they still open."""

import base64
import itertools
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import date

from vissel.crypto import aead
from vissel.crypto.context import case_field
from vissel.crypto.lock import CaseLock
from vissel.evidence import cleaning, storage
from vissel.evidence.models import EvidenceFile
from vissel.evidence.uploads import UploadProblem, file_stream_context

MAX_NAME_LENGTH = 200


def file_context(case_id, file_id) -> bytes:
    """A file stored before per-file keys: its stream is under the case key."""
    return case_field(case_id, f"file:{file_id}")


def meta_field(file_id, message_id) -> str:
    """The message a file belongs to (or the report: none) is bound into its sealed
    name and description, so a file cannot be moved to another message unnoticed."""
    return f"file-meta:{file_id}:{message_id or 'report'}"


class CleanedFile:
    """What a file's cleaning report says of it, for a staged file and a case file."""

    cleaning: dict

    @property
    def is_disguised_recording(self) -> bool:
        """Sound that Vissel encoded itself (a voice it disguised): safe to play inline.
        The mark is sealed with the file's name, so no upload can claim it."""
        return self.cleaning.get("outcome") == "voice_disguised"


@dataclass
class StagedFile(CleanedFile):
    """A cleaned, encrypted file waiting to be attached (in a draft or a reply).
    Lives in the (encrypted) session; the bytes are already ciphertext on disk."""

    id: str
    storage_name: str
    name: str
    content_type: str
    size: int
    cleaning: dict = field(default_factory=dict)
    key: str = ""  # base64: the file's own key ("" for a file under the case key)

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "StagedFile":
        return cls(**data)


def _slices(data: bytes, size: int = 1024 * 1024) -> Iterator[bytes]:
    view = memoryview(data)
    for start in range(0, len(view), size):
        yield bytes(view[start : start + size])


class FileRefused(Exception):
    """A file that would unpack to far more than it is (a decompression bomb, or close to
    one): it cannot be checked for metadata, and is not kept."""

    def __init__(self, file_name: str):
        super().__init__("file refused")
        self.file_name = file_name


class UploadLimitExceeded(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code  # "too_many" or "total_too_large"


def check_upload_limits(organisation, uploads, kept=()) -> None:
    """The organisation's limits for one report or message, counting files kept from
    before (a draft's)."""
    if len(kept) + len(uploads) > organisation.max_files:
        raise UploadLimitExceeded("too_many")
    total = sum(item.size for item in kept) + sum(upload.size for upload in uploads)
    if total > organisation.max_total_bytes:
        raise UploadLimitExceeded("total_too_large")


@dataclass
class Staging:
    """What became of one form's files: those kept, and those refused with why."""

    staged: list[StagedFile]
    problems: list[UploadProblem]


def stage_what_fits(organisation, uploads, kept=()) -> Staging:
    """Each upload, in the order chosen, that fits the organisation's limits (counting
    files kept from before): cleaned and encrypted under the case key. A file over a
    limit, or one that cannot be cleaned, is named and left out; the others are kept,
    so that the reporter chooses again only what was refused."""
    count = len(kept)
    total = sum(item.size for item in kept)
    staging = Staging(staged=[], problems=[])
    try:
        for upload in uploads:
            name = (upload.name or "file")[:MAX_NAME_LENGTH]
            if count + 1 > organisation.max_files:
                staging.problems.append(UploadProblem("too_many", name))
                continue
            if total + upload.size > organisation.max_total_bytes:
                staging.problems.append(UploadProblem("total_too_large", name))
                continue
            try:
                staging.staged.append(_stage_upload(upload))
            except FileRefused:
                staging.problems.append(UploadProblem("refused", name))
                continue
            count += 1
            total += upload.size
    except BaseException:
        discard_staged(staging.staged)
        raise
    return staging


def stage_uploads(uploads) -> list[StagedFile]:
    """Every upload of one form, cleaned and encrypted under the case key; all or none:
    if one fails (refused, or anything else), those staged already are deleted. The one
    way in for the report form, the reporter's reply and a handler's message."""
    staged: list[StagedFile] = []
    try:
        for upload in uploads:
            staged.append(_stage_upload(upload))
    except BaseException:
        discard_staged(staged)
        raise
    return staged


def seal_new_file(chunks) -> tuple[str, str, int, bytes]:
    """Encrypt `chunks` under a new file key into the store: (file id, storage name,
    plaintext size, key)."""
    file_id = str(uuid.uuid4())
    key = aead.new_key()
    storage_name, size = storage.write_encrypted(key, file_stream_context(file_id), chunks)
    return file_id, storage_name, size, key


def _stage_upload(upload) -> StagedFile:
    """Clean the upload's metadata where its kind allows, and keep it encrypted. Memory
    stays flat for files that are not cleaned: the stream they arrived in is kept."""
    chunks = iter(upload.chunks())
    head = next(chunks, b"")
    kind = cleaning.kind_of(head[:1024])
    incoming = getattr(upload, "incoming", None)
    if cleaning.is_cleanable(kind, upload.size):
        cleaned, report = cleaning.clean(head + b"".join(chunks))
        if report.outcome == "refused":
            raise FileRefused((upload.name or "file")[:MAX_NAME_LENGTH])
        file_id, storage_name, size, key = seal_new_file(_slices(cleaned))
    else:
        report = cleaning.report_for_uncleaned(kind, upload.size)
        if incoming is not None and incoming.complete:  # kept as it arrived
            if hasattr(chunks, "close"):
                chunks.close()
            file_id, size = incoming.file_id, incoming.size
            storage_name, key = incoming.adopt()
        else:
            file_id, storage_name, size, key = seal_new_file(itertools.chain([head], chunks))
    return StagedFile(
        id=file_id,
        storage_name=storage_name,
        name=(upload.name or "file")[:MAX_NAME_LENGTH],
        content_type=(upload.content_type or "application/octet-stream")[:100],
        size=size,
        cleaning=report.as_dict(),
        key=base64.b64encode(key).decode(),
    )


def discard_staged(staged: list[StagedFile]) -> None:
    for item in staged:
        storage.delete(item.storage_name)


def attach_staged_files(case, lock: CaseLock, staged: list[StagedFile], message=None):
    """Rows for staged files; call inside the transaction that creates their case or
    message. The ciphertext is already in place, so a rollback leaves only an
    unreferenced encrypted file, which `purge_abandoned_files` removes."""
    rows = []
    for position, item in enumerate(staged):
        if not storage.exists(item.storage_name):
            raise FileNotFoundError("a staged file is missing")
        meta = {key: value for key, value in item.as_dict().items() if key != "storage_name"}
        rows.append(
            EvidenceFile(
                id=uuid.UUID(item.id),
                case=case,
                message=message,
                storage_name=item.storage_name,
                encrypted_meta=lock.encrypt_json(
                    meta_field(item.id, message.pk if message else None), meta
                ),
                added_on=date.today(),
                position=position,
            )
        )
    return EvidenceFile.objects.bulk_create(rows)


@dataclass(frozen=True)
class FileView(CleanedFile):
    id: str
    name: str
    content_type: str
    size: int
    cleaning: dict
    message_id: object  # the UUID of its message, or None for the report itself


def describe(evidence: EvidenceFile, lock: CaseLock) -> FileView:
    meta = lock.decrypt_json(meta_field(evidence.id, evidence.message_id), evidence.encrypted_meta)
    return FileView(
        id=str(evidence.id),
        name=meta["name"],
        content_type=meta["content_type"],
        size=meta["size"],
        cleaning=meta["cleaning"],
        message_id=evidence.message_id,
    )


def open_stream(evidence: "EvidenceFile | StagedFile", lock: CaseLock) -> Iterator[bytes]:
    """A case file's content, decrypted as it streams; a staged file has the same name,
    id and key as the case file it becomes."""
    if isinstance(evidence, StagedFile):
        sealed_key = evidence.key
    else:
        meta_context = meta_field(evidence.id, evidence.message_id)
        sealed_key = lock.decrypt_json(meta_context, evidence.encrypted_meta).get("key", "")
    if sealed_key:
        key, context = base64.b64decode(sealed_key), file_stream_context(str(evidence.id))
    else:
        key, context = lock.key, file_context(lock.case_id, evidence.id)
    return storage.read_decrypted(evidence.storage_name, key, context)


def purge_abandoned_files(older_than_days: int = 2) -> int:
    referenced = set(EvidenceFile.objects.values_list("storage_name", flat=True))
    return storage.purge_unreferenced(referenced, older_than_days)
