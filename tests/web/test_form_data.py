"""The form-data parser (vissel/web/form_data.py) reads what Django's parser reads, hands
a long file over in whole chunks as they were read, refuses what RFC 7578 forbids, and
stays linear on a body built against its search."""

import io
import os
import time

import pytest
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.files.uploadhandler import FileUploadHandler, MemoryFileUploadHandler
from django.http.multipartparser import MultiPartParser, MultiPartParserError
from hypothesis import given
from hypothesis import strategies as st

from tests.security.strategies import fuzz
from vissel.web.form_data import FormDataParser

BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW"
CHUNK = 64 * 1024


def body_of(fields, files, boundary: str = BOUNDARY) -> bytes:
    parts = []
    for name, value in fields:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + value.encode()
            + b"\r\n"
        )
    for name, content in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
            f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    return b"".join(parts) + f"--{boundary}--\r\n".encode()


def meta(body: bytes, boundary: str = BOUNDARY) -> dict:
    return {
        "CONTENT_TYPE": f"multipart/form-data; boundary={boundary}",
        "CONTENT_LENGTH": str(len(body)),
    }


class Pieces(FileUploadHandler):
    """Keeps every piece it is handed, as handed."""

    def __init__(self):
        super().__init__()
        self.pieces = []

    def receive_data_chunk(self, raw_data, start):
        self.pieces.append(raw_data)

    def file_complete(self, file_size):
        return None


class InMemory(MemoryFileUploadHandler):
    activated = True  # as Django's parser would make it, asking handle_raw_input first


def parsed(parser_class, body: bytes, boundary: str = BOUNDARY, handler=None):
    handler = handler or InMemory()
    post, files = parser_class(meta(body, boundary), io.BytesIO(body), [handler]).parse()
    return (
        sorted(post.lists()),
        [(f.name, f.read()) for _, uploads in sorted(files.lists()) for f in uploads],
    )


# File contents full of what a boundary search may stumble on.
near_misses = st.sampled_from(
    [b"\r", b"\n", b"\r\n", b"-", b"--", b"\r\n--", ("\r\n--" + BOUNDARY[:-1]).encode(), b"x"]
)
# A sender picks a boundary found nowhere in what it sends (RFC 2046): near misses only.
contents = (
    st.lists(st.one_of(near_misses, st.binary(max_size=64)), max_size=30)
    .map(b"".join)
    .filter(lambda content: BOUNDARY.encode() not in content)
)
names = st.text(st.characters(codec="utf-8", exclude_characters='"\\\r\n%'), min_size=1)


@fuzz(60)
@given(
    fields=st.lists(st.tuples(names, st.text(st.characters(codec="utf-8"))), max_size=4),
    files=st.lists(st.tuples(names, contents), max_size=3),
    padding=st.integers(0, 3 * CHUNK),
)
def test_a_well_formed_form_reads_as_django_reads_it(fields, files, padding):
    # Padding moves the parts across the edges of the chunks the body is read in.
    files = [*files, ("padding.bin", os.urandom(padding))]
    body = body_of(fields, files)
    assert parsed(FormDataParser, body) == parsed(MultiPartParser, body)


@pytest.mark.parametrize("shift", range(-45, 3))
def test_a_delimiter_across_the_edge_of_a_chunk_ends_the_file_there(shift):
    head = len(body_of([], [("a.bin", b"")]).split(b"\r\n\r\n", 1)[0]) + 4 + 2  # + the CRLF
    content = os.urandom(CHUNK - head + shift) + b"\r\n--" + BOUNDARY[:10].encode()
    body = body_of([("before", "text")], [("a.bin", content)]) + b"epilogue"
    assert parsed(FormDataParser, body) == parsed(MultiPartParser, body)
    assert parsed(FormDataParser, body)[1] == [("a.bin", content)]


def test_a_long_file_is_handed_over_in_whole_chunks_as_read():
    content = os.urandom(20 * CHUNK + 12345)
    handler = Pieces()
    parsed(FormDataParser, body_of([("what", "x" * 3000)], [("big.bin", content)]), handler=handler)
    sizes = [len(piece) for piece in handler.pieces]
    assert b"".join(handler.pieces) == content
    # The first two pieces make up the first chunk; every one after is whole.
    assert sum(sizes[:2]) == CHUNK
    assert set(sizes[2:-1]) == {CHUNK}


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (body_of([("a", "1")], [("f.bin", b"data")])[:-30], "ended inside a part"),
        (
            f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=a\r\n"
            f"Content-Transfer-Encoding: base64\r\n\r\nMQ==\r\n--{BOUNDARY}--".encode(),
            "Content-Transfer-Encoding",
        ),
        (
            f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=a\r\nX: {'y' * 1100}"
            f"\r\n\r\n1\r\n--{BOUNDARY}--".encode(),
            "headers are missing or too long",
        ),
        (f"--{BOUNDARY}junk\r\n\r\n1\r\n--{BOUNDARY}--".encode(), "not followed by a line"),
        (b"no boundary anywhere", "ended inside a part"),
    ],
    ids=["truncated", "transfer-encoding", "long headers", "junk after boundary", "none"],
)
def test_a_malformed_body_is_refused(body, problem):
    with pytest.raises(MultiPartParserError, match=problem):
        parsed(FormDataParser, body)


def test_a_file_cut_off_by_the_body_end_is_interrupted_and_not_kept():
    class Interrupted(InMemory):
        interrupted = False

        def upload_interrupted(self):
            Interrupted.interrupted = True

    body = body_of([], [("f.bin", os.urandom(3 * CHUNK))])[:-100]
    with pytest.raises(MultiPartParserError):
        parsed(FormDataParser, body, handler=Interrupted())
    assert Interrupted.interrupted


def test_djangos_limits_hold(settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 3
    parsed(FormDataParser, body_of([(str(n), "v") for n in range(3)], []))
    with pytest.raises(TooManyFieldsSent):
        parsed(FormDataParser, body_of([(str(n), "v") for n in range(4)], []))
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    with pytest.raises(TooManyFilesSent):
        parsed(FormDataParser, body_of([], [("a", b"1"), ("b", b"2"), ("c", b"3")]))
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    parsed(FormDataParser, body_of([("a", "x" * 990)], [("big", os.urandom(5000))]))
    with pytest.raises(RequestDataTooBig):
        parsed(FormDataParser, body_of([("a", "x" * 1000)], []))


def test_a_body_built_against_the_search_takes_no_longer_than_random_bytes():
    """Near-misses of the delimiter, back to back: a search that compared each byte again
    for each position would take about the delimiter's length (41) times longer."""
    near = ("\r\n--" + BOUNDARY[:-1] + "#").encode()
    size = 16 << 20
    hostile = near * (size // len(near))
    plain = os.urandom(len(hostile))

    def seconds(content):
        body = body_of([], [("f.bin", content)])
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            parsed(FormDataParser, body, handler=Pieces())
            best = min(best, time.perf_counter() - started)
        return best

    assert seconds(hostile) < 8 * seconds(plain) + 0.2


def test_transport_padding_after_a_boundary_is_allowed():
    body = body_of([("a", "1"), ("b", "2")], []).replace(
        f"--{BOUNDARY}\r\n".encode(), f"--{BOUNDARY} \t \r\n".encode()
    )
    assert parsed(FormDataParser, body) == ([("a", ["1"]), ("b", ["2"])], [])
    assert parsed(FormDataParser, body) == parsed(MultiPartParser, body)
