"""What must hold after every fuzzed request: no server error, no case but a whole one
sent on purpose, no temporary upload left behind."""

import traceback
from contextlib import contextmanager

from django.test import Client

from vissel.cases.models import Case
from vissel.evidence.storage import incoming_dir


def browser() -> Client:
    """A client that shows a server error as a 500 answer instead of raising it (the
    test client skips CSRF checks, as a forged or fuzzed request would not need them)."""
    return Client(raise_request_exception=False)


def no_server_error(response, sent=None) -> None:
    if response.status_code < 500:
        return
    exc_info = getattr(response, "exc_info", None)
    detail = (
        "".join(traceback.format_exception(*exc_info))
        if exc_info
        else response.content.decode(errors="replace")[:3000]
    )
    shown = repr(sent)[:3000] if sent is not None else ""
    raise AssertionError(f"server error {response.status_code} for {shown}\n{detail}")


def case_count(organisation) -> int:
    return Case.objects.in_organisation(organisation).count()


def incoming_files() -> set[str]:
    return {path.name for path in incoming_dir().iterdir()}


@contextmanager
def nothing_stored(organisation):
    """No case appears, and no temporary upload stays behind."""
    cases, incoming = case_count(organisation), incoming_files()
    yield
    assert case_count(organisation) == cases, "a case was stored without being sent"
    assert incoming_files() == incoming, "a temporary upload was left behind"
