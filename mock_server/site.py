"""The whole mock: hosts, their routes, and the state they share; a pure Request -> Response."""

from __future__ import annotations

import traceback
from urllib.parse import urlsplit

from mock_server import urls
from mock_server.hosts import account, my, phone, webmail, www
from mock_server.http import Request, Response, html
from mock_server.routing import Router, Unhandled
from mock_server.state import State

_TABLES = {
    urls.WWW: www.ROUTES,
    urls.ACCOUNT: account.ROUTES,
    urls.MY: my.ROUTES,
    urls.WEBMAIL: webmail.ROUTES,
    urls.PHONE: phone.ROUTES,
}


class Site:
    """Every host the mock serves, answering requests from one State."""

    def __init__(self, state: State | None = None) -> None:
        self.state = state or State()
        # Requests to hosts the mock does not serve, blocked by the bridge; a test with any fails.
        self.blocked: list[str] = []
        self.routers = {urlsplit(base).hostname or "": Router(base, routes) for base, routes in _TABLES.items()}

    def __repr__(self) -> str:
        return f"Site(profile={self.state.profile.name!r}, hosts={sorted(self.routers)})"

    def serves(self, url: str) -> bool:
        """True when `url` is on a host the mock answers."""
        return urlsplit(url).hostname in self.routers

    def handle(self, request: Request) -> Response:
        """Answer one request; a miss is a 404 and a crash a 500, both recorded as problems."""
        router = self.routers.get(request.host)
        if router is None:
            raise Unhandled(f"host not served: {request.method} {request.url}")
        try:
            return router.dispatch(request, self.state)
        except Unhandled as miss:
            self.state.problems.append(str(miss))
            return html(f"<h1>404 Not Found</h1><p>{request.path}</p>", 404)
        except Exception:
            self.state.problems.append(f"handler crashed on {request.method} {request.url}:\n{traceback.format_exc()}")
            return html("<h1>500 Internal Server Error</h1>", 500)
