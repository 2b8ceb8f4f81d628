"""三、登录异常: 找回用户名, 找回密码, 重置密码 and the account review on account.chsi.com.cn."""

from __future__ import annotations

from playwright.sync_api import Page

from e2e.pages.base import SitePage
from harness.actions import click, fill, upload
from mock_server import url_for
from mock_server.words import label


class FindUsernamePage(SitePage, heading="find_username_heading", holds="form[action*='rtvlgname'], #found"):
    """找回用户名 by ID number and exact name."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.result = page.locator("#found")
        self.usernames = page.locator(".username")
        self.id_number, self.name = self.fields(id_number="sfzh", name="xm")
        self.submit_button = self.button("find_username_button", sends="sfzh")
        # Found by where they lead: the guide calls the first one by another name.
        self.reset_link = self.result.locator("a[href*='retrive']")
        self.review_link = self.result.locator("a[href*='review.action']")

    def find(self, id_number: str, name: str) -> None:
        """输入身份证号码和姓名, then submit."""
        fill(self.id_number, id_number)
        fill(self.name, name)
        click(self.submit_button)


class FindPasswordPage(
    SitePage, heading="find_password_heading", url=url_for("find_password"), holds="form[action*='password!retrive']"
):
    """找回密码: the reset mail."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.username = self.field("username", "loginName")

    def send(self, username: str | None = None) -> None:
        """Type the username (unless already filled) and ask for the mail."""
        if username is not None:
            fill(self.username, username)
        self.press("send_reset", sends="loginName")


class ResetPasswordPage(SitePage, heading="reset_heading", holds="form[action*='password!reset']"):
    """重置密码 from the mail's link."""

    def set_password(self, password: str) -> None:
        """新密码 twice, then 重置密码."""
        fill(self.field("new_password", "password"), password)
        fill(self.field("new_password_again", "password1"), password)
        self.press("reset_button", sends="password1")


Upload = tuple[str, bytes]


class AccountReviewPage(
    SitePage, heading="review_heading", url=url_for("review"), holds="form[action='/account/review.action'], #filed"
):
    """帐号审核申请: ID card photos for the review of an ID number's accounts; a filed one shows its 受理编号."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.number = page.locator("#ticket-number")
        self.due = page.locator("#ticket-due")
        self.name, self.id_number, self.keep = self.fields(name="xm", id_number="sfzh", keep="keep")
        self.front, self.back = self.fields(id_front="front", id_back="back")
        self.submit_button = self.button("review_button", sends="keep")
        self.filed = page.locator("#filed")

    def fill_in(self, name: str, id_number: str, keep: str) -> None:
        """姓名, 身份证号 and the account to keep."""
        fill(self.name, name)
        fill(self.id_number, id_number)
        fill(self.keep, keep)

    def submit(self, name: str, id_number: str, keep: str, front: Upload, back: Upload) -> None:
        """Fill the form, choose the two photos, 提交审核."""
        self.fill_in(name, id_number, keep)
        upload(self.front, *front)
        upload(self.back, *back)
        click(self.submit_button)


class AccountReviewStatusPage(
    SitePage, heading="review_status_heading", holds="form[action*='review!status'], #review-status"
):
    """审核进度 of an account review, looked up by its 受理编号 and ID number."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.status = page.locator("#review-status")

    def open_for(self, number: str, id_number: str) -> AccountReviewStatusPage:
        """Look a ticket up by its reference number and the ID number it was filed for."""
        self.page.goto(url_for("review_status", no=number))
        fill(self.field("id_number", "sfzh"), id_number)
        self.press("look_up", sends="no")
        return self


def review_link_name() -> str:
    """What the site calls the link from the 找回用户名 result to the account review."""
    return label("review_link")
