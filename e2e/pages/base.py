"""What every page object of the site shares: found by its heading, its forms' errors in one box, buttons by name."""

from __future__ import annotations

from typing import ClassVar, Self

from playwright.sync_api import Locator, Page

from harness.actions import click
from harness.failures import unfindable_page
from mock_server.words import LABELS, label


class SitePage:
    """A page of the site as a student finds it: by the heading it shows, e.g. `class X(SitePage, heading="…_heading")`.

    `heading` is a key of the site's words (mock_server/words.py), so the page is found by what the site under test
    calls it. A page whose heading no guide quotes may instead be found by what only it holds (`holds`, a CSS
    selector), so rewording that heading changes nothing a journey checks.
    """

    HEADING: ClassVar[str]  # the words key of the page's heading
    URL: ClassVar[str] = ""  # where a student may type to open it directly, if anywhere
    HOLDS: ClassVar[str] = ""  # what only this page holds, when that (not its heading's words) tells it apart

    def __init_subclass__(cls, heading: str = "", url: str = "", holds: str = "") -> None:
        if not (heading or holds) or (heading and heading not in LABELS):
            raise TypeError(unfindable_page(cls.__name__, heading))
        cls.HEADING, cls.URL, cls.HOLDS = heading, url, holds

    def __init__(self, page: Page) -> None:
        self.page = page
        self.header = page.locator("header.site")
        self.heading = (
            page.locator(f"main:has({self.HOLDS}) h1")
            if self.HOLDS
            else page.get_by_role("heading", name=label(self.HEADING), exact=True)
        )
        self.errors: Locator = page.locator("#user_reg_fm_error_info")
        # What the site says once a form has gone through (密码重置成功, 密码重置邮件已发送到 …).
        self.notice: Locator = page.get_by_role("status")

    def open(self) -> Self:
        """Open the page at its address, as a student types it."""
        self.page.goto(self.URL)
        return self

    def field(self, key: str, name: str) -> Locator:
        """The form field the site labels with the words `key`; should the site reword that label (no guide quotes
        it), the field its form sends as `name`, which a rewording leaves alone."""
        return self.page.get_by_label(label(key), exact=True).or_(self.page.locator(f'main [name="{name}"]'))

    def fields(self, **names: str) -> tuple[Locator, ...]:
        """The form fields labelled with these words keys, each with the name its form sends, in the same order."""
        return tuple(self.field(key, name) for key, name in names.items())

    def button(self, key: str, sends: str) -> Locator:
        """The submit button the site names with the words `key`; should the site reword it, the submit button of the
        form that sends the field `sends`."""
        return self.page.get_by_role("button", name=label(key), exact=True).or_(
            self.page.locator(f'main form:has([name="{sends}"]) [type=submit]')
        )

    def press(self, key: str, sends: str) -> None:
        """Click the submit button the site names with the words `key` (of the form that sends `sends`)."""
        click(self.button(key, sends))
