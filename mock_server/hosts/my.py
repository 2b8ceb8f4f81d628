"""my.chsi.com.cn: 学信档案, where a logged-in student lands."""

from __future__ import annotations

from mock_server import urls
from mock_server.hosts.common import COMMON
from mock_server.http import Request, Response, redirect
from mock_server.render import page
from mock_server.routing import Route
from mock_server.services.accounts import Account
from mock_server.state import State

SESSION_COOKIE = "JSESSIONID"


def archive_entry(request: Request, state: State) -> Response:
    """学信档案 before login: 注册学信网帐号 or 登录."""
    return page("my/archive_index.html", state)


def cas_check(request: Request, state: State) -> Response:
    """The service side of CAS: trade the ticket for this host's own session."""
    ticket = request.query.get("ticket", "")
    account = state.session_account(ticket.removeprefix("ST-"))
    if account is None:
        return redirect(urls.LOGIN)
    state.sessions.pop(ticket.removeprefix("ST-"))  # a service ticket is single-use
    response = redirect(f"{urls.MY}/archive/index.action")
    response.set_cookie(SESSION_COOKIE, state.open_session(account))
    return response


def logged_in(request: Request, state: State) -> Account | None:
    """The student logged in on my.chsi.com.cn, if any."""
    return state.session_account(request.cookies.get(SESSION_COOKIE))


def home(request: Request, state: State) -> Response:
    """学信档案 after login."""
    account = logged_in(request, state)
    if account is None:
        return redirect(urls.LOGIN)
    return page("my/home.html", state, account=account)


ROUTES = [
    Route("/archive/index.jsp", archive_entry),
    Route("/archive/j_spring_cas_security_check", cas_check),
    Route("/archive/index.action", home),
    *COMMON,
]
