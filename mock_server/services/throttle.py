"""Wrong passwords counted per login name: enough of them in a row lock the name for a while."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from mock_server.messages import say
from mock_server.services.accounts import Account, Accounts, Invalid, Refusal

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

    def sign_in(self, accounts: Accounts, name: str, password: str, now: datetime) -> Account:
        """个人用户登录 through the guard: the account, or Invalid with the page's message (a locked one first).

        The account is locked, not the name typed: its phone, email or ID number all count together.
        """
        known = accounts.get(name)
        key = known.username if known else name
        if self.locked(key, now):
            raise Invalid({"status": locked_message()}, Refusal.LOCKED)
        try:
            account = accounts.authenticate(name, password)
        except Invalid as refused:
            if refused.reason is Refusal.WRONG_PASSWORD:
                self.failed(key, now)
                if self.locked(key, now):
                    raise Invalid({"status": locked_message()}, Refusal.LOCKED) from refused
            raise
        self.cleared(key)
        return account

    def cleared(self, *names: str) -> None:
        """A right password, or a new one set by 找回密码: the count starts again."""
        for name in names:
            self.wrong.pop(_key(name), None)


def _key(name: str) -> str:
    return name.strip().lower()
