"""Request bodies as browsers send them, for tests that drive the site without one."""

from __future__ import annotations


def multipart(
    fields: list[tuple[str, str]], files: list[tuple[str, str, bytes]], boundary: str = "chsiFuzzBoundary7MA4YWxk"
) -> tuple[str, bytes]:
    """A multipart/form-data content type and body, as a browser sends a form with files."""
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + value.encode() + b"\r\n"
        for name, value in fields
    ]
    parts += [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + data
        + b"\r\n"
        for name, filename, data in files
    ]
    return f"multipart/form-data; boundary={boundary}", b"".join(parts) + f"--{boundary}--\r\n".encode()
