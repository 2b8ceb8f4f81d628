"""Wrong passwords counted per login name: enough of them in a row lock the name for a while."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from mock_server.messages import say

# The real limit is not public; five tries and half an hour is the common rule of Chinese sites of the time.
MAX_WRONG_PASSWORDS = 5
LOCKED_FOR = timedelta(minutes=30)


def locked_message() -> str:
    """What the login page says to a locked account."""
    return say("login.locked", tries=MAX_WRONG_PASSWORDS, minutes=int(LOCKED_FOR.total_seconds() // 60))


@dataclass
class LoginGuard:
    """Counts wrong passwords by the name typed, whether or not an account has it (no hint either way)."""

    wrong: dict[str, list[datetime]] = field(default_factory=dict)

    def locked(self, name: str, now: datetime) -> bool:
        """True while `name` has had too many wrong passwords in a row, the last less than LOCKED_FOR ago."""
        tries = self.wrong.get(_key(name), [])
        return len(tries) >= MAX_WRONG_PASSWORDS and now - tries[-1] < LOCKED_FOR

    def failed(self, name: str, now: datetime) -> None:
        """One more wrong password; a lock that has run out starts the count again."""
        tries = self.wrong.setdefault(_key(name), [])
        if len(tries) >= MAX_WRONG_PASSWORDS and now - tries[-1] >= LOCKED_FOR:
            tries.clear()
        tries.append(now)

    def cleared(self, *names: str) -> None:
        """A right password, or a new one set by 找回密码: the count starts again."""
        for name in names:
            self.wrong.pop(_key(name), None)


def _key(name: str) -> str:
    return name.strip().lower()
