"""Encrypted files on disk. Every file here is an encrypted stream; nothing else is
ever written. A file is written under a temporary name and renamed when complete, and
its times are set to the start of the day, like every reporter-originated time.

A file system also keeps times nobody can set (the inode's change and birth times) and
numbers inodes in the order files are made. So a new file lands in `fresh/`, and the
first tick of the next day copies the whole day's files, in random order, to fresh inodes
in the main folder (`settle_fresh_files`): after that, no time on disk is finer than the
day, and no inode number follows the order the reports came in."""

import contextlib
import os
import secrets
import shutil
import time
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings

from vissel.crypto import streams


def files_dir() -> Path:
    path = settings.VISSEL_FILES_DIR
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def fresh_dir() -> Path:
    path = files_dir() / "fresh"
    path.mkdir(exist_ok=True, mode=0o700)
    return path


def incoming_dir() -> Path:
    path = files_dir() / "incoming"
    path.mkdir(exist_ok=True, mode=0o700)
    return path


def new_storage_name() -> str:
    return secrets.token_hex(16)


def _check(storage_name: str) -> str:
    if not storage_name.isalnum():
        raise ValueError("not a storage name")
    return f"{storage_name}.vss"


def path_of(storage_name: str) -> Path:
    """Where the file is now: settled in the main folder, or still fresh."""
    name = _check(storage_name)
    settled = files_dir() / name
    return settled if settled.exists() else fresh_dir() / name


def _start_of_today() -> float:
    return datetime.now().replace(hour=0, minute=0, second=0, microsecond=0).timestamp()


def blur_times(path: Path, to: float | None = None) -> None:
    midnight = _start_of_today() if to is None else to
    os.utime(path, (midnight, midnight))


def write_encrypted(key: bytes, associated: bytes, chunks: Iterable[bytes]) -> tuple[str, int]:
    """Encrypt `chunks` into a new file; returns its storage name and plaintext size."""
    storage_name = new_storage_name()
    final = fresh_dir() / _check(storage_name)
    partial = final.with_suffix(".part")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            size = streams.encrypt_stream(key, associated, chunks, out)
            out.flush()
            os.fsync(out.fileno())
        blur_times(partial)
        os.replace(partial, final)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return storage_name, size


def read_decrypted(storage_name: str, key: bytes, associated: bytes) -> Iterator[bytes]:
    with open(path_of(storage_name), "rb") as source:
        yield from streams.decrypt_stream(key, associated, source)


def delete(storage_name: str) -> None:
    name = _check(storage_name)
    (files_dir() / name).unlink(missing_ok=True)
    (fresh_dir() / name).unlink(missing_ok=True)


def settle_fresh_files() -> int:
    """Copy every file made before today to a new inode in the main folder, in random
    order, its times set to the start of its day; then remove the fresh one. Safe to
    repeat after a crash: a settled copy appears only complete, by rename."""
    today = _start_of_today()
    waiting = [path for path in fresh_dir().glob("*.vss") if path.stat().st_mtime < today]
    secrets.SystemRandom().shuffle(waiting)
    for path in waiting:
        settled = files_dir() / path.name
        if not settled.exists():
            day = path.stat().st_mtime
            partial = settled.with_name(f"{path.stem}.{secrets.token_hex(4)}.part")
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out, open(path, "rb") as source:
                shutil.copyfileobj(source, out, 1024 * 1024)
                out.flush()
                os.fsync(out.fileno())
            blur_times(partial, day)
            os.replace(partial, settled)
        path.unlink(missing_ok=True)
    return len(waiting)


# A partly written file, or an upload being received, that nothing has touched for this
# long was cut off (a crash, a killed server): a live upload writes far more often, or
# is dropped as too slow, and no request works on a received file for an hour.
def part_idle_seconds() -> int:
    return settings.VISSEL_PART_IDLE_SECONDS


def purge_unreferenced(referenced: set[str], older_than_days: int = 2) -> int:
    """Delete encrypted files no case refers to: drafts never sent, uploads cut off.
    Their keys lived only in a browser session; this only reclaims the space. A partly
    written file (".part") or an upload being received goes once nothing has touched it
    for an hour (its inode's change time: the modification time is set to midnight)."""
    cutoff = time.time() - timedelta(days=older_than_days).total_seconds()
    idle = time.time() - part_idle_seconds()
    removed = 0
    for path in [
        *files_dir().glob("*.part"),
        *fresh_dir().glob("*.part"),
        *incoming_dir().glob("*"),
    ]:
        with contextlib.suppress(FileNotFoundError):  # finished or removed meanwhile
            if path.stat().st_ctime < idle:
                path.unlink(missing_ok=True)
                removed += 1
    for path in [
        *files_dir().glob("*.vss"),
        *files_dir().glob("*.part"),
        *fresh_dir().glob("*.vss"),
        *fresh_dir().glob("*.part"),
        *incoming_dir().glob("*"),
    ]:
        with contextlib.suppress(FileNotFoundError):
            if path.stem in referenced or path.stat().st_mtime >= cutoff:
                continue
            path.unlink(missing_ok=True)
            removed += 1
    return removed
