"""When a page has settled: no request in flight, no navigation pending, the DOM unchanged while queued work ran.

The mock answers in-process, so a settled page has nothing left to show: a check on it is decided at once instead
of being retried until a timeout. A page that is still loading is waited for, as Playwright's auto-waiting does.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import BrowserContext, Page, Request
from playwright.sync_api import Error as PlaywrightError

from harness.tracing import unseen

# Counts the page's DOM changes and notes a navigation on its way; answers after two turns of the event loop
# (a MessageChannel, which the paused virtual clock does not hold back) so callbacks already queued have run.
WATCH_SCRIPT = """
(() => {
  let changes = 0;
  const doc = Math.random().toString(36).slice(2);  // this document, told apart from the next at the same address
  // The harness's own mark for a picture's red outline (harness/shots.py) is not the page changing.
  const outlined = new WeakSet();
  Object.defineProperty(window, "__chsiOutlined", { value: outlined });
  const own = (r) => r.type === "attributes" && outlined.has(r.target) && r.attributeName === "data-chsi-shot";
  new MutationObserver((records) => { changes += records.filter((r) => !own(r)).length; })
    .observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  window.addEventListener("beforeunload", () => { window.__chsiLeaving = true; });
  const turn = () => new Promise((done) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done();
    channel.port2.postMessage(0);
  });
  Object.defineProperty(window, "__chsiQuiet", { value: async () => {
    const before = changes;
    await turn(); await turn();
    return { doc, changes, still: changes === before, leaving: Boolean(window.__chsiLeaving),
             ready: document.readyState };
  } });
})();
"""
# One look at the page's state (a JavaScript expression): also asked within other looks, to spare a call.
QUIET = (
    "(window.__chsiQuiet ? window.__chsiQuiet() : {doc: '', changes: -1, still: false, leaving: false, "
    "ready: document.readyState})"
)


def _look(reading: str) -> str:
    """One look at the page's state; with `reading` (a JavaScript expression), also what it reads once settled."""
    if not reading:
        return f"() => {QUIET}"
    return f"async () => {{ const look = await {QUIET}; look.read = {reading}; return look; }}"


@dataclass
class Traffic:
    """The requests of one browser context still waiting for their answer."""

    timeout_ms: float = 5_000.0  # how long a busy page is waited for (the run's --action-timeout)
    pending: set[Request] = field(default_factory=set)

    def _started(self, request: Request) -> None:
        self.pending.add(request)

    def watch(self, context: BrowserContext) -> None:
        """Follow every request of `context` and every page it opens."""
        context.add_init_script(WATCH_SCRIPT)
        context.on("request", self._started)
        context.on("requestfinished", lambda request: self.pending.discard(request))
        context.on("requestfailed", lambda request: self.pending.discard(request))


_TRAFFIC: dict[int, Traffic] = {}


def watch(context: BrowserContext, timeout_ms: float) -> Traffic:
    """Start following `context` (before its first page loads); settle() then knows what it still waits for."""
    traffic = _TRAFFIC.setdefault(id(context), Traffic(timeout_ms))
    traffic.watch(context)
    context.on("close", lambda _: forget(context))
    return traffic


def forget(context: BrowserContext) -> None:
    """A closed context's traffic is no longer followed."""
    _TRAFFIC.pop(id(context), None)


@dataclass(frozen=True)
class Settled:
    """What a settled page looked like: a later look that differs means the page moved on."""

    url: str
    changes: int
    quiet: bool  # False when the page was still busy when the time ran out
    doc: str = ""  # which document it was ("" when the page could not say)
    read: Any = field(default=None, compare=False)  # what settle(reading=...) read on the settled page


def settle(page: Page, timeout_ms: float | None = None, *, reading: str = "") -> Settled:
    """Wait until `page` has settled (nothing in flight, the DOM still while queued work ran), or the timeout passes.
    `reading`: a JavaScript expression read within the same look (one call where a read after it would be two)."""
    with unseen():
        return _settle(page, timeout_ms, _look(reading))


def _settle(page: Page, timeout_ms: float | None, looking: str) -> Settled:
    traffic = _TRAFFIC.get(id(page.context))
    timeout = timeout_ms if timeout_ms is not None else traffic.timeout_ms if traffic else 5_000.0
    deadline = time.monotonic() + timeout / 1000
    previous: Settled | None = None
    while True:
        remaining = max(deadline - time.monotonic(), 0.0) * 1000
        try:
            look = page.evaluate(looking)
        except PlaywrightError:
            if page.is_closed() or remaining <= 0:
                return Settled(page.url if not page.is_closed() else "", -1, False)
            _wait_for_load(page, remaining)  # the document was replaced while we looked
            continue
        busy = _busy(look, traffic)
        now = Settled(page.url, int(look["changes"]), not busy, str(look["doc"]), look.get("read"))
        # Settled: nothing in flight, and the DOM unchanged while queued work ran (within one look, or between two).
        if not busy and (look["still"] or now == previous):
            return now
        if remaining <= 0:
            return Settled(now.url, now.changes, False, now.doc)
        if look["leaving"] or look["ready"] != "complete":
            _wait_for_load(page, remaining)
        previous = None if busy else now


def _busy(look: dict[str, Any], traffic: Traffic | None) -> bool:
    return bool(look["leaving"] or look["ready"] != "complete" or (traffic and traffic.pending))


def at_rest(page: Page, look: dict[str, Any]) -> bool:
    """True when one look (QUIET's answer) already found `page` settled: nothing in flight, the DOM still."""
    return bool(look["still"]) and not _busy(look, _TRAFFIC.get(id(page.context)))


def _wait_for_load(page: Page, remaining_ms: float) -> None:
    # A navigation cut short, or the time up: the next look says which.
    with contextlib.suppress(PlaywrightError):
        page.wait_for_load_state("load", timeout=max(remaining_ms, 1))
