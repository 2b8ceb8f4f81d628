"""Uploads an attacker makes: pictures with data after their end, other formats behind a .jpg, endless scans."""

from __future__ import annotations

import io
import struct
import warnings
import zlib
from functools import cache
from itertools import pairwise

from PIL import Image

from mock_server.services.picture_layout import layout


def _encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()


@cache
def picture(fmt: str) -> bytes:
    """A small honest picture in `fmt` (JPEG, PNG or GIF)."""
    image = Image.new("RGB", (64, 48), "#3b6fb6")
    return _encoded(image if fmt != "GIF" else image.convert("P"), fmt)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


# Each ends with the format's own end marker, after data that is no part of the picture.
TRAILING = {
    "jpg-zip-ffd9": ("zhengmian.jpg", picture("JPEG") + b"PK\x03\x04" + b"\x00" * 64 + b"\xff\xd9"),
    "png-data-iend": ("zhengmian.png", picture("PNG") + b"<?php system($_GET['c']); ?>" + _png_chunk(b"IEND", b"")),
    "gif-script": ("zhengmian.gif", picture("GIF") + b"\nalert(document.cookie);"),
}


@cache
def other_format_as_jpg(fmt: str) -> bytes:
    """A picture in another format Pillow reads (PCX, TGA, SGI, DDS, IM), to be named .jpg."""
    image = Image.new("RGB", (64, 48), "#3b6fb6")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # Pillow retires IM in 2028; an attacker's copy stays
        return _encoded(image, fmt)


@cache
def progressive_jpeg(scans: int) -> bytes:
    """A progressive JPEG with `scans` scans: its smallest scan repeated (decoding redoes every scan)."""
    data = _encoded(Image.new("RGB", (800, 600), "#808080"), "JPEG", progressive=True, quality=50)
    end = layout(data, "JPEG").end - 2  # before EOI
    starts = [i for i in range(len(data) - 1) if data[i : i + 2] == b"\xff\xda"] + [end]
    segments = [data[a:b] for a, b in pairwise(starts)]
    smallest = min(segments, key=len)
    extra = scans - len(segments)
    return data[:end] + smallest * max(extra, 0) + b"\xff\xd9"
