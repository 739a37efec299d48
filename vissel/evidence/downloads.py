import re
from urllib.parse import quote

from django.http import HttpResponse, StreamingHttpResponse


def attachment(described, stream) -> StreamingHttpResponse:
    """A case file, decrypted as it streams. Always a download, never shown inline: a
    reporter's file is not our page, whatever its type claims."""
    response = StreamingHttpResponse(stream, content_type="application/octet-stream")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(described.name)}"
    response["Content-Length"] = str(described.size)
    return response


RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def _skip(stream, start: int, end: int):
    """Bytes start..end (inclusive) of a stream that can only be read from its start."""
    position = 0
    for chunk in stream:
        chunk_end = position + len(chunk)
        if chunk_end > start and position <= end:
            yield chunk[max(0, start - position) : end - position + 1]
        position = chunk_end
        if position > end:
            break


def recording(request, size: int, stream) -> HttpResponse:
    """A disguised recording (Opus in Ogg that Vissel encoded itself, never a reporter's
    own file) to play in an <audio> element: inline, and seekable with byte ranges."""
    match = RANGE.match(request.headers.get("Range", ""))
    if match and (match.group(1) or match.group(2)):
        if match.group(1):
            start = int(match.group(1))
            end = min(int(match.group(2)), size - 1) if match.group(2) else size - 1
        else:  # the last N bytes
            start, end = max(0, size - int(match.group(2))), size - 1
        if start >= size or start > end:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        response = StreamingHttpResponse(_skip(stream, start, end), status=206)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    else:
        response = StreamingHttpResponse(stream)
        response["Content-Length"] = str(size)
    response["Content-Type"] = "audio/ogg"
    response["Content-Disposition"] = "inline"
    response["Accept-Ranges"] = "bytes"
    return response


def file_response(request, described, stream) -> HttpResponse:
    """A case file: a disguised recording plays in the page when asked (?play=1); every
    other file, and a recording otherwise, is a download."""
    if described.is_disguised_recording and request.GET.get("play") == "1":
        return recording(request, described.size, stream)
    return attachment(described, stream)
