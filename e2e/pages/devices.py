"""The student's own mailbox and phone, which the guide relies on."""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import Locator, Page

from harness.actions import click
from harness.checks import expect
from harness.clock import SharedClock
from mock_server import urls
from mock_server.words import label

# When the student looks for a mail again: every minute for ten minutes, every five to an hour, every half hour to
# six hours, then every six hours up to the activation link's own lifetime (48 hours).
PATIENCE = (
    *(timedelta(minutes=m) for m in range(11)),
    *(timedelta(minutes=m) for m in range(15, 61, 5)),
    *(timedelta(minutes=m) for m in range(90, 361, 30)),
    *(timedelta(hours=h) for h in range(12, 49, 6)),
)


class Webmail:
    """The student's webmail: 收件箱 and one mail."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.inbox = page.get_by_role("table", name=label("inbox"))
        self.body = page.get_by_role("article", name=label("mail_body"))
        self.link: Locator = self.body.get_by_role("link")
        self.subjects = self.inbox.get_by_role("link")
        self.rows = self.inbox.get_by_role("row")

    def open_inbox(self, address: str) -> Webmail:
        """进入邮箱."""
        self.page.goto(urls.inbox(address))
        return self

    def open_mail(self, subject: str) -> None:
        """Find the mail by subject and open it (the newest, if several)."""
        click(self.inbox.get_by_role("link", name=subject).first)

    def open_newest(self) -> None:
        """Open the newest mail."""
        click(self.subjects.first)

    def link_address(self) -> str:
        """The link address as written in the mail body, for copying (whether or not it is a clickable link)."""
        found = re.search(r"https://\S+", self.body.inner_text())
        return found.group(0) if found else ""

    def wait_for_mail(self, address: str, clock: SharedClock) -> timedelta | None:
        """How long after now the first mail reaches `address` (moving the clock on), or None if none comes."""
        waited = timedelta(0)
        for mark in PATIENCE:
            clock.advance(seconds=(mark - waited).total_seconds())
            waited = mark
            self.open_inbox(address)
            if self.subjects.count():
                return waited
        return None


class Phone:
    """The student's phone, showing its SMS."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.messages = page.locator("li.sms")

    def open(self, number: str) -> Phone:
        """Look at the phone's messages."""
        self.page.goto(urls.sms_inbox(number))
        return self

    def latest_code(self) -> str:
        """The 校验码 in the newest message: its one run of six digits, however the message is worded."""
        six_digits = re.compile(r"(?<!\d)\d{6}(?!\d)")
        expect(self.messages.first).to_contain_text(six_digits)
        found = six_digits.search(self.messages.first.inner_text())
        assert found is not None  # the check above has seen it
        return found.group(0)
