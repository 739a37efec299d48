"""The upload slots guard the reading of request bodies, not the work done with them: a
slot is given back as soon as the body has been read, so that a report being written to
the database, or a key being derived, does not make the next reporter's form "busy";
while bodies are still arriving, the slots stay taken and the next body gets its 503."""

import io
import threading

from vissel.web.slow_clients import UploadSlots


class HoldingApp:
    """Reads the body (all of it, or only some), then waits until told to finish."""

    def __init__(self, read_all: bool):
        self.read_all = read_all
        self.done_reading = threading.Event()
        self.finish = threading.Event()

    def __call__(self, environ, start_response):
        body = environ["wsgi.input"]
        body.read() if self.read_all else body.read(3)
        self.done_reading.set()
        self.finish.wait(5)
        start_response("200 OK", [])
        return [b"ok"]


def post(app, body=b"a=1&b=2"):
    environ = {"CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(body)}
    answers = []
    app(environ, lambda status, headers: answers.append(status))
    return answers[0]


def test_a_slot_is_free_again_once_the_body_is_read_though_the_work_goes_on():
    slow = HoldingApp(read_all=True)
    slots = UploadSlots(slow, slots=1)
    first = threading.Thread(target=post, args=(slots,))
    first.start()
    slow.done_reading.wait(5)
    quick = HoldingApp(read_all=True)
    quick.finish.set()
    slots.app = quick
    assert post(slots) == "200 OK"  # not 503: the first body was read already
    slow.finish.set()
    first.join()


def test_a_body_still_arriving_keeps_its_slot_and_the_next_body_is_turned_away():
    partial = HoldingApp(read_all=False)
    slots = UploadSlots(partial, slots=1)
    first = threading.Thread(target=post, args=(slots,))
    first.start()
    partial.done_reading.wait(5)
    assert post(slots).startswith("503")
    partial.finish.set()
    first.join()
    done = HoldingApp(read_all=True)
    done.finish.set()
    slots.app = done
    assert post(slots) == "200 OK"  # and the slot came back when the request ended
