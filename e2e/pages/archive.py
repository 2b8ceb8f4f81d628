"""学信档案 pages after login: 学籍信息核对 and the 照片信息有误 form."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from e2e.pages.base import SitePage
from harness.actions import click, fill, upload
from harness.journey import shown
from mock_server.words import LABELS


class RecordsPage(SitePage, heading="学籍信息核对"):
    """学籍信息核对: the record, the photo, and the two check buttons of the 图像校对 form."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.info = page.get_by_role("table", name="学籍信息")
        self.photo = page.get_by_role("img", name="学历照片")
        self.no_photo = page.locator("#no-photo")
        # The guide lost both buttons' names: they are found by their place in the form, and their names read.
        self.check_form = page.get_by_role("form", name="图像校对")
        self.correct = self.check_form.get_by_role("button")
        self.wrong = self.check_form.get_by_role("link")
        self.not_found = page.get_by_role("alert")
        self.info_help = page.locator("#info-wrong-help")

    def open_from_menu(self) -> None:
        """单击 学籍信息 in the archive's menu."""
        menu = self.page.get_by_role("navigation", name="学信档案菜单")
        click(menu.get_by_role("link", name=LABELS["records_link"], exact=True))

    def value_of(self, label: str) -> Locator:
        """The cell beside `label` in the record."""
        return self.info.get_by_role("row", name=label).get_by_role("cell")

    def correct_name(self) -> str:
        """The name of the button for a right photo, as shown."""
        return shown(self.correct)

    def wrong_name(self) -> str:
        """The name of the button for a wrong photo, as shown."""
        return shown(self.wrong)


class PhotoModifyPage(SitePage, heading="照片信息有误"):
    """照片信息有误: a reason and an optional correct photo."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.reason, self.photo = self.fields("有误原因", "正确照片（可选）")

    def report(self, reason: str, photo: tuple[str, bytes] | None = None) -> None:
        """Fill the reason, attach a photo if given, and 提交."""
        fill(self.reason, reason)
        if photo:
            upload(self.photo, *photo)
        self.press("提交")
