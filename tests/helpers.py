"""Driving the site without a browser: requests in, responses out, cookies kept like a browser."""

from __future__ import annotations

from urllib.parse import urlencode, urljoin

from mock_server import Site
from mock_server.http import Redirect, Request, Response


class Browserless:
    """A tiny client for Site.handle: keeps cookies per host and follows redirects."""

    def __init__(self, site: Site | None = None) -> None:
        self.site = site or Site()
        self.cookies: dict[str, dict[str, str]] = {}

    def request(self, method: str, url: str, form: dict[str, str] | None = None, follow: bool = True) -> Response:
        """Send one request, as a browser would, and follow redirects."""
        host = url.split("/")[2]
        headers = {"cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.get(host, {}).items())}
        body = b""
        if form is not None:
            headers["content-type"] = "application/x-www-form-urlencoded"
            body = urlencode(form).encode()
        response = self.site.handle(Request(method, url, headers, body))
        for cookie in response.cookies:
            name, _, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            jar = self.cookies.setdefault(host, {})
            if "Max-Age=0" in cookie:
                jar.pop(name, None)
            else:
                jar[name] = value
        if follow and isinstance(response, Redirect):
            return self.request("GET", urljoin(url, response.location))
        return response

    def get(self, url: str) -> Response:
        """GET `url`."""
        return self.request("GET", url)

    def post(self, url: str, form: dict[str, str]) -> Response:
        """POST a urlencoded form to `url`."""
        return self.request("POST", url, form)


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
