"""PDF: the document information dictionary, XMP metadata streams, applications'
private data, and the earlier versions an incremental save leaves inside the file.
The file is rewritten from its objects by qpdf (pikepdf), which drops the history.

Stream data is copied as it is, never decoded. What qpdf must decode to read the file at
all, cross-reference and object streams, is capped: qpdf's own limits for Flate,
RunLength and predictors, and a refusal for LZW there, which qpdf cannot cap.
"""

import re
from io import BytesIO

import pikepdf

from vissel.evidence.cleaning.errors import CannotClean, Refused

# What one cross-reference or object stream may decode to. Real ones are a few MB at
# most: a million objects take 7 MB of cross-reference rows.
MAX_STRUCTURE = 16 * 1024 * 1024
QPDF_LIMITS = {
    "flate_max_memory": MAX_STRUCTURE,
    "run_length_max_memory": MAX_STRUCTURE,
    "png_max_memory": MAX_STRUCTURE,
    "tiff_max_memory": MAX_STRUCTURE,
}
OVER_LIMIT = "memory limit exceeded"  # how qpdf words each of the warnings above
FLATE = {"/FlateDecode", "/Fl"}


def _name(word: str) -> re.Pattern[bytes]:
    """A PDF name as it may be written: any letter can be escaped as #xx."""
    letters = "".join(f"(?:{char}|#{ord(char):02x})" for char in word)
    return re.compile(f"/{letters}".encode(), re.IGNORECASE)


LZW = _name("LZW")  # /LZWDecode, and the /LZW abbreviation qpdf also takes
STRUCTURE = (_name("XRef"), _name("ObjStm"))


def _check_before_opening(data: bytes) -> None:
    # Cross-reference streams are decoded whole while the file is opened. LZW (which
    # went out of use before these streams came in) can unpack 1:1300 with no cap.
    if LZW.search(data) and any(pattern.search(data) for pattern in STRUCTURE):
        raise Refused("LZW in a file with cross-reference or object streams")


def _check_object_streams(pdf: pikepdf.Pdf) -> None:
    """Before any object is read: an object stream is decoded whole when one of its
    objects is, so it must be Flate (capped above) or plain."""
    numbers = {
        entry.obj_stream_number for entry in pdf.get_xref_table().values() if entry.type == 2
    }
    for number in numbers:
        stream = pdf.get_object(number, 0)
        if not isinstance(stream, pikepdf.Stream) or "/Filter" not in stream:
            continue
        filters = stream.Filter
        names = [filters] if isinstance(filters, pikepdf.Name) else filters
        if not isinstance(names, list | pikepdf.Array) or any(
            str(name) not in FLATE for name in names
        ):
            raise Refused("object stream with a filter that has no cap")


def clean(data: bytes) -> tuple[bytes, list[str], list[str]]:
    removed: set[str] = set()
    if data.count(b"%%EOF") > 1:
        removed.add("pdf_history")
    _check_before_opening(data)
    pikepdf.settings.set_qpdf_limits(**QPDF_LIMITS)  # process-wide; set again each time
    try:
        pdf = pikepdf.open(BytesIO(data))
    except pikepdf.PasswordError as exc:
        raise CannotClean("password protected") from exc
    except pikepdf.PdfError as exc:
        raise CannotClean from exc
    with pdf:
        _check_object_streams(pdf)
        if "/Info" in pdf.trailer:
            if len(pdf.trailer.Info.keys()):
                removed.add("pdf_info")
            del pdf.trailer["/Info"]
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                continue
            if "/Metadata" in obj:
                del obj["/Metadata"]
                removed.add("xmp")
            if "/PieceInfo" in obj:
                del obj["/PieceInfo"]
                removed.add("pdf_app_data")
        out = BytesIO()
        # A fresh file identifier, so the copy cannot be matched to the original's.
        pdf.save(
            out,
            deterministic_id=True,
            fix_metadata_version=False,
            # Stream data copied as it is: qpdf would otherwise decode (and re-encode)
            # any stream not already plain Flate, however far it inflates.
            compress_streams=False,
            stream_decode_level=pikepdf.StreamDecodeLevel.none,
            object_stream_mode=pikepdf.ObjectStreamMode.preserve,
        )
        # Over a cap, qpdf warns and reads what it decoded as missing: the copy would
        # silently lack objects, so it is not used.
        if any(OVER_LIMIT in warning for warning in pdf.get_warnings()):
            raise Refused("a cross-reference or object stream decodes too large")
    return out.getvalue(), sorted(removed), ["pdf_annotations"]
