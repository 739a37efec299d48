"""Images: re-saved from their pixels alone, after turning them the way the camera said.

Re-encoding (rather than cutting out known blocks) is what makes this complete: only
what is listed in SAFE_INFO is carried over, so EXIF, GPS, XMP, IPTC, comments, text
chunks and colour profiles are all left behind, known or not.

Size is checked from the header before any pixel is decoded, and again frame by frame
(a later frame or page can be larger than the first). Decoded, a pixel takes 1 to 4
bytes, and the whole image is held while it is re-encoded (every frame of an animation
at once). Pillow's own bomb check looks at the first frame only, and warns at 89 and
refuses at 179 megapixels.
"""

from io import BytesIO

from PIL import Image, ImageOps, PngImagePlugin, UnidentifiedImageError

from vissel.evidence.cleaning.errors import CannotClean, Refused

FORMATS = {"JPEG", "PNG", "GIF", "WEBP", "TIFF", "BMP"}
SAFE_INFO = {"duration", "loop", "transparency", "background", "disposal"}
GPS_IFD = 0x8825
XMP_KEYS = ("xmp", "XML:com.adobe.xmp")

MAX_PIXELS = 40_000_000  # all frames together: a 600 dpi A4 scan is 35 megapixels
MAX_FRAMES = 1_000
# PNG text chunks are unpacked as the file is opened, up to 64 MB by default; they are
# dropped here anyway. This is Pillow's module setting, so it holds for the process.
PngImagePlugin.MAX_TEXT_MEMORY = min(PngImagePlugin.MAX_TEXT_MEMORY, 4 * 1024 * 1024)


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


def _check_size(pixels: int, frames: int) -> None:
    if pixels > MAX_PIXELS or frames > MAX_FRAMES:
        raise Refused(f"{pixels} pixels in {frames} frames")


def clean(data: bytes) -> tuple[bytes, list[str], list[str]]:
    try:
        image = Image.open(BytesIO(data))
        if image.format not in FORMATS:
            raise CannotClean
        frames = getattr(image, "n_frames", 1)
        _check_size(image.width * image.height * frames, frames)
        image.load()
    except Image.DecompressionBombError as exc:
        raise Refused from exc  # past Pillow's own threshold, far past ours
    except (UnidentifiedImageError, OSError) as exc:
        raise CannotClean from exc
    removed = found_metadata(image)
    fmt = image.format
    out = BytesIO()
    if frames > 1:
        images, pixels = [], 0
        for index in range(frames):
            image.seek(index)
            pixels += image.width * image.height
            _check_size(pixels, frames)
            images.append(_bare(image))
        images[0].save(out, format=fmt, save_all=True, append_images=images[1:])
    else:
        ImageOps.exif_transpose(image, in_place=True)  # no second copy of the pixels
        options = {"quality": 95} if fmt in {"JPEG", "WEBP"} else {}
        _bare(image).save(out, format=fmt, **options)
    cleaned = out.getvalue()
    if found_metadata(Image.open(BytesIO(cleaned))):
        raise CannotClean("metadata survived re-encoding")
    return cleaned, removed, []
