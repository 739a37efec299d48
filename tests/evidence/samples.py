"""Files as reporters' devices make them, each carrying identifying metadata."""

import zipfile
from io import BytesIO

import pikepdf
from PIL import Image, PngImagePlugin

AUTHOR = "Anna Anmälarsson"
COMPANY = "Kommunens Tekniska AB"
XMP_MARK = "XMP-IDENTIFYING-MARK"
COMMENT_MARK = "COMMENT-IDENTIFYING-MARK"


def jpeg_with_gps(orientation: int | None = None) -> bytes:
    image = Image.new("RGB", (40, 20), "red")
    exif = Image.Exif()
    exif[0x013B] = AUTHOR  # Artist
    exif[0x0110] = "Phone Model X"  # Model
    if orientation:
        exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (63.0, 10.0, 30.0)
    gps[3], gps[4] = "E", (14.0, 38.0, 12.0)
    out = BytesIO()
    image.save(
        out,
        "JPEG",
        exif=exif,
        xmp=f"<x:xmpmeta>{XMP_MARK}</x:xmpmeta>".encode(),
        comment=COMMENT_MARK.encode(),
    )
    return out.getvalue()


def png_with_text() -> bytes:
    image = Image.new("RGBA", (10, 10), (0, 0, 255, 128))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", AUTHOR)
    info.add_itxt("XML:com.adobe.xmp", XMP_MARK)
    out = BytesIO()
    image.save(out, "PNG", pnginfo=info)
    return out.getvalue()


def pdf_with_metadata() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Author"] = AUTHOR
    pdf.docinfo["/Creator"] = "Word for " + COMPANY
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = [XMP_MARK]
    pdf.Root.PieceInfo = pikepdf.Dictionary(App=pikepdf.Dictionary(Private=COMPANY))
    out = BytesIO()
    pdf.save(out)
    return out.getvalue()


def docx_with_properties(main_part: str = "word/document.xml") -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://'
            'schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        archive.writestr(
            "docProps/core.xml",
            '<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats'
            '.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements'
            f'/1.1/"><dc:creator>{AUTHOR}</dc:creator><cp:lastModifiedBy>{AUTHOR}'
            "</cp:lastModifiedBy></cp:coreProperties>",
        )
        archive.writestr(
            "docProps/app.xml",
            '<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/extended-properties"><Company>{COMPANY}</Company></Properties>',
        )
        archive.writestr(main_part, "<w:document>Body text stays</w:document>")
        archive.comment = COMMENT_MARK.encode()
    return out.getvalue()


def odt_with_properties() -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr(
            "meta.xml",
            '<?xml version="1.0"?><office:document-meta xmlns:office="urn:oasis:names:tc:'
            'opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:'
            f'meta:1.0"><office:meta><meta:initial-creator>{AUTHOR}</meta:initial-creator>'
            "</office:meta></office:document-meta>",
        )
        archive.writestr("content.xml", "<office:document-content>Body</office:document-content>")
    return out.getvalue()


def unpacked(data: bytes) -> bytes:
    """Every entry of a zip, decompressed and joined, to search for what remains."""
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return b"".join(archive.read(name) for name in archive.namelist()) + archive.comment
