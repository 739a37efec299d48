"""Office documents: docx/xlsx/pptx (Office Open XML) and odt/ods/odp (OpenDocument).

Both are zip archives. The parts holding document properties (author, last editor,
company, manager, template, times, custom properties) are replaced by empty ones; every
entry is rewritten with a fixed date, and the archive comment is dropped. Names inside
the document itself (comments, tracked changes) are not touched, and the reporter is told.
"""

import zipfile
from io import BytesIO

from defusedxml import ElementTree
from django.conf import settings

from vissel.evidence.cleaning.errors import CannotClean, NotThisKind

FIXED_DATE = (1980, 1, 1, 0, 0, 0)

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


def _replacements(archive: zipfile.ZipFile) -> dict:
    names = set(archive.namelist())
    if "[Content_Types].xml" in names:
        return EMPTY_OOXML
    if "mimetype" in names and archive.read("mimetype").startswith(
        b"application/vnd.oasis.opendocument"
    ):
        return EMPTY_ODF
    raise NotThisKind


def clean(data: bytes) -> tuple[bytes, list[str], list[str]]:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise NotThisKind from exc
    with archive:
        replacements = _replacements(archive)
        # A zip bomb is refused before anything is unpacked.
        unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > settings.VISSEL_CLEAN_MAX_MB * 1024 * 1024 * 4:
            raise CannotClean("unpacks too large")
        removed: set[str] = set()
        out = BytesIO()
        with zipfile.ZipFile(out, "w") as rewritten:
            for info in archive.infolist():
                fresh = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE)
                fresh.compress_type = info.compress_type
                fresh.external_attr = 0o644 << 16
                if info.filename in replacements:
                    code, empty = replacements[info.filename]
                    if _has_content(archive.read(info)):
                        removed.add(code)
                    rewritten.writestr(fresh, empty)
                    continue
                with archive.open(info) as source, rewritten.open(fresh, "w") as target:
                    while chunk := source.read(1024 * 1024):
                        target.write(chunk)
            rewritten.comment = b""
        if archive.comment:
            removed.add("zip_comment")
    return out.getvalue(), sorted(removed), ["office_inner_names"]
