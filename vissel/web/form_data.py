"""multipart/form-data as Django parses it, with each byte of a file copied once.

Why: during a 1 GiB upload (bench/upload.py, perf) Django's parser took about a quarter
of the request's thread, as long as half the cipher. It slices and joins the pieces
around each search for the boundary, copying every byte twice more, and makes several
Python calls for each 64 KiB. Here a file's bytes are read in pieces of the handlers'
chunk size, counted from the file's start; each is searched where it lies and reaches
the upload handler as it was read, uncopied, to be encrypted as it is. The same machine
in the same hour: 53-56 % of raw encryption before, 59-64 % after.

The search is CPython's `bytes.find`, linear even on a body built against it
(`tests/web/test_form_data.py` times one). Only the last carriage return of a piece can
begin a delimiter cut off by the piece's end: a boundary is printable ASCII.

Django's `MultiPartParser` does everything else: the checks of the Content-Type and the
boundary, the upload handler protocol's calls, the file name's sanitising, closing the
files on an error. Its limits hold as it applies them (fields, text bytes, files, 1,024
bytes of a part's headers), and headers are parsed as it parses them. Stricter than
Django, as RFC 2046 and 7578 say: a delimiter is CRLF "--" boundary, not "--" boundary
anywhere in a file; a body that ends before its closing delimiter, or a part with a
Content-Transfer-Encoding, is refused (a 400), where Django would keep what came before.

It is used through Django's documented hook: the upload handler's `handle_raw_input`
returns what this parser returns (vissel.evidence.uploads), so the test client and the
server take the same path.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.files.uploadhandler import SkipFile, StopFutureHandlers, StopUpload
from django.http import QueryDict
from django.http.multipartparser import (
    MAX_TOTAL_HEADER_SIZE,
    MultiPartParser,
    MultiPartParserError,
    exhaust,
)
from django.utils.datastructures import MultiValueDict
from django.utils.encoding import force_str
from django.utils.http import parse_header_parameters


class Body:
    """The request body as read so far: data[pos:] is not parsed yet."""

    def __init__(self, stream, length: int):
        self._stream = stream
        self._left = length
        # The first delimiter needs no CRLF before it (RFC 2046): given one, every
        # delimiter is found alike.
        self.data = b"\r\n"
        self.pos = 0

    def read(self, size: int) -> bytes:
        size = min(size, self._left)
        if size <= 0:
            return b""
        received = self._stream.read(size)
        self._left -= len(received)
        return received

    def more(self, size: int) -> bool:
        """Keep what is not parsed and add up to `size` bytes; False at the body's end."""
        received = self.read(size)
        if not received:
            return False
        rest = self.data[self.pos :]
        self.data = rest + received if rest else received
        self.pos = 0
        return True

    def ensure(self, size: int) -> None:
        """At least `size` bytes unparsed, unless the body ends first."""
        while len(self.data) - self.pos < size and self.more(size):
            pass


def part_headers(block: bytes) -> dict:
    """A part's headers, parsed line by line as Django parses them."""
    headers = {}
    for line in block.split(b"\r\n"):
        try:
            main_value, params = parse_header_parameters(line.decode())
            name, value = main_value.split(":", 1)
        except ValueError:  # not a header, or not UTF-8
            continue
        headers[name] = value, {k: v.encode() for k, v in params.items()}
    return headers


