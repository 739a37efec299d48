"""Key derivations are capped per process (security review, finding 10): while every slot
is taken, a login is answered at once with 503 and Retry-After, saying to try again, and
never queued behind the flood."""

import threading
import time

import pytest
from django.urls import reverse

from vissel.crypto import kdf


@pytest.fixture
def every_slot_taken(settings):
    """Hold every derivation slot of this process, as a flood of logins would."""
    release = threading.Event()
    holding = []

    def hold():
        with kdf.derivation_slot():
            holding.append(True)
            release.wait(10)

    threads = [threading.Thread(target=hold) for _ in range(settings.VISSEL_KDF_CONCURRENCY)]
    for thread in threads:
        thread.start()
    while len(holding) < len(threads):
        time.sleep(0.01)
    yield
    release.set()
    for thread in threads:
        thread.join()


def test_a_reporter_login_during_a_flood_is_told_to_try_again(client, filed, every_slot_taken):
    started = time.monotonic()
    response = client.post(
        reverse("reporter_login", args=[filed.organisation.slug]),
        {"case_number": filed.case_number, "password": filed.password},
    )
    assert time.monotonic() - started < 1
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "försök igen" in response.content.decode().lower()


def test_a_staff_login_during_a_flood_is_told_to_try_again(client, cast, every_slot_taken):
    response = client.post(
        reverse("staff_login"), {"username": "internal-a", "password": "x", "code": "123456"}
    )
    assert response.status_code == 503 and response["Retry-After"] == "5"


def test_a_busy_moment_is_not_counted_as_a_wrong_attempt(client, filed, every_slot_taken):
    for _ in range(8):
        client.post(
            reverse("reporter_login", args=[filed.organisation.slug]),
            {"case_number": filed.case_number, "password": "wrong"},
        )
    from vissel.web.models import LoginThrottle

    assert not LoginThrottle.objects.exists()


def test_the_landing_page_needs_no_slot(client, org_a, every_slot_taken):
    assert client.get(f"/{org_a.slug}/").status_code == 200


@pytest.fixture
def the_only_slot_held(settings):
    """One derivation slot, taken by a derivation that lasts until the test lets it end."""
    settings.VISSEL_KDF_CONCURRENCY = 1
    release, holder_in = threading.Event(), threading.Event()

    def hold():
        with kdf.derivation_slot():
            holder_in.set()
            release.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    holder_in.wait(5)
    yield release
    release.set()
    holder.join()


def try_to_log_in(label, served: list, busy: list) -> None:
    try:
        with kdf.derivation_slot(kdf.LOGIN_WAIT_SECONDS):
            served.append(label)
    except kdf.KdfBusy:
        busy.append(label)


def test_a_few_logins_wait_their_turn_and_the_rest_of_a_flood_is_told_at_once(
    the_only_slot_held,
):
    """A short queue per slot: four logins wait for it (and are served as it frees),
    the fifth is told "busy" at once; a report being sent always waits its turn."""
    served, busy = [], []
    waiting = [
        threading.Thread(target=try_to_log_in, args=(n, served, busy))
        for n in range(kdf.WAITERS_PER_SLOT)
    ]
    for thread in waiting:
        thread.start()
    while kdf._logins_waiting < kdf.WAITERS_PER_SLOT:
        time.sleep(0.005)
    started = time.monotonic()
    try_to_log_in("fifth", served, busy)
    assert busy == ["fifth"] and time.monotonic() - started < 0.1

    def send():
        with kdf.derivation_slot(30):
            served.append("sent")

    sender = threading.Thread(target=send)
    sender.start()
    time.sleep(0.2)  # the queue of logins is full: the report waits in spite of it
    assert sender.is_alive() and "sent" not in served
    the_only_slot_held.set()
    for thread in (*waiting, sender):
        thread.join()
    assert sorted(map(str, served)) == sorted([*map(str, range(kdf.WAITERS_PER_SLOT)), "sent"])


def test_reports_waiting_to_be_sent_do_not_fill_the_logins_queue(the_only_slot_held):
    """Reports being sent wait their turn outside the logins' queue: a login arriving
    behind them still waits for the slot instead of being told "busy" at once."""
    served, busy = [], []

    def send(index):
        with kdf.derivation_slot(30):
            served.append(f"sent {index}")

    senders = [threading.Thread(target=send, args=(n,)) for n in range(kdf.WAITERS_PER_SLOT + 2)]
    for thread in senders:
        thread.start()
    time.sleep(0.1)
    login = threading.Thread(target=try_to_log_in, args=("logged in", served, busy))
    login.start()
    time.sleep(0.1)
    assert busy == [] and login.is_alive()  # waiting, not told "busy" at once
    the_only_slot_held.set()
    for thread in (*senders, login):
        thread.join()
    assert len(served) + len(busy) == kdf.WAITERS_PER_SLOT + 3
