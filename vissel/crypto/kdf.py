"""Argon2id: from a password to a key that wraps another key.

Two purposes with their own cost. A staff password is chosen by a person and may be
guessable, so it is stretched hard (256 MiB; staff log in rarely). A reporter's password
is generated with 119 bits: 2^119 guesses at a trillion a second take about 2 * 10^16
years, and no stretching adds to that, so a reporter's derivation is one pass over OWASP's
19 MiB (t=1: about 9 ms here; OWASP's t=2 adds one bit and doubles the cost of every
report and login), which keeps a report and a login cheap and a flood of guesses from
costing the server much. The parameters travel with every record they made
("m=19456,t=1,p=1"), so a record made under one profile still opens after the profile
changes.

Derivations are expensive on purpose, so a process runs only a few at a time: a login
that finds every slot taken waits at most half a second for one, in a short queue (a
reporter's derivation takes about 10 ms, so a busy moment passes); when the queue is
full, or the wait is over, it is answered "busy" (KdfBusy) instead of queueing behind a
flood of guesses and starving every other page of threads and CPU.
"""

import threading
from contextlib import contextmanager
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from django.conf import settings

SALT_BYTES = 16
KEY_BYTES = 32

REPORTER = "reporter"
STAFF = "staff"

# memory in KiB, iterations, lanes; per purpose
PROFILES = {
    "production": {
        REPORTER: (19 * 1024, 1, 1),
        # OWASP's strongest Argon2id line is 46 MiB; a stolen database with a weak
        # staff password is the case this guards, so it costs about 0.5 s here.
        STAFF: (256 * 1024, 2, 1),
    },
    # For the test suite only: the same code path, a fraction of the cost.
    "test": {REPORTER: (8 * 1024, 1, 1), STAFF: (8 * 1024, 1, 1)},
}


class KdfBusy(Exception):
    """Every derivation slot of this process is taken: try again in a moment."""


@dataclass(frozen=True)
class KdfParams:
    memory_kib: int
    iterations: int
    lanes: int

    def encode(self) -> str:
        return f"m={self.memory_kib},t={self.iterations},p={self.lanes}"

    @classmethod
    def decode(cls, text: str) -> "KdfParams":
        parts = dict(item.split("=", 1) for item in text.split(","))
        return cls(int(parts["m"]), int(parts["t"]), int(parts["p"]))

    @classmethod
    def current(cls, purpose: str) -> "KdfParams":
        return cls(*PROFILES[settings.VISSEL_KDF_PROFILE][purpose])


_slots_lock = threading.Lock()
_slots: threading.BoundedSemaphore | None = None


def _semaphore() -> threading.BoundedSemaphore:
    global _slots
    with _slots_lock:
        if _slots is None:
            _slots = threading.BoundedSemaphore(max(1, settings.VISSEL_KDF_CONCURRENCY))
        return _slots


# How long a login waits for a derivation slot before it is told "busy".
LOGIN_WAIT_SECONDS = 0.5
# A short queue: this many logins may wait for each slot; beyond it a login is told
# "busy" at once, so that a flood holds a few threads, never all of them.
WAITERS_PER_SLOT = 4
_logins_waiting = 0


@contextmanager
def derivation_slot(wait_seconds: float = 0.0):
    """Hold one of the process's derivation slots; raises KdfBusy when none is free
    within `wait_seconds` (0: answer at once), or at once when the logins' queue is full.

    A report being sent (a long wait) always waits its turn and is not counted in the
    logins' queue: counted, a few reports being sent at once made every login "busy"
    before it had waited at all (bench/load.py)."""
    global _logins_waiting
    semaphore = _semaphore()
    acquired = semaphore.acquire(blocking=False)
    if not acquired and wait_seconds > 0:
        is_login = wait_seconds <= LOGIN_WAIT_SECONDS
        with _slots_lock:
            queue_full = is_login and _logins_waiting >= WAITERS_PER_SLOT * max(
                1, settings.VISSEL_KDF_CONCURRENCY
            )
            if is_login and not queue_full:
                _logins_waiting += 1
        if not queue_full:
            try:
                acquired = semaphore.acquire(timeout=wait_seconds)
            finally:
                if is_login:
                    with _slots_lock:
                        _logins_waiting -= 1
    if not acquired:
        raise KdfBusy
    try:
        yield
    finally:
        semaphore.release()


def derive_key(
    password: str, salt: bytes, params: KdfParams, wait_seconds: float = LOGIN_WAIT_SECONDS
) -> bytes:
    if len(salt) != SALT_BYTES:
        raise ValueError("salt must be 16 bytes")
    with derivation_slot(wait_seconds):
        return hash_secret_raw(
            secret=password.encode("utf-8"),
            salt=salt,
            time_cost=params.iterations,
            memory_cost=params.memory_kib,
            parallelism=params.lanes,
            hash_len=KEY_BYTES,
            type=Type.ID,
        )
