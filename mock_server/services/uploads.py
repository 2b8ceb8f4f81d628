"""ID card photos as the real site accepts them: jpg/jpeg/png/gif, at most 300K, really an image."""

from __future__ import annotations

import io
import warnings

from PIL import Image

from mock_server.http import UploadedFile

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
        return f"请选择{label}图片"
    extension = file.filename.rsplit(".", 1)[-1].lower() if "." in file.filename else ""
    if extension not in ALLOWED:
        return f"{label}图片格式不支持：只能上传 jpg、jpeg、png、gif 格式的图片"
    if not file.data:
        return f"{label}图片是空文件，请重新选择"
    if len(file.data) > MAX_BYTES:
        return f"{label}图片超过300K（当前 {len(file.data) // 1024}K），请压缩后重新上传"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the size is checked just below
            with Image.open(io.BytesIO(file.data)) as image:
                actual = image.format
                # The header's size is checked before decoding: a small file may claim a huge picture.
                if image.width * image.height > MAX_PIXELS:
                    return f"{label}图片尺寸过大（{image.width}×{image.height}），请上传普通的照片"
                image.load()  # really decode it: verify() reads only the structure
    except Image.DecompressionBombError:
        return f"{label}图片尺寸过大，请上传普通的照片"
    except Exception:  # hostile bytes make Pillow raise many kinds; each means "not a photo"
        return f"{label}文件不是有效的图片，请上传真实的照片"
    if actual != ALLOWED[extension]:
        return f"{label}图片内容与扩展名不符（实际为 {actual}），请上传原始照片"
    if not file.data.rstrip(b"\0\r\n ").endswith(_ENDS[actual]):
        return f"{label}图片末尾附带了其他数据，请上传原始照片"
    return None
