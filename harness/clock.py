"""One virtual time for the site and the browser: moved together, never waited for."""

from __future__ import annotations

from datetime import datetime, timedelta

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
