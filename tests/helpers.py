"""Request bodies as browsers send them, browsers part-way through registration, and review requests, for tests that
drive the site without one."""

from __future__ import annotations

from fixtures.images import id_card_photo
from fixtures.personas import Persona
from fixtures.students import pending_account
from mock_server import Site, url_for
from mock_server.hosts.account import REG_COOKIE
from mock_server.http import Request, Response
from mock_server.state import SessionKind
from mock_server.testing import TestClient


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


def at_phone_step(site: Site, persona: Persona) -> TestClient:
    """A client registering `persona`, at 手机确认."""
    client = TestClient(site)
    account = pending_account(site.state, persona)
    site.state.accounts.submit_real_name(account, persona.name, persona.id_number, persona.province)
    client.cookies["account.chsi.com.cn"] = {REG_COOKIE: site.state.open_session(account, SessionKind.REGISTRATION)}
    return client


def review_request(site: Site, student: Persona, name: str, keep: str) -> Response:
    """帐号审核申请 for `student`'s ID number under `name`, keeping `keep`, with her ID card photos."""
    content_type, body = multipart(
        [("xm", name), ("sfzh", student.id_number), ("keep", keep)],
        [("front", "f.jpg", id_card_photo(student, "正面")), ("back", "b.jpg", id_card_photo(student, "背面"))],
    )
    return site.handle(Request("POST", url_for("review"), {"content-type": content_type}, body))
