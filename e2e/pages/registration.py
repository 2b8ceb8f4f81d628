"""Registration pages on account.chsi.com.cn: 第三步 to 第九步."""

from __future__ import annotations

from playwright.sync_api import Page

from e2e.pages.base import SitePage
from harness.actions import choose, click, fill
from harness.journey import shown
from mock_server import url_for
from mock_server.messages import say
from mock_server.words import LABELS


class RegisterPage(SitePage, heading="注册学信网帐号", url=url_for("preregister", **{"from": "archive"})):
    """注册学信网帐号: 用户名 (an email) and 密码."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.username = page.get_by_label("用户名")
        self.sent_to = page.locator("#sent-to")

    def fill_account_form(self, email: str, password: str, confirm: str | None = None) -> None:
        """依次输入用户名、密码 (and the confirmation the form asks for)."""
        fill(self.username, email)
        fill(self.page.get_by_label("密码", exact=True), password)
        fill(self.page.get_by_label("确认密码"), password if confirm is None else confirm)

    def submit(self) -> None:
        """立即注册."""
        self.press(LABELS["register_button"])

    def fields_and_button(self) -> str:
        """What the form asks for and its button, as shown: 用户名、密码、确认密码，点击“立即注册”."""
        form = self.page.get_by_role("form", name="注册学信网帐号")
        return f"{shown(form.locator('label:not(:empty)'))}，点击“{shown(form.locator('button[type=submit]'))}”"

    def password_rule(self) -> str:
        """The rule the form states beside 密码."""
        return shown(self.page.locator("#password ~ .hint"))


class NewPasswordPage(SitePage, heading=say("activation.password_heading")):
    """设置登录密码: an activation link followed in another browser than the one that signed up."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.explanation = page.locator("#activation-password-notice")

    def set_password(self, password: str) -> None:
        """The password twice, then on to 实名注册."""
        fill(self.page.locator("#password"), password)
        fill(self.page.locator("#password1"), password)
        self.press(say("activation.password_button"))


class RealNamePage(SitePage, heading="实名注册"):
    """第七步: 实名注册."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.name, self.id_number, self.birth_date, self.sex, self.region = self.fields(
            "真实姓名", "身份证号", "出生日期", "性别", "所在地区"
        )

    def fill(self, name: str, id_number: str, region: str) -> None:
        """真实姓名, 身份证号 and 所在地区; 出生日期 and 性别 fill themselves."""
        fill(self.name, name)
        fill(self.id_number, id_number)
        choose(self.region, region)

    def submit(self) -> None:
        """下一步."""
        self.press("下一步")


class PhoneConfirmPage(SitePage, heading="手机确认"):
    """第八步: 手机确认, with the 发送 dialog."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.dialog = page.get_by_role("dialog", name="发送校验码")
        self.phone = page.get_by_label("手机号码")
        self.sms_status = page.locator("#sms-status")

    def request_code(self, phone: str) -> None:
        """Type the number, 获取校验码, then 发送 in the dialog."""
        fill(self.phone, phone)
        self.press("获取校验码")
        # The page asks the site in the background: wait for its answer, as the student waits for the message.
        with self.page.expect_response("**/account/getmphonpincode.action"):
            click(self.dialog.get_by_role("button", name=LABELS["sms_send"]))

    def send_button(self) -> str:
        """The dialog's button that sends the code, whatever it is called."""
        return shown(self.dialog.locator("#send"))

    def enter_code(self, code: str) -> None:
        """Type the 校验码 and go on (下一步)."""
        fill(self.page.get_by_label("校验码", exact=True), code)
        self.press("下一步")


class ConfirmPage(SitePage, heading="确认个人信息"):
    """第九步: 确认个人信息 and the 是/否 dialog."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.unconfirmed = page.get_by_text("您尚未确认个人信息，注册尚未完成。")
        self.info = page.get_by_role("table", name="个人信息")
        self.dialog = page.get_by_role("dialog", name="确认个人信息")

    def confirm(self) -> None:
        """确认: the dialog opens."""
        click(self.page.get_by_role("button", name=LABELS["confirm_button"], exact=True))

    def answer(self, label: str) -> None:
        """Click 是 or 否 in the dialog."""
        click(self.dialog.get_by_role("button", name=label, exact=True))

    def confirm_button(self) -> str:
        """The page's button that opens the dialog, whatever it is called."""
        return shown(self.page.locator("#confirm"))

    def yes_button(self) -> str:
        """The dialog's button that completes registration, whatever it is called."""
        return shown(self.dialog.locator("button[type=submit]"))


class DonePage(SitePage, heading="账号注册成功"):
    """账号注册成功, counting down to the login page."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.countdown = page.locator("#countdown")
