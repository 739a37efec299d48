"""A new file written straight through to the disk, a MiB at a time.

Two costs of a large upload were the disk's, not the cipher's (bench/upload.py): the
fsync that made the file durable before it was named waited for every byte at the end,
the disk idle while the body arrived; and each MiB was copied into pages the machine had
never used, which costs a virtual machine several times the copy itself. So each MiB is
written in one `writev` (the pieces as they are, not joined), every 4 MiB the kernel is
asked to start sending them to the disk, and pages 32 MiB behind, on the disk by then,
are given back, to be used again for the next MiB."""

import contextlib
import ctypes
import os

BATCH_BYTES = 1024 * 1024
# How much is written before the kernel is asked to send it to the disk.
SEND_BYTES = 4 * BATCH_BYTES
# How far behind the newest MiB the pages already on the disk are let go of.
IN_FLIGHT_BYTES = 32 * BATCH_BYTES
# writev(2) takes at most IOV_MAX (1024 on Linux) pieces in one call.
_MOST_PIECES = 1024

# Linux's sync_file_range(2): start writing a range of a file to the disk, or wait until
# it is there. Python's os module does not offer it; PostgreSQL uses it the same way.
_WAIT_BEFORE, _WRITE, _WAIT_AFTER = 1, 2, 4
_sync_file_range = getattr(ctypes.CDLL(None, use_errno=True), "sync_file_range", None)
if _sync_file_range is not None:
    _sync_file_range.argtypes = [ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint]


def _write_all(fd: int, pieces: list) -> int:
    written_in_all = 0
    while pieces:
        written = os.writev(fd, pieces[:_MOST_PIECES])
        written_in_all += written
        while pieces and written >= len(pieces[0]):  # a short write: go on from there
            written -= len(pieces.pop(0))
        if written:
            pieces[0] = memoryview(pieces[0])[written:]
    return written_in_all


class DiskFile:
    """A file opened for writing, its descriptor the DiskFile's to close: `write()` as
    often as needed, then `finish()` to have it all written, or `abandon()`."""

    def __init__(self, fd: int):
        self._fd = fd
        self._batch: list[bytes] = []
        self._batch_bytes = 0
        self._written = 0
        self._sent = 0
        self._released = 0

    def write(self, data) -> int:
        if self._fd < 0:
            raise ValueError("the file is closed")
        # Held until written: a caller may reuse a buffer that is not bytes.
        piece = data if isinstance(data, bytes) else bytes(data)
        self._batch.append(piece)
        self._batch_bytes += len(piece)
        if self._batch_bytes >= BATCH_BYTES:
            self._write_batch()
        return len(piece)

    def write_batch(self, pieces: list[bytes]) -> None:
        """Pieces that are bytes, written at once after what is already written."""
        if self._fd < 0:
            raise ValueError("the file is closed")
        if self._batch:
            self._write_batch()
        self._batch = pieces
        self._write_batch()

    def _write_batch(self) -> None:
        self._written += _write_all(self._fd, self._batch)
        self._batch, self._batch_bytes = [], 0
        if _sync_file_range is None or self._written - self._sent < SEND_BYTES:
            return
        # Every call gives up the interpreter's lock and takes it back, waking the
        # request's thread on the other core each time: so a few MiB at once.
        _sync_file_range(self._fd, self._sent, self._written - self._sent, _WRITE)
        self._sent = self._written
        behind = self._sent - IN_FLIGHT_BYTES
        if behind > self._released:
            length = behind - self._released
            _sync_file_range(self._fd, self._released, length, _WAIT_BEFORE | _WRITE | _WAIT_AFTER)
            os.posix_fadvise(self._fd, self._released, length, os.POSIX_FADV_DONTNEED)
            self._released = behind

    def finish(self, durable: bool = False) -> None:
        """Write what is left and close the file; with `durable`, on the disk first."""
        try:
            if self._batch:
                self._write_batch()
            if durable:
                os.fsync(self._fd)
        finally:
            self.abandon()

    def abandon(self) -> None:
        """Close the file; what was not written yet never will be."""
        self._batch, self._batch_bytes = [], 0
        if self._fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = -1
