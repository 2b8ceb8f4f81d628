"""The platform's entry pages: home, 学信档案, 个人用户登录 and the logged-in archive."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from e2e.actions import click
from mock_server import urls


class HomePage:
    """www.chsi.com.cn, 中国高等教育学生信息网."""

    URL = f"{urls.WWW}/"

    def __init__(self, page: Page) -> None:
        self.page = page
        self.toolbar = page.get_by_role("navigation", name="工具栏")

    def open(self) -> HomePage:
        """Go to the platform, as a student types its address."""
        self.page.goto(self.URL)
        return self

    def click_toolbar(self, label: str) -> None:
        """Click a button of the toolbar by its label, e.g. 学信档案."""
        click(self.toolbar.get_by_role("link", name=label, exact=True))


class ArchiveEntryPage:
    """学信档案 before login: the 帐号注册首页."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.heading = page.get_by_role("heading", name="学信档案")

    def start_registration(self) -> None:
        """注册学信网帐号."""
        click(self.page.get_by_role("link", name="注册学信网帐号"))


class LoginPage:
    """个人用户登录."""

    URL = urls.LOGIN

    def __init__(self, page: Page) -> None:
        self.page = page
        self.heading = page.get_by_role("heading", name="个人用户登录")
        self.status: Locator = page.locator("#status")

    def open(self) -> LoginPage:
        """Open the login page directly."""
        self.page.goto(self.URL)
        return self

    def log_in(self, username: str, password: str) -> None:
        """Type 用户名 and 密码, then 登 录."""
        self.page.get_by_label("用户名").fill(username)
        self.page.get_by_label("密码").fill(password)
        click(self.page.get_by_role("button", name="登 录"))


class ArchiveHomePage:
    """学信档案 after login, on my.chsi.com.cn."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.welcome = page.get_by_text("欢迎您")
