"""Files built to unpack far beyond their size are refused before they are unpacked, and
cleaning never takes a worker more than 64 MiB past the file it was given.

Each bomb is built here, small, and cleaned in a fresh Python process whose peak memory
is read from the kernel before and after."""

import json
import os
import struct
import subprocess
import sys
import zipfile
import zlib
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest

from vissel.evidence.cleaning import clean, office

MIB = 1024 * 1024
BUDGET = 64 * MIB
PROJECT = Path(__file__).resolve().parents[2]

MEASURE = """
import json, os, sys
from vissel.evidence.cleaning import clean

def kernel(key):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024

with open(sys.argv[1], "rb") as handle:
    data = handle.read()
clean(b"%PDF-1.4 warm-up")
try:  # restart the peak count; without it the peak since start-up counts against us
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")
except OSError:
    pass
before = kernel("VmRSS")
cleaned, report = clean(data)
growth = kernel("VmHWM") - before
with open(sys.argv[2], "wb") as handle:
    handle.write(cleaned)
print(json.dumps({"outcome": report.outcome, "removed": report.removed, "growth": growth}))
"""


def cleaned_apart(tmp_path: Path, data: bytes | Path) -> tuple[dict, Path]:
    """What cleaning reports in a process of its own, with its peak memory growth."""
    source = data if isinstance(data, Path) else tmp_path / "bomb"
    if not isinstance(data, Path):
        source.write_bytes(data)
    target = tmp_path / "cleaned"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "vissel.settings", "PYTHONPATH": str(PROJECT)}
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(source), str(target)],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1]), target


def spaces_flate(mib: int, prefix: bytes = b"") -> bytes:
    """zlib data for `prefix` and `mib` MiB of spaces, without compressing them: after a
    full flush each MiB compresses to the same bytes, which can simply be repeated."""
    chunk = b" " * MIB
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = packer.compress(prefix) + packer.flush(zlib.Z_FULL_FLUSH)
    once = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    check = zlib.adler32(prefix)
    for _ in range(mib):
        check = zlib.adler32(chunk, check)
    return b"\x78\xda" + head + once * mib + b"\x03\x00" + check.to_bytes(4, "big")


def spaces_lzw(mib: int, prefix: bytes = b"") -> bytes:
    """PDF LZW data (early change) for `prefix` and runs of spaces: each code spells a run
    one longer than the last, about 1:1300 over a full table."""
    codes, width, entry = [], 9, 258  # entry: the next table entry the decoder adds
    for position, byte in enumerate([256, *prefix]):
        codes.append((byte, width))
        if position > 1:  # every code after the first adds an entry
            width += entry + 1 in (511, 1023, 2047)
            entry += 1
    for _ in range(mib * MIB // sum(range(2, 3838))):
        codes += [(256, width), (32, 9)]  # start again, then a single space
        width = 9
        for code in range(258, 4094):
            codes.append((code, width))
            width += code + 1 in (511, 1023, 2047)
    codes.append((257, width))
    bits = "".join(format(code, f"0{size}b") for code, size in codes)
    bits += "0" * (-len(bits) % 8)
    return int(bits, 2).to_bytes(len(bits) // 8, "big")


# ---------------------------------------------------------------------------- office


def test_a_docx_whose_properties_part_inflates_to_790_mib_is_refused_without_reading_it(
    tmp_path, properties_bomb
):
    assert properties_bomb.stat().st_size + office.MAX_INFLATION < 790 * MIB
    result, _cleaned = cleaned_apart(tmp_path, properties_bomb)
    assert result["outcome"] == "refused"
    assert result["growth"] < BUDGET


def test_a_docx_whose_directory_understates_its_properties_part_is_read_no_further(
    tmp_path, properties_bomb
):
    data = bytearray(properties_bomb.read_bytes())
    (directory,) = struct.unpack_from("<L", data, len(data) - 6)  # from the end record
    entry = data.index(b"docProps/core.xml", directory) - 46
    assert data[entry : entry + 4] == b"PK\x01\x02"
    said = 1000  # what the directory will claim core.xml unpacks to
    start = b'<?xml version="1.0"?><cp:coreProperties xmlns:cp="x">' + b" " * said
    struct.pack_into("<L", data, entry + 16, zlib.crc32(start[:said]))
    struct.pack_into("<L", data, entry + 24, said)
    with zipfile.ZipFile(BytesIO(data)) as archive:  # zipfile stops where the lie says
        info = archive.getinfo("docProps/core.xml")
        assert info.file_size == said and len(archive.open(info).read(2 * said)) == said
    result, _cleaned = cleaned_apart(tmp_path, bytes(data))
    assert result["outcome"] == "cleaned" and "office_properties" in result["removed"]
    assert result["growth"] < BUDGET


def test_a_properties_part_over_its_cap_is_refused_even_when_the_whole_fits():
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("docProps/app.xml", b"<Properties>" + b" " * office.MAX_PROPERTIES)
    assert office.MAX_PROPERTIES + 20 < office.MAX_INFLATION  # the whole is within its cap
    _cleaned, report = clean(out.getvalue())
    assert report.outcome == "refused"


def one_entry_listed(times: int, name: bytes) -> bytes:
    """A zip with one small entry and a directory that lists it `times` times over."""
    body = b"<Types/>"
    fields = (0, 0, 0, 33, zlib.crc32(body), len(body), len(body), len(name))
    local = struct.pack("<4s5H3LHH", b"PK\x03\x04", 20, *fields, 0) + name + body
    listed = struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, *fields, 0, 0, 0, 0, 0, 0)
    directory = (listed + name) * times
    count = min(times, 0xFFFF)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(directory), len(local), 0)
    return local + directory + end


