"""my.chsi.com.cn: 学信档案, where a logged-in student lands: the CAS ticket check, 学籍信息, the graduate photo and
its 图像校对 (正确 or 信息有误 with the form for a wrong photo)."""

from __future__ import annotations

from typing import Any

from mock_server import urls
from mock_server.access import signed_in
from mock_server.hosts.common import COMMON
from mock_server.http import Request, Response, redirect
from mock_server.messages import say
from mock_server.render import page
from mock_server.routing import Route
from mock_server.services.accounts import Account
from mock_server.services.text import readable
from mock_server.services.uploads import upload_error
from mock_server.state import SessionKind, State

SESSION_COOKIE = SessionKind.ARCHIVE.value


def archive_entry(request: Request, state: State) -> Response:
    """学信档案 before login: 注册学信网帐号 or 登录."""
    return page("my/archive_index.html", state)


def cas_check(request: Request, state: State) -> Response:
    """The service side of CAS: trade the ticket for this host's own session."""
    ticket = request.query.get("ticket", "").removeprefix("ST-")
    session = state.session(ticket, SessionKind.TICKET)  # one unused for longer than its lifetime is gone
    account = state.session_account(ticket, SessionKind.TICKET) if session else None
    if session is None or account is None:
        return redirect(urls.LOGIN)
    state.end_session(ticket)  # a service ticket is single-use
    response = redirect(f"{urls.MY}/archive/index.action")
    response.set_cookie(SESSION_COOKIE, state.open_session(account, SessionKind.ARCHIVE, session.sign_out))
    return response


def _archive_page(template: str, request: Request, state: State, account: Account, **context: Any) -> Response:
    """A page of 学信档案, its menu's 退出 form carrying the sign-out token of this login."""
    session = state.session(request.cookies.get(SESSION_COOKIE), SessionKind.ARCHIVE)
    sign_out = session.sign_out if session else ""
    return page(template, state, account=account, sign_out=sign_out, **context)


def home(request: Request, state: State, account: Account) -> Response:
    """学信档案 after login."""
    return _archive_page("my/home.html", request, state, account)


def records_page(request: Request, state: State, account: Account) -> Response:
    """学籍信息核对: the record and, for those who took part in 图像采集, the photo to check."""
    return _archive_page("my/xjarchive.html", request, state, account, record=state.records.of(account))


def photo(request: Request, state: State, account: Account) -> Response:
    """The logged-in student's graduate photo."""
    record = state.records.of(account)
    if record is None or record.photo is None:
        return Response(status=404, content_type="text/plain; charset=utf-8", body=say("photo.none").encode())
    return Response(record.photo, content_type="image/jpeg")


def confirm_photo(request: Request, state: State, account: Account) -> Response:
    """图像信息正确: the check is complete, with its time."""
    record = state.records.photo_to_check(account)
    if record is None:
        return redirect("/archive/xjarchive.action")
    if state.profile.photo_confirm_saves:
        state.records.confirm_photo(record, state.clock.now())
    return redirect("/archive/xjarchive.action")


def modify_photo(request: Request, state: State, account: Account) -> Response:
    """图像信息有误: the reason and an optional photo, recorded for the school to handle."""
    record = state.records.photo_to_check(account)
    if record is None:
        return redirect("/archive/xjarchive.action")
    if request.method == "GET":
        return _archive_page("my/photo_modify.html", request, state, account)
    form, errors = request.form, {}
    reason = readable(form.get("reason", ""))
    if not reason:
        errors["reason"] = say("photo.reason_missing")
    upload = request.files.get("photo")
    if upload is not None and upload.filename:
        problem = upload_error(upload, state.profile.label("photo"))
        if problem:
            errors["photo"] = problem
    if errors:
        return _archive_page("my/photo_modify.html", request, state, account, errors=errors, form=form)
    state.records.report_photo(record, reason, upload.filename if upload else "", state.clock.now())
    return redirect("/archive/xjarchive.action")


ROUTES = [
    Route("/archive/index.jsp", archive_entry),
    Route("/archive/j_spring_cas_security_check", cas_check),
    Route("/archive/index.action", home, requires=signed_in, name="archive_home"),
    Route("/archive/xjarchive.action", records_page, requires=signed_in),
    Route("/archive/photo.action", photo, requires=signed_in),
    Route("/archive/photo/confirm.action", confirm_photo, methods=("POST",), requires=signed_in),
    Route("/archive/photo/modify.action", modify_photo, methods=("GET", "POST"), requires=signed_in),
    *COMMON,
]
