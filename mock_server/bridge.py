"""The only place Playwright meets the site: context routes in, fulfilled pages out, and the page's own guard."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, ConsoleMessage, WebSocketRoute
from playwright.sync_api import Route as PlaywrightRoute

from mock_server.http import MAX_BODY, Redirect, Request, Response
from mock_server.site import Blocked, Site, host_of

# How the page's guard tells the harness what it refused: a console line no page script can intercept.
REPORT_TAG = "[chsi-guard] "
# Schemes that never reach a network: a test may open its own files (a report, a handout) in a served context.
LOCAL_SCHEMES = frozenset({"file", "data", "blob", "about"})
# How a body the page's guard kept back is named in the test's failure.
TOO_LARGE = "{method} {address} 请求体 {size} 字节（上限 {limit}），在页面中拦下"
# Response headers a test's own answer (Site.use) could carry that make Chromium fetch outside the routes.
UNROUTED_HEADERS = frozenset({"speculation-rules"})

GUARD_SCRIPT = (
    files("mock_server")
    .joinpath("guard.js")
    .read_text(encoding="utf-8")
    .replace("__LIMIT__", str(MAX_BODY))
    .replace("__TAG__", json.dumps(REPORT_TAG))
)


def install(context: BrowserContext, site: Site) -> None:
    """Answer every request of `context` from `site`; block and record any other host, and what the page refuses."""

    def handle(route: PlaywrightRoute) -> None:
        sent = route.request
        if urlsplit(sent.url).scheme in LOCAL_SCHEMES:
            route.fallback()  # the last handler: the browser loads its own file
            return
        if not site.serves(sent.url):
            site.blocked.append(Blocked(f"{sent.method} {sent.url}", [host_of(sent.url)]))
            route.abort("blockedbyclient")
            return
        request = Request(sent.method, sent.url, sent.all_headers(), sent.post_data_buffer or b"")
        fulfil(route, site.handle(request))

    def refuse_socket(socket: WebSocketRoute) -> None:
        site.blocked.append(Blocked(f"WebSocket {socket.url}", [host_of(socket.url)]))
        socket.close(code=1008, reason="offline")

    def heard(message: ConsoleMessage) -> None:
        if message.text.startswith(REPORT_TAG):
            site.blocked.append(refused_in_page(json.loads(message.text.removeprefix(REPORT_TAG))))

    context.route("**/*", handle)
    context.route_web_socket(re.compile(".*"), refuse_socket)
    context.on("console", heard)
    context.add_init_script(GUARD_SCRIPT)


def refused_in_page(report: dict[str, str]) -> Blocked:
    """What the page's guard refused, named as the test's failure shows it, with the hosts it was for."""
    kind, address, detail = report.get("kind", ""), report.get("address", ""), report.get("detail", "")
    if kind == "WebRTC":
        try:
            servers = json.loads(address)
        except ValueError:
            servers = []
        urls = [u for server in servers if isinstance(server, dict) for u in _listed(server.get("urls"))]
        return Blocked(f"WebRTC {address}", [host_of(u) for u in urls])
    if kind == "TooLarge":
        method, _, size = detail.partition(" ")
        text = TOO_LARGE.format(method=method, address=address, size=size, limit=MAX_BODY)
        return Blocked(text, [host_of(address)])
    hosts = [host_of(a) for a in address.split()]
    if kind == "Popup":
        hosts.append(host_of(detail))  # a blank popup has no host of its own: name the page that opened it
    return Blocked(f"{kind} {address}", hosts)


def _listed(urls: object) -> list[str]:
    """An ICE server's `urls`: one address or a list of them."""
    if isinstance(urls, str):
        return [urls]
    return [u for u in urls if isinstance(u, str)] if isinstance(urls, list) else []


def fulfil(route: PlaywrightRoute, response: Response) -> None:
    """Send `response` to the browser; a redirect becomes a page that moves on by itself."""
    if isinstance(response, Redirect):
        # A fulfilled 3xx makes Chromium fetch the target from the real network, past the routes
        # (Playwright issue 23301), so the move happens in the page instead.
        # `<` escaped: an address holding "</script>" must not end the script and start markup of its own.
        target = json.dumps(response.location).replace("<", "\\u003c")
        body = f"<!doctype html><script>location.replace({target})</script>".encode()
        response = Response(body, 200, cookies=response.cookies)
    headers = {"content-type": response.content_type}
    headers |= {name: value for name, value in response.headers.items() if name.lower() not in UNROUTED_HEADERS}
    if response.cookies:
        # Playwright takes several cookies as one Set-Cookie value joined by newlines.
        headers["set-cookie"] = "\n".join(response.cookies)
    route.fulfill(status=response.status, headers=headers, body=response.body)
