"""三、登录异常: 找回用户名, 找回密码, 重置密码 and 帐号审核 on account.chsi.com.cn."""

from __future__ import annotations

import re

from playwright.sync_api import Page

from e2e.pages.base import SitePage
from harness.actions import click, fill, upload
from harness.journey import shown
from mock_server import url_for


class FindUsernamePage(SitePage, heading="找回用户名"):
    """找回用户名 by ID number and exact name."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.result = page.locator("#found")
        self.usernames = page.locator(".username")
        self.id_number, self.name = self.fields("身份证号", "姓名")
        # Found by where they lead: the guide calls the first one by another name.
        self.reset_link = self.result.locator("a[href*='retrive']")
        self.review_link = self.result.locator("a[href*='review.action']")

    def find(self, id_number: str, name: str) -> None:
        """输入身份证号码和姓名, then submit."""
        fill(self.id_number, id_number)
        fill(self.name, name)
        self.press("找回用户名")


class FindPasswordPage(SitePage, heading="找回密码"):
    """找回密码: the reset mail."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.username = page.get_by_label("用户名")

    def send(self, username: str | None = None) -> None:
        """Type the username (unless already filled) and ask for the mail."""
        if username is not None:
            fill(self.username, username)
        self.press("发送密码重置邮件")


class ResetPasswordPage(SitePage, heading="重置密码"):
    """重置密码 from the mail's link."""

    def set_password(self, password: str) -> None:
        """新密码 twice, then 重置密码."""
        fill(self.page.get_by_label("新密码", exact=True), password)
        fill(self.page.get_by_label("确认新密码"), password)
        self.press("重置密码")


Upload = tuple[str, bytes]


class ReviewPage(SitePage, heading="帐号审核申请", url=url_for("review")):
    """帐号审核申请 with ID card photos."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.number = page.locator("#ticket-number")
        self.due = page.locator("#ticket-due")
        self.name, self.id_number, self.keep = self.fields("姓名", "身份证号", "要保留的帐号")
        self.filed = page.locator("#filed")

    def submit(self, name: str, id_number: str, keep: str, front: Upload, back: Upload) -> None:
        """Fill the form, choose the two photos, 提交审核."""
        fill(self.name, name)
        fill(self.id_number, id_number)
        fill(self.keep, keep)
        for label, (filename, data) in (("身份证正面", front), ("身份证背面", back)):
            upload(self.page.get_by_label(label), filename, data)
        self.press("提交审核")

    def photo_fields(self) -> str:
        """The photos the form asks for, as labelled."""
        form = self.page.get_by_role("form", name="帐号审核申请")
        return "、".join(shown(form.locator(f"label[for='{name}']")) for name in ("front", "back")).strip("、")

    def promised_days(self) -> str:
        """How long the filed request says the review takes: “7个工作日”."""
        found = re.search(r"\d+个工作日", self.filed.inner_text())
        return found.group(0) if found else ""


class ReviewStatusPage:
    """审核进度."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.status = page.locator("#review-status")

    def open(self, number: str, id_number: str) -> ReviewStatusPage:
        """Look a ticket up by its reference number and the ID number it was filed for."""
        self.page.goto(url_for("review_status", no=number))
        fill(self.page.get_by_label("身份证号"), id_number)
        click(self.page.get_by_role("button", name="查询"))
        return self
