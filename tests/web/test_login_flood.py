"""32 login attempts at once, again and again, against the real server with the
production Argon2id profile (security review, finding 10): derivations are capped per
process, a few attempts wait at most half a second for one in a short queue and the rest
are answered 503 with Retry-After at once, nobody waits behind the whole flood, and the
landing page stays fast throughout. Before the cap, the landing page took 6.7 s."""

import itertools
import statistics
import threading
import time

import pytest
import requests

from tests import served as serving
from tests.served import DEMO, browser_from, token_of

pytestmark = pytest.mark.served

FLOOD_SECONDS = 1.5
LANDING_SAMPLES = 15
MAX_FLOOD_SECONDS = 15  # time to take the samples when the suite shares the two cores


@pytest.fixture(scope="module")
def production_kdf_server(tmp_path_factory):
    server = serving.start(
        tmp_path_factory.mktemp("flood"),
        serve_env={"VISSEL_KDF_PROFILE": "production", "VISSEL_THREADS": "16"},
    )
    yield server
    server.stop()
    serving.drop_database(server)


def test_a_login_flood_is_turned_away_and_the_landing_page_stays_fast(production_kdf_server):
    server = production_kdf_server
    login_url = server.url(f"/{DEMO}/login/")
    landing_url = server.url(f"/{DEMO}/")
    answers: list[tuple[int, str, float, bool]] = []
    lock = threading.Lock()

    flood_over = threading.Event()

    def attempt(index: int) -> None:
        # Each thread keeps trying until the flood is called off, so the landing page is
        # sampled many times under load rather than once or twice at its edges.
        browser = browser_from("127.0.0.1")
        token = token_of(browser.get(login_url, timeout=10).text)
        for round_ in itertools.count():
            started = time.monotonic()
            response = browser.post(
                login_url,
                data={
                    "csrfmiddlewaretoken": token,
                    # a number each: no pause starts
                    "case_number": f"{10_000_000 + index * 1000 + round_}",
                    "password": "aaaa-bbbb-cccc-dddd-eeee-ffff",
                },
                timeout=30,
            )
            with lock:
                answers.append(
                    (
                        response.status_code,
                        response.headers.get("Retry-After", ""),
                        time.monotonic() - started,
                        "Många loggar in just nu" in response.text,  # the cap's page
                    )
                )
            if flood_over.is_set():
                return

    threads = [threading.Thread(target=attempt, args=(index,)) for index in range(32)]
    for thread in threads:
        thread.start()
    landing = []
    flood_started = time.monotonic()
    # At least FLOOD_SECONDS and LANDING_SAMPLES samples, bounded in time either way.
    while time.monotonic() - flood_started < MAX_FLOOD_SECONDS and (
        time.monotonic() - flood_started < FLOOD_SECONDS or len(landing) < LANDING_SAMPLES
    ):
        started = time.monotonic()
        assert requests.get(landing_url, timeout=10).status_code == 200
        landing.append(time.monotonic() - started)
        time.sleep(0.02)
    flood_over.set()
    for thread in threads:
        thread.join()

    statuses = [status for status, _retry, _took, _kdf in answers]
    assert len(answers) >= 32
    assert len(landing) >= LANDING_SAMPLES, landing
    # Checked, and refused as wrong; any the server could not take were told "busy".
    assert statuses.count(400) >= 32, statuses
    assert set(statuses) <= {400, 503}, statuses
    assert all(retry == "5" for status, retry, _took, _kdf in answers if status == 503)
    # Nobody waits behind the whole flood: those told "busy" are told within half a
    # second in a short queue or at once, even on two cores shared with the flood; those
    # answered had their turn (CPU shared with the flood and the suite: under 10 s).
    assert max(took for status, _retry, took, _kdf in answers if status == 503) < 2.0
    assert max(took for _status, _retry, took, _kdf in answers) < 10.0
    # Before the cap the landing page took 6.7 s; on two cores shared with the flood
    # (and a browser test beside it) it stays well under a second.
    assert landing and max(landing) < 2.0, landing
    assert statistics.median(landing) < 0.5, landing
