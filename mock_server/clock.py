"""The site's virtual clock: moved by tests, never by the wall clock."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")

# The guide is dated 2012-11-05; its site starts on that morning unless a test says otherwise.
GUIDE_MORNING = datetime(2012, 11, 5, 9, 0, tzinfo=BEIJING)


class VirtualClock:
    """A clock that only moves when told to."""

    def __init__(self, start: datetime = GUIDE_MORNING) -> None:
        if start.tzinfo is None:
            raise ValueError("the virtual clock needs an aware datetime")
        self._now = start

    def now(self) -> datetime:
        """The current virtual time, in Beijing time."""
        return self._now.astimezone(BEIJING)

    def advance(self, delta: timedelta) -> datetime:
        """Move forward by `delta` and return the new time."""
        if delta < timedelta(0):
            raise ValueError("time does not go backwards")
        self._now += delta
        return self.now()
