"""Site profiles: the rules, labels and switches that make one era of CHSI differ from another."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta


@dataclass(frozen=True)
class Profile:
    """Everything that differs between site eras; pages and handlers read it, never fork on it."""

    name: str
    phone_first: bool
    password_pattern: str
    password_rule: str
    activation_valid_for: timedelta
    reset_valid_for: timedelta
    sms_valid_for: timedelta
    sms_resend_after: timedelta
    redirect_after_registration: timedelta
    photo_ok_label: str
    photo_wrong_label: str

    @property
    def activation_hours(self) -> int:
        """How long an activation link works, in the hours the pages and mails state."""
        return int(self.activation_valid_for.total_seconds() // 3600)

    @property
    def reset_hours(self) -> int:
        """How long a password-reset link works, in hours."""
        return int(self.reset_valid_for.total_seconds() // 3600)


# The 2012 site the guide describes; where the guide is silent, what chsi-facts.md records.
SITE_2012 = Profile(
    name="2012",
    phone_first=False,
    password_pattern=r"[A-Za-z0-9]{6,}",
    password_rule="密码由6位以上的数字或字母组成",
    activation_valid_for=timedelta(hours=48),
    reset_valid_for=timedelta(hours=24),
    sms_valid_for=timedelta(minutes=10),
    sms_resend_after=timedelta(seconds=60),
    redirect_after_registration=timedelta(seconds=30),
    photo_ok_label="正确",
    photo_wrong_label="信息有误",
)

# Today's site (chsi-facts.md, "where the site has drifted"): registration is one phone-first form with
# an SMS code, email optional, no activation mail; passwords of 6–30 letters, digits or symbols.
# Everything else the mock models (二, 三, labels it has no later source for) is as in 2012.
SITE_CURRENT = replace(
    SITE_2012,
    name="current",
    phone_first=True,
    password_pattern=r"[\x21-\x7e]{6,30}",
    password_rule="密码由6-30位字母、数字或特殊字符组成",
)

PROFILES = {p.name: p for p in (SITE_2012, SITE_CURRENT)}
