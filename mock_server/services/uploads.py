"""ID card photos as the real site accepts them: jpg/jpeg/png/gif, at most 300K, really an image."""

from __future__ import annotations

import io
import warnings

from PIL import Image

from mock_server.http import UploadedFile
from mock_server.messages import say

MAX_BYTES = 300 * 1024
# The extension a student sees, and the image formats Pillow must find behind it.
ALLOWED = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "gif": "GIF"}
# A photo, not a poster: 12 megapixels is more than any phone camera of the time and far below a decompression bomb.
MAX_PIXELS = 4000 * 3000
# How each format's data ends; anything after it (a zip, a script) is not part of the picture.
_ENDS = {"JPEG": b"\xff\xd9", "PNG": b"IEND\xaeB`\x82", "GIF": b";"}


def upload_error(file: UploadedFile | None, label: str) -> str | None:
    """Why `file` cannot be accepted as the `label` photo, or None when it can."""
    if file is None or not file.filename:
        return say("upload.missing", label=label)
    extension = file.filename.rsplit(".", 1)[-1].lower() if "." in file.filename else ""
    if extension not in ALLOWED:
        return say("upload.format", label=label)
    if not file.data:
        return say("upload.empty", label=label)
    if len(file.data) > MAX_BYTES:
        return say("upload.too_large", label=label, kb=len(file.data) // 1024)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the size is checked just below
            with Image.open(io.BytesIO(file.data)) as image:
                actual = image.format
                # The header's size is checked before decoding: a small file may claim a huge picture.
                if image.width * image.height > MAX_PIXELS:
                    return say("upload.too_many_pixels", label=label, size=f"（{image.width}×{image.height}）")
                image.load()  # really decode it: verify() reads only the structure
    except Image.DecompressionBombError:
        return say("upload.too_many_pixels", label=label, size="")
    except Exception:  # hostile bytes make Pillow raise many kinds; each means "not a photo"
        return say("upload.not_image", label=label)
    if actual != ALLOWED[extension]:
        return say("upload.mismatch", label=label, actual=actual)
    if not file.data.rstrip(b"\0\r\n ").endswith(_ENDS[actual]):
        return say("upload.trailing_data", label=label)
    return None
