"""Route tables as data: one table per host, checked when built, dispatched without a browser."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import KW_ONLY, dataclass

from mock_server.access import Guard
from mock_server.http import Detour, Request, Response, redirect
from mock_server.state import State

# (request, state) -> Response; a route with `requires` calls it as (request, state, account) instead.
Handler = Callable[..., Response]


@dataclass(frozen=True)
class Route:
    """A path served by a handler for the given methods, for whoever its guard (if any) lets through."""

    path: str
    handler: Handler
    _: KW_ONLY  # methods, guard and name are always named where a route is declared: one way to read a table
    methods: tuple[str, ...] = ("GET",)
    requires: Guard | None = None
    name: str = ""  # what tests and pages call it (Site.url_for); the handler's name unless given

    def __post_init__(self) -> None:
        if not self.path.startswith("/"):
            raise ValueError(f"route path must start with '/': {self.path!r}")
        if not self.methods or any(m != m.upper() for m in self.methods):
            raise ValueError(f"route methods must be upper-case and non-empty: {self.methods!r}")
        if not self.name:
            object.__setattr__(self, "name", self.handler.__name__)

    def __repr__(self) -> str:
        return f"Route({self.path!r}, {self.handler.__name__}, methods={list(self.methods)})"

    def answer(self, request: Request, state: State) -> Response:
        """The handler's response, once the guard let the request through; a guard's Detour becomes a redirect."""
        if self.requires is None:
            return self.handler(request, state)
        try:
            account = self.requires(request, state)
        except Detour as elsewhere:
            return redirect(elsewhere.location)
        return self.handler(request, state, account)


class Unhandled(LookupError):
    """A request no route answers; the message names the nearest known paths."""


class MethodNotAllowed(LookupError):
    """A known path asked with a method its route does not take (a real server's 405, with the methods it takes)."""

    def __init__(self, message: str, allowed: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.allowed = allowed


class Router:
    """The routes of one host."""

    def __init__(self, host: str, routes: Iterable[Route]) -> None:
        self.host = host
        self.routes: dict[str, Route] = {}
        for route in routes:
            if route.path in self.routes:
                raise ValueError(f"{host}: duplicate route {route.path}")
            self.routes[route.path] = route

    def __repr__(self) -> str:
        return f"Router({self.host!r}, {len(self.routes)} routes)"

    def dispatch(self, request: Request, state: State) -> Response:
        """Answer a request as a real server would: the handler, or 405, or 404.

        HEAD is a 405 too, never a GET without its body: some of the site's GET addresses are used up by
        answering them (an activation link, a service ticket), and a mail scanner's HEAD must not use them.
        """
        route = self.routes.get(request.path)
        if route is None:
            raise Unhandled(self.describe_miss(request))
        if request.method not in route.methods:
            allowed = "、".join(sorted(route.methods))
            raise MethodNotAllowed(f"模拟站点不接受 {request.method} {request.url}（只接受 {allowed}）", route.methods)
        return route.answer(request, state)

    def describe_miss(self, request: Request) -> str:
        """Method, URL and the nearest known paths (是不是 …)."""
        near = difflib.get_close_matches(request.path, list(self.routes), n=3, cutoff=0.5)
        hint = f"；是不是 {'、'.join(near)}？" if near else ""
        return f"模拟站点没有这个地址：{request.method} {request.url}{hint}"
