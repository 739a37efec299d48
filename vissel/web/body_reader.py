"""The request body as the server reads it from the socket, copied once on the way.

gunicorn's Unreader keeps what it read ahead in a BytesIO and copies all of it twice on
every read, and its Body copies each piece once more through a BytesIO of its own. The
upload handler reads a body 64 KiB at a time while the socket is read 1 MiB at a time,
so each byte of an upload was copied some thirty times: a 1 GiB upload ran at a fifth of
the cipher's speed (bench/upload.py). Here the socket is read into one reused 1 MiB
landing buffer, and each piece is copied out of it once, as the bytes the caller gets."""

from gunicorn.http.body import MAX_READ_STEP, Body, LengthReader
from gunicorn.http.unreader import SocketUnreader

SMALLEST_RECEIVE = 64 * 1024


class BodyUnreader(SocketUnreader):
    def __init__(self, sock, max_chunk: int = 8192):
        super().__init__(sock, max_chunk)
        # Received into, again and again: a new 1 MiB object for every recv() cost the
        # kernel fresh pages to fault in and zero each time.
        self.landing = bytearray(self.max_body_chunk)
        self.start = self.end = 0  # landing[start:end]: received, not read yet
        self.given_back = bytearray()  # unread(): read before the landing

    def _held(self) -> int:
        return len(self.given_back) + self.end - self.start

    def _receive(self, needed: int, ahead: int) -> int:
        """Receive at least a byte, up to `ahead` if there is room; room is made for
        `needed`."""
        if self.start == self.end:
            self.start = self.end = 0
        if len(self.landing) - self.end < max(needed, SMALLEST_RECEIVE):
            held = self.end - self.start
            if held + needed <= len(self.landing):  # what is held slides to the front
                with memoryview(self.landing) as landing:
                    landing[:held] = landing[self.start : self.end]
            else:  # a caller asking for more than the landing holds
                self.given_back += self.landing[self.start : self.end]
                held = 0
            self.start, self.end = 0, held
        size = min(max(needed, ahead, self.mxchunk), len(self.landing) - self.end)
        with memoryview(self.landing) as landing:
            received = self.sock.recv_into(landing[self.end : self.end + size], size)
        self.end += received
        return received

    def _take(self, size: int) -> bytes:
        if self.given_back:
            taken = bytes(self.given_back[:size])
            del self.given_back[:size]
            if len(taken) == size:
                return taken
            return taken + self._take(size - len(taken))
        size = min(size, self.end - self.start)
        with memoryview(self.landing) as landing:
            data = bytes(landing[self.start : self.start + size])
        self.start += size
        return data

    def read(self, size=None, read_ahead=None) -> bytes:
        if size is not None and not isinstance(size, int):
            raise TypeError("size parameter must be an int or long.")
        if size == 0:
            return b""
        if size is None or size < 0:
            # The next piece: what is held, or one read from the socket.
            return self.take_buffered() if self._held() else self.chunk(read_ahead)
        while self._held() < size:
            if not self._receive(size - self._held(), (read_ahead or 0) - self._held()):
                return self.take_buffered()
        return self._take(size)

    def take_buffered(self) -> bytes:
        """Everything held: gunicorn's thread worker hands it to the next request on a
        kept-alive connection."""
        return self._take(self._held())

    def unread(self, data) -> None:
        self.given_back[:0] = data


class LengthBody(Body):
    """wsgi.input for a body of known length. A read of up to a MiB, with nothing
    buffered, goes straight to the unreader, which returns exactly what was asked (less
    only at the end), instead of through gunicorn's BytesIO; anything else is read as
    gunicorn reads it."""

    def read(self, size=None):
        wanted = self.getsize(size)
        if self.buf.tell() or not 0 < wanted <= MAX_READ_STEP:
            return super().read(size)
        return self._read_reader(wanted)


def reading_straight(body: Body) -> Body:
    if type(body) is Body and isinstance(body.reader, LengthReader):
        return LengthBody(body.reader)
    return body
