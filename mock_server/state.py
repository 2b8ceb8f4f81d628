"""Everything the site remembers during one test: new for every test, never shared."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass, field

from mock_server.clock import VirtualClock
from mock_server.profile import SITE_2012, Profile
from mock_server.services.accounts import Account, Accounts
from mock_server.services.captcha import Captcha
from mock_server.services.mail import MailServer
from mock_server.services.records import Records
from mock_server.services.reviews import Decision, ReviewQueue
from mock_server.services.sms import SmsGateway
from mock_server.services.throttle import LoginGuard


@dataclass
class State:
    """The site's memory and services, handed to every handler."""

    profile: Profile = SITE_2012
    clock: VirtualClock = field(default_factory=VirtualClock)
    rng: random.Random = field(default_factory=random.Random)
    mail: MailServer = field(default_factory=MailServer)
    records: Records = field(default_factory=Records)
    sessions: dict[str, str] = field(default_factory=dict)
    logins: LoginGuard = field(default_factory=LoginGuard)
    problems: list[str] = field(default_factory=list)
    accounts: Accounts = field(init=False)
    sms: SmsGateway = field(init=False)
    reviews: ReviewQueue = field(init=False)
    captcha: Captcha = field(init=False)

    def __post_init__(self) -> None:
        self.accounts = Accounts(self.profile)
        self.reviews = ReviewQueue(self.profile.working_days)
        self.captcha = Captcha(self.rng)
        self.sms = SmsGateway(self.profile.sms_valid_for, self.profile.sms_resend_after, self.rng)

    def approve_review(self, number: str, reason: str = "") -> list[Account]:
        """The back office approves: the kept account stays, the others on that ID are deactivated."""
        ticket = self.reviews.decide(number, Decision.APPROVED, self.clock.now(), reason)
        return self.accounts.keep_only(ticket.id_number, ticket.keep)

    def reject_review(self, number: str, reason: str) -> None:
        """The back office refuses, saying why; no account changes."""
        self.reviews.decide(number, Decision.REJECTED, self.clock.now(), reason)

    def open_session(self, account: Account) -> str:
        """A new session id bound to `account`."""
        sid = secrets.token_hex(16)
        self.sessions[sid] = account.username
        return sid

    def end_sessions(self, account: Account) -> None:
        """退出: every session of `account` ends, on every host (CAS's single sign-out)."""
        for sid in [sid for sid, username in self.sessions.items() if username == account.username]:
            del self.sessions[sid]

    def session_account(self, sid: str | None) -> Account | None:
        """The account behind a session cookie, if it is still open."""
        username = self.sessions.get(sid or "")
        return self.accounts.get(username) if username else None
