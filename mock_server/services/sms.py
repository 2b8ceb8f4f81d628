"""校验码 by SMS: sending with a resend limit, checking with an expiry, and the phone's inbox."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from mock_server.messages import say
from mock_server.secret import same_secret
from mock_server.services.text import normalise

# Codes one registration may have sent to one phone in 24 hours, and wrong codes typed before the current one is void
# (the mock's rule). Counted per registration, so another one asking for the same number can neither use up the
# student's sends nor void her code; the price is that two registrations may each text one number.
DAILY_LIMIT = 5
MAX_WRONG_CODES = 5


# A mainland mobile number, in ASCII digits only (\d would also take full-width and other scripts' digits).
MOBILE = re.compile(r"1[0-9]{10}", re.ASCII)


def phone_error(phone: str) -> str | None:
    """What is wrong with a (normalised) mobile number, if anything."""
    return None if MOBILE.fullmatch(phone) else say("phone.invalid")


class SmsRefused(Exception):
    """The gateway will not send now; the message says why, as the site shows it."""


@dataclass
class Sms:
    """One text message on a phone, the code in it, and who asked for it (the registration, by username)."""

    phone: str
    text: str
    code: str
    sent_at: datetime
    asked_by: str = ""
    used: bool = False


@dataclass
class SmsGateway:
    """Sends codes to phones and checks what the student types back."""

    valid_for: timedelta
    resend_after: timedelta
    rng: random.Random = field(default_factory=random.Random)
    sent: list[Sms] = field(default_factory=list)
    wrong_codes: dict[tuple[str, str], int] = field(default_factory=dict)  # by (phone, asked_by)

    def send_code(self, phone: str, now: datetime, asked_by: str = "") -> Sms:
        """Send a fresh six-digit code for `asked_by`, unless its last one went out too recently or it has had its
        day's codes."""
        last = self.last_to(phone, asked_by)
        if last and now - last.sent_at < self.resend_after:
            wait = int((self.resend_after - (now - last.sent_at)).total_seconds()) or 1
            raise SmsRefused(say("sms.too_often", seconds=wait))
        today = [
            s for s in self.sent if (s.phone, s.asked_by) == (phone, asked_by) and now - s.sent_at < timedelta(days=1)
        ]
        if len(today) >= DAILY_LIMIT:
            raise SmsRefused(say("sms.daily_limit"))
        self.wrong_codes.pop((phone, asked_by), None)
        code = f"{self.rng.randrange(10**6):06d}"
        minutes = int(self.valid_for.total_seconds() // 60)
        text = say("sms.text", code=code, minutes=minutes)
        sms = Sms(phone, text, code, now, asked_by)
        self.sent.append(sms)
        return sms

    def last_to(self, phone: str, asked_by: str = "") -> Sms | None:
        """The newest message sent to `phone` for `asked_by`."""
        return next((s for s in reversed(self.sent) if (s.phone, s.asked_by) == (phone, asked_by)), None)

    def check(self, phone: str, code: str, now: datetime, asked_by: str = "") -> str | None:
        """None when `code` is the newest, unexpired, unused code sent to `phone` for `asked_by`; else the error to
        show. A code confirms one phone for the one who asked for it, once: `spend` it when it has."""
        last = self.last_to(phone, asked_by)
        if last is None:
            # No code of this registration's to guess: no try can be right, and none spends the asker's tries.
            return say("code.wrong")
        if self.wrong_codes.get((phone, asked_by), 0) >= MAX_WRONG_CODES:
            return say("code.too_many")  # six digits must not be guessable by trying
        # Typed digits as the site reads them: full-width ones from a Chinese input method are the same code.
        if not same_secret(normalise(code), last.code):
            self.wrong_codes[(phone, asked_by)] = self.wrong_codes.get((phone, asked_by), 0) + 1
            return say("code.wrong")
        if last.used:
            return say("code.used")
        if now - last.sent_at > self.valid_for:
            return say("code.expired")
        return None

    def spend(self, phone: str, asked_by: str = "") -> None:
        """The newest code sent to `phone` for `asked_by` did its work: it confirms nothing else."""
        last = self.last_to(phone, asked_by)
        if last is not None:
            last.used = True

    def inbox(self, phone: str) -> list[Sms]:
        """`phone`'s messages, newest first."""
        return [s for s in reversed(self.sent) if s.phone == phone]
