"""学信网 accounts: registration by email or (today) by phone, activation links, 实名注册, 手机确认, login, the lookups
of 找回用户名, password resets, and keeping one account of two on an ID."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cache

from mock_server.idcard import PROVINCES, InvalidIdNumber, canonical, parse_id_number
from mock_server.messages import say
from mock_server.profile import Profile
from mock_server.secret import same_secret
from mock_server.services.sms import phone_error
from mock_server.services.text import blank, normalise

# Chinese names: Han characters, with the middle dot some minority names use.
CHINESE_NAME = re.compile(r"[\u4e00-\u9fff]+(·[\u4e00-\u9fff]+)*")


class Status(StrEnum):
    """Where an account stands, in the words the site shows."""

    PENDING_ACTIVATION = "待激活"
    PENDING_REAL_NAME = "待实名注册"
    PENDING_PHONE = "待手机确认"
    PENDING_CONFIRMATION = "待确认个人信息"
    REGISTERED = "已注册"
    DEACTIVATED = "已停用"


class Refusal(StrEnum):
    """Why the site refused, for behaviour that must not hang on a message's wording."""

    OTHER = "other"
    LINK_EXPIRED = "link expired"
    WRONG_PASSWORD = "wrong password"
    ID_TAKEN = "id taken"
    LOCKED = "locked"
    NO_MATCH = "no match"


class Invalid(Exception):
    """A form the site refuses; `errors` maps each field to the message shown beside it, `reason` says why."""

    def __init__(self, errors: dict[str, str], reason: Refusal = Refusal.OTHER) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors
        self.reason = reason


@dataclass
class Account:
    """One 学信网 account."""

    email: str
    password_digest: str
    created_at: datetime
    status: Status = Status.PENDING_ACTIVATION
    name: str = ""
    id_number: str = ""
    birth_date: date | None = None
    sex: str = ""
    region: str = ""
    phone: str = ""
    registered_at: datetime | None = None
    by_phone: bool = False
    # The browser that chose the password at 第三步 (a secret its cookie holds); activation elsewhere asks anew.
    signup_browser: str = ""
    # An email typed at today's one-page registration: bound (made `email`) only once its mailbox follows the link
    # mailed to it, so a stranger who types a student's address holds nothing of it.
    unproven_email: str = ""

    @property
    def username(self) -> str:
        """What the student types to log in: the phone number on a phone-first site, else the email."""
        return self.phone if self.by_phone else self.email


@dataclass
class ActivationToken:
    """The secret in an activation or reset link, and the account (by username) it is for."""

    email: str
    issued_at: datetime
    used: bool = False


# scrypt (RFC 7914, hashlib's, from OpenSSL) with a random salt per password: a stolen table gives no password
# without guessing each one separately. RFC 7914 suggests N=2**14 for interactive logins; the mock's passwords are
# fictional and its tests make thousands of accounts, so it keeps the algorithm and the salt at a sixteenth of the
# work (about 3 ms on a slow core, so that a login is answered as fast as any other page: p95 under 5 ms).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**10, 8, 1


def digest(password: str) -> str:
    """What the site keeps of a password: the scrypt parameters, a fresh random salt and the derived key."""
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${key.hex()}"


@cache
def _decoy() -> str:
    """A digest no account has: checked against when the name typed has no account, so a wrong name takes as long to
    refuse as a wrong password and the time taken gives no hint either way."""
    return digest(secrets.token_urlsafe(16))


def verify(password: str, kept: str) -> bool:
    """True when `password` is the one `kept` was derived from (compared in constant time)."""
    try:
        scheme, n, r, p, salt, key = kept.split("$")
        if scheme != "scrypt":
            return False
        derived = hashlib.scrypt(
            password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=len(key) // 2
        )
    except ValueError:  # not a digest this site wrote
        return False
    return hmac.compare_digest(derived.hex(), key)


def _live(
    record: ActivationToken | None, now: datetime, valid_for: timedelta, refusals: tuple[str, str, str]
) -> ActivationToken:
    """A link's token that may still be followed, or `Invalid` in that link's words: the codes of its messages for
    an unknown, a used and an expired link."""
    unknown, used, expired = refusals
    if record is None:
        raise Invalid({"link": say(unknown)})
    if record.used:
        raise Invalid({"link": say(used)})
    if now - record.issued_at > valid_for:
        raise Invalid({"link": say(expired)}, Refusal.LINK_EXPIRED)
    return record


