"""Writing handed to a thread of its own (vissel/evidence/handover.py): everything
arrives, in order; what the thread raises reaches the writer; memory stays bounded while
the disk is slow; and the thread always ends."""

import os
import threading
import time

import pytest

from vissel.evidence.handover import BATCH_BYTES, QUEUED_BATCHES, InBackground

MIB = 1024 * 1024


class Collected:
    def __init__(self, gate: threading.Event | None = None, fail_after: int | None = None):
        self.pieces: list[bytes] = []
        self.threads: set[str] = set()
        self.gate = gate
        self.fail_after = fail_after

    def write_batch(self, pieces: list[bytes]) -> None:
        if self.gate is not None:
            self.gate.wait()
        if self.fail_after is not None and len(self.pieces) >= self.fail_after:
            raise OSError(28, "No space left on device")
        self.threads.add(threading.current_thread().name)
        self.pieces.extend(pieces)


def handover_threads() -> int:
    return sum(1 for t in threading.enumerate() if t.name.startswith("Thread-"))


@pytest.mark.parametrize("size", [1000, 5 * MIB + 17])
def test_everything_written_arrives_in_order(size):
    payload = os.urandom(size)
    target = Collected()
    out = InBackground(target)
    for at in range(0, size, 65_552):
        out.write(payload[at : at + 65_552])
    out.finish()
    assert b"".join(target.pieces) == payload
    if size < BATCH_BYTES:
        assert target.threads == {threading.current_thread().name}  # no thread for it


def test_a_failure_in_the_thread_is_raised_to_the_writer_and_the_thread_ends():
    before = handover_threads()
    out = InBackground(Collected(fail_after=20))
    block = os.urandom(65_536)
    with pytest.raises(OSError, match="No space left"):
        for _ in range(400):  # 25 MiB: the failure comes long before the end
            out.write(block)
        out.finish()
    out.abandon()
    assert handover_threads() == before


def test_a_slow_disk_holds_back_the_writer_instead_of_filling_memory():
    gate = threading.Event()
    target = Collected(gate=gate)
    out = InBackground(target)
    handed = []
    block = os.urandom(64 * 1024)

    def writer():
        for _ in range(16 * 20):  # 20 MiB
            out.write(block)
            handed.append(len(block))
        out.finish()

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    try:
        time.sleep(0.5)
        # Held back: the queue, the batch the thread took, and the one being filled.
        assert sum(handed) <= (QUEUED_BATCHES + 2) * BATCH_BYTES
    finally:
        gate.set()
    thread.join(timeout=30)
    assert sum(len(p) for p in target.pieces) == 20 * MIB


def test_an_abandoned_handover_writes_nothing_more_and_its_thread_ends():
    before = handover_threads()
    target = Collected()
    out = InBackground(target)
    block = os.urandom(MIB)
    for _ in range(3):
        out.write(block)
    out.write(b"never written")
    out.abandon()
    assert handover_threads() == before
    assert b"never written" not in b"".join(target.pieces)
