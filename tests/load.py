"""Simulated reporters against a real server, for the load test and `bench/load.py`: each
files reports with a small file, logs in with the receipt and writes messages, as a
browser without JavaScript would, for a bounded time and count. Afterwards every case
number logs in again and must see exactly its own report and messages."""

import secrets
import threading
import time
from dataclasses import dataclass, field

from tests.served import DEMO, RECEIPT, browser_from, token_of

MESSAGES_EACH = 2
BUSY_TRIES = 4


@dataclass
class Filed:
    number: str
    password: str
    marker: str  # in the report's text
    messages: list[str] = field(default_factory=list)


@dataclass
class LoadResult:
    filed: list[Filed] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # every 5xx, and every broken step
    requests: int = 0
    busy: int = 0  # 503 "busy, try again" answers, tried again as a person would
    seconds: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, response, step: str) -> bool:
        with self.lock:
            self.requests += 1
            if response.status_code >= 500:
                self.errors.append(f"{step}: {response.status_code}")
                return False
        return True

    def ask(self, send, step: str):
        """A request as a person makes it: told "busy, try again in a moment" (503 with
        Retry-After), they wait as long as the page asks and try again, a few times."""
        for _attempt in range(BUSY_TRIES):
            response = send()
            if response.status_code != 503 or "Retry-After" not in response.headers:
                break
            with self.lock:
                self.requests += 1
                self.busy += 1
            time.sleep(float(response.headers["Retry-After"]))
        return response


def _file(served, result: LoadResult, name: str) -> Filed | None:
    browser = browser_from("127.0.0.1")
    marker = f"LOAD-{name}-{secrets.token_hex(4)}"
    form = browser.get(served.url(f"/{DEMO}/report/"))
    if not result.note(form, "form"):
        return None
    review = result.ask(
        lambda: browser.post(
            served.url(f"/{DEMO}/report/"),
            data={
                "csrfmiddlewaretoken": token_of(form.text),
                "category": "fraud",
                "what_happened": f"{marker}: fakturor betalades två gånger.",
                "relationship": "employee",
                "identity": "anonymous",
            },
            files={"files": (f"{marker}.txt", f"Bilaga {marker}".encode())},
        ),
        "review",
    )
    if not result.note(review, "review"):
        return None
    receipt = result.ask(
        lambda: browser.post(
            served.url(f"/{DEMO}/report/send/"),
            data={"csrfmiddlewaretoken": token_of(review.text)},
        ),
        "send",
    )
    if not result.note(receipt, "send"):
        return None
    found = RECEIPT.search(receipt.text)
    if found is None:
        with result.lock:
            result.errors.append(f"send: no receipt ({receipt.status_code})")
        return None
    return Filed(found.group(1), found.group(2), marker)


def _log_in(served, result: LoadResult, filed: Filed, step: str):
    browser = browser_from("127.0.0.1")
    page = browser.get(served.url(f"/{DEMO}/login/"))
    if not result.note(page, f"{step}: login page"):
        return None, None
    inbox = result.ask(
        lambda: browser.post(
            served.url(f"/{DEMO}/login/"),
            data={
                "csrfmiddlewaretoken": token_of(page.text),
                "case_number": filed.number,
                "password": filed.password,
            },
        ),
        f"{step}: login",
    )
    if not result.note(inbox, f"{step}: login") or 'id="reply"' not in inbox.text:
        with result.lock:
            result.errors.append(f"{step}: not logged in ({inbox.status_code})")
        return None, None
    return browser, inbox


def _write(served, result: LoadResult, filed: Filed) -> None:
    browser, inbox = _log_in(served, result, filed, "write")
    if browser is None:
        return
    for index in range(MESSAGES_EACH):
        text = f"{filed.marker}-message-{index}"
        answer = result.ask(
            lambda text=text: browser.post(
                served.url(f"/{DEMO}/inbox/reply/"),
                data={"csrfmiddlewaretoken": token_of(inbox.text), "body": text},
            ),
            "reply",
        )
        if result.note(answer, "reply") and text in answer.text:
            filed.messages.append(text)
        else:
            with result.lock:
                result.errors.append(f"reply: not shown ({answer.status_code})")


def _reporter(served, result: LoadResult, name: str, until: float, most: int) -> None:
    for index in range(most):
        if time.monotonic() >= until:
            return
        filed = _file(served, result, f"{name}-{index}")
        if filed is None:
            continue
        _write(served, result, filed)
        with result.lock:
            result.filed.append(filed)


def run_load(served, reporters: int, seconds: float, most_each: int = 1000) -> LoadResult:
    result = LoadResult()
    started = time.monotonic()
    until = started + seconds
    threads = [
        threading.Thread(target=_reporter, args=(served, result, f"r{n}", until, most_each))
        for n in range(reporters)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.monotonic() - started
    return result


def check_each_sees_its_own(served, result: LoadResult) -> list[str]:
    """Every case number logs in and sees its report and messages, and nobody else's."""
    problems = []
    markers = {filed.marker for filed in result.filed}
    for filed in result.filed:
        _browser, inbox = _log_in(served, result, filed, "check")
        if inbox is None:
            problems.append(f"{filed.marker}: cannot log in")
            continue
        page = inbox.text
        if filed.marker not in page:
            problems.append(f"{filed.marker}: report missing")
        missing = [text for text in filed.messages if text not in page]
        if missing or len(filed.messages) != MESSAGES_EACH:
            problems.append(f"{filed.marker}: messages missing {missing}")
        others = [m for m in markers - {filed.marker} if m in page]
        if others:
            problems.append(f"{filed.marker}: sees {others}")
    return problems
