"""A click in a guide step, on a page at rest, skips Playwright's wait for animation frames only where the step's look
finds what Playwright's own checks would: the element shown, enabled, alone, and the one a click at its middle reaches.
Outside a step a click is Playwright's own: no look is taken just for that; in one of several tabs, its tab is brought
to the front first."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Locator, Page

from harness import actions
from harness.shots import Seen, seen

pytestmark = pytest.mark.usefixtures("site")

COUNTED = '<button onclick="window.clicks = (window.clicks || 0) + 1">提交</button>'
# A page that keeps changing itself, turn after turn of its event loop (the paused virtual clock holds back timers).
BUSY = """<script>
const channel = new MessageChannel();
channel.port1.onmessage = () => { document.body.dataset.turns = String(Number(document.body.dataset.turns || 0) + 1);
                                  channel.port2.postMessage(0); };
channel.port2.postMessage(0);
</script>"""


class _Step:
    """A guide step that takes no pictures: its actions look at the page first, as every step's do."""

    def still_here(self) -> None:
        """The step is still where the guide has it."""

    def wants_picture(self) -> bool:
        return False

    def before_action(self, target: Locator, kind: str, value: str, look: Seen) -> None:
        """Nothing to record."""


@pytest.fixture
def in_a_step() -> Iterator[None]:
    """The clicks of the test are made inside a guide step."""
    token = actions.CURRENT_STEP.set(_Step())
    yield
    actions.CURRENT_STEP.reset(token)


@pytest.fixture
def looks(monkeypatch: pytest.MonkeyPatch) -> list[Locator]:
    """Every look the actions take at the page before acting."""
    taken: list[Locator] = []

    def looked(target: Locator, **options: Any) -> Seen | None:
        taken.append(target)
        return seen(target, **options)

    monkeypatch.setattr(actions, "seen", looked)
    return taken


@pytest.fixture
def forced(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each click asked Playwright to skip its checks; the click itself is not made (nothing is waited)."""
    asked: list[bool] = []

    def click(self: Locator, **options: Any) -> None:
        asked.append(bool(options.get("force")))

    monkeypatch.setattr(Locator, "click", click)
    return asked


@pytest.mark.usefixtures("in_a_step")
def test_a_shown_button_on_a_page_at_rest_is_clicked_at_once(page: Page, monkeypatch: pytest.MonkeyPatch) -> None:
    """A settled page's only 提交 button, shown and uncovered: clicked without waiting, and the click lands."""
    page.set_content(COUNTED)
    asked: list[bool] = []
    playwright_click = Locator.click

    def click(self: Locator, **options: Any) -> None:
        asked.append(bool(options.get("force")))
        playwright_click(self, **options)

    monkeypatch.setattr(Locator, "click", click)
    actions.click(page.get_by_role("button", name="提交"))
    assert asked == [True]
    assert page.evaluate("window.clicks") == 1


def test_a_click_in_the_only_tab_outside_a_step_is_left_to_playwright(
    page: Page, looks: list[Locator], forced: list[bool]
) -> None:
    """指南步骤之外、只有一个标签页时点击：不为省等待先看页面（第一次看一个新页面比等两帧还慢），由 Playwright 自己检查"""
    page.set_content(COUNTED)
    actions.click(page.get_by_role("button", name="提交"))
    assert looks == [] and forced == [False]


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
@pytest.mark.usefixtures("in_a_step")
def test_a_button_playwright_would_wait_for_is_left_to_playwright(page: Page, forced: list[bool], html: str) -> None:
    """Covered, disabled, one of two, out of view or hidden: the click keeps Playwright's checks and waiting."""
    page.set_content(html)
    button = page.get_by_role("button", name="提交", include_hidden=True)
    look = seen(button)
    assert look is not None and look.at_rest and not look.clickable
    actions.click(button)
    assert forced == [False]


@pytest.mark.usefixtures("in_a_step")
def test_a_page_still_at_work_is_left_to_playwright(page: Page, forced: list[bool]) -> None:
    """A page still changing itself as the step looks (though it was found settled before): the button may yet move,
    so the click keeps Playwright's wait for it."""
    page.set_content(COUNTED + BUSY)
    actions.click(page.get_by_role("button", name="提交"), settled=True)
    assert forced == [False]


def test_a_click_in_a_background_tab_outside_a_step_brings_it_to_the_front_without_a_look(
    page: Page, looks: list[Locator], monkeypatch: pytest.MonkeyPatch
) -> None:
    """指南步骤之外在后台标签页里点击：不先看页面，把它的标签页切到最前面（后台标签页不画动画帧，点击会一直等），点击照样生效"""
    page.set_content(COUNTED)
    page.context.new_page()  # the student's mailbox, opened after: the registration tab is behind it
    fronted: list[Page] = []
    bring_to_front = Page.bring_to_front

    def brought(self: Page) -> None:
        fronted.append(self)
        bring_to_front(self)

    monkeypatch.setattr(Page, "bring_to_front", brought)
    actions.click(page.get_by_role("button", name="提交"))
    assert looks == [] and fronted == [page]
    assert page.evaluate("window.clicks") == 1


def test_typing_in_a_background_tab_outside_a_step_is_left_to_playwright(page: Page, looks: list[Locator]) -> None:
    """指南步骤之外在后台标签页里输入：不先看页面、不切换标签页（输入不等动画帧），字照样输进去"""
    page.set_content("<label>用户名<input id='u'></label>")
    mailbox = page.context.new_page()  # the student's mailbox, opened after: the registration tab is behind it
    actions.fill(page.get_by_label("用户名"), "stu@163.com")
    assert looks == []
    assert page.get_by_label("用户名").input_value() == "stu@163.com"
    assert mailbox.evaluate("document.visibilityState") == "visible"
