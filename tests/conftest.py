"""The fixed cast of every test: organisation A with staff in each role, organisation B
with its own screener, and a reporter who files through the real services."""

import pytest
from django.test import override_settings
from django_scopes import scopes_disabled

from tests import factories


def pytest_sessionfinish(session):
    """The served servers' template database goes when the whole run ends."""
    if hasattr(session.config, "workerinput"):
        return  # an xdist worker: the controlling process drops it
    factory = getattr(session.config, "_tmp_path_factory", None)
    if factory is not None:
        from tests import served

        served.drop_template(factory.getbasetemp())


@pytest.fixture(scope="session")
def _kek_file(tmp_path_factory):
    """One key-encryption key for the run, in a file of its own (never the database)."""
    from vissel.crypto import kek

    path = tmp_path_factory.mktemp("kek") / "key-encryption-key"
    kek.create(path)
    return path


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path, _kek_file, monkeypatch):
    # Every test keeps its files apart, and uses the cheap Argon2 profile: the same code
    # path at a fraction of the memory.
    settings.VISSEL_FILES_DIR = tmp_path / "files"
    settings.VISSEL_KDF_PROFILE = "test"
    settings.VISSEL_KEK_FILE = _kek_file
    monkeypatch.delenv("VISSEL_KEK", raising=False)
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]


@pytest.fixture(autouse=True)
def _services_work_across_organisations():
    """Tests call services directly, as `vissel tick` does: unscoped. A request through
    the test client runs in the scope its middleware sets, as in production."""
    with scopes_disabled():
        yield


@pytest.fixture(scope="session")
def _session_cast(django_db_setup, django_db_blocker, _kek_file):
    """The cast is built once per run and committed; each test's transaction rolls back
    to it. (A test that flushes the database would take it away: none does.)"""
    with (
        django_db_blocker.unblock(),
        scopes_disabled(),
        override_settings(VISSEL_KDF_PROFILE="test", VISSEL_KEK_FILE=_kek_file),
    ):
        return factories.Cast.create()


@pytest.fixture
def cast(db, _session_cast):
    return factories.reload(_session_cast)


@pytest.fixture
def staff_client(cast):
    """A browser logged in as a staff member, once per test and person: a TOTP code is
    taken once per step, so a test that asks again reuses the browser."""
    from django.test import Client

    from tests.staff.helpers import log_in_staff

    clients = {}

    def client_for(person):
        if person.pk not in clients:
            clients[person.pk] = Client()
            log_in_staff(clients[person.pk], person)
        return clients[person.pk]

    return client_for


@pytest.fixture
def org_a(cast):
    return cast.org_a


@pytest.fixture
def org_b(cast):
    return cast.org_b


@pytest.fixture
def filed(cast):
    """A report filed by the reporter in organisation A, with one file."""
    return factories.file_report(cast.org_a, files=[("evidence.txt", b"ledger page 4\n")])


@pytest.fixture(scope="session")
def served(tmp_path_factory):
    """One real server for the served and browser tests of this run."""
    from tests import served as serving

    server = serving.start(tmp_path_factory.mktemp("served"))
    yield server
    server.stop()
    serving.drop_database(server)


@pytest.fixture(scope="session")
def speech_file(tmp_path_factory):
    """A Swedish sentence spoken by espeak-ng, as a WAV file, for the oral reports."""
    from tests.speech import swedish_speech

    folder = tmp_path_factory.mktemp("speech")
    swedish_speech(folder)
    return folder / "mening.wav"


@pytest.fixture(scope="session")
def speech(speech_file) -> bytes:
    return speech_file.read_bytes()


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback (aiosmtpd); Django sends to it."""
    from tests.mailbox import Mailbox

    with Mailbox() as mailbox:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = mailbox.port
        settings.EMAIL_USE_TLS = False
        yield mailbox
