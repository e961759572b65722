"""Checking and re-encoding an uploaded image with Pillow (imported on first use,
so a cold start that serves no upload never pays for it).

What is accepted is decided by decoding, never by the file name or the declared
type: the first bytes choose which one of the four decoders (PNG, JPEG, WebP,
GIF) may try, and only that one is ever run on the data.

1. No known signature: 415 ``unsupported_image`` (a BMP, an SVG, an .exe renamed
   .png...).
2. The size the header declares is read (``header_size``, without Pillow) and
   checked against ``max_pixels``: a "decompression bomb" (a small file claiming
   40 megapixels) is refused with 413 ``image_too_large`` before any decoder
   runs. Pillow then reads the header again (nothing decoded yet) and the size it
   finds is checked too; its own guard (``MAX_IMAGE_PIXELS``, set to the same
   limit, its warning made an error) answers the same if it fires first.
3. ``verify()`` (checksums, structure), then a fresh open and ``load()`` of the
   first frame: a truncated file, or one with a valid header and a wrong body (a
   polyglot), fails here with 400 ``invalid_image``.
4. The first frame is re-encoded in its own format, without any metadata (EXIF
   with GPS and camera data, XMP, ICC profiles, comments, text chunks; trailing
   data of polyglots goes with it), turned upright first by its EXIF
   orientation. Animated GIF, WebP and PNG keep their first frame only: the
   cost of an upload stays bounded by one frame's pixels.
5. A thumbnail (at most ``thumb_size`` px a side) is made from it: PNG for PNG
   and GIF, else the image's own format.

At most ``DECODE_SLOTS`` images are decoded at once per process (25 megapixels
of RGBA is 100 MB), so a burst of uploads cannot exhaust memory.
"""
from __future__ import annotations

import hashlib
import io
import re
import struct
import threading
from dataclasses import dataclass

from core.errors import DomainError

DECODE_SLOTS = 2
_decoding = threading.BoundedSemaphore(DECODE_SLOTS)
_pillow_ready = threading.Lock()

# Pillow format -> MIME type; the only decoders ever run.
CONTENT_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}
# The thumbnail's format for each.
THUMB_FORMATS = {"PNG": "PNG", "GIF": "PNG", "JPEG": "JPEG", "WEBP": "WEBP"}
# Modes each encoder takes as they are; others are converted.
_KEEP_MODES = {"PNG": {"1", "L", "LA", "P", "RGB", "RGBA"}, "GIF": {"L", "P"},
               "JPEG": {"L", "RGB"}, "WEBP": {"RGB", "RGBA"}}


class UnsupportedImage(DomainError):
    status, code = 415, "unsupported_image"


class InvalidImage(DomainError):
    status, code = 400, "invalid_image"


class ImageTooLarge(DomainError):
    status, code = 413, "image_too_large"