class FormDataParser(MultiPartParser):
    def _parse(self):
        self._post = QueryDict(mutable=True)
        self._files = MultiValueDict()
        self._body = Body(self._input_data, self._content_length)
        self._delimiter = b"\r\n--" + self._boundary
        self._text_bytes = 0
        fields = files = 0
        try:
            exhaust(self._pieces())  # the preamble, which carries nothing
            while self._next_part():
                headers = part_headers(self._header_block())
                if "content-transfer-encoding" in headers:
                    raise MultiPartParserError("Content-Transfer-Encoding is not allowed.")
                disposition = headers.get("content-disposition", ("", {}))[1]
                file_name = disposition.get("filename")
                if file_name:
                    files += 1
                    limit = settings.DATA_UPLOAD_MAX_NUMBER_FILES
                    if limit is not None and files > limit:
                        raise TooManyFilesSent("More files than DATA_UPLOAD_MAX_NUMBER_FILES.")
                else:
                    fields += 1
                    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
                    if limit is not None and fields > limit:
                        raise TooManyFieldsSent("More fields than DATA_UPLOAD_MAX_NUMBER_FIELDS.")
                if "name" not in disposition:
                    exhaust(self._pieces())
                    continue
                field_name = force_str(disposition["name"].strip(), self._encoding, "replace")
                if file_name:
                    self._file(field_name, file_name, headers)
                else:
                    self._field(field_name)
            exhaust(self._input_data)  # the epilogue
        except StopUpload as stop:
            self._close_files()
            if not stop.connection_reset:
                exhaust(self._input_data)
        any(handler.upload_complete() for handler in self._upload_handlers)
        self._post._mutable = False
        return self._post, self._files

    def _pieces(self):
        """The current part's body in pieces, up to the delimiter that ends it, which is
        consumed. Pieces are counted from the part's start in the chunk size, so that a
        long part comes in whole chunks as they were read."""
        body, delimiter, chunk = self._body, self._delimiter, self._chunk_size
        given = 0
        while True:
            data, pos, end = body.data, body.pos, len(body.data)
            found = data.find(delimiter, pos, end)
            if found >= 0:
                body.pos = found + len(delimiter)
                if found > pos:
                    yield data[pos:found]
                return
            # What may be the start of a delimiter stays for the next search. A partial
            # delimiter can start only at the last carriage return: it holds no other.
            hold = data.rfind(b"\r", max(pos, end - len(delimiter) + 1), end)
            if hold < 0 or not delimiter.startswith(data[hold:end]):
                hold = end
            body.pos = hold
            if hold > pos:
                piece = data if pos == 0 and hold == end else data[pos:hold]
                given += len(piece)
                yield piece
            if not body.more(chunk - (given + end - hold) % chunk):
                raise MultiPartParserError("The request body ended inside a part.")

    def _next_part(self) -> bool:
        """After a delimiter: True if a part follows, False after the closing one."""
        body = self._body
        body.ensure(MAX_TOTAL_HEADER_SIZE + 8)
        data, pos = body.data, body.pos
        if data.startswith(b"--", pos):
            body.pos = pos + 2
            return False
        while data[pos : pos + 1] in (b" ", b"\t"):  # transport padding
            pos += 1
        if not data.startswith(b"\r\n", pos):
            raise MultiPartParserError("A boundary is not followed by a line break.")
        body.pos = pos
        return True

    def _header_block(self) -> bytes:
        body = self._body
        data, pos = body.data, body.pos  # at the CRLF after the boundary
        end = data.find(b"\r\n\r\n", pos, pos + MAX_TOTAL_HEADER_SIZE + 4)
        if end < 0:
            raise MultiPartParserError("A part's headers are missing or too long.")
        body.pos = end + 4
        return data[pos + 2 : end]

    def _field(self, field_name: str) -> None:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        pieces = []
        for piece in self._pieces():
            self._text_bytes += len(piece)
            if limit is not None and self._text_bytes > limit:
                raise RequestDataTooBig("Fields exceeded DATA_UPLOAD_MAX_MEMORY_SIZE.")
            pieces.append(piece)
        # As Django counts: with two for the '&=' of a urlencoded form.
        self._text_bytes += len(field_name) + 2
        if limit is not None and self._text_bytes > limit:
            raise RequestDataTooBig("Fields exceeded DATA_UPLOAD_MAX_MEMORY_SIZE.")
        self._post.appendlist(field_name, force_str(b"".join(pieces), self._encoding, "replace"))

    def _file(self, field_name: str, raw_file_name: bytes, headers: dict) -> None:
        file_name = self.sanitize_file_name(force_str(raw_file_name, self._encoding, "replace"))
        pieces = self._pieces()
        if not file_name:
            exhaust(pieces)
            return
        content_type, content_type_extra = headers.get("content-type", ("", {}))
        try:
            content_length = int(headers["content-length"][0])
        except (KeyError, ValueError):
            content_length = None
        handlers = self._upload_handlers
        counters = [0] * len(handlers)
        try:
            for handler in handlers:
                try:
                    handler.new_file(
                        field_name,
                        file_name,
                        content_type.strip(),
                        content_length,
                        content_type_extra.get("charset"),
                        content_type_extra,
                    )
                except StopFutureHandlers:
                    break
            for piece in pieces:
                for i, handler in enumerate(handlers):
                    length = len(piece)
                    piece = handler.receive_data_chunk(piece, counters[i])
                    counters[i] += length
                    if piece is None:
                        break
        except SkipFile:
            self._close_files()
            exhaust(pieces)
            return
        except MultiPartParserError:
            for handler in handlers:
                handler.upload_interrupted()
            raise
        self.handle_file_complete(field_name, counters)
