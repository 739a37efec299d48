"""Where encrypted files live: the local folder (the embedded default) or S3-compatible
object storage (`VISSEL_FILE_STORE=s3`). Every file there is an encrypted stream; nothing
else is ever written. Uploads being received are encrypted into the local `incoming/`
folder under a key held only in memory, whichever store keeps the files.

Each store writes a new file under `fresh/`, where it appears only complete, and the
first tick of the next day moves the day's files, in random order, to where they stay,
so that no time the store keeps is finer than the day (see stores.local, stores.s3)."""

import functools
import secrets
import time
from collections.abc import Iterable, Iterator
from datetime import timedelta
from pathlib import Path

from django.conf import settings

from vissel.crypto import streams
from vissel.evidence.stores.local import LocalStore
from vissel.evidence.stores.s3 import S3Store


def files_dir() -> Path:
    path = settings.VISSEL_FILES_DIR
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def incoming_dir() -> Path:
    path = files_dir() / "incoming"
    path.mkdir(exist_ok=True, mode=0o700)
    return path


@functools.cache
def _store_for(kind: str, folder: Path, bucket: str, prefix: str, endpoint: str):
    if kind == "s3":
        return S3Store(bucket, prefix, endpoint)
    return LocalStore(folder)


def store() -> "LocalStore | S3Store":
    return _store_for(
        settings.VISSEL_FILE_STORE,
        files_dir(),
        settings.VISSEL_S3_BUCKET,
        settings.VISSEL_S3_PREFIX,
        settings.VISSEL_S3_ENDPOINT_URL,
    )


def new_storage_name() -> str:
    return secrets.token_hex(16)


def _check(storage_name: str) -> str:
    if not storage_name.isalnum():
        raise ValueError("not a storage name")
    return storage_name


def path_of(storage_name: str) -> Path:
    """Where a file of the local store is now (settled, or still fresh)."""
    return LocalStore(files_dir()).path_of(_check(storage_name))


def write_encrypted(key: bytes, associated: bytes, chunks: Iterable[bytes]) -> tuple[str, int]:
    """Encrypt `chunks` into a new stored file; returns its storage name and plaintext size."""
    storage_name = new_storage_name()
    sizes = []
    store().put(
        storage_name, lambda out: sizes.append(streams.encrypt_stream(key, associated, chunks, out))
    )
    return storage_name, sizes[0]


def adopt(path: Path) -> str:
    """Keep a finished encrypted file (an upload received into `incoming/`) as it is,
    without opening it: it is already encrypted under the key it will keep."""
    storage_name = new_storage_name()
    store().adopt(storage_name, path)
    return storage_name


def read_decrypted(storage_name: str, key: bytes, associated: bytes) -> Iterator[bytes]:
    source = store().open(_check(storage_name))
    try:
        yield from streams.decrypt_stream(key, associated, source)
    finally:
        source.close()


def exists(storage_name: str) -> bool:
    return store().exists(_check(storage_name))


def delete(storage_name: str) -> None:
    store().delete(_check(storage_name))


def settle_fresh_files() -> int:
    return store().settle()


# A partly written file, or an upload being received, that nothing has touched for this
# long was cut off (a crash, a killed server): a live upload writes far more often, or
# is dropped as too slow, and no request works on a received file for an hour.
def part_idle_seconds() -> int:
    return settings.VISSEL_PART_IDLE_SECONDS


def purge_unreferenced(referenced: set[str], older_than_days: int = 2) -> int:
    """Delete encrypted files no case refers to: drafts never sent, uploads cut off.
    Their keys lived only in a browser session; this only reclaims the space."""
    cutoff = time.time() - timedelta(days=older_than_days).total_seconds()
    idle = time.time() - part_idle_seconds()
    local = LocalStore(files_dir())
    removed = local.purge(referenced, cutoff, idle, incoming_dir())
    if settings.VISSEL_FILE_STORE == "s3":
        removed += store().purge(referenced, cutoff, idle)
    return removed
