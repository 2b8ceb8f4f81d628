"""Transport-free request and response types the site's handlers speak."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import SplitResult, parse_qsl, urlencode, urlsplit

from python_multipart import parse_form
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import Field, File

from mock_server.messages import say

# The largest body the site reads: two 300K photos and a form, with room to spare.
MAX_BODY = 2 * 1024 * 1024


class BadRequest(Exception):
    """A body the site cannot read (too large, not UTF-8, broken multipart); the message is what the page says."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class Detour(Exception):
    """A request that belongs elsewhere (login, or where a registration really stands); the site redirects it."""

    def __init__(self, location: str) -> None:
        super().__init__(location)
        self.location = location


@dataclass(frozen=True)
class UploadedFile:
    """One file from a multipart form, as the browser sent it."""

    filename: str
    data: bytes


@dataclass
class Request:
    """One browser request; form, files and cookies are parsed once, on first use."""

    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    @cached_property
    def _parts(self) -> SplitResult:
        return urlsplit(self.url)

    @property
    def host(self) -> str:
        """The host name, without port."""
        return self._parts.hostname or ""

    @property
    def path(self) -> str:
        """The path, '/' when empty."""
        return self._parts.path or "/"

    @cached_property
    def query(self) -> dict[str, str]:
        """Query-string parameters; the last of a repeated name wins."""
        return dict(parse_qsl(self._parts.query, keep_blank_values=True))

    @cached_property
    def cookies(self) -> dict[str, str]:
        """Cookies the browser sent, read as browsers write them (any name, e.g. `ab(c)`, without failing)."""
        jar: dict[str, str] = {}
        for pair in self.headers.get("cookie", "").split(";"):
            name, _, value = pair.strip().partition("=")
            if name:
                jar.setdefault(name, value.strip().strip('"'))
        return jar

    @cached_property
    def _form_and_files(self) -> tuple[dict[str, str], dict[str, UploadedFile]]:
        content_type = self.headers.get("content-type", "")
        if len(self.body) > MAX_BODY:
            raise BadRequest(say("body.too_large", mb=MAX_BODY // 1024 // 1024), 413)
        try:
            if content_type.startswith("application/x-www-form-urlencoded"):
                return dict(parse_qsl(self.body.decode("utf-8"), keep_blank_values=True, errors="strict")), {}
            if content_type.startswith("multipart/form-data"):
                return _multipart(content_type, self.body)
        except UnicodeDecodeError as garbled:
            raise BadRequest(say("body.not_utf8")) from garbled
        except (FormParserError, ValueError) as broken:
            raise BadRequest(say("body.broken")) from broken
        return {}, {}

    @property
    def form(self) -> dict[str, str]:
        """Fields of a urlencoded or multipart form body."""
        return self._form_and_files[0]

    @property
    def files(self) -> dict[str, UploadedFile]:
        """Files of a multipart form body, by field name."""
        return self._form_and_files[1]


def _multipart(content_type: str, body: bytes) -> tuple[dict[str, str], dict[str, UploadedFile]]:
    """Fields and files of a multipart body, read by python-multipart."""
    form: dict[str, str] = {}
    files: dict[str, UploadedFile] = {}

    def on_field(item: Field) -> None:
        form[(item.field_name or b"").decode()] = (item.value or b"").decode("utf-8")

    def on_file(item: File) -> None:
        item.file_object.seek(0)
        name = (item.file_name or b"").decode("utf-8", "replace")
        files[(item.field_name or b"").decode()] = UploadedFile(name, item.file_object.read())

    headers = {"Content-Type": content_type.encode(), "Content-Length": str(len(body)).encode()}
    parse_form(headers, io.BytesIO(body), on_field, on_file)
    return form, files


@dataclass
class Response:
    """A response with a body, status and headers; cookies are set with set_cookie."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    cookies: list[str] = field(default_factory=list)

    def set_cookie(self, name: str, value: str, *, domain: str | None = None, max_age: int | None = None) -> None:
        """Add a Set-Cookie for the whole site path."""
        # Session cookies are for the site's pages only: never read by scripts, sent over https, not cross-site.
        parts = [f"{name}={value}", "Path=/", "HttpOnly", "Secure", "SameSite=Lax"]
        if domain:
            parts.append(f"Domain={domain}")
        if max_age is not None:
            parts.append(f"Max-Age={max_age}")
        self.cookies.append("; ".join(parts))

    def delete_cookie(self, name: str, *, domain: str | None = None) -> None:
        """Expire a cookie now."""
        self.set_cookie(name, "", domain=domain, max_age=0)

    @property
    def text(self) -> str:
        """The body as text, for tests."""
        return self.body.decode("utf-8")


def html(text: str, status: int = 200) -> Response:
    """An HTML page."""
    return Response(text.encode("utf-8"), status)


def json_response(text: str, status: int = 200) -> Response:
    """A JSON document already serialised."""
    return Response(text.encode("utf-8"), status, "application/json; charset=utf-8")


@dataclass
class Redirect(Response):
    """A 302 to `location`; the bridge turns it into a page that moves there by itself."""

    location: str = ""
    status: int = 302


def redirect(location: str, **params: str) -> Redirect:
    """A redirect to `location`, with query parameters appended."""
    if params:
        location += ("&" if "?" in location else "?") + urlencode(params)
    return Redirect(location=location)
