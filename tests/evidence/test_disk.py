"""A new file written straight through to the disk (vissel/evidence/stores/disk.py):
exactly the bytes written, whatever their pieces; and a large file does not stay in the
machine's memory as it is written."""

import os
import subprocess

import pytest

from vissel.evidence.stores import disk
from vissel.evidence.stores.disk import BATCH_BYTES, IN_FLIGHT_BYTES, DiskFile

MIB = 1024 * 1024


def new_file(folder):
    path = folder / "out.vss"
    return path, DiskFile(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def pieces_of(payload: bytes, sizes=(4, 65552, 1, 300_000, 7)):
    at, turn = 0, 0
    while at < len(payload):
        size = sizes[turn % len(sizes)]
        yield payload[at : at + size]
        at, turn = at + size, turn + 1


def resident_bytes(path) -> int:
    """How much of the file the page cache holds now (util-linux's fincore)."""
    out = subprocess.run(
        ["fincore", "--bytes", "--noheadings", "--output", "RES", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return int(out.strip())


def test_a_file_written_in_pieces_of_every_size_holds_exactly_those_bytes(tmp_path):
    payload = os.urandom(3 * MIB + 123)
    path, out = new_file(tmp_path)
    for piece in pieces_of(payload):
        out.write(piece)
    out.write(bytearray(b"end"))  # a buffer the caller may reuse is taken as it is now
    out.finish(durable=True)
    assert path.read_bytes() == payload + b"end"


def test_a_short_write_goes_on_where_it_stopped(tmp_path, monkeypatch):
    payload = os.urandom(2 * MIB)
    real_writev, written = os.writev, []

    def at_most_1000_bytes(fd, pieces):
        assert sum(written) < len(payload), "written past the end"
        written.append(real_writev(fd, [memoryview(pieces[0])[:1000]]))
        return written[-1]

    monkeypatch.setattr(disk.os, "writev", at_most_1000_bytes)
    path, out = new_file(tmp_path)
    for piece in pieces_of(payload):
        out.write(piece)
    out.finish()
    assert path.read_bytes() == payload


def test_what_is_already_on_the_disk_is_let_go_of_as_a_large_file_is_written(tmp_path):
    path, out = new_file(tmp_path)
    block = os.urandom(MIB)
    for _ in range(64):
        out.write(block)
    # All but the last few MiB are on the disk and out of the page cache already.
    assert resident_bytes(path) <= IN_FLIGHT_BYTES + 2 * BATCH_BYTES
    out.finish(durable=True)
    assert path.stat().st_size == 64 * MIB


def test_an_abandoned_file_is_closed_and_takes_no_more(tmp_path):
    path, out = new_file(tmp_path)
    out.write(b"a beginning")
    out.abandon()
    out.abandon()  # twice is harmless
    with pytest.raises(ValueError):
        out.write(b"more")
    assert path.read_bytes() == b""  # less than a MiB: never written
