"""The server's body reader (vissel/web/body_reader.py) gives back exactly what the
client sent, in whatever pieces it is asked for, over a real socket."""

import os
import socket
import threading

from vissel.web.body_reader import BodyUnreader


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
