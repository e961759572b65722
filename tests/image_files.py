"""Image files for tests, good and bad, made on the spot (Pillow, zlib)."""
from __future__ import annotations

import io
import random
import struct
import zlib

from PIL import Image


def encode(image: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def picture(width: int = 640, height: int = 480, mode: str = "RGB") -> Image.Image:
    """A gradient (compresses like a picture, not like noise or a flat colour)."""
    image = Image.linear_gradient("L").resize((width, height))
    return image.convert(mode)


def noise(width: int, height: int, seed: int = 7) -> Image.Image:
    """Random pixels: PNG cannot compress them, so the file is about 3 bytes a pixel."""
    rnd = random.Random(seed)
    return Image.frombytes("RGB", (width, height), rnd.randbytes(width * height * 3))


def png(width=640, height=480, **options) -> bytes:
    return encode(picture(width, height), "PNG", **options)


def jpeg(width=640, height=480, **options) -> bytes:
    return encode(picture(width, height), "JPEG", quality=85, **options)


def webp(width=640, height=480) -> bytes:
    return encode(picture(width, height, "RGBA"), "WEBP")


def gif(width=640, height=480, frames: int = 1) -> bytes:
    first = picture(width, height).convert("P")
    more = [Image.new("P", (width, height), n) for n in range(1, frames)]
    return encode(first, "GIF", save_all=frames > 1, append_images=more)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(width: int, height: int) -> bytes:
    """A valid 1-bit PNG of ``width`` x ``height`` pixels, all black: a few kB that
    claim (and decode to) tens of megapixels."""
    packer = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)          # filter byte + the packed row
    body = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + _chunk(b"IDAT", body) + _chunk(b"IEND", b""))


def jpeg_claiming(width: int, height: int) -> bytes:
    """A small JPEG whose frame header (SOF0) claims ``width`` x ``height``."""
    data = bytearray(jpeg(16, 16))
    at = data.index(b"\xff\xc0")
    data[at + 5:at + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def polyglot_png() -> bytes:
    """A valid PNG signature and IHDR, then HTML and a script where the image data should be."""
    head = png(64, 64)[:33]                          # signature + IHDR chunk
    return head + b"<html><script>alert(document.cookie)</script></html>" * 40


def windows_exe() -> bytes:
    """The start of a Windows executable (MZ header, DOS stub, PE signature)."""
    stub = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 44 + b"\x80\x00\x00\x00"
    return stub + b"\x0e\x1f\xba\x0e\x00\xb4\t\xcd!This program cannot be run in DOS mode.\r\r\n$" \
        + b"\x00" * 40 + b"PE\x00\x00" + bytes(range(256)) * 8


def with_exif(width=64, height=32, orientation: int | None = None) -> bytes:
    """A JPEG carrying EXIF: artist, camera, GPS position, and optionally an orientation."""
    exif = Image.Exif()
    exif[0x013B] = "Secret Artist"                   # Artist
    exif[0x010F] = "SpyCam"                          # Make
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 51.0, 12.0)}   # GPS: Hà Nội
    if orientation is not None:
        exif[0x0112] = orientation
    image = Image.new("RGB", (width, height), (200, 30, 30))
    image.paste((20, 20, 200), (0, 0, width // 2, height))   # left half blue: shows the rotation
    return encode(image, "JPEG", exif=exif.tobytes(), quality=90)


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image