@dataclass(frozen=True)
class Processed:
    """A checked, re-encoded image and its thumbnail."""

    content_type: str
    width: int
    height: int
    data: bytes
    thumb_content_type: str
    thumb_width: int
    thumb_height: int
    thumb: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def sniff(data: bytes) -> str | None:
    """The Pillow format the signature announces (only the four accepted), or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


_JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}   # SOFn


def header_size(fmt: str, data: bytes) -> tuple[int, int] | None:
    """(width, height) as the file's header declares it, read without Pillow; None
    when it cannot be found (Pillow's reading of the header then decides)."""
    try:
        if fmt == "PNG" and data[12:16] == b"IHDR":
            return struct.unpack(">II", data[16:24])
        if fmt == "GIF":
            return struct.unpack("<HH", data[6:10])
        if fmt == "WEBP":
            chunk = data[12:16]
            if chunk == b"VP8X":
                return (int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1)
            if chunk == b"VP8 ":
                width, height = struct.unpack("<HH", data[26:30])
                return width & 0x3FFF, height & 0x3FFF
            if chunk == b"VP8L":
                bits = int.from_bytes(data[21:25], "little")
                return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
        if fmt == "JPEG":
            at = 2
            while at + 9 <= len(data) and data[at] == 0xFF:
                marker = data[at + 1]
                if marker in _JPEG_FRAMES:
                    height, width = struct.unpack(">HH", data[at + 5:at + 9])
                    return width, height
                if marker == 0xFF:   # fill byte
                    at += 1
                    continue
                at += 2 + struct.unpack(">H", data[at + 2:at + 4])[0]
    except struct.error:
        return None
    return None


def _pillow(max_pixels: int):
    """PIL.Image, set up: its bomb guard at our limit, and its warning an error."""
    with _pillow_ready:
        import warnings

        from PIL import Image
        if not getattr(Image, "_worldsmith_ready", False):
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            Image._worldsmith_ready = True
        Image.MAX_IMAGE_PIXELS = max_pixels
    return Image


def _too_many_pixels(width: int, height: int, max_pixels: int) -> ImageTooLarge:
    return ImageTooLarge(f"The image is {width} x {height} pixels; at most {max_pixels:,} pixels "
                         "are accepted", {"file": f"{width * height:,} pixels; at most {max_pixels:,}"})


def process(data: bytes, max_pixels: int, thumb_size: int = 256) -> Processed:
    """Check and re-encode ``data``; raises ``UnsupportedImage``, ``InvalidImage`` or
    ``ImageTooLarge`` (see the module's docstring)."""
    fmt = sniff(data)
    if fmt is None:
        raise UnsupportedImage("Not a supported image: upload a PNG, JPEG, WebP or GIF file",
                               {"file": "not a PNG, JPEG, WebP or GIF image"})
    declared = header_size(fmt, data)
    if declared is not None and declared[0] * declared[1] > max_pixels:
        raise _too_many_pixels(*declared, max_pixels)
    Image = _pillow(max_pixels)
    with _decoding:
        try:
            return _process(Image, fmt, data, max_pixels, thumb_size)
        except DomainError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageTooLarge(f"The image has more than {max_pixels:,} pixels",
                                {"file": f"more than {max_pixels:,} pixels"}) from None
        except MemoryError:
            raise ImageTooLarge("The image is too large to decode", {"file": "too large to decode"}) from None
        except Exception as exc:  # noqa: BLE001 - any decoder failure means a broken file
            reason = re.sub(r"\s*<[^>]*>", "", str(exc))[:200] or type(exc).__name__
            raise InvalidImage(f"The file is not a valid {fmt} image (damaged, truncated or "
                               "not what its header says)", {"file": reason}) from None


def _process(Image, fmt: str, data: bytes, max_pixels: int, thumb_size: int) -> Processed:
    from PIL import ImageOps

    with Image.open(io.BytesIO(data), formats=[fmt]) as probe:   # the header only
        width, height = probe.size
        if width * height > max_pixels:
            raise _too_many_pixels(width, height, max_pixels)
        probe.verify()
    with Image.open(io.BytesIO(data), formats=[fmt]) as image:
        if image.format != fmt:
            raise InvalidImage("The file is not the image its header announces", {"file": "format mismatch"})
        image.load()   # the first frame, in full: a truncated file fails here
        if image.width * image.height > max_pixels:
            raise _too_many_pixels(image.width, image.height, max_pixels)
        transparency = image.info.get("transparency")
        try:
            ImageOps.exif_transpose(image, in_place=True)
        except Exception:  # noqa: BLE001 - a broken EXIF block: keep the pixels as stored
            pass
        # No metadata is carried into the new file: only the transparent colour
        # of palette and grey images, which is part of the picture.
        image.info = {} if transparency is None else {"transparency": transparency}
        clean = _encodable(image, fmt)
        thumb_fmt = THUMB_FORMATS[fmt]
        thumb_image = _thumbnail(clean, thumb_size, thumb_fmt)
        return Processed(CONTENT_TYPES[fmt], clean.width, clean.height, _encode(clean, fmt),
                         CONTENT_TYPES[thumb_fmt], thumb_image.width, thumb_image.height,
                         _encode(thumb_image, thumb_fmt))


def _encodable(image, fmt: str):
    """The image in a mode the format's encoder takes (itself, or a converted copy)."""
    if image.mode in _KEEP_MODES[fmt]:
        return image
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "F"):   # 16-bit and float grey: 8-bit grey
        image = image.convert("I").point(lambda v: v / 256).convert("L") if image.mode != "F" \
            else image.convert("L")
        return image if image.mode in _KEEP_MODES[fmt] else image.convert("RGB")
    if fmt == "JPEG":
        return image.convert("RGB")
    if fmt == "GIF":
        return image.convert("RGB").quantize()
    return image.convert("RGBA" if image.has_transparency_data else "RGB")


def _encode(image, fmt: str) -> bytes:
    out = io.BytesIO()
    options = {"JPEG": {"quality": 90}, "WEBP": {"quality": 90, "method": 4},
               "PNG": {"compress_level": 6}}.get(fmt, {})
    image.save(out, fmt, **options)
    return out.getvalue()


def _thumbnail(image, size: int, fmt: str):
    """At most ``size`` px a side, aspect kept; palette and 1-bit images are resampled
    in RGB(A) or grey, not by picking pixels."""
    scale = min(1.0, size / image.width, size / image.height)
    target = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    source = image
    if image.mode == "P":
        source = image.convert("RGBA" if image.has_transparency_data else "RGB")
    elif image.mode == "1":
        source = image.convert("L")
    thumb = source.resize(target, _lanczos(), reducing_gap=3.0) if target != source.size else source.copy()
    return _encodable(thumb, fmt)


def _lanczos():
    from PIL import Image
    return Image.Resampling.LANCZOS


def square(processed: Processed, size: int, max_pixels: int) -> tuple[str, bytes]:
    """(content type, bytes) of a ``size`` px square cut from the middle of an image
    ``process`` has checked and re-encoded (an avatar); PNG for PNG and GIF."""
    fmt = next(name for name, mime in CONTENT_TYPES.items() if mime == processed.content_type)
    Image = _pillow(max_pixels)
    with _decoding, Image.open(io.BytesIO(processed.data), formats=[fmt]) as image:
        image.load()
        side = min(image.width, image.height)
        left, top = (image.width - side) // 2, (image.height - side) // 2
        cropped = image.crop((left, top, left + side, top + side))
        thumb_fmt = THUMB_FORMATS[fmt]
        return CONTENT_TYPES[thumb_fmt], _encode(_thumbnail(cropped, size, thumb_fmt), thumb_fmt)
