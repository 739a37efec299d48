"""The server's body reader (vissel/web/body_reader.py) gives back exactly what the
client sent, in whatever pieces it is asked for, over a real socket."""

import os
import socket
import threading

from gunicorn.http.body import Body, LengthReader
from hypothesis import given, settings
from hypothesis import strategies as st

from vissel.web.body_reader import BodyUnreader, LengthBody, reading_straight


def sent_through_a_socket(payload: bytes):
    ours, theirs = socket.socketpair()
    threading.Thread(target=lambda: (theirs.sendall(payload), theirs.close())).start()
    return ours


def test_a_body_read_in_small_pieces_with_read_ahead_is_the_body():
    payload = os.urandom(3 * 1024 * 1024 + 17)
    sock = sent_through_a_socket(payload)
    reader = BodyUnreader(sock)
    received, left = bytearray(), len(payload)
    while left:
        piece = reader.read(min(65536, left), read_ahead=left)
        assert piece
        received += piece
        left -= len(piece)
    assert bytes(received) == payload
    assert reader.read(10) == b""
    sock.close()


def test_what_is_unread_comes_first_and_what_is_held_is_handed_over():
    ours, theirs = socket.socketpair()
    theirs.sendall(b"HEAD\r\n\r\nbody bytes")
    reader = BodyUnreader(ours)
    assert reader.read(8, read_ahead=1024) == b"HEAD\r\n\r\n"  # and the rest read ahead
    reader.unread(b"again:")
    assert reader.read(6) == b"again:"
    assert reader.read(4) == b"body"
    assert reader.take_buffered() == b" bytes"
    theirs.close()
    assert reader.read(5) == b""
    ours.close()


@settings(max_examples=40, deadline=None)
@given(
    reads=st.lists(
        st.one_of(st.integers(1, 70_000), st.integers(900_000, 2_500_000), st.none()),
        min_size=1,
        max_size=40,
    ),
    give_back=st.integers(0, 3),
)
def test_any_mix_of_read_sizes_and_unreads_gives_the_body_in_order(reads, give_back):
    payload = os.urandom(3 * 1024 * 1024 + 5)
    sock = sent_through_a_socket(payload)
    reader = BodyUnreader(sock)
    received = bytearray()
    for turn, size in enumerate(reads):
        piece = reader.read(size, read_ahead=len(payload) - len(received))
        if turn == give_back and len(piece) > 3:
            reader.unread(piece[-3:])  # as gunicorn gives back what it read too far
            piece = piece[:-3]
        if size is not None and len(received) + size <= len(payload):
            assert len(piece) in (size, size - 3)  # exactly what was asked, or less the 3
        received += piece
    received += reader.read(len(payload), read_ahead=len(payload))
    assert bytes(received) == payload[: len(received)]
    assert len(received) == len(payload)
    sock.close()


def test_a_body_of_known_length_reads_straight_and_still_as_gunicorn_reads_it():
    payload = os.urandom(2 * 1024 * 1024) + b"line one\nline two\n"
    sock = sent_through_a_socket(payload + b"NEXT REQUEST")
    body = reading_straight(Body(LengthReader(BodyUnreader(sock), len(payload))))
    assert isinstance(body, LengthBody)
    received = bytearray()
    while len(received) < 2 * 1024 * 1024:
        received += body.read(65536)
    assert body.readline() == b"line one\n"  # through gunicorn's own buffer
    assert body.read(4) == b"line"
    assert body.read() == b" two\n"
    assert body.read(65536) == b""  # never past the body's length
    assert bytes(received) == payload[: 2 * 1024 * 1024]
    sock.close()
