"""Files lose their metadata before encryption, and the reporter is told what was removed."""

import zipfile
from io import BytesIO

import pikepdf
import pytest
from PIL import Image

from tests.evidence import samples
from vissel.evidence.cleaning import clean


def identifying(data: bytes) -> list[str]:
    marks = [samples.AUTHOR, samples.COMPANY, samples.XMP_MARK, samples.COMMENT_MARK]
    return [mark for mark in marks if mark.encode() in data]


def test_a_photo_loses_its_gps_position_exif_xmp_and_comment():
    original = samples.jpeg_with_gps()
    assert identifying(original)  # the sample really carries them
    cleaned, report = clean(original)
    assert identifying(cleaned) == []
    assert report.outcome == "cleaned"
    assert {"exif", "gps", "xmp", "comment"} <= set(report.removed)
    image = Image.open(BytesIO(cleaned))
    assert image.format == "JPEG" and image.size == (40, 20)
    assert len(image.getexif()) == 0 and "xmp" not in image.info


def test_a_photo_taken_sideways_stays_upright_without_its_exif():
    cleaned, _report = clean(samples.jpeg_with_gps(orientation=6))  # rotated 90°
    assert Image.open(BytesIO(cleaned)).size == (20, 40)


def test_a_png_loses_its_text_chunks():
    cleaned, report = clean(samples.png_with_text())
    assert identifying(cleaned) == []
    assert "text" in report.removed
    assert Image.open(BytesIO(cleaned)).mode == "RGBA"


def test_an_image_without_metadata_is_reported_as_such():
    out = BytesIO()
    Image.new("L", (5, 5)).save(out, "PNG")
    _cleaned, report = clean(out.getvalue())
    assert report.outcome == "nothing_found" and report.removed == []


def test_a_pdf_loses_document_information_xmp_and_application_data():
    original = samples.pdf_with_metadata()
    assert identifying(original)
    cleaned, report = clean(original)
    assert identifying(cleaned) == []
    assert {"pdf_info", "xmp", "pdf_app_data"} <= set(report.removed)
    with pikepdf.open(BytesIO(cleaned)) as pdf:
        assert len(pdf.pages) == 1
        assert "/Metadata" not in pdf.Root
        assert not pdf.docinfo.keys()


def test_a_pdf_saved_incrementally_loses_its_earlier_versions():
    original = samples.pdf_with_metadata()
    with pikepdf.open(BytesIO(original)) as pdf:
        pdf.docinfo["/Title"] = "second version"
        out = BytesIO()
        pdf.save(out)  # pikepdf rewrites; emulate an incremental save by appending
    incremental = original + b"\n" + out.getvalue()[out.getvalue().index(b"1 0 obj") :]
    assert incremental.count(b"%%EOF") == 2 and b"second version" in incremental
    cleaned, report = clean(incremental)
    assert "pdf_history" in report.removed
    assert cleaned.count(b"%%EOF") == 1
    assert b"second version" not in cleaned and identifying(cleaned) == []


@pytest.mark.parametrize(
    "main_part", ["word/document.xml", "xl/workbook.xml", "ppt/presentation.xml"]
)
def test_a_docx_xlsx_or_pptx_loses_author_last_editor_company_and_comment(main_part):
    original = samples.docx_with_properties(main_part)
    assert identifying(samples.unpacked(original))
    cleaned, report = clean(original)
    assert identifying(samples.unpacked(cleaned)) == []
    assert {"office_properties", "office_app_properties", "zip_comment"} <= set(report.removed)
    assert "office_inner_names" in report.notes  # the reporter is told what was not checked
    with zipfile.ZipFile(BytesIO(cleaned)) as archive:
        assert archive.read(main_part) == b"<w:document>Body text stays</w:document>"
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_an_odt_loses_its_creator_and_keeps_mimetype_first_and_stored():
    cleaned, report = clean(samples.odt_with_properties())
    assert identifying(samples.unpacked(cleaned)) == []
    assert report.removed == ["office_properties"]
    with zipfile.ZipFile(BytesIO(cleaned)) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED


def test_other_files_are_kept_as_they_are_and_the_reporter_is_told():
    data = b"plain text with a name: " + samples.AUTHOR.encode()
    cleaned, report = clean(data)
    assert cleaned == data
    assert (report.kind, report.outcome) == ("other", "not_supported")


def test_a_plain_zip_is_not_an_office_document():
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")
    cleaned, report = clean(out.getvalue())
    assert cleaned == out.getvalue() and report.outcome == "not_supported"


def test_a_broken_image_is_kept_and_reported_as_not_cleaned():
    broken = samples.jpeg_with_gps()[:200]
    cleaned, report = clean(broken)
    assert cleaned == broken
    assert (report.kind, report.outcome) == ("image", "failed")


def test_a_file_above_the_cleaning_ceiling_is_kept_and_reported(settings):
    settings.VISSEL_CLEAN_MAX_MB = 0
    original = samples.jpeg_with_gps()
    cleaned, report = clean(original)
    assert cleaned == original and report.outcome == "too_large"
