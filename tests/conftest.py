"""The fixed cast of every test: organisation A with staff in each role, organisation B
with its own screener, and a reporter who files through the real services."""

import os
import tempfile

# Before Django reads its settings: a throwaway data directory and the cheap Argon2
# profile (same code path, a fraction of the memory), unless the caller chose otherwise.
os.environ.setdefault("VISSEL_DATA_DIR", tempfile.mkdtemp(prefix="vissel-test-"))
os.environ.setdefault("VISSEL_KDF_PROFILE", "test")

import pytest  # noqa: E402

from tests import factories  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path):
    settings.VISSEL_FILES_DIR = tmp_path / "files"
    settings.VISSEL_KDF_PROFILE = "test"
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]


@pytest.fixture
def cast(db):
    return factories.Cast.create()


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
