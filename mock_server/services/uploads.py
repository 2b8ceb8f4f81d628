"""ID card photos as the real site accepts them: jpg/jpeg/png/gif, at most 300K, really an image of that kind."""

from __future__ import annotations

import io
import warnings

from PIL import Image

from mock_server.http import UploadedFile
from mock_server.messages import say
from mock_server.services.picture_layout import BrokenPicture, layout

MAX_BYTES = 300 * 1024
# The extension a student sees, and the image formats Pillow must find behind it.
ALLOWED = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "gif": "GIF"}
# Only these formats' readers ever look at an upload: a ".jpg" that is really PCX, TGA or DDS is never parsed as one.
FORMATS = sorted(set(ALLOWED.values()))
# A photo, not a poster: 12 megapixels is more than any phone camera of the time and far below a decompression bomb.
MAX_PIXELS = 4000 * 3000
# A progressive JPEG decodes every scan over the whole picture: encoders write about ten (libjpeg's default
# progression has 10, mozjpeg's a few more), and thousands make a 300K file take minutes. Sixty-four is plenty.
MAX_SCANS = 64
# Padding some cameras leave after the end marker; anything else there (a zip, a script) is not part of the picture.
PADDING = b"\0\r\n "


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
    declared = ALLOWED[extension]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the size is checked just below
            with Image.open(io.BytesIO(file.data), formats=FORMATS) as image:
                # The header names the format; it is compared before anything is decoded.
                if image.format != declared:
                    return say("upload.mismatch", label=label, actual=image.format)
                # The header's size is checked before decoding: a small file may claim a huge picture.
                if image.width * image.height > MAX_PIXELS:
                    return say("upload.too_many_pixels", label=label, size=f"（{image.width}×{image.height}）")
                shape = layout(file.data, declared)
                if shape.scans > MAX_SCANS:
                    return say("upload.too_many_scans", label=label, scans=shape.scans)
                if file.data[shape.end :].strip(PADDING):
                    return say("upload.trailing_data", label=label)
                # Really decode it, as the format it claims to be (verify() reads only the structure); the pixel and
                # scan limits above keep the worst photo allowed to about a second.
                image.load()
    except Image.DecompressionBombError:
        return say("upload.too_many_pixels", label=label, size="")
    except BrokenPicture:
        return say("upload.not_image", label=label)
    except Exception:  # hostile bytes make Pillow raise many kinds; each means "not a photo"
        return say("upload.not_image", label=label)
    return None
