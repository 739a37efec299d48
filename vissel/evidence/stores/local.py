"""The embedded default: encrypted files in a folder on the server's disk.

A file system keeps times nobody can set (the inode's change and birth times) and
numbers inodes in the order files are made. So a new file lands in `fresh/`, and the
first tick of the next day copies the whole day's files, in random order, to fresh inodes
in the main folder (`settle`): after that, no time on disk is finer than the day, and no
inode number follows the order the reports came in."""

import contextlib
import os
import secrets
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from vissel.evidence.stores.disk import DiskFile

SUFFIX = ".vss"


def start_of_today() -> float:
    return datetime.now().replace(hour=0, minute=0, second=0, microsecond=0).timestamp()


def blur_times(path: Path, to: float | None = None) -> None:
    midnight = start_of_today() if to is None else to
    os.utime(path, (midnight, midnight))


def _write_whole(partial: Path, final: Path, write: Callable[[BinaryIO], None], day=None):
    """`write` into a new file that appears under `final` only complete (by rename)."""
    try:
        out = DiskFile(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        try:
            write(out)
            out.finish(durable=True)
        finally:
            out.abandon()  # after finish(), nothing is left to abandon
        blur_times(partial, day)
        os.replace(partial, final)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


class LocalStore:
    name = "local"

    def __init__(self, folder: Path):
        self.folder = folder

    @property
    def fresh(self) -> Path:
        path = self.folder / "fresh"
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        return path

    def path_of(self, name: str) -> Path:
        """Where the file is now: settled in the main folder, or still fresh."""
        settled = self.folder / f"{name}{SUFFIX}"
        return settled if settled.exists() else self.fresh / f"{name}{SUFFIX}"

    def put(self, name: str, write: Callable[[BinaryIO], None]) -> None:
        final = self.fresh / f"{name}{SUFFIX}"
        _write_whole(final.with_suffix(".part"), final, write)

    def adopt(self, name: str, path: Path) -> None:
        """Take a finished encrypted file (on the same file system) as it is."""
        with open(path, "rb") as handle:
            os.fsync(handle.fileno())
        blur_times(path)
        os.replace(path, self.fresh / f"{name}{SUFFIX}")

    def open(self, name: str) -> BinaryIO:
        return open(self.path_of(name), "rb")  # noqa: SIM115 (the caller closes it)

    def exists(self, name: str) -> bool:
        return self.path_of(name).exists()

    def delete(self, name: str) -> None:
        (self.folder / f"{name}{SUFFIX}").unlink(missing_ok=True)
        (self.fresh / f"{name}{SUFFIX}").unlink(missing_ok=True)

    def settle(self) -> int:
        """Copy every file made before today to a new inode in the main folder, in random
        order, its times set to the start of its day; then remove the fresh one. Safe to
        repeat after a crash: a settled copy appears only complete, by rename."""
        today = start_of_today()
        waiting = [p for p in self.fresh.glob(f"*{SUFFIX}") if p.stat().st_mtime < today]
        secrets.SystemRandom().shuffle(waiting)
        settled_now = 0
        for path in waiting:
            settled = self.folder / path.name
            with contextlib.suppress(FileNotFoundError):  # settled by another tick meanwhile
                if not settled.exists():
                    partial = settled.with_name(f"{path.stem}.{secrets.token_hex(4)}.part")

                    def copy(out, source=path):
                        with open(source, "rb") as handle:
                            shutil.copyfileobj(handle, out, 1024 * 1024)

                    _write_whole(partial, settled, copy, day=path.stat().st_mtime)
                path.unlink()
                settled_now += 1
        return settled_now

    def purge(self, referenced: set[str], cutoff: float, idle: float, incoming: Path) -> int:
        """Remove what no case refers to and was made before `cutoff`; and a partly
        written file or an upload being received that nothing has touched since `idle`
        (its inode's change time: the modification time is set to midnight)."""
        removed = 0
        partial = [*self.folder.glob("*.part"), *self.fresh.glob("*.part"), *incoming.glob("*")]
        for path in partial:
            with contextlib.suppress(FileNotFoundError):  # finished or removed meanwhile
                if path.stat().st_ctime < idle:
                    path.unlink(missing_ok=True)
                    removed += 1
        for path in [
            *self.folder.glob(f"*{SUFFIX}"),
            *self.fresh.glob(f"*{SUFFIX}"),
            *self.folder.glob("*.part"),
            *self.fresh.glob("*.part"),
            *incoming.glob("*"),
        ]:
            with contextlib.suppress(FileNotFoundError):
                if path.stem in referenced or path.stat().st_mtime >= cutoff:
                    continue
                path.unlink(missing_ok=True)
                removed += 1
        return removed
