"""Site profiles: the rules, labels and switches that make one era of CHSI differ from another."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from functools import cached_property
from types import MappingProxyType
from typing import Any

from mock_server.words import LABELS

# Each era as readers know it: a report's environment, a handout's cover, an audit's reasons.
READER_NAMES = MappingProxyType({"2012": "2012 年的学信网（邮箱注册）", "current": "今天的学信网（手机号注册）"})


def described(profile: str) -> str:
    """The profile named `profile` in words a reader knows."""
    return READER_NAMES.get(profile, f"站点版本 {profile}")


# A practical address check: something@domain.tld, no spaces; the 2012 site checked no more.
EMAIL_PATTERN = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"


@dataclass(frozen=True)
class Profile:
    """Everything that differs between site eras; pages and handlers read it, never fork on it.

    The switches after `photo_*` default to the 2012 site; a variant (mock_server/variants.py) flips one to
    show that the journeys notice when the site stops doing what one sentence of the guide says.
    """

    name: str
    phone_first: bool
    password_pattern: str
    password_rule: str
    activation_valid_for: timedelta
    reset_valid_for: timedelta
    sms_valid_for: timedelta
    sms_resend_after: timedelta
    redirect_after_registration: timedelta
    # Words the student reads; a key missing here is the 2012 site's word (mock_server/words.py).
    words: Mapping[str, str] = field(default_factory=dict, hash=False)
    email_pattern: str = EMAIL_PATTERN
    unique_email: bool = True
    unique_id: bool = True
    activation_mail_delay: timedelta = timedelta(0)
    activation_mail: bool = True  # False: registration sends no activation mail at all
    activation_link_in_mail: bool = True
    activation_link_clickable: bool = True
    # False: the activation link works only when clicked in the mail (it checks the Referer), not typed.
    activation_link_typed: bool = True
    realname_extra_field: str = ""
    records_open: bool = True
    id_number_masked: bool = False
    photo_shown: bool = True
    info_editable: bool = False
    photo_confirm_saves: bool = True
    photo_modify_form: bool = True
    photo_report_to_school: bool = True
    recovery_captcha: bool = False
    # 找回密码 shows the mailbox it wrote to as x****@qq.com, even to whoever typed that very address.
    masks_addresses: bool = False
    exact_name: bool = True
    lists_every_account: bool = True
    review_photos: tuple[str, ...] = ("front", "back")
    # The guide: "教育部后台会在7个工作日处理".
    working_days: int = 7
    reset_saves: bool = True
    # Claims of the guide this profile models without a public source (the audit says 无从核对 for them).
    unsourced: frozenset[str] = frozenset()

    def label(self, key: str) -> str:
        """The site's word for `key` (a button, link, heading or subject)."""
        return self.labels[key]

    @cached_property
    def labels(self) -> Mapping[str, str]:
        """Every word the site shows, this profile's where it differs (merged once: pages read it on every request)."""
        return MappingProxyType({**LABELS, **self.words})

    @property
    def activation_hours(self) -> int:
        """How long an activation link works, in the hours the pages and mails state."""
        return int(self.activation_valid_for.total_seconds() // 3600)

    @property
    def reset_hours(self) -> int:
        """How long a password-reset link works, in hours."""
        return int(self.reset_valid_for.total_seconds() // 3600)

    def varied(self, name: str, **changes: Any) -> Profile:
        """This profile with `changes`; `words` are merged, not replaced."""
        words = {**self.words, **changes.pop("words", {})}
        return replace(self, name=name, words=words, **changes)


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
)

# Today's site (chsi-facts.md, "where the site has drifted" and "section 三 on today's site"): registration is one
# phone-first form with an SMS code, email optional, no activation mail; passwords of 6–30 letters, digits or
# symbols; 找回用户名 and 找回密码 ask for an image captcha.
# No later source gives the review's duration: the mock keeps the guide's 7 working days and the audit says so.
SITE_CURRENT = SITE_2012.varied(
    "current",
    phone_first=True,
    password_pattern=r"[\x21-\x7e]{6,30}",
    password_rule="密码由6-30位字母、数字或特殊字符组成",
    recovery_captcha=True,
    masks_addresses=True,
    unsourced=frozenset({"login.4.days"}),
)

PROFILES = {p.name: p for p in (SITE_2012, SITE_CURRENT)}
