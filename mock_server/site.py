"""The whole mock: hosts, their routes, and the state they share; a pure Request -> Response."""

from __future__ import annotations

import json
import traceback
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from urllib.parse import urlencode, urlsplit

from mock_server import urls
from mock_server.back_office import BackOffice
from mock_server.hosts import account, my, phone, webmail, www
from mock_server.http import BadRequest, Request, Response, json_response, redirect
from mock_server.messages import say
from mock_server.render import page
from mock_server.routing import Handler, MethodNotAllowed, Route, Router, Unhandled
from mock_server.state import State

_TABLES = {
    urls.WWW: www.ROUTES,
    urls.ACCOUNT: account.ROUTES,
    urls.MY: my.ROUTES,
    urls.WEBMAIL: webmail.ROUTES,
    urls.PHONE: phone.ROUTES,
}


def host_of(address: str) -> str:
    """The host an address is for: a URL's, a blob's origin's, or a STUN/TURN server's ("stun:host:port")."""
    address = address.strip().removeprefix("blob:")
    parts = urlsplit(address)
    if not parts.netloc and parts.scheme in {"stun", "stuns", "turn", "turns"}:
        parts = urlsplit(f"//{parts.path.rsplit('@', 1)[-1]}")
    try:
        return (parts.hostname or "").lower()
    except ValueError:  # a broken address names no host
        return ""


# What a test that expected a blocked request hears when none came for that host.
NOT_BLOCKED = "预期被拦截的请求没有出现：{host}"


class Blocked(str):
    """One request the guard stopped, as the test's failure names it ("GET https://…"), and the hosts it was for."""

    hosts: frozenset[str]

    def __new__(cls, text: str, hosts: Iterable[str]) -> Blocked:
        blocked = super().__new__(cls, text)
        blocked.hosts = frozenset(h for h in hosts if h)
        return blocked


def hosts_of(entry: str) -> frozenset[str]:
    """The hosts a blocked entry was for; a plain "KIND address" string is read for its address."""
    if isinstance(entry, Blocked):
        return entry.hosts
    return frozenset({host_of(entry.partition(" ")[2].split(" ", 1)[0])}) - {""}


def url_for(name: str, **query: str) -> str:
    """The address of the route called `name` (its handler's name), on the host that serves it, with `query` appended.

    Tests and page objects build addresses this way, so a path renamed in a route table is renamed for them too.
    """
    found = [(base, route) for base, routes in _TABLES.items() for route in routes if route.name == name]
    if len(found) != 1:
        raise LookupError(f"route name {name!r} names {len(found)} routes")
    base, route = found[0]
    return f"{base}{route.path}" + (f"?{urlencode(query)}" if query else "")


class Site:
    """Every host the mock serves, answering requests from one State; tests steer it through the methods below."""

    def __init__(self, state: State | None = None) -> None:
        self.state = state or State()
        self.back_office = BackOffice(self.state)
        # Requests to hosts the mock does not serve, blocked by the bridge or the page's guard; a test with any fails.
        self.blocked: list[str] = []
        self.routers = {urlsplit(base).hostname or "": Router(base, routes) for base, routes in _TABLES.items()}
        # Every crash of a handler (a 500): a journey never blames the guide for what the mock got wrong.
        self.crashes: list[str] = []
        # A test's own answers for some addresses, in front of the site's (MSW's "use"); reset() drops them.
        self.overrides: dict[tuple[str, str], Route] = {}

    def __repr__(self) -> str:
        return f"Site(profile={self.state.profile.name!r}, hosts={sorted(self.routers)})"

    def serves(self, url: str) -> bool:
        """True when `url` is on a host the mock answers."""
        return urlsplit(url).hostname in self.routers

    def use(self, url: str, handler: Handler, methods: tuple[str, ...] = ("GET", "POST")) -> None:
        """Answer `url` (any query) with `handler(request, state)` instead of the site's page, for this test only."""
        parts = urlsplit(url)
        if parts.hostname not in self.routers:
            raise ValueError(f"not a host the mock serves: {url}")
        self.overrides[(parts.hostname, parts.path or "/")] = Route(parts.path or "/", handler, methods=methods)

    def reset(self) -> None:
        """Drop every override: the site answers as itself again (the site fixture does this at teardown)."""
        self.overrides.clear()

    @contextmanager
    def expect_blocked(self, host: str) -> Iterator[list[str]]:
        """Within the block, requests to `host` must be blocked; they are then expected, and do not fail the test.

        The host must be the request's own, exactly (case aside): not a subdomain of it, not text elsewhere in the
        address (`www.baidu.com` does not expect `collector.example.com/p?ref=www.baidu.com`).
        """
        before = len(self.blocked)
        expected: list[str] = []
        yield expected
        ours = [b for b in self.blocked[before:] if host.strip().lower() in hosts_of(b)]
        if not ours:
            raise AssertionError(NOT_BLOCKED.format(host=host))
        expected += ours
        self.blocked[before:] = [b for b in self.blocked[before:] if b not in ours]

    def handle(self, request: Request) -> Response:
        """Answer one request; a miss is a 404 and a crash a 500, both recorded as problems."""
        router = self.routers.get(request.host)
        if router is None:
            raise Unhandled(f"host not served: {request.method} {request.url}")
        if request.url.lower().startswith("http://"):
            # The site is https only: plain http is sent to the same address over https, and never answered itself
            # (a form over http would show a password field on a page anyone on the way can read and change).
            return redirect("https://" + request.url[len("http://") :])
        override = self.overrides.get((request.host, request.path))
        try:
            if override is not None and request.method in override.methods:
                return override.answer(request, self.state)
            return router.dispatch(request, self.state)
        except BadRequest as unreadable:
            return _refusal(request, self.state, "error.unreadable", str(unreadable), unreadable.status)
        except MethodNotAllowed as wrong:
            self.state.problems.append(str(wrong))
            detail = say("error.method_detail", method=request.method)
            refused = _refusal(request, self.state, "error.method", detail, 405)
            refused.headers["allow"] = ", ".join(wrong.allowed)
            return refused
        except Unhandled as miss:
            self.state.problems.append(str(miss))
            return _refusal(
                request, self.state, "error.not_found", say("error.not_found_detail", path=request.path), 404
            )
        except Exception:
            crash = f"handler crashed on {request.method} {request.url}:\n{traceback.format_exc()}"
            self.crashes.append(crash)
            self.state.problems.append(crash)
            return _refusal(request, self.state, "error.server", say("error.server_detail"), 500)


def _refusal(request: Request, state: State, heading: str, message: str, status: int) -> Response:
    """An error page headed by the message `heading` (a code), or the JSON a page's script reads from a fetch."""
    if "text/html" not in request.headers.get("accept", "text/html"):
        return json_response(json.dumps({"ok": False, "message": message}, ensure_ascii=False), status)
    return page("error.html", state, status, heading=say(heading), errors={"request": message})
