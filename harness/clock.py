"""One virtual time for the site and the browser: moved together, never waited for."""

from __future__ import annotations

from datetime import datetime, timedelta

from playwright.sync_api import Page
from playwright.sync_api._generated import Clock

from mock_server.clock import VirtualClock


class SharedClock:
    """The mock's clock and Playwright's page clock, installed at one instant and moved as one."""

    def __init__(self, site_clock: VirtualClock, browser_clock: Clock) -> None:
        self.site_clock = site_clock
        self.browser_clock = browser_clock
        start = site_clock.now()
        browser_clock.install(time=start)
        # Paused: page timers fire only when a test moves time, so "not at 29 s" is exact.
        browser_clock.pause_at(start)

    def now(self) -> datetime:
        """The current virtual time."""
        return self.site_clock.now()

    def advance(self, **delta: float) -> datetime:
        """Move both clocks forward, e.g. advance(seconds=30) or advance(hours=49)."""
        step = timedelta(**delta)
        self.site_clock.advance(step)
        self.browser_clock.fast_forward(int(step.total_seconds() * 1000))
        return self.now()

    def run(self, **delta: float) -> datetime:
        """Move both clocks forward, each page timer firing at its own time within the span (advance() fires a timer
        due inside it once, at the end): for a page whose timing is what is measured. Seconds, not days."""
        step = timedelta(**delta)
        self.site_clock.advance(step)
        self.browser_clock.run_for(int(step.total_seconds() * 1000))
        return self.now()


# A page notes, as it starts to leave, how long after the note its virtual clock had run; sessionStorage outlives the
# navigation to a page of the same host.
_NOTE_LEAVING = """() => { const begun = Date.now();
  addEventListener("beforeunload", () => sessionStorage.setItem("chsi-left-after-ms", String(Date.now() - begun))); }"""
_READ_LEAVING = """() => { const noted = sessionStorage.getItem("chsi-left-after-ms");
  sessionStorage.removeItem("chsi-left-after-ms"); return noted === null ? null : Number(noted); }"""


def note_leaving(page: Page) -> None:
    """From now on, `page` notes when it leaves (read by left_after on the page it went to)."""
    page.evaluate(_NOTE_LEAVING)


def left_after(page: Page, within: float) -> timedelta:
    """How long after note_leaving() the page before this one left, to the second (it left within `within` seconds)."""
    noted = page.evaluate(_READ_LEAVING)
    if noted is None:
        raise RuntimeError(f"上一页在 {within:g} 秒内离开了，但没有记下离开的时间（离开时打开的是 {page.url}）")
    return timedelta(seconds=round(noted / 1000))
