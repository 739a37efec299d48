"""Each file of a case has a key of its own, sealed under the case key with its name; an
upload that needs no cleaning is kept as the stream it arrived in, encrypted once
(proof issue: the 1 GiB upload was encrypted twice)."""

import uuid
from datetime import date

import pytest

from tests.evidence.test_upload_handler import multipart, parse
from tests.factories import file_report
from vissel.cases.services import unlock_as_reporter
from vissel.crypto import DecryptionFailed, aead
from vissel.crypto.lock import CaseLock
from vissel.evidence import storage
from vissel.evidence.models import EvidenceFile
from vissel.evidence.services import (
    describe,
    file_context,
    meta_field,
    open_stream,
    stage_uploads,
)

CONTENT = b"\x00\x01binary evidence that is not cleaned " * 4000


def test_an_upload_that_needs_no_cleaning_is_kept_as_the_stream_it_arrived_in(org_a):
    _request, _stream, _post, files = parse(org_a, multipart({}, [("log.bin", CONTENT)]))
    (received,) = files.getlist("files")
    as_received = received.incoming.path.read_bytes()
    assert CONTENT[:64] not in as_received  # encrypted on arrival

    (staged,) = stage_uploads([received])
    received.close()  # the request ends

    assert storage.path_of(staged.storage_name).read_bytes() == as_received  # not re-encrypted
    assert not received.incoming.path.exists()
    assert staged.id == received.incoming.file_id and staged.size == len(CONTENT)
    lock = CaseLock(uuid.uuid4(), aead.new_key())
    assert b"".join(open_stream(staged, lock)) == CONTENT


def test_an_upload_not_kept_is_deleted_when_the_request_ends(org_a):
    _request, _stream, _post, files = parse(org_a, multipart({}, [("log.bin", CONTENT)]))
    (received,) = files.getlist("files")
    received.close()
    assert not received.incoming.path.exists()


def test_a_files_key_is_sealed_under_its_case_key_and_opens_through_no_other_case(org_a):
    filed = file_report(org_a, files=[("log.bin", CONTENT)])
    other = file_report(org_a)
    row = filed.case.files.get()
    lock = unlock_as_reporter(filed.case, filed.password)
    assert b"".join(open_stream(row, lock)) == CONTENT
    assert b"key" not in bytes(row.encrypted_meta)  # the key is inside the sealed metadata
    with pytest.raises(DecryptionFailed):
        list(open_stream(row, unlock_as_reporter(other.case, other.password)))


def test_a_file_stored_under_the_case_key_before_per_file_keys_still_opens(org_a):
    filed = file_report(org_a)
    lock = unlock_as_reporter(filed.case, filed.password)
    file_id = uuid.uuid4()
    name, size = storage.write_encrypted(
        lock.key, file_context(filed.case.pk, file_id), [b"stored the old way"]
    )
    meta = {"id": str(file_id), "name": "old.txt", "content_type": "text/plain"}
    meta |= {"size": size, "cleaning": {"kind": "text", "outcome": "kept", "removed": []}}
    row = EvidenceFile.objects.create(
        id=file_id,
        case=filed.case,
        storage_name=name,
        encrypted_meta=lock.encrypt_json(meta_field(file_id, None), meta),
        added_on=date.today(),
    )
    assert describe(row, lock).name == "old.txt"
    assert b"".join(open_stream(row, lock)) == b"stored the old way"