@dataclass
class Accounts:
    """Every account, and the activation and password-reset links sent for them."""

    profile: Profile
    by_username: dict[str, Account] = field(default_factory=dict)
    tokens: dict[str, ActivationToken] = field(default_factory=dict)
    reset_tokens: dict[str, ActivationToken] = field(default_factory=dict)
    email_tokens: dict[str, ActivationToken] = field(default_factory=dict)  # by the account's username
    # Who was refused an ID number as taken → that number and the name typed with it: a new account at 实名注册 (by
    # its username) or, on the phone-first site, which makes no account while the number is taken, a proven phone.
    # The page then offers the 【解决方法】 review, which may ask for that number under that name (someone who bound
    # the student's number under a made-up name cannot shut her out). Going on to register drops the claim.
    id_claims: dict[str, tuple[str, str]] = field(default_factory=dict)

    def add(self, account: Account) -> Account:
        """Keep `account` under its username (phone or email)."""
        self.by_username[account.username] = account
        return account

    def _password_errors(self, password: str, password2: str) -> dict[str, str]:
        """The profile's password rule, and the confirmation that must repeat it."""
        if not re.fullmatch(self.profile.password_pattern, password):
            return {"password": self.profile.password_rule}
        if password != password2:
            return {"password1": say("password.mismatch")}
        return {}

    def get(self, username: str) -> Account | None:
        """The account whose username (or, failing that, email) is `username`, as typed (full-width digits of a
        phone number are its digits); a blank name is nobody's."""
        key = normalise(username).lower()
        if blank(key):
            return None  # an account without an email must not answer to ""
        return self.by_username.get(key) or next((a for a in self.by_username.values() if a.email == key), None)

    def preregister(self, email: str, password: str, password2: str, now: datetime, browser: str = "") -> Account:
        """第三步: create an account waiting for activation, or say what is wrong with the form.

        `browser` is the secret of the browser that chose the password (its cookie): activation there goes on at
        once, anywhere else it first asks for a password (see `activate`).
        """
        email = email.strip().lower()
        errors: dict[str, str] = {}
        if not re.fullmatch(self.profile.email_pattern, email):
            errors["username"] = say("username.not_email")
        elif self.profile.unique_email and self.get(email):
            errors["username"] = say("email.taken")
        errors |= self._password_errors(password, password2)
        if errors:
            raise Invalid(errors)
        return self.add(Account(email, digest(password), now, signup_browser=browser))

    def issue_activation(self, account: Account, now: datetime) -> str:
        """A new activation token for `account`; earlier ones stay valid until they expire."""
        token = secrets.token_urlsafe(24)
        self.tokens[token] = ActivationToken(account.email, now)
        return token

    def activation_target(self, token: str, now: datetime) -> Account:
        """The account an activation link may activate, or `Invalid` saying why not (the page shows its message)."""
        record = self.tokens.get(token)
        if record is None:
            raise Invalid({"link": say("activation.invalid")})
        account = self.by_username[record.email]
        if record.used or account.status is not Status.PENDING_ACTIVATION:
            raise Invalid({"link": say("activation.used")})
        if now - record.issued_at > self.profile.activation_valid_for:
            raise Invalid({"link": say("activation.expired")}, Refusal.LINK_EXPIRED)
        return account

    def signed_up_in(self, account: Account, browser: str) -> bool:
        """True when `browser` (its cookie's secret) is the one that chose the account's password at 第三步."""
        return bool(account.signup_browser) and same_secret(browser, account.signup_browser)

    def activate(self, token: str, now: datetime, password: str | None = None, password2: str = "") -> Account:
        """第六步: follow an activation link; the message of `Invalid` is what the page shows.

        The link proves the mailbox, not the password: whoever registered the address may not own it. So the
        password belongs to whoever follows the link. In the browser that chose it at 第三步 (`password` None)
        the account goes on with it; anywhere else the follower sets one now and the one chosen at sign-up is
        dropped, as identity sites that verify an address before an account exists bind the password to the
        person who proves the mailbox. A stranger who signed up with someone else's address keeps nothing.
        """
        account = self.activation_target(token, now)
        if password is not None:
            errors = self._password_errors(password, password2)
            if errors:
                raise Invalid(errors)
            account.password_digest = digest(password)
        account.signup_browser = ""
        self.tokens[token].used = True
        account.status = Status.PENDING_REAL_NAME
        return account

    def register_by_phone(self, form: dict[str, str], now: datetime) -> Account:
        """The phone-first site: one form makes a registered account (the SMS code is checked before)."""
        phone, email = normalise(form.get("mphone", "")), form.get("email", "").strip().lower()
        name, password = form.get("xm", "").strip(), form.get("password", "")
        errors, reason = self._identity_errors(None, name, form.get("sfzh", ""))
        if problem := phone_error(phone):
            errors["mphone"] = problem
        elif self.get(phone):
            errors["mphone"] = say("phone.taken")
        if email and not re.fullmatch(self.profile.email_pattern, email):
            errors["email"] = say("email.invalid")
        elif email and self.get(email):
            errors["email"] = say("email.taken")
        errors |= self._password_errors(password, form.get("password1", ""))
        if reason is Refusal.ID_TAKEN and "mphone" not in errors:
            self.id_claims[phone] = (canonical(form.get("sfzh", "")), name)
        if errors:
            raise Invalid(errors, reason)
        parsed = parse_id_number(form.get("sfzh", ""))
        account = Account(
            "", digest(password), now, Status.REGISTERED, name, parsed.number, parsed.birth_date, parsed.sex,
            parsed.province, phone, now, by_phone=True, unproven_email=email,
        )  # fmt: skip
        self.id_claims.pop(phone, None)
        return self.add(account)

    def claimed(self, who: str, id_number: str) -> str | None:
        """The name `who` (an account, or a phone without one) typed with `id_number` when it was refused as taken."""
        account = self.get(who)
        number, name = self.id_claims.get(account.username if account else normalise(who), ("", ""))
        return name if not blank(number) and number == canonical(id_number) else None

    def issue_email_check(self, account: Account, now: datetime) -> str:
        """A token for the link that proves `account`'s unproven email (valid as long as an activation link)."""
        token = secrets.token_urlsafe(24)
        self.email_tokens[token] = ActivationToken(account.username, now)
        return token

    def prove_email(self, token: str, now: datetime) -> Account:
        """Bind the email a checking link was mailed to, or `Invalid` saying why not (the page shows its message)."""
        record = _live(
            self.email_tokens.get(token), now, self.profile.activation_valid_for,
            ("email_check.invalid", "email_check.used", "email_check.expired"),
        )  # fmt: skip
        account = self.by_username.get(record.email)
        if account is None or not account.unproven_email:
            raise Invalid({"link": say("email_check.invalid")})
        if self.get(account.unproven_email):
            raise Invalid({"link": say("email.taken")})  # its owner bound it to an account of their own meanwhile
        record.used = True
        account.email, account.unproven_email = account.unproven_email, ""
        return account

    def holder_of(self, id_number: str, *, besides: Account | None) -> Account | None:
        """Another live account already bound to `id_number`."""
        return next(
            (
                a
                for a in self.by_username.values()
                if a is not besides and a.id_number == id_number and a.status is not Status.DEACTIVATED
            ),
            None,
        )

    def _identity_errors(self, account: Account | None, name: str, id_number: str) -> tuple[dict[str, str], Refusal]:
        """What is wrong with a real name and ID number, field by field, and whether the number is taken (the page
        then offers a review)."""
        errors = {}
        if not CHINESE_NAME.fullmatch(name):
            errors["xm"] = say("name.not_chinese")
        try:
            parsed = parse_id_number(id_number)
        except InvalidIdNumber:
            errors["sfzh"] = say("id.invalid")
        else:
            if self.profile.unique_id and self.holder_of(parsed.number, besides=account):
                errors["sfzh"] = say("id.taken")
                return errors, Refusal.ID_TAKEN
        return errors, Refusal.OTHER

    def submit_real_name(self, account: Account, name: str, id_number: str, region: str) -> None:
        """第七步: bind a real name and ID number; birth date and sex come from the number."""
        name = name.strip()
        errors, reason = self._identity_errors(account, name, id_number)
        if region not in PROVINCES.values():
            errors["region"] = say("region.missing")
        if reason is Refusal.ID_TAKEN:
            self.id_claims[account.username] = (canonical(id_number), name)
        if errors:
            raise Invalid(errors, reason)
        self.id_claims.pop(account.username, None)
        parsed = parse_id_number(id_number)
        account.name, account.id_number = name, parsed.number
        account.birth_date, account.sex, account.region = parsed.birth_date, parsed.sex, region
        account.status = Status.PENDING_PHONE

    def confirm_phone(self, account: Account, phone: str) -> None:
        """第八步, after the code was checked: keep the confirmed phone number."""
        account.phone = phone
        account.status = Status.PENDING_CONFIRMATION

    def finish(self, account: Account, now: datetime) -> None:
        """第九步: the student answered 是."""
        account.status = Status.REGISTERED
        account.registered_at = now

    def authenticate(self, username: str, password: str) -> Account:
        """个人用户登录: the account (maybe mid-registration), or `Invalid` with the page's message."""
        account = self.get(username)
        if not verify(password, account.password_digest if account else _decoy()) or account is None:
            raise Invalid({"status": say("login.wrong")}, Refusal.WRONG_PASSWORD)
        if account.status is Status.PENDING_ACTIVATION:
            raise Invalid({"status": say("login.not_activated")})
        if account.status is Status.DEACTIVATED:
            raise Invalid({"status": say("login.deactivated")})
        return account

    def on_id(self, id_number: str) -> list[Account]:
        """Live accounts bound to `id_number`, oldest first; a blank number is nobody's (unnamed accounts have one)."""
        number = canonical(id_number)
        if blank(number):
            return []
        return [a for a in self.by_username.values() if a.id_number == number and a.status is not Status.DEACTIVATED]

    def find_usernames(self, name: str, id_number: str) -> list[Account]:
        """找回用户名: the accounts of this ID number, if the name is exactly the one registered.

        No such account and a wrong name get the same answer, beside the name: a stranger must not learn which ID
        numbers have accounts here.
        """
        found = self.on_id(id_number)
        if self.profile.exact_name:  # exact, but spaces around it are no part of a name (as at 实名注册)
            found = [a for a in found if a.name == name.strip()]
        if not found or blank(name):
            raise Invalid({"xm": say("recovery.no_match")}, Refusal.NO_MATCH)
        return found if self.profile.lists_every_account else found[-1:]

    def issue_reset(self, username: str, now: datetime) -> tuple[Account, str]:
        """找回密码: a single-use reset token for a registered account."""
        account = self.get(username)
        if account is None or account.status is Status.DEACTIVATED:
            raise Invalid({"loginName": say("reset.no_such_user")})
        if not account.email:
            raise Invalid({"loginName": say("reset.no_mailbox")})
        for earlier in self.reset_tokens.values():
            if earlier.email == account.username:
                earlier.used = True  # only the newest link works, as the mail says
        token = secrets.token_urlsafe(24)
        self.reset_tokens[token] = ActivationToken(account.username, now)
        return account, token

    def reset_target(self, token: str, now: datetime) -> Account:
        """The account a reset link may change, or `Invalid` saying why not."""
        record = _live(
            self.reset_tokens.get(token), now, self.profile.reset_valid_for,
            ("reset.invalid", "reset.used", "reset.expired"),
        )  # fmt: skip
        account = self.get(record.email)
        if account is None or account.status is Status.DEACTIVATED:
            raise Invalid({"link": say("reset.invalid")})
        return account

    def reset_password(self, token: str, password: str, password2: str, now: datetime) -> Account:
        """Set a new password through a reset link, which is then used up."""
        account = self.reset_target(token, now)
        errors = self._password_errors(password, password2)
        if errors:
            raise Invalid(errors)
        if self.profile.reset_saves:
            account.password_digest = digest(password)
        self.reset_tokens[token].used = True
        return account

    def keep_only(self, id_number: str, keep: str) -> list[Account]:
        """After an approved review: every other account on `id_number` is deactivated (all of them when the review
        keeps a phone refused for the number, which registers with it afterwards)."""
        kept = self.get(keep)  # by its username, email or phone: an account registered by phone has no email
        if kept is None and self.claimed(keep, id_number) is None:
            return []
        stopped = [a for a in self.on_id(id_number) if a is not kept]
        for account in stopped:
            account.status = Status.DEACTIVATED
        return stopped
