"""Office documents: docx/xlsx/pptx (Office Open XML) and odt/ods/odp (OpenDocument).

Both are zip archives. The parts holding document properties (author, last editor,
company, manager, template, times, custom properties) are replaced by empty ones; every
entry is rewritten with a fixed date, and the archive comment is dropped. Names inside
the document itself (comments, tracked changes) are not touched, and the reporter is told.

Nothing is unpacked whole. The archive's directory is checked against the caps below
before any entry is opened, and every read is bounded: zipfile stops an entry at the size
the directory declares, but a read without a bound inflates all the packed data first.
"""

import zipfile
from io import BytesIO

from defusedxml import ElementTree

from vissel.evidence.cleaning.errors import NotThisKind, Refused

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
CHUNK = 1024 * 1024

# A real properties part is a few kB; a document has tens or hundreds of entries; its XML
# unpacks to 2-20 times its packed size and its pictures and videos to about their own.
MAX_PROPERTIES = 1024 * 1024  # one properties part, unpacked
MAX_INFLATION = 100 * 1024 * 1024  # all entries together, unpacked, beyond the file's size
MAX_ENTRIES = 10_000
MAX_DIRECTORY = MAX_ENTRIES * 256  # bytes; zipfile keeps ~450 bytes per entry it reads

EMPTY_OOXML = {
    "docProps/core.xml": (
        "office_properties",
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        b'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        b'xmlns:dcterms="http://purl.org/dc/terms/" '
        b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>',
    ),
    "docProps/app.xml": (
        "office_app_properties",
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/docPropsVTypes"/>',
    ),
    "docProps/custom.xml": (
        "office_custom_properties",
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/docPropsVTypes"/>',
    ),
}

EMPTY_ODF = {
    "meta.xml": (
        "office_properties",
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
        b'office:1.0" office:version="1.2"><office:meta/></office:document-meta>',
    ),
}


def _has_content(xml: bytes) -> bool:
    """Whether a properties part says anything at all (text or attributes below the root)."""
    try:
        root = ElementTree.fromstring(xml)
    except Exception:
        return True  # unreadable: replace it and say so
    for element in root.iter():
        if element is root:
            continue
        if (element.text and element.text.strip()) or element.attrib:
            return True
    return False


def _looks_like_office(data: bytes) -> bool:
    return b"[Content_Types].xml" in data or data[30:73].startswith(
        b"mimetypeapplication/vnd.oasis.opendocument"  # ODF's first entry, stored
    )


def _check_directory(packed: BytesIO, data: bytes) -> None:
    """Before zipfile reads the directory: a 200 MB upload has room for millions of
    entries, and zipfile would hold them all (or read the same packed data for each)."""
    end = zipfile._EndRecData(packed)  # the end record zipfile itself goes by
    if end is None:
        raise NotThisKind
    if end[zipfile._ECD_ENTRIES_TOTAL] > MAX_ENTRIES or end[zipfile._ECD_SIZE] > MAX_DIRECTORY:
        if _looks_like_office(data):
            raise Refused("too many entries")
        raise NotThisKind  # a plain zip stays as it is, unread, as it always has


def _check_sizes(infos: list[zipfile.ZipInfo], size: int) -> None:
    if len(infos) > MAX_ENTRIES:
        raise Refused("too many entries")
    if sum(info.compress_size for info in infos) > size:
        raise Refused("entries overlap")  # one packed stream, unpacked once per entry
    if sum(info.file_size for info in infos) > size + MAX_INFLATION:
        raise Refused("unpacks too large")


def _read_properties(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    if info.file_size > MAX_PROPERTIES:
        raise Refused("properties part too large")
    with archive.open(info) as part:
        return part.read(MAX_PROPERTIES)  # never past the declared size, and bounded


def _replacements(archive: zipfile.ZipFile) -> dict:
    names = set(archive.namelist())
    if "[Content_Types].xml" in names:
        return EMPTY_OOXML
    if "mimetype" in names:
        with archive.open("mimetype") as part:
            if part.read(64).startswith(b"application/vnd.oasis.opendocument"):
                return EMPTY_ODF
    raise NotThisKind


def clean(data: bytes) -> tuple[bytes, list[str], list[str]]:
    packed = BytesIO(data)
    _check_directory(packed, data)
    try:
        archive = zipfile.ZipFile(packed)
    except zipfile.BadZipFile as exc:
        raise NotThisKind from exc
    with archive:
        replacements = _replacements(archive)
        _check_sizes(archive.infolist(), len(data))
        removed: set[str] = set()
        out = BytesIO()
        with zipfile.ZipFile(out, "w") as rewritten:
            for info in archive.infolist():
                fresh = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE)
                fresh.compress_type = info.compress_type
                fresh.external_attr = 0o644 << 16
                if info.filename in replacements:
                    code, empty = replacements[info.filename]
                    if _has_content(_read_properties(archive, info)):
                        removed.add(code)
                    rewritten.writestr(fresh, empty)
                    continue
                with archive.open(info) as source, rewritten.open(fresh, "w") as target:
                    while chunk := source.read(CHUNK):
                        target.write(chunk)
            rewritten.comment = b""
        if archive.comment:
            removed.add("zip_comment")
    return out.getvalue(), sorted(removed), ["office_inner_names"]
