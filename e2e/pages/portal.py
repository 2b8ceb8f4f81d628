"""The platform's entry pages: home, 学信档案, 个人用户登录 and the logged-in archive."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from e2e.pages.base import SitePage
from harness.actions import click, fill
from harness.journey import shown
from mock_server import urls
from mock_server.messages import say
from mock_server.words import LABELS


class HomePage:
    """www.chsi.com.cn, 中国高等教育学生信息网."""

    URL = f"{urls.WWW}/"

    def __init__(self, page: Page) -> None:
        self.page = page
        self.toolbar = page.get_by_role("navigation", name="工具栏")
        self.slogan = page.locator("header .slogan")

    def open(self) -> HomePage:
        """Go to the platform, as a student types its address."""
        self.page.goto(self.URL)
        return self

    def click_toolbar(self, label: str) -> None:
        """Click a button of the toolbar by its label, e.g. 学信档案."""
        click(self.toolbar.get_by_role("link", name=label, exact=True))

    def platform_name(self) -> str:
        """What the site calls itself beside its name (the guide: 教育部学籍学历管理平台)."""
        return shown(self.slogan).split("·")[-1].strip()

    def archive_button(self) -> str:
        """The toolbar button that leads to 学信档案, whatever it is called."""
        return shown(self.toolbar.locator("a[href*='/archive/']"))


class ArchiveEntryPage(SitePage, heading="学信档案"):
    """学信档案 before login: the 帐号注册首页."""

    def start_registration(self) -> None:
        """注册学信网帐号."""
        click(self.page.get_by_role("link", name=LABELS["register_link"]))

    def registration_link(self) -> str:
        """The link to the registration form, whatever it is called."""
        return shown(self.page.locator("a[href*='preregister']"))


class LoginPage(SitePage, heading=LABELS["login_heading"], url=urls.LOGIN):
    """个人用户登录."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.status: Locator = page.locator("#status")

    def log_in(self, username: str, password: str) -> None:
        """Type 用户名 and 密码, then 登 录."""
        fill(self.page.get_by_label("用户名"), username)
        fill(self.page.get_by_label("密码"), password)
        self.press(LABELS["login_button"])

    def title(self) -> str:
        """The page's heading as shown."""
        return shown(self.page.locator("h1"))

    def login_button(self) -> str:
        """The form's submit button, whatever it is called."""
        return shown(self.page.locator("form button[type=submit]"))

    def link_to(self, path_part: str) -> Locator:
        """The link whose address contains `path_part` (找回用户名: rtvlgname, 找回密码: retrive)."""
        return self.page.locator(f"a[href*='{path_part}']")


class ArchiveHomePage:
    """学信档案 after login, on my.chsi.com.cn."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.welcome = page.get_by_text("欢迎您")
        self.menu = page.get_by_role("navigation", name="学信档案菜单")

    def records_button(self) -> str:
        """The menu button that leads to the 学籍 page, whatever it is called."""
        return shown(self.menu.locator("a[href*='xjarchive']"))

    def log_out(self) -> None:
        """退出, from the archive's menu."""
        click(self.menu.get_by_role("button", name=say("logout.button")))


class LogoutPage(SitePage, heading=say("logout.heading"), url=f"{urls.ACCOUNT}/passport/logout"):
    """退出学信网: what a link to the logout address shows, asking first."""

    def confirm(self) -> None:
        """退出."""
        self.press(say("logout.button"))
