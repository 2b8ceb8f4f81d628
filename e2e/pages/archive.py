"""学信档案 pages after login: 学籍信息核对 and the form for a wrong photo."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from e2e.pages.base import SitePage
from harness.actions import click, fill, upload
from harness.shots import shown
from mock_server.words import label


class RecordsPage(SitePage, heading="records_heading"):
    """学籍信息核对: the record, the photo, and the two check buttons of the 图像校对 form."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.info = page.get_by_role("table", name=label("record_table"))
        self.photo = page.get_by_role("img", name=label("photo_alt"))
        self.photo_section = page.locator("section[aria-labelledby=photo-title]")
        self.no_photo = page.locator("#no-photo")
        # The guide lost both buttons' names: they are found by their place in the form, and their names read.
        self.check_form = page.get_by_role("form", name=label("photo_check"))
        self.correct = self.check_form.get_by_role("button")
        self.wrong = self.check_form.get_by_role("link")
        self.not_found = page.get_by_role("alert")
        self.info_help = page.locator("#info-wrong-help")
        self.edit_button = page.get_by_role("form", name=label("record_table")).get_by_role("button")

    def open_from_menu(self) -> None:
        """单击 学籍信息 in the archive's menu."""
        menu = self.page.get_by_role("navigation", name=label("archive_menu"))
        click(menu.locator("a[href*='xjarchive']"))

    def value_of(self, key: str) -> Locator:
        """The cell beside the record's row labelled with the words `key` (record_name, record_id …)."""
        return self.info.get_by_role("row", name=label(key)).get_by_role("cell")

    def correct_name(self) -> str:
        """The name of the button for a right photo, as shown."""
        return shown(self.correct)

    def wrong_name(self) -> str:
        """The name of the button for a wrong photo, as shown."""
        return shown(self.wrong)


class PhotoModifyPage(SitePage, heading="photo_modify_heading", holds="form[action*='photo/modify'], #no-modify"):
    """修改照片信息: a reason and an optional correct photo."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.reason, self.photo = self.fields(photo_reason="reason", photo_file="photo")
        self.refusal = page.locator("#no-modify")

    def report(self, reason: str, photo: tuple[str, bytes] | None = None) -> None:
        """Fill the reason, attach a photo if given, and 提交."""
        fill(self.reason, reason)
        if photo:
            upload(self.photo, *photo)
        self.press("submit", sends="reason")
