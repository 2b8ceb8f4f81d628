"""The platform's entry pages: home, 学信档案, 个人用户登录 and the logged-in archive."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from e2e.pages.base import SitePage
from harness.actions import click, fill
from harness.shots import shown
from mock_server import url_for, urls
from mock_server.words import label


class HomePage:
    """www.chsi.com.cn, 中国高等教育学生信息网."""

    URL = f"{urls.WWW}/"

    def __init__(self, page: Page) -> None:
        self.page = page
        self.header = page.locator("header.site")
        self.platform = self.header.locator(".platform")
        self.toolbar = page.get_by_role("navigation", name=label("toolbar"))
        # The toolbar button that leads to 学信档案, found by where it leads (its name is what a journey checks).
        self.archive_button = self.toolbar.locator("a[href*='/archive/']")

    def open(self) -> HomePage:
        """Go to the platform, as a student types its address."""
        self.page.goto(self.URL)
        return self


class ArchiveEntryPage(SitePage, heading="archive"):
    """学信档案 before login: the 帐号注册首页."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.register_link = page.locator("a[href*='preregister']")
        self.log_in_link = page.locator("main a[href*='passport/login']")

    def start_registration(self) -> None:
        """注册学信网帐号."""
        click(self.register_link)


class LoginPage(SitePage, heading="login_heading", url=urls.LOGIN):
    """个人用户登录."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.status: Locator = page.locator("#status")
        self.username, self.password = self.fields(username="username", password="password")
        self.login_button = page.locator("form button[type=submit]")
        self.find_username = page.locator("a.find-yhm")
        self.find_password = page.locator("a.find-mm")

    def log_in(self, username: str, password: str) -> None:
        """Type 用户名 and 密码, then 登 录."""
        fill(self.username, username)
        fill(self.password, password)
        click(self.login_button)


class ArchiveHomePage(SitePage, heading="archive", url=url_for("archive_home")):
    """学信档案 after login, on my.chsi.com.cn."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.welcome = page.locator("#welcome")
        self.menu = page.get_by_role("navigation", name=label("archive_menu"))
        self.records_button = self.menu.locator("a[href*='xjarchive']")
        # 退出 is a button of a form (it carries the sign-out token), not a link another page could copy.
        self.logout = self.menu.get_by_role("button", name=label("logout"), exact=True)

    def menu_names(self) -> str:
        """The menu's buttons, as shown."""
        return shown(self.menu.locator("a, button"))

    def log_out(self) -> None:
        """退出, from the archive's menu."""
        click(self.logout)
