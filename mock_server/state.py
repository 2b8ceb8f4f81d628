"""Everything the site remembers during one test: new for every test, never shared."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass, field
from enum import StrEnum

from mock_server.clock import VirtualClock
from mock_server.profile import SITE_2012, Profile
from mock_server.services.accounts import Account, Accounts, Status
from mock_server.services.captcha import Captcha
from mock_server.services.mail import MailServer
from mock_server.services.records import Records
from mock_server.services.reviews import ReviewQueue
from mock_server.services.sms import SmsGateway
from mock_server.services.throttle import LoginGuard


class SessionKind(StrEnum):
    """What a session id is for: each cookie and ticket is good for its own purpose only."""

    REGISTRATION = "CHSI_REG"  # from the activation link to 是
    LOGIN = "CASTGC"  # the account host's login (CAS's ticket-granting cookie)
    TICKET = "ST"  # a single-use service ticket, traded on my.chsi.com.cn
    ARCHIVE = "JSESSIONID"  # 学信档案's own session


@dataclass
class State:
    """The site's memory and services, handed to every handler."""

    profile: Profile = SITE_2012
    clock: VirtualClock = field(default_factory=VirtualClock)
    rng: random.Random = field(default_factory=random.Random)
    mail: MailServer = field(default_factory=MailServer)
    records: Records = field(default_factory=Records)
    sessions: dict[str, tuple[SessionKind, str]] = field(default_factory=dict)
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

    def open_session(self, account: Account, kind: SessionKind) -> str:
        """A new session id of `kind` bound to `account`."""
        sid = secrets.token_hex(16)
        self.sessions[sid] = (kind, account.username)
        return sid

    def end_session(self, sid: str) -> None:
        """One session ends (a used service ticket, a finished registration)."""
        self.sessions.pop(sid, None)

    def end_sessions(self, account: Account) -> None:
        """退出, a new password or a stopped account: every session of `account` ends, on every host."""
        for sid in [sid for sid, (_, username) in self.sessions.items() if username == account.username]:
            del self.sessions[sid]

    def session_account(self, sid: str | None, kind: SessionKind) -> Account | None:
        """The account behind a session id, if it is open, of this kind, and the account may still use it."""
        kind_and_name = self.sessions.get(sid or "")
        if kind_and_name is None or kind_and_name[0] is not kind:
            return None  # a cookie of one kind is never accepted as another (CAS keeps them apart)
        account = self.accounts.get(kind_and_name[1])
        if account is None or account.status is Status.DEACTIVATED:
            return None
        registering = account.status is not Status.REGISTERED
        return account if registering == (kind is SessionKind.REGISTRATION) else None
