"""What every page object of the site shares: found by its heading, its forms' errors in one box, buttons by name."""

from __future__ import annotations

from typing import ClassVar, Self

from playwright.sync_api import Locator, Page

from harness.actions import click


class SitePage:
    """A page of the site as a student finds it: by the heading it shows, e.g. `class X(SitePage, heading="实名注册")`."""

    HEADING: ClassVar[str]  # the page's heading, as shown
    URL: ClassVar[str] = ""  # where a student may type to open it directly, if anywhere

    def __init_subclass__(cls, heading: str, url: str = "") -> None:
        cls.HEADING, cls.URL = heading, url

    def __init__(self, page: Page) -> None:
        self.page = page
        self.heading = page.get_by_role("heading", name=self.HEADING, exact=True)
        self.errors: Locator = page.locator("#user_reg_fm_error_info")
        # What the site says once a form has gone through (密码重置成功, 密码重置邮件已发送到 …).
        self.notice: Locator = page.get_by_role("status")

    def open(self) -> Self:
        """Open the page at its address, as a student types it."""
        self.page.goto(self.URL)
        return self

    def fields(self, *labels: str) -> tuple[Locator, ...]:
        """The form fields a student finds by these labels, in the same order."""
        return tuple(self.page.get_by_label(label) for label in labels)

    def press(self, button: str) -> None:
        """Click the button the student reads as `button`."""
        click(self.page.get_by_role("button", name=button))
