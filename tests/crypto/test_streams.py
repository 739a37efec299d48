"""Files as encrypted streams: round trips, tampering, and flat memory."""

import io
import os
import tracemalloc
import uuid

import pytest

from vissel.crypto import DecryptionFailed, aead, streams
from vissel.crypto.context import case_field

CASE = uuid.uuid4()
FILE_CONTEXT = case_field(CASE, "file:1")


def encrypt(data: bytes, key: bytes, context: bytes = FILE_CONTEXT) -> bytes:
    out = io.BytesIO()
    streams.encrypt_stream(
        key, context, [data[i : i + 10000] for i in range(0, len(data), 10000)], out
    )
    return out.getvalue()


def decrypt(blob: bytes, key: bytes, context: bytes = FILE_CONTEXT) -> bytes:
    return b"".join(streams.decrypt_stream(key, context, io.BytesIO(blob)))


@pytest.mark.parametrize(
    "size",
    [
        0,
        1,
        streams.CHUNK_BYTES - 1,
        streams.CHUNK_BYTES,
        streams.CHUNK_BYTES + 1,
        3 * streams.CHUNK_BYTES + 17,
    ],
)
def test_a_file_of_any_size_comes_back_unchanged(size):
    key = aead.new_key()
    data = os.urandom(size)
    assert decrypt(encrypt(data, key), key) == data


def test_the_plaintext_is_not_in_the_stream():
    key = aead.new_key()
    data = b"Konfidentiellt protokoll " * 5000
    assert b"Konfidentiellt" not in encrypt(data, key)


def test_a_wrong_key_is_refused():
    blob = encrypt(b"data" * 100, aead.new_key())
    with pytest.raises(DecryptionFailed):
        decrypt(blob, aead.new_key())


def test_a_stream_cannot_be_moved_to_another_case_or_file():
    key = aead.new_key()
    blob = encrypt(b"data" * 100, key)
    with pytest.raises(DecryptionFailed):
        decrypt(blob, key, case_field(uuid.uuid4(), "file:1"))
    with pytest.raises(DecryptionFailed):
        decrypt(blob, key, case_field(CASE, "file:2"))


def test_a_changed_byte_anywhere_is_detected():
    key = aead.new_key()
    blob = encrypt(os.urandom(3 * streams.CHUNK_BYTES), key)
    for position in (0, 5, 40, len(blob) // 2, len(blob) - 1):
        changed = bytearray(blob)
        changed[position] ^= 0x80
        with pytest.raises(DecryptionFailed):
            decrypt(bytes(changed), key)


def test_a_truncated_stream_is_detected_even_at_a_chunk_boundary():
    key = aead.new_key()
    blob = encrypt(os.urandom(3 * streams.CHUNK_BYTES), key)
    record = 4 + streams.CHUNK_BYTES + streams.ABYTES
    header = len(streams.MAGIC) + streams.HEADER_BYTES
    with pytest.raises(DecryptionFailed):
        decrypt(blob[: header + 2 * record], key)  # whole chunks, but no final one
    with pytest.raises(DecryptionFailed):
        decrypt(blob[:-1], key)


def test_reordered_chunks_are_detected():
    key = aead.new_key()
    blob = encrypt(os.urandom(3 * streams.CHUNK_BYTES), key)
    header = len(streams.MAGIC) + streams.HEADER_BYTES
    record = 4 + streams.CHUNK_BYTES + streams.ABYTES
    first, second = blob[header : header + record], blob[header + record : header + 2 * record]
    swapped = blob[:header] + second + first + blob[header + 2 * record :]
    with pytest.raises(DecryptionFailed):
        decrypt(swapped, key)


def test_bytes_appended_after_the_end_are_detected():
    key = aead.new_key()
    blob = encrypt(b"short file", key)
    with pytest.raises(DecryptionFailed):
        decrypt(blob + b"\x00", key)


def test_memory_stays_flat_while_a_large_stream_is_encrypted_and_decrypted(tmp_path):
    """64 MiB through the stream with a peak of a few chunks, not the file's size."""
    key = aead.new_key()
    size = 64 * 1024 * 1024
    block = os.urandom(1024 * 1024)
    path = tmp_path / "big.vss"
    tracemalloc.start()
    try:
        with open(path, "wb") as out:
            streams.encrypt_stream(
                key, FILE_CONTEXT, (block for _ in range(size // len(block))), out
            )
        total = 0
        with open(path, "rb") as source:
            for chunk in streams.decrypt_stream(key, FILE_CONTEXT, source):
                total += len(chunk)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert total == size
    assert peak < 4 * 1024 * 1024, f"peak {peak} bytes"


@pytest.mark.parametrize(
    "pieces",
    [
        [streams.CHUNK_BYTES],
        [streams.CHUNK_BYTES, streams.CHUNK_BYTES],
        [streams.CHUNK_BYTES - 1, 1, 1],
        [5, streams.CHUNK_BYTES * 3, 7],
        [streams.CHUNK_BYTES * 4 + 3],
        [0, 0, 10],
    ],
)
def test_however_the_writer_is_fed_the_stream_comes_back_whole(pieces):
    key = aead.new_key()
    data = os.urandom(sum(pieces))
    out = io.BytesIO()
    writer = streams.StreamWriter(key, FILE_CONTEXT, out)
    offset = 0
    for size in pieces:
        writer.write(data[offset : offset + size])
        offset += size
    writer.close()
    assert writer.plaintext_bytes == len(data)
    assert decrypt(out.getvalue(), key) == data


def test_a_buffer_the_caller_reuses_is_taken_as_it_was_when_written():
    key = aead.new_key()
    first, second = os.urandom(streams.CHUNK_BYTES), os.urandom(100)
    buffer = bytearray(first)
    out = io.BytesIO()
    writer = streams.StreamWriter(key, FILE_CONTEXT, out)
    writer.write(buffer)  # held back until more follows, as the last chunk may be final
    buffer[:] = b"\0" * len(buffer)  # the caller fills its buffer anew
    writer.write(memoryview(second))
    writer.close()
    assert decrypt(out.getvalue(), key) == first + second
