from urllib.parse import quote

from django.http import StreamingHttpResponse


def attachment(described, stream) -> StreamingHttpResponse:
    """A case file, decrypted as it streams. Always a download, never shown inline: a
    reporter's file is not our page, whatever its type claims."""
    response = StreamingHttpResponse(stream, content_type="application/octet-stream")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(described.name)}"
    response["Content-Length"] = str(described.size)
    return response
