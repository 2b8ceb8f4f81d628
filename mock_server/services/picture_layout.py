"""Where a JPEG, PNG or GIF's own data ends, and how many scans a JPEG has, read from its structure alone.

Pillow decodes a picture but does not say where it stopped reading, and a file may end in its format's own end
marker after other data (a zip, then FFD9). Walking the format's segments, chunks or blocks from the start finds
the first real end; nothing here decodes pixels, so it costs microseconds whatever the file claims.
"""

from __future__ import annotations

from dataclasses import dataclass

# JPEG markers without a length: TEM and RST0-7; SOI and EOI are handled where they appear.
_STANDALONE = {0x01, *range(0xD0, 0xD8)}
_SOI, _EOI, _SOS = 0xD8, 0xD9, 0xDA


class BrokenPicture(ValueError):
    """The structure runs past the end of the data, or is not the format's."""


@dataclass(frozen=True)
class Layout:
    """Where the picture's own data ends (an offset into the file), and its scans (JPEG; 1 for the others)."""

    end: int
    scans: int = 1


def layout(data: bytes, fmt: str) -> Layout:
    """The layout of `data` read as `fmt` (Pillow's name: JPEG, PNG or GIF)."""
    readers = {"JPEG": _jpeg, "PNG": _png, "GIF": _gif}
    try:
        return readers[fmt](data)
    except BrokenPicture:
        raise
    except (IndexError, ValueError) as short:  # a read past the end, or no marker where one must be
        raise BrokenPicture("the data ends inside the picture") from short


def _jpeg(data: bytes) -> Layout:
    """SOI, length-prefixed segments, entropy-coded scans after each SOS, up to the first EOI (ITU T.81, B.1)."""
    if data[:2] != b"\xff\xd8":
        raise BrokenPicture("no SOI")
    at, scans = 2, 0
    while True:
        if data[at] != 0xFF:
            raise BrokenPicture(f"no marker at {at}")
        while data[at] == 0xFF:  # fill bytes may precede a marker
            at += 1
        marker = data[at]
        at += 1
        if marker == _EOI:
            return Layout(at, scans)
        if marker in _STANDALONE or marker == _SOI:
            continue
        length = int.from_bytes(data[at : at + 2], "big")
        if length < 2 or at + length > len(data):
            raise BrokenPicture(f"segment {marker:02X} runs past the end")
        at += length
        if marker == _SOS:
            scans += 1
            at = _after_entropy_data(data, at)


def _after_entropy_data(data: bytes, at: int) -> int:
    """The offset of the marker that ends a scan: in its data, FF is followed only by 00 (stuffing) or RSTn."""
    while True:
        at = data.index(b"\xff", at)
        following = data[at + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            at += 1 if following == 0xFF else 2
            continue
        return at


def _png(data: bytes) -> Layout:
    """The signature, then chunks (length, type, data, CRC) up to IEND (PNG specification, section 5)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise BrokenPicture("no PNG signature")
    at = 8
    while True:
        if at + 12 > len(data):
            raise BrokenPicture("a chunk runs past the end")
        length = int.from_bytes(data[at : at + 4], "big")
        kind = data[at + 4 : at + 8]
        at += 12 + length
        if at > len(data):
            raise BrokenPicture(f"chunk {kind!r} runs past the end")
        if kind == b"IEND":
            return Layout(at)


def _gif(data: bytes) -> Layout:
    """Header, screen descriptor, colour table, then extension and image blocks up to the trailer (GIF89a)."""
    if data[:6] not in (b"GIF87a", b"GIF89a"):
        raise BrokenPicture("no GIF header")
    at = 13 + _colour_table(data[10])
    while True:
        block = data[at]
        if block == 0x3B:  # the trailer
            return Layout(at + 1)
        if block == 0x21:  # an extension: its label, then sub-blocks
            at = _after_sub_blocks(data, at + 2)
        elif block == 0x2C:  # an image: descriptor, local colour table, LZW code size, then sub-blocks
            at = _after_sub_blocks(data, at + 10 + _colour_table(data[at + 9]) + 1)
        else:
            raise BrokenPicture(f"unknown GIF block {block:02X} at {at}")


def _colour_table(flags: int) -> int:
    """The size in bytes of the colour table a GIF descriptor's flags announce."""
    return 3 * 2 ** ((flags & 0x07) + 1) if flags & 0x80 else 0


def _after_sub_blocks(data: bytes, at: int) -> int:
    """The offset after a chain of sub-blocks (a size byte, that many bytes) ended by an empty one."""
    while data[at]:
        at += data[at] + 1
    if at >= len(data):
        raise BrokenPicture("sub-blocks run past the end")
    return at + 1