@pytest.mark.parametrize(
    ("name", "outcome"), [(b"[Content_Types].xml", "refused"), (b"notes.txt", "not_supported")]
)
def test_a_zip_listing_one_entry_200000_times_is_not_read_and_a_docx_like_it_is_refused(
    tmp_path, name, outcome
):
    result, _cleaned = cleaned_apart(tmp_path, one_entry_listed(200_000, name))
    assert result["outcome"] == outcome
    assert result["growth"] < BUDGET


def test_the_inflation_cap_counts_only_what_a_document_unpacks_beyond_its_own_size(
    monkeypatch,
):
    """Pictures and videos are stored about as large as they are: a big presentation of
    them is cleaned, while the same size of packed-down repetition is refused."""
    monkeypatch.setattr(office, "MAX_INFLATION", MIB)

    def document(media: bytes, compression: int) -> bytes:
        out = BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("ppt/media/video.mp4", media, compress_type=compression)
        return out.getvalue()

    _cleaned, report = clean(document(os.urandom(3 * MIB), zipfile.ZIP_STORED))
    assert report.outcome == "nothing_found"
    _cleaned, report = clean(document(b"\x00" * 3 * MIB, zipfile.ZIP_DEFLATED))
    assert report.outcome == "refused"


# ------------------------------------------------------------------------------- pdf


def test_a_pdf_whose_page_content_inflates_to_1_gib_is_cleaned_without_inflating_it(tmp_path):
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Author"] = "Anna Anmälarsson"
    plain = pdf.make_stream(b"")
    plain.write(spaces_flate(512), filter=pikepdf.Name.FlateDecode)  # as the brief's bomb
    twice = pdf.make_stream(b"")  # a filter chain qpdf would decode and re-encode
    chain = pikepdf.Array([pikepdf.Name.FlateDecode, pikepdf.Name.FlateDecode])
    twice.write(zlib.compress(spaces_flate(512)), filter=chain)
    pdf.pages[0].obj.Contents = pikepdf.Array([plain, twice])
    original = BytesIO()
    pdf.save(original, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)

    result, cleaned = cleaned_apart(tmp_path, original.getvalue())
    assert result["outcome"] == "cleaned" and "pdf_info" in result["removed"]
    assert result["growth"] < BUDGET
    with pikepdf.open(cleaned) as copy:
        assert not copy.docinfo.keys()
        kept = [stream.read_raw_bytes() for stream in copy.pages[0].Contents]
    assert kept == [plain.read_raw_bytes(), twice.read_raw_bytes()]  # copied, not decoded


