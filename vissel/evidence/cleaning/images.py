"""Images: re-saved from their pixels alone, after turning them the way the camera said.

Re-encoding (rather than cutting out known blocks) is what makes this complete: only
what is listed in SAFE_INFO is carried over, so EXIF, GPS, XMP, IPTC, comments, text
chunks and colour profiles are all left behind, known or not.
"""

from io import BytesIO

from PIL import Image, ImageOps, UnidentifiedImageError

from vissel.evidence.cleaning.errors import CannotClean

FORMATS = {"JPEG", "PNG", "GIF", "WEBP", "TIFF", "BMP"}
SAFE_INFO = {"duration", "loop", "transparency", "background", "disposal"}
GPS_IFD = 0x8825
XMP_KEYS = ("xmp", "XML:com.adobe.xmp")


def found_metadata(image: Image.Image) -> list[str]:
    found = []
    exif = image.getexif()
    if len(exif):
        found.append("exif")
        if exif.get_ifd(GPS_IFD):
            found.append("gps")
    info = image.info
    if any(key in info for key in XMP_KEYS):
        found.append("xmp")
    if info.get("comment"):
        found.append("comment")
    if getattr(image, "text", None):
        found.append("text")
    if "photoshop" in info or "iptc" in info:
        found.append("iptc")
    if info.get("icc_profile"):
        found.append("icc")
    return found


def _bare(frame: Image.Image) -> Image.Image:
    copy = frame.copy()
    copy.info = {key: value for key, value in frame.info.items() if key in SAFE_INFO}
    return copy


def clean(data: bytes) -> tuple[bytes, list[str], list[str]]:
    try:
        image = Image.open(BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise CannotClean from exc
    if image.format not in FORMATS:
        raise CannotClean
    removed = found_metadata(image)
    fmt = image.format
    frames = getattr(image, "n_frames", 1)
    out = BytesIO()
    if frames > 1:
        images = []
        for index in range(frames):
            image.seek(index)
            images.append(_bare(image))
        images[0].save(out, format=fmt, save_all=True, append_images=images[1:])
    else:
        upright = ImageOps.exif_transpose(image) or image
        options = {"quality": 95} if fmt in {"JPEG", "WEBP"} else {}
        _bare(upright).save(out, format=fmt, **options)
    cleaned = out.getvalue()
    if found_metadata(Image.open(BytesIO(cleaned))):
        raise CannotClean("metadata survived re-encoding")
    return cleaned, removed, []
