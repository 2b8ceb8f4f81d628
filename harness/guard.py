"""Every browser, context and request a test makes through Playwright is served by its mock, or refused and named.

Playwright's factories are wrapped once per process (install): a browser a test launches gets the offline flags;
a context (browser.new_context, browser.new_page, pytest-playwright's new_context, launch_persistent_context) gets
the dead proxy, no service workers, and the routes and page guard of the mock the current test published
(serving); test code's own HTTP clients (APIRequestContext: playwright.request, page.request, context.request,
route.fetch) are refused, each request named as blocked, because no route can answer them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from playwright.sync_api import (
    APIRequest,
    APIRequestContext,
    Browser,
    BrowserContext,
    BrowserType,
    Error,
    Page,
    Route,
    WebSocketRoute,
)

from harness.browser import DEAD_PROXY, NO_BYPASS, OFFLINE_ARGS
from mock_server import Site, bridge
from mock_server.site import Blocked, host_of

OFFLINE_PROXY = {"server": DEAD_PROXY, "bypass": NO_BYPASS}

NO_SITE = (
    "这个测试没有模拟站点，不能打开浏览器上下文：请在测试函数的参数中加入 site（page、context 已自带），"
    "它的每个请求都由模拟站点回答，发往别处的请求使测试失败。"
)
OWN_PROXY = "浏览器上下文不能另设代理（{proxy}）：它的请求只能由模拟站点回答。"
OWN_WORKERS = "浏览器上下文不能允许 Service Worker：它的请求路由拦不到。"
NO_CDP = (
    "不能用 connect_over_cdp 接管已有的浏览器：其中已有的页面不经过模拟站点。请用 browser 夹具或 --browser-server。"
)
NO_REQUEST_CONTEXT = (
    "测试代码不能自建 HTTP 客户端（playwright.request.new_context）：模拟站点只回答浏览器页面的请求。"
    "请在页面中操作，或用 mock_server.testing.TestClient 直接驱动模拟站点。"
)
OWN_REQUEST = (
    "测试代码自己的请求不经过模拟站点，已拦下：{what}。请在页面中操作（page.goto、点击），"
    "或用 mock_server.testing.TestClient 直接驱动模拟站点。"
)


@dataclass
class _Serving:
    """The mock the running test published, and what the test opened, to close when it ends."""

    site: Site | None = None
    timeout: float = 5_000
    prepare: Callable[[BrowserContext], object] | None = None
    contexts: list[BrowserContext] = field(default_factory=list)
    browsers: list[Browser] = field(default_factory=list)


_now = _Serving()


@contextmanager
def serving(site: Site, timeout: float, prepare: Callable[[BrowserContext], object] | None = None) -> Iterator[Site]:
    """While the block runs, every context opened is served by `site` (and given to `prepare`, before its first
    page); what the test left open closes at the end."""
    global _now
    earlier, _now = _now, _Serving(site, timeout, prepare)
    try:
        yield site
    finally:
        mine, _now = _now, earlier
        for context in mine.contexts:
            _quietly(context.close)
        for browser in mine.browsers:
            _quietly(browser.close)


def current() -> Site | None:
    """The mock of the running test, if it published one."""
    return _now.site


def _quietly(close: Callable[[], object]) -> None:
    with suppress(Error):  # already closed, or its browser went first
        close()


def _served(context: BrowserContext) -> BrowserContext:
    """Put the running test's mock and guard on a new context (its caller checked there is one)."""
    assert _now.site is not None
    bridge.install(context, _now.site)
    context.set_default_timeout(_now.timeout)
    if _now.prepare is not None:
        _now.prepare(context)
    _now.contexts.append(context)
    context.on("close", lambda closed: _now.contexts.remove(closed) if closed in _now.contexts else None)
    return context


def _offline_context(options: dict[str, Any]) -> dict[str, Any]:
    """Context options with the dead proxy and no service workers, or a refusal when they would go around the mock."""
    if _now.site is None:
        raise Error(NO_SITE)
    proxy = options.get("proxy")
    if proxy is not None and proxy.get("server") != DEAD_PROXY:
        raise Error(OWN_PROXY.format(proxy=proxy.get("server")))
    if options.get("service_workers") == "allow":
        raise Error(OWN_WORKERS)
    return {**options, "proxy": OFFLINE_PROXY, "service_workers": "block"}