def pdf_with_structure(where: str, encode, mib: int) -> bytes:
    """A one-page PDF whose document information sits in an object stream; `where` says
    whether that stream or the cross-reference stream carries `mib` MiB of padding."""
    filter_name = b"/FlateDecode" if encode is spaces_flate else b"/LZWDecode"
    info = b"4 0 << /Author (Anna Anmalarsson) >>"
    body = encode(mib if where == "object stream" else 0, info)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << >> >>",
        b"<< /Type /ObjStm /N 1 /First 4 /Filter %s /Length %d >>\nstream\n%s\nendstream"
        % (filter_name, len(body), body),
    ]
    out, offsets = bytearray(b"%PDF-1.5\n"), []
    for number, obj in zip([1, 2, 3, 5], objects, strict=True):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    offsets.append(len(out))  # 6: the cross-reference stream

    def row(offset: int) -> bytes:
        return b"\x01" + offset.to_bytes(4, "big") + b"\x00\x00"

    rows = b"\x00\x00\x00\x00\x00\xff\xff" + b"".join(map(row, offsets[:3]))  # 0 free, 1-3
    rows += b"\x02\x00\x00\x00\x05\x00\x00"  # 4: first in object stream 5
    rows += b"".join(map(row, offsets[3:]))  # 5 and 6
    xref, filtered = rows, b""
    if where == "cross-reference stream":
        xref, filtered = encode(mib, rows), b"/Filter %s " % filter_name
    out += b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Info 4 0 R %s" % filtered
    out += b"/Length %d >>" % len(xref)
    out += b"\nstream\n%s\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % (xref, offsets[-1])
    return bytes(out)


@pytest.mark.parametrize("where", ["object stream", "cross-reference stream"])
def test_a_pdf_whose_flate_structure_inflates_to_512_mib_is_refused(tmp_path, where):
    """qpdf decodes these whole to read the file at all, whatever the save options."""
    result, _cleaned = cleaned_apart(tmp_path, pdf_with_structure(where, spaces_flate, 512))
    assert result["outcome"] == "refused"
    assert result["growth"] < BUDGET
    _cleaned, report = clean(pdf_with_structure(where, spaces_flate, 0))
    assert report.outcome == "cleaned" and report.removed == ["pdf_info"]


@pytest.mark.parametrize("where", ["object stream", "cross-reference stream"])
def test_a_pdf_whose_lzw_structure_inflates_to_512_mib_is_refused_before_opening(tmp_path, where):
    """qpdf has no memory cap for LZW at all."""
    result, _cleaned = cleaned_apart(tmp_path, pdf_with_structure(where, spaces_lzw, 512))
    assert result["outcome"] == "refused"
    assert result["growth"] < BUDGET


# ---------------------------------------------------------------------------- images


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def test_a_png_of_81_megapixels_is_refused_from_its_header(tmp_path):
    """Under Pillow's own bomb threshold (89 megapixels), and 10 kB on disk."""
    side = 9000
    packer = zlib.compressobj(9)
    row = b"\x00" * (1 + side // 8)  # one bit a pixel, all black
    rows = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", rows)
    result, _cleaned = cleaned_apart(tmp_path, png + png_chunk(b"IEND", b""))
    assert result["outcome"] == "refused"
    assert result["growth"] < BUDGET


GIF_FRAME = b"!\xf9\x04\x00\x0a\x00\x00\x00,%s\x00\x02\x02\x44\x01\x00"  # one black pixel


def gif(canvas: int, *frames: int) -> bytes:
    head = b"GIF89a" + struct.pack("<HHBBB", canvas, canvas, 0x80, 0, 0) + b"\0\0\0\xff\xff\xff"
    return (
        head
        + b"".join(GIF_FRAME % struct.pack("<HHHH", 0, 0, side, side) for side in frames)
        + b";"
    )


def test_a_gif_of_four_16_megapixel_frames_is_refused_from_its_header(tmp_path):
    """131 bytes; every frame is decoded onto the whole canvas and all are held at once."""
    result, _cleaned = cleaned_apart(tmp_path, gif(4000, 1, 1, 1, 1))
    assert result["outcome"] == "refused"
    assert result["growth"] < BUDGET


def test_a_gif_whose_second_frame_outgrows_its_canvas_is_refused_before_decoding_it(
    tmp_path,
):
    result, _cleaned = cleaned_apart(tmp_path, gif(10, 1, 8900))
    assert result["outcome"] == "refused"
    assert result["growth"] < BUDGET


def test_png_text_chunks_are_not_unpacked_beyond_a_few_mib(tmp_path):
    """Pillow would hold up to 64 MB of them; they are dropped anyway."""
    text = zlib.compress(b"A" * (MIB - 1), 9)
    chunks = b"".join(png_chunk(b"zTXt", b"k%d\x00\x00" % i + text) for i in range(80))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + chunks
    png += png_chunk(b"IDAT", zlib.compress(b"\x00\x00")) + png_chunk(b"IEND", b"")
    result, _cleaned = cleaned_apart(tmp_path, png)
    assert result["outcome"] == "failed"  # kept as it is, and the reporter is told
    assert result["growth"] < BUDGET
