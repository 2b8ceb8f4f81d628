"""The student's own mailbox and phone, which the guide relies on."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page

from harness.actions import click
from harness.journey import shown
from mock_server import urls


class Webmail:
    """The student's webmail: 收件箱 and one mail."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.inbox = page.get_by_role("table", name="收件箱")
        self.body = page.get_by_role("article", name="邮件正文")
        self.link: Locator = self.body.get_by_role("link")
        self.subjects = self.inbox.get_by_role("link")

    def open_inbox(self, address: str) -> Webmail:
        """进入邮箱."""
        self.page.goto(urls.inbox(address))
        return self

    def open_mail(self, subject: str) -> None:
        """查找 the mail by subject and open it (the newest, if several)."""
        click(self.inbox.get_by_role("link", name=subject).first)

    def link_address(self) -> str:
        """The link address as written in the mail body, for copying (whether or not it is a clickable link)."""
        found = re.search(r"https://\S+", self.body.inner_text())
        if found is None:
            raise AssertionError(f"邮件正文中没有链接网址：{self.body.inner_text()[:80]}")
        return found.group(0)

    def subject_list(self) -> str:
        """The subjects in the inbox, as shown."""
        return shown(self.subjects)


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
        """The 校验码 in the newest message."""
        found = re.search(r"校验码是(\d{6})", self.messages.first.inner_text())
        if found is None:
            raise AssertionError(f"no 校验码 in the newest SMS: {self.messages.first.inner_text()!r}")
        return found.group(1)
