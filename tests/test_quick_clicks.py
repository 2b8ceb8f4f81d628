"""A click on a page at rest skips Playwright's wait for animation frames only where one look finds what Playwright's
own checks would: the element shown, enabled, alone, and the one a click at its middle reaches."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Locator, Page

from harness import actions
from harness.shots import seen

pytestmark = pytest.mark.usefixtures("site")

COUNTED = '<button onclick="window.clicks = (window.clicks || 0) + 1">提交</button>'
# A page that keeps changing itself, turn after turn of its event loop (the paused virtual clock holds back timers).
BUSY = """<script>
const channel = new MessageChannel();
channel.port1.onmessage = () => { document.body.dataset.turns = String(Number(document.body.dataset.turns || 0) + 1);
                                  channel.port2.postMessage(0); };
channel.port2.postMessage(0);
</script>"""


@pytest.fixture
def forced(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each click asked Playwright to skip its checks; the click itself is not made (nothing is waited)."""
    asked: list[bool] = []

    def click(self: Locator, **options: Any) -> None:
        asked.append(bool(options.get("force")))

    monkeypatch.setattr(Locator, "click", click)
    return asked


def test_a_shown_button_on_a_page_at_rest_is_clicked_at_once(page: Page) -> None:
    """A settled page's only 提交 button, shown and uncovered: clicked without waiting, and the click lands."""
    page.set_content(COUNTED)
    look = seen(page.get_by_role("button", name="提交"))
    assert look is not None and look.at_rest and look.clickable
    actions.click(page.get_by_role("button", name="提交"))
    assert page.evaluate("window.clicks") == 1


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(COUNTED + '<div style="position:fixed;inset:0;background:#0001"></div>', id="被遮住"),
        pytest.param('<button disabled onclick="window.clicks = 1">提交</button>', id="不可用"),
        pytest.param(COUNTED + COUNTED, id="两个同名按钮"),
        pytest.param('<div style="height:3000px"></div>' + COUNTED, id="在窗口之外"),
        pytest.param('<button style="visibility:hidden">提交</button>', id="看不见"),
    ],
)
def test_a_button_playwright_would_wait_for_is_left_to_playwright(page: Page, forced: list[bool], html: str) -> None:
    """Covered, disabled, one of two, out of view or hidden: the click keeps Playwright's checks and waiting."""
    page.set_content(html)
    button = page.get_by_role("button", name="提交", include_hidden=True)
    look = seen(button)
    assert look is not None and look.at_rest and not look.clickable
    actions.click(button)
    assert forced == [False]


def test_a_page_still_at_work_is_left_to_playwright(page: Page, forced: list[bool]) -> None:
    """A page still changing itself: the button may yet move, so the click keeps Playwright's wait for it."""
    page.set_content(COUNTED + BUSY)
    actions.click(page.get_by_role("button", name="提交"))
    assert forced == [False]


def test_typing_in_a_background_tab_outside_a_step_is_left_to_playwright(
    page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    """指南步骤之外在后台标签页里输入：不先看页面、不切换标签页（输入不等动画帧），字照样输进去"""
    page.set_content("<label>用户名<input id='u'></label>")
    mailbox = page.context.new_page()  # the student's mailbox, opened after: the registration tab is behind it
    looks: list[Locator] = []

    def looked(target: Locator, **options: Any) -> object:
        looks.append(target)
        return seen(target, **options)

    monkeypatch.setattr(actions, "seen", looked)
    actions.fill(page.get_by_label("用户名"), "stu@163.com")
    assert looks == []
    assert page.get_by_label("用户名").input_value() == "stu@163.com"
    assert mailbox.evaluate("document.visibilityState") == "visible"
