"""Files as encrypted streams (libsodium secretstream, XChaCha20-Poly1305).

Memory stays flat whatever the size: one chunk in, one chunk out. A stream ends with a
FINAL-tagged chunk, so a truncated file is detected, as is anything appended after it.

On disk: MAGIC, the 24-byte stream header, then records of a 4-byte big-endian length and
that many bytes of ciphertext. Every chunk carries the associated data (case and file).
"""

import struct
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from nacl import bindings

from vissel.crypto.errors import DecryptionFailed

MAGIC = b"VSS1"
CHUNK_BYTES = 64 * 1024
HEADER_BYTES = bindings.crypto_secretstream_xchacha20poly1305_HEADERBYTES
ABYTES = bindings.crypto_secretstream_xchacha20poly1305_ABYTES
TAG_MESSAGE = bindings.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
TAG_FINAL = bindings.crypto_secretstream_xchacha20poly1305_TAG_FINAL
_LENGTH = struct.Struct(">I")


class StreamWriter:
    """Encrypts what is written to it into `out`; `close()` writes the final chunk."""

    def __init__(self, key: bytes, associated: bytes, out: BinaryIO):
        self._state = bindings.crypto_secretstream_xchacha20poly1305_state()
        header = bindings.crypto_secretstream_xchacha20poly1305_init_push(self._state, key)
        self._associated = associated
        self._out = out
        # What is not encrypted yet: whole bytes objects, taken as they come, so that a
        # chunk written at the size of a chunk is encrypted without being copied.
        self._pending: list[bytes | memoryview] = []
        self._pending_bytes = 0
        self._closed = False
        self.plaintext_bytes = 0
        out.write(MAGIC + header)

    def write(self, data: bytes) -> int:
        if self._closed:
            raise ValueError("stream already closed")
        if not isinstance(data, bytes):
            data = bytes(data)  # the caller may reuse its buffer
        self.plaintext_bytes += len(data)
        self._pending.append(data)
        self._pending_bytes += len(data)
        # A full chunk is pushed only once more data follows it: the last chunk of the
        # stream, full or not, must be the one tagged FINAL at close().
        while self._pending_bytes > CHUNK_BYTES:
            self._push(self._take(CHUNK_BYTES), TAG_MESSAGE)
        return len(data)

    def _take(self, size: int) -> bytes:
        """The first `size` bytes pending (there are more), copied at most once: the
        parser hands over pieces a little shorter than a chunk, so most chunks are one
        piece and the start of the next, joined."""
        first = self._pending[0]
        if len(first) == size and isinstance(first, bytes):
            self._pending.pop(0)
            self._pending_bytes -= size
            return first
        parts, wanted = [], size
        while wanted:
            piece = self._pending[0]
            if len(piece) <= wanted:
                parts.append(self._pending.pop(0))
                wanted -= len(piece)
            else:  # the rest stays a view of the piece, not a copy
                view = memoryview(piece)
                parts.append(view[:wanted])
                self._pending[0] = view[wanted:]
                wanted = 0
        self._pending_bytes -= size
        return b"".join(parts)

    def close(self) -> None:
        if not self._closed:
            self._push(b"".join(self._pending), TAG_FINAL)
            self._pending.clear()
            self._pending_bytes = 0
            self._closed = True

    def _push(self, chunk: bytes, tag: int) -> None:
        encrypted = bindings.crypto_secretstream_xchacha20poly1305_push(
            self._state, chunk, self._associated, tag
        )
        # Two writes, not one of the two joined: joining copied every chunk once more.
        self._out.write(_LENGTH.pack(len(encrypted)))
        self._out.write(encrypted)


def encrypt_stream(key: bytes, associated: bytes, chunks: Iterable[bytes], out: BinaryIO) -> int:
    """Encrypt `chunks` into `out`; returns the number of plaintext bytes."""
    writer = StreamWriter(key, associated, out)
    for chunk in chunks:
        writer.write(chunk)
    writer.close()
    return writer.plaintext_bytes


def decrypt_stream(key: bytes, associated: bytes, source: BinaryIO) -> Iterator[bytes]:
    """Yield the plaintext chunks of an encrypted stream, verifying each one.

    Raises DecryptionFailed on a wrong key or context, a changed, reordered or
    missing chunk, a missing end, or bytes after the end.
    """
    if _read_exactly(source, len(MAGIC)) != MAGIC:
        raise DecryptionFailed("not a Vissel stream")
    header = _read_exactly(source, HEADER_BYTES)
    state = bindings.crypto_secretstream_xchacha20poly1305_state()
    try:
        bindings.crypto_secretstream_xchacha20poly1305_init_pull(state, header, key)
    except Exception as exc:
        raise DecryptionFailed("stream header did not open") from exc
    while True:
        raw_length = source.read(_LENGTH.size)
        if not raw_length:
            raise DecryptionFailed("stream ends before its final chunk")
        raw_length += _read_exactly(source, _LENGTH.size - len(raw_length))
        (length,) = _LENGTH.unpack(raw_length)
        if length < ABYTES or length > CHUNK_BYTES + ABYTES:
            raise DecryptionFailed("chunk of impossible size")
        encrypted = _read_exactly(source, length)
        try:
            chunk, tag = bindings.crypto_secretstream_xchacha20poly1305_pull(
                state, encrypted, associated
            )
        except Exception as exc:
            raise DecryptionFailed("chunk did not open") from exc
        if chunk:
            yield chunk
        if tag == TAG_FINAL:
            if source.read(1):
                raise DecryptionFailed("bytes after the final chunk")
            return


def _read_exactly(source: BinaryIO, size: int) -> bytes:
    # A network stream (object storage) may hand over fewer bytes than asked for.
    data = source.read(size)
    while len(data) < size:
        more = source.read(size - len(data))
        if not more:
            raise DecryptionFailed("stream is truncated")
        data += more
    return data
