"""Guesses counted: wrong passwords per account, and failed 找回用户名 lookups per ID number, each locking a while."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from mock_server.messages import say
from mock_server.services.accounts import Account, Accounts, Invalid, Refusal
from mock_server.services.text import blank

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
        if blank(name) or not password:
            # An empty form guesses nothing: it is refused without counting, so it can lock no one out.
            raise Invalid({"status": say("login.blank")})
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


# 找回用户名 answers whether a name goes with an ID number: five wrong guesses an hour per number, then a pause.
MAX_FAILED_LOOKUPS = 5
LOOKUPS_COUNTED_FOR = timedelta(hours=1)
LOOKUP_PAUSE = timedelta(minutes=30)


@dataclass
class LookupGuard:
    """Counts 找回用户名 lookups that found nothing, per ID number, known to the site or not (no hint either way)."""

    failed: dict[str, list[datetime]] = field(default_factory=dict)

    def refusal(self, id_number: str, now: datetime) -> str | None:
        """The message for an ID number guessed at too often just now, or None while it may be tried (a blank one
        guesses nothing)."""
        if blank(id_number):
            return None
        recent = [t for t in self.failed.get(id_number, []) if now - t < LOOKUPS_COUNTED_FOR]
        if len(recent) >= MAX_FAILED_LOOKUPS and now - recent[-1] < LOOKUP_PAUSE:
            return say("recovery.too_many", minutes=int(LOOKUP_PAUSE.total_seconds() // 60))
        return None

    def missed(self, id_number: str, now: datetime) -> None:
        """One more lookup of `id_number` that found nothing (a blank number counts for nothing)."""
        if not blank(id_number):
            self.failed.setdefault(id_number, []).append(now)

    def found(self, id_number: str) -> None:
        """A lookup with the exact name: the count for that number starts again."""
        self.failed.pop(id_number, None)
