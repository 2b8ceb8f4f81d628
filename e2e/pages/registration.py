"""Registration pages on account.chsi.com.cn: 第三步 to 第九步, and today's one-page form."""

from __future__ import annotations

from playwright.sync_api import Page

from e2e.pages.base import SitePage
from harness.actions import choose, click, fill
from mock_server import url_for


class RegisterPage(SitePage, heading="register_heading", url=url_for("preregister", **{"from": "archive"})):
    """注册学信网帐号: 用户名 (an email), 密码 and 确认密码; on today's site, the whole registration on one page."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.username, self.password, self.password_again = self.fields(
            username="username", password="password", password_again="password1"
        )
        self.submit_button = page.locator("#user_reg_fm button[type=submit]")
        self.sent_to = page.locator("#sent-to")
        self.password_rule = page.locator("#password ~ .hint")

    def fill_account_form(self, email: str, password: str, confirm: str | None = None) -> None:
        """依次输入用户名、密码 (and the confirmation the form asks for)."""
        fill(self.username, email)
        fill(self.password, password)
        fill(self.password_again, password if confirm is None else confirm)

    def submit(self) -> None:
        """立即注册."""
        click(self.submit_button)


class RealNamePage(SitePage, heading="realname_heading"):
    """第七步: 实名注册."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.name, self.id_number, self.birth_date, self.sex, self.region = self.fields(
            real_name="xm", id_number="sfzh", birth_date="csrq", sex="xb", region="region"
        )
        self.next_button = self.button("next", sends="sfzh")
        self.duplicate_help = page.locator("main a[href*='review.action']")

    def fill(self, name: str, id_number: str, region: str) -> None:
        """真实姓名, 身份证号 and 所在地区; 出生日期 and 性别 fill themselves."""
        fill(self.name, name)
        fill(self.id_number, id_number)
        choose(self.region, region)

    def submit(self) -> None:
        """下一步."""
        click(self.next_button)


class PhoneConfirmPage(SitePage, heading="phone_heading"):
    """第八步: 手机确认, with the 发送 dialog."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.dialog = page.locator("#send-dialog")
        self.phone, self.code = self.fields(phone_number="mphone", code="vcode")
        self.get_code = page.locator("#get-code")
        self.send = self.dialog.locator("#send")
        self.next_button = self.button("next", sends="vcode")
        self.sms_status = page.locator("#sms-status")

    def request_code(self, phone: str) -> None:
        """Type the number, 获取校验码, then 发送 in the dialog."""
        fill(self.phone, phone)
        click(self.get_code)
        # The page asks the site in the background: wait for its answer, as the student waits for the message.
        with self.page.expect_response("**/account/getmphonpincode.action"):
            click(self.send)

    def enter_code(self, code: str) -> None:
        """Type the 校验码 and go on (下一步)."""
        fill(self.code, code)
        click(self.next_button)


class ConfirmPage(SitePage, heading="confirm_heading"):
    """第九步: 确认个人信息 and the 是/否 dialog."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.unconfirmed = page.locator("#unconfirmed")
        self.info = page.locator("table.info")
        self.record_match = page.locator("#record-match")
        self.dialog = page.locator("#confirm-dialog")
        self.confirm_button = page.locator("#confirm")
        self.yes = self.dialog.locator("button[type=submit]")
        self.no = self.dialog.locator("#no")

    def confirm(self) -> None:
        """确认: the dialog opens."""
        click(self.confirm_button)

    def answer_yes(self) -> None:
        """是: registration completes."""
        click(self.yes)

    def answer_no(self) -> None:
        """否: the dialog closes and nothing is done."""
        click(self.no)


class DonePage(SitePage, heading="done_heading", holds="#countdown"):
    """账号注册成功, counting down to the login page (found by its countdown: no guide quotes its heading)."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.countdown = page.locator("#countdown")


class PhoneFirstRegisterPage(SitePage, heading="register_heading"):
    """Today's registration: phone, SMS code, password, name and ID number on one page."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.mobile, self.code, self.password, self.password_again = self.fields(
            mobile="mphone", code="vcode", password="password", password_again="password1"
        )
        self.name, self.id_number, self.email = self.fields(name="xm", id_number_current="sfzh", email_optional="email")
        self.get_code = page.locator("#get-code")
        self.send = page.locator("#send")
        self.submit_button = page.locator("#user_reg_fm button[type=submit]")
        self.sms_status = page.locator("#sms-status")
        self.duplicate_help = page.locator("main a[href*='review.action']")
