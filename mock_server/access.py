"""Who may see a page: guards declared on routes, so no handler can forget its own."""

from __future__ import annotations

from collections.abc import Callable

from mock_server import urls
from mock_server.http import Detour, Request
from mock_server.services.accounts import Account, Status
from mock_server.state import SessionKind, State

# A guard lets a request through with the account it belongs to, or raises Detour to where it should go instead.
Guard = Callable[[Request, State], Account]

# Where a registration continues, by what it still lacks.
NEXT_STEP = {
    Status.PENDING_REAL_NAME: "/account/realname.action",
    Status.PENDING_PHONE: "/account/phone.action",
    Status.PENDING_CONFIRMATION: "/account/confirm.action",
}


def registering(request: Request, state: State) -> Account | None:
    """The account being registered in this browser (the CHSI_REG cookie), if any."""
    return state.session_account(request.cookies.get(SessionKind.REGISTRATION.value), SessionKind.REGISTRATION)


def registration_at(expected: Status) -> Guard:
    """Only the browser registering an account that stands at `expected`; others go to where theirs stands."""

    def guard(request: Request, state: State) -> Account:
        account = registering(request, state)
        if account is None:
            raise Detour(urls.LOGIN)
        if account.status is not expected:
            raise Detour(NEXT_STEP.get(account.status, urls.LOGIN))
        return account

    guard.__name__ = f"registration_at({expected.name})"
    return guard


def signed_in(request: Request, state: State) -> Account:
    """Only a student logged in on 学信档案 (the JSESSIONID cookie); anyone else goes to login."""
    account = state.session_account(request.cookies.get(SessionKind.ARCHIVE.value), SessionKind.ARCHIVE)
    if account is None:
        raise Detour(urls.LOGIN)
    return account
