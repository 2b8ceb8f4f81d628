"""The whole mock: hosts, their routes, and the state they share; a pure Request -> Response."""

from __future__ import annotations

import json
import traceback
from urllib.parse import urlsplit

from mock_server import urls
from mock_server.hosts import account, my, phone, webmail, www
from mock_server.http import BadRequest, Request, Response, json_response
from mock_server.messages import say
from mock_server.render import page
from mock_server.routing import MethodNotAllowed, Router, Unhandled
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
        except BadRequest as unreadable:
            return _refusal(request, self.state, "error.unreadable", str(unreadable), unreadable.status)
        except MethodNotAllowed as wrong:
            self.state.problems.append(str(wrong))
            return _refusal(request, self.state, "error.method", say("error.method_detail", method=request.method), 405)
        except Unhandled as miss:
            self.state.problems.append(str(miss))
            return _refusal(
                request, self.state, "error.not_found", say("error.not_found_detail", path=request.path), 404
            )
        except Exception:
            self.state.problems.append(f"handler crashed on {request.method} {request.url}:\n{traceback.format_exc()}")
            return _refusal(request, self.state, "error.server", say("error.server_detail"), 500)


def _refusal(request: Request, state: State, heading: str, message: str, status: int) -> Response:
    """An error page headed by the message `heading` (a code), or the JSON a page's script reads from a fetch."""
    if "text/html" not in request.headers.get("accept", "text/html"):
        return json_response(json.dumps({"ok": False, "message": message}, ensure_ascii=False), status)
    return page("error.html", state, status, heading=say(heading), errors={"request": message})
