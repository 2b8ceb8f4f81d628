"""Driving the mock without a browser: requests in, responses out, cookies kept like a browser."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin

from mock_server import urls
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

    def submit(self, page: str, fields: dict[str, str], action: str | None = None, follow: bool = True) -> Response:
        """Open `page` and send its first POST form as a student does: its hidden fields (tokens) and `fields`,
        to the form's own address or to `action`."""
        shown = self.get(page)
        forms = _Forms()
        forms.feed(shown.text)
        own, hidden = next(((a, h) for method, a, h in forms.found if method == "post"), (page, {}))
        return self.request("POST", action or urljoin(page, own), {**hidden, **fields}, follow)

    def log_in(self, username: str, password: str, service: str | None = None, follow: bool = True) -> Response:
        """个人用户登录 through the login page, as a browser fills it in; `service` is put in the address as typed."""
        action = None if service is None else f"{urls.ACCOUNT}/passport/login?service={service}"
        return self.submit(urls.LOGIN, {"username": username, "password": password}, action, follow)


class _Forms(HTMLParser):
    """The forms of a page: method, action and hidden fields, in order (read with the standard library's parser)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.found.append((named.get("method", "get").lower(), named.get("action", ""), {}))
        elif tag == "input" and named.get("type") == "hidden" and self.found and named.get("name"):
            self.found[-1][2][named["name"]] = named.get("value", "")
