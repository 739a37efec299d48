"""Removing metadata from files before they are encrypted for a case.

Supported: images (EXIF with GPS, XMP, comments, text chunks, colour profiles), PDF
(document information, XMP, application data, earlier saved versions) and office
documents (docx/xlsx/pptx and odt/ods/odp document properties). Anything else is kept
as it is, and the reporter is told which of these happened, file by file.

Each cleaner checks, before unpacking anything, what the file says it will unpack to
(pixels, entry sizes, decoded streams) against caps of its own, and bounds every read in
case the file lies. A file over a cap is refused: the outcome is "refused", and the caller
must not keep the file.
"""

from dataclasses import asdict, dataclass, field

from django.conf import settings

from vissel.evidence.cleaning import images, office, pdf
from vissel.evidence.cleaning.errors import CannotClean, NotThisKind, Refused

CLEANERS = {"image": images.clean, "pdf": pdf.clean, "office": office.clean}


@dataclass
class CleaningReport:
    kind: str  # image, pdf, office, other
    outcome: str  # cleaned, nothing_found, not_supported, too_large, refused, failed
    removed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def kind_of(head: bytes) -> str:
    """What the first bytes say the file is; the name and the browser's word are ignored."""
    if head.startswith(
        (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")
    ) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "office"
    return "other"


def is_cleanable(kind: str, size: int) -> bool:
    return kind in CLEANERS and size <= settings.VISSEL_CLEAN_MAX_MB * 1024 * 1024


def clean(data: bytes) -> tuple[bytes, CleaningReport]:
    """The cleaned bytes and what was done. On any failure, the original bytes and a
    report that says they could not be cleaned: the reporter decides what to send. When
    the outcome is "refused", the bytes are the original and must not be kept."""
    kind = kind_of(data[:1024])
    if kind not in CLEANERS:
        return data, CleaningReport("other", "not_supported")
    if not is_cleanable(kind, len(data)):
        return data, CleaningReport(kind, "too_large")
    try:
        cleaned, removed, notes = CLEANERS[kind](data)
    except NotThisKind:
        return data, CleaningReport("other", "not_supported")
    except Refused:
        return data, CleaningReport(kind, "refused")
    except CannotClean:
        return data, CleaningReport(kind, "failed")
    except Exception:  # a malformed file must never stop a report
        return data, CleaningReport(kind, "failed")
    return cleaned, CleaningReport(kind, "cleaned" if removed else "nothing_found", removed, notes)


def report_for_uncleaned(kind: str, size: int) -> CleaningReport:
    if kind in CLEANERS:
        return CleaningReport(kind, "too_large")
    return CleaningReport("other", "not_supported")
