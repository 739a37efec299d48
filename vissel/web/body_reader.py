"""The request body as the server reads it from the socket, without needless copies.

gunicorn's Unreader keeps what it read ahead in a BytesIO and copies all of it twice on
every read. The upload handler reads a body 64 KiB at a time while the socket is read
1 MiB at a time, so each byte of an upload was copied some thirty times: a 1 GiB upload
ran at a fifth of the cipher's speed (bench/upload.py). Here the read-ahead is a
bytearray consumed from the front, which CPython does without moving the rest, so each
byte is copied in once and out once."""

from gunicorn.http.unreader import SocketUnreader


class BodyUnreader(SocketUnreader):
    def __init__(self, sock, max_chunk: int = 8192):
        super().__init__(sock, max_chunk)
        self.held = bytearray()
        # Received into, again and again: a new 1 MiB object for every recv() cost the
        # kernel fresh pages to fault in and zero each time.
        self.landing = bytearray(self.max_body_chunk)

    def _receive(self, wanted: int) -> int:
        size = min(max(wanted, self.mxchunk), self.max_body_chunk)
        with memoryview(self.landing) as landing:
            received = self.sock.recv_into(landing, size)
            self.held += landing[:received]
        return received

    def take_buffered(self) -> bytes:
        data = bytes(self.held)
        self.held.clear()
        return data

    def read(self, size=None, read_ahead=None) -> bytes:
        if size is not None and not isinstance(size, int):
            raise TypeError("size parameter must be an int or long.")
        if size == 0:
            return b""
        if size is None or size < 0:
            # The next piece: what is held, or one read from the socket.
            return self.take_buffered() if self.held else self.chunk(read_ahead)
        while len(self.held) < size:
            if not self._receive(max(size, read_ahead or 0) - len(self.held)):
                return self.take_buffered()
        with memoryview(self.held) as held:
            data = held[:size].tobytes()
        del self.held[:size]
        return data

    def unread(self, data) -> None:
        self.held[:0] = data
