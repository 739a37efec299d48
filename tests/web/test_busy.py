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
