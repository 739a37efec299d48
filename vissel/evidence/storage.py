"""Encrypted files on disk. Every file here is an encrypted stream; nothing else is
ever written. A file is written under a temporary name and renamed when complete, and
its times are set to the start of the day, like every reporter-originated time."""

import os
import secrets
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


def incoming_dir() -> Path:
    path = files_dir() / "incoming"
    path.mkdir(exist_ok=True, mode=0o700)
    return path


def new_storage_name() -> str:
    return secrets.token_hex(16)


def path_of(storage_name: str) -> Path:
    if not storage_name.isalnum():
        raise ValueError("not a storage name")
    return files_dir() / f"{storage_name}.vss"


def _start_of_today() -> float:
    return datetime.now().replace(hour=0, minute=0, second=0, microsecond=0).timestamp()


def blur_times(path: Path) -> None:
    midnight = _start_of_today()
    os.utime(path, (midnight, midnight))


def write_encrypted(key: bytes, associated: bytes, chunks: Iterable[bytes]) -> tuple[str, int]:
    """Encrypt `chunks` into a new file; returns its storage name and plaintext size."""
    storage_name = new_storage_name()
    final = path_of(storage_name)
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
    path_of(storage_name).unlink(missing_ok=True)


def purge_unreferenced(referenced: set[str], older_than_days: int = 2) -> int:
    """Delete encrypted files no case refers to: drafts never sent, uploads cut off.
    Their keys lived only in a browser session; this only reclaims the space."""
    cutoff = time.time() - timedelta(days=older_than_days).total_seconds()
    removed = 0
    for path in [
        *files_dir().glob("*.vss"),
        *files_dir().glob("*.part"),
        *incoming_dir().glob("*"),
    ]:
        if path.stem in referenced or path.stat().st_mtime >= cutoff:
            continue
        path.unlink(missing_ok=True)
        removed += 1
    return removed
