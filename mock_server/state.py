"""Everything the site remembers during one test: new for every test, never shared."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from mock_server.clock import VirtualClock
from mock_server.profile import SITE_2012, Profile
from mock_server.secret import same_secret
from mock_server.services.accounts import Account, Accounts, Status
from mock_server.services.captcha import Captcha
from mock_server.services.mail import MailServer
from mock_server.services.records import Records
from mock_server.services.reviews import ReviewQueue
from mock_server.services.sms import SmsGateway
from mock_server.services.throttle import LoginGuard, LookupGuard


class SessionKind(StrEnum):
    """What a session id is for: each cookie and ticket is good for its own purpose only."""

    REGISTRATION = "CHSI_REG"  # from the activation link to 是
    LOGIN = "CASTGC"  # the account host's login (CAS's ticket-granting cookie)
    TICKET = "ST"  # a single-use service ticket, traded on my.chsi.com.cn
    ARCHIVE = "JSESSIONID"  # 学信档案's own session


# How long each kind of session lives (the real values are not public; these are the software's defaults).
# A service ticket is spent within seconds or never (CAS: 10 s from issue); the others end after being left idle:
# 学信档案 and a registration as a servlet session does (30 min), the login as a CAS ticket-granting ticket (2 h).
TICKET_LIFETIME = timedelta(seconds=10)
IDLE_LIMIT = {
    SessionKind.REGISTRATION: timedelta(minutes=30),
    SessionKind.LOGIN: timedelta(hours=2),
    SessionKind.ARCHIVE: timedelta(minutes=30),
}


@dataclass
class Session:
    """One open session: what it is for, whose, since when, when last used, and the sign-out token of its login."""

    kind: SessionKind
    username: str
    opened_at: datetime
    last_seen: datetime
    # The secret the site's own pages carry in their 退出 form: a page elsewhere cannot know it.
    sign_out: str = ""

    def expired(self, now: datetime) -> bool:
        """True once a ticket is older than its lifetime, or another session was left idle too long."""
        if self.kind is SessionKind.TICKET:
            return now - self.opened_at > TICKET_LIFETIME
        return now - self.last_seen > IDLE_LIMIT[self.kind]


@dataclass
class State:
    """The site's memory and services, handed to every handler."""

    profile: Profile = SITE_2012
    clock: VirtualClock = field(default_factory=VirtualClock)
    rng: random.Random = field(default_factory=random.Random)
    mail: MailServer = field(default_factory=MailServer)
    records: Records = field(default_factory=Records)
    sessions: dict[str, Session] = field(default_factory=dict)
    logins: LoginGuard = field(default_factory=LoginGuard)
    lookups: LookupGuard = field(default_factory=LookupGuard)
    # The login form's one-time `lt` values, each issued to one browser (the secret of its CHSI_LT cookie).
    login_tickets: dict[str, str] = field(default_factory=dict)
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

    def open_session(self, account: Account, kind: SessionKind, sign_out: str = "") -> str:
        """A new session id of `kind` for `account`, carrying its login's sign-out token (a new one unless given)."""
        sid = secrets.token_hex(16)
        now = self.clock.now()
        self.sessions[sid] = Session(kind, account.username, now, now, sign_out or secrets.token_urlsafe(24))
        return sid

    def end_session(self, sid: str) -> None:
        """One session ends (a used service ticket, a finished registration)."""
        self.sessions.pop(sid, None)

    def end_sessions(self, account: Account) -> None:
        """退出, a new password or a stopped account: every session of `account` ends, on every host."""
        for sid in [sid for sid, session in self.sessions.items() if session.username == account.username]:
            del self.sessions[sid]

    def session(self, sid: str | None, kind: SessionKind) -> Session | None:
        """The open session `sid` of this kind, used now (its idle time starts again); an expired one ends here."""
        session = self.sessions.get(sid or "")
        if session is None or session.kind is not kind:
            return None  # a cookie of one kind is never accepted as another (CAS keeps them apart)
        now = self.clock.now()
        if session.expired(now):
            del self.sessions[sid or ""]
            return None
        session.last_seen = now
        return session

    def session_account(self, sid: str | None, kind: SessionKind) -> Account | None:
        """The account behind a session id, if it is open, of this kind, and the account may still use it."""
        session = self.session(sid, kind)
        if session is None:
            return None
        account = self.accounts.get(session.username)
        if account is None or account.status is Status.DEACTIVATED:
            return None
        registering = account.status is not Status.REGISTERED
        return account if registering == (kind is SessionKind.REGISTRATION) else None

    def signing_out(self, token: str) -> Account | None:
        """The account whose open session carries the sign-out token `token` (the 退出 form's), if any."""
        if not token:
            return None
        now = self.clock.now()
        for session in self.sessions.values():
            if same_secret(token, session.sign_out) and not session.expired(now):
                return self.accounts.get(session.username)
        return None
