"""PDF: the document information dictionary, XMP metadata streams, applications'
private data, and the earlier versions an incremental save leaves inside the file.
The file is rewritten from its objects by qpdf (pikepdf), which drops the history."""

from io import BytesIO

import pikepdf

from vissel.evidence.cleaning.errors import CannotClean


def clean(data: bytes) -> tuple[bytes, list[str], list[str]]:
    removed: set[str] = set()
    if data.count(b"%%EOF") > 1:
        removed.add("pdf_history")
    try:
        pdf = pikepdf.open(BytesIO(data))
    except pikepdf.PasswordError as exc:
        raise CannotClean("password protected") from exc
    except pikepdf.PdfError as exc:
        raise CannotClean from exc
    with pdf:
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
        pdf.save(out, deterministic_id=True, fix_metadata_version=False)
    return out.getvalue(), sorted(removed), ["pdf_annotations"]
