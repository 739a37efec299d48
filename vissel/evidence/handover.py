"""Writing done by a thread of its own, beside the one that makes the bytes.

Receiving a 1 GiB upload (socket, multipart parsing, encryption) took a whole core, and
writing its ciphertext into the file another half, one after the other in the request's
thread (bench/upload.py). Here the request's thread hands the encrypted pieces over a
MiB at a time and goes on receiving while the other thread writes them; only bytes pass,
so nothing is shared that either could change. A small upload never starts the thread.
(Encrypting in that thread too was slower: both threads then spent their time in Python,
waiting for each other's turn at the interpreter.)

Memory stays bounded: at most `QUEUED_BATCHES` MiB wait, and the sender waits when they
are all taken. Whatever the thread raises is raised to the sender at its next call."""

import queue
import threading
from typing import Protocol

BATCH_BYTES = 1024 * 1024
QUEUED_BATCHES = 4
_END = None


class Writable(Protocol):
    def write_batch(self, pieces: list[bytes]) -> object: ...


class InBackground:
    """Hands what is written to `target.write_batch` a MiB at a time, in a thread once
    there is a MiB of it (one call a MiB: the thread takes the interpreter's lock as
    seldom as it can, which the request's thread needs all the time).
    `finish()` returns when everything has been written to `target`; after it, and
    after `abandon()`, the target is the caller's alone again."""

    def __init__(self, target: Writable):
        self._target = target
        self._batch: list[bytes] = []
        self._batch_bytes = 0
        self._batches: queue.Queue | None = None
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None
        self._stopping = False

    def write(self, data: bytes) -> int:
        if self._failure is not None:
            raise self._failure
        piece = data if isinstance(data, bytes) else bytes(data)  # held: never a buffer
        self._batch.append(piece)
        self._batch_bytes += len(piece)
        if self._batch_bytes >= BATCH_BYTES:
            self._hand_over()
        return len(piece)

    def _hand_over(self) -> None:
        if self._thread is None:
            self._batches = queue.Queue(maxsize=QUEUED_BATCHES)
            self._thread = threading.Thread(target=self._work, daemon=True)
            self._thread.start()
        self._batches.put(self._batch)
        self._batch, self._batch_bytes = [], 0

    def _work(self) -> None:
        while (batch := self._batches.get()) is not _END:
            if self._failure is not None or self._stopping:
                continue  # taken and dropped, so that the sender never waits for room
            try:
                self._target.write_batch(batch)
            except BaseException as exc:  # noqa: BLE001 (raised in the sender's thread)
                self._failure = exc

    def _stop(self) -> None:
        if self._thread is not None:
            self._batches.put(_END)
            self._thread.join()
            self._thread = None

    def finish(self) -> None:
        if self._thread is not None and self._batch:
            self._hand_over()
        self._stop()
        if self._failure is not None:
            raise self._failure
        if self._batch:  # never handed over: less than a MiB in all
            self._target.write_batch(self._batch)
        self._batch, self._batch_bytes = [], 0

    def abandon(self) -> None:
        self._stopping = True
        self._batch, self._batch_bytes = [], 0
        self._stop()
