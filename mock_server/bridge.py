"""The only place Playwright meets the site: context routes in, fulfilled pages out."""

from __future__ import annotations

import json
import re

from playwright.sync_api import BrowserContext, WebSocketRoute
from playwright.sync_api import Route as PlaywrightRoute

from mock_server.http import Redirect, Request, Response
from mock_server.site import Site


def install(context: BrowserContext, site: Site) -> None:
    """Answer every request of `context` from `site`; block and record any other host."""

    def handle(route: PlaywrightRoute) -> None:
        sent = route.request
        if not site.serves(sent.url):
            site.blocked.append(f"{sent.method} {sent.url}")
            route.abort("blockedbyclient")
            return
        request = Request(sent.method, sent.url, sent.all_headers(), sent.post_data_buffer or b"")
        fulfil(route, site.handle(request))

    def refuse_socket(socket: WebSocketRoute) -> None:
        site.blocked.append(f"WebSocket {socket.url}")
        socket.close(code=1008, reason="offline")

    context.route("**/*", handle)
    context.route_web_socket(re.compile(".*"), refuse_socket)
    context.expose_binding("__chsiLeak", lambda source, what: site.blocked.append(str(what)))
    context.add_init_script(GUARD_SCRIPT)


# What no route can see: a page's WebRTC peer (it talks UDP to STUN servers) and a service worker registration.
# Both are refused in the page and reported, so the test that caused them fails and names the address.
GUARD_SCRIPT = """
(() => {
  const report = (what) => { try { window.__chsiLeak(what); } catch (e) {} };
  const refuse = function (config) {
    report("WebRTC " + JSON.stringify((config && config.iceServers) || []));
    throw new DOMException("WebRTC is blocked: the mock keeps everything on this machine", "NotAllowedError");
  };
  for (const name of ["RTCPeerConnection", "webkitRTCPeerConnection"]) if (name in window) window[name] = refuse;
  if (navigator.serviceWorker) {
    navigator.serviceWorker.register = (url) => {
      report("ServiceWorker " + new URL(url, location.href).href);
      return Promise.reject(new DOMException("service workers are blocked", "SecurityError"));
    };
  }
})();
"""


def fulfil(route: PlaywrightRoute, response: Response) -> None:
    """Send `response` to the browser; a redirect becomes a page that moves on by itself."""
    if isinstance(response, Redirect):
        # A fulfilled 3xx makes Chromium fetch the target from the real network, past the routes
        # (Playwright issue 23301), so the move happens in the page instead.
        body = f"<!doctype html><script>location.replace({json.dumps(response.location)})</script>".encode()
        response = Response(body, 200, cookies=response.cookies)
    headers = {"content-type": response.content_type, **response.headers}
    if response.cookies:
        # Playwright takes several cookies as one Set-Cookie value joined by newlines.
        headers["set-cookie"] = "\n".join(response.cookies)
    route.fulfill(status=response.status, headers=headers, body=response.body)
