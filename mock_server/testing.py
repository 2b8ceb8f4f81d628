"""Driving the mock without a browser: requests in, responses out, cookies kept like a browser."""

from __future__ import annotations

from urllib.parse import urlencode, urljoin

from mock_server.http import Redirect, Request, Response
from mock_server.site import Site


class TestClient:
    """A browserless client for Site.handle, as Starlette ships one: keeps cookies per host, follows redirects."""

    __test__ = False  # a tool for tests, not a test class

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