def _offline_launch(options: dict[str, Any]) -> dict[str, Any]:
    """Launch options with the offline flags last, where Chromium takes them over any earlier ones."""
    proxy = options.get("proxy")
    if proxy is not None and proxy.get("server") != DEAD_PROXY:
        raise Error(OWN_PROXY.format(proxy=proxy.get("server")))
    given = [a for a in options.get("args") or [] if a not in OFFLINE_ARGS]
    return {**options, "args": [*given, *OFFLINE_ARGS]}


def _refuse_request(what: str, host: str) -> Error:
    """A request test code sent itself: named as blocked for the running test, and refused."""
    if _now.site is not None:
        _now.site.blocked.append(Blocked(what, [host]))
    return Error(OWN_REQUEST.format(what=what))


def _request_url(url_or_request: Any) -> str:
    return str(getattr(url_or_request, "url", url_or_request))


_installed = False


def install() -> None:
    """Wrap Playwright's factories for this process (once): what they make is served by the mock or refused."""
    global _installed
    if _installed:
        return
    _installed = True

    new_context = Browser.new_context

    @wraps(new_context)
    def guarded_new_context(self: Browser, **options: Any) -> BrowserContext:
        return _served(new_context(self, **_offline_context(options)))

    def guarded_new_page(self: Browser, **options: Any) -> Page:
        context = self.new_context(**options)
        page = context.new_page()
        # As Playwright's own new_page does: the page owns its context, and closing it closes both.
        page._impl_obj._owned_context = context._impl_obj
        context._impl_obj._owner_page = page._impl_obj
        return page

    launch = BrowserType.launch

    @wraps(launch)
    def guarded_launch(self: BrowserType, **options: Any) -> Browser:
        browser = launch(self, **_offline_launch(options))
        if _now.site is not None:
            _now.browsers.append(browser)  # launched by the test: closed when it ends
        return browser

    persistent = BrowserType.launch_persistent_context

    @wraps(persistent)
    def guarded_persistent(self: BrowserType, user_data_dir: Any, **options: Any) -> BrowserContext:
        options = _offline_launch(_offline_context(options))
        return _served(persistent(self, user_data_dir, **options))

    def refused_cdp(self: BrowserType, *args: Any, **options: Any) -> Browser:
        raise Error(NO_CDP)

    def refused_request_context(self: APIRequest, **options: Any) -> APIRequestContext:
        raise Error(NO_REQUEST_CONTEXT)

    def refused_fetch(method: str) -> Callable[..., Any]:
        def fetch(self: APIRequestContext, url_or_request: Any, *args: Any, **options: Any) -> Any:
            url = _request_url(url_or_request)
            verb = (options.get("method") or getattr(url_or_request, "method", None) or method).upper()
            raise _refuse_request(f"API {verb} {url}", host_of(url))

        return fetch

    def continue_with_the_mock(self: Route, **overrides: Any) -> None:
        # A test's own handler that lets a request go on hands it to the mock (the first route, so the last
        # handler), which answers it or blocks and names it; it never goes to the network.
        self.fallback(**overrides)

    def refused_route_fetch(self: Route, **options: Any) -> Any:
        url = options.get("url") or self.request.url
        raise _refuse_request(f"API {(options.get('method') or self.request.method).upper()} {url}", host_of(url))

    def refused_server(self: WebSocketRoute) -> WebSocketRoute:
        raise _refuse_request(f"WebSocket {self.url}", host_of(self.url))

    Browser.new_context = guarded_new_context  # type: ignore[method-assign]
    Browser.new_page = guarded_new_page  # type: ignore[assignment]
    BrowserType.launch = guarded_launch  # type: ignore[method-assign]
    BrowserType.launch_persistent_context = guarded_persistent  # type: ignore[method-assign]
    BrowserType.connect_over_cdp = refused_cdp  # type: ignore[method-assign]
    APIRequest.new_context = refused_request_context  # type: ignore[method-assign]
    for name in ("fetch", "get", "post", "put", "patch", "delete", "head"):
        setattr(APIRequestContext, name, refused_fetch("GET" if name == "fetch" else name))
    Route.continue_ = continue_with_the_mock  # type: ignore[method-assign]
    Route.fetch = refused_route_fetch  # type: ignore[method-assign]
    WebSocketRoute.connect_to_server = refused_server  # type: ignore[method-assign]
