"""What a student does, leaving evidence: inside a guide step, the element is outlined in a screenshot first.

Inside a guide step an action waits for the page to settle, then acts at once; an element that a settled page does
not have fails now (in Chinese, naming it), instead of waiting out the timeout for something that will not come.
Outside a step an action is Playwright's own (nothing is recorded, and it auto-waits); a click in one of several tabs
brings its tab to the front first.
A click the harness looked at first, on a page at rest, is made at once where that look found what Playwright's checks
would (shown, enabled, not covered): a page whose DOM stands still has nothing to wait two animation frames for.
"""

from __future__ import annotations

from contextlib import nullcontext
from contextvars import ContextVar
from typing import Protocol

from playwright.sync_api import FilePayload, Locator

from harness.failures import IN_LOCATORS, element_named
from harness.inventory import Found
from harness.settle import settle
from harness.shots import Seen, seen
from harness.tracing import folded


class ActionRecorder(Protocol):
    """A guide step that wants to see what the student clicks and types."""

    def still_here(self) -> None: ...

    def wants_picture(self) -> bool: ...

    def before_action(self, target: Locator, kind: str, value: str, look: Seen) -> None: ...


# The guide step in progress, if any (set by Journey.step).
CURRENT_STEP: ContextVar[ActionRecorder | None] = ContextVar("CURRENT_STEP", default=None)


def describe(target: Locator) -> str:
    """An element as a student would name it, from its locator: 按钮“立即注册”, “用户名”输入框."""
    return element_named(str(target), IN_LOCATORS)


def _record(
    target: Locator, kind: str, value: str = "", *, settled: bool = False, found: Found | None = None
) -> Seen | None:
    """`settled`: the caller found `target` on a settled page and has only read it since, so it is not settled again;
    `found`: what the page's inventory named it by (a guide step's word), to look at it as the inventory found it.
    The look at the settled page the action is about to act on; None when Playwright's action does all the waiting."""
    step = CURRENT_STEP.get()
    if step is None:
        # No picture to take. Only a click waits for animation frames, which a background tab does not run: in one of
        # several tabs its tab is brought to the front (one call, where a look at a new document would cost more than
        # the frames it spares). Typing, choosing and uploading wait for none. Playwright's action waits for the rest.
        if kind == "click" and len(target.page.context.pages) > 1:
            target.page.bring_to_front()
        return None
    picture = step.wants_picture()  # the one look also readies the element for it
    # The look is not in a trace (tracing.unseen): a group is only wanted around the picture.
    with folded(target.page, f"准备：{describe(target)}（截图）") if picture else nullcontext():
        step.still_here()  # the page settles below, once the look says it must
        look = seen(target, for_a_picture=picture, found=found)
        if look is None or (not settled and not look.at_rest):  # the page was busy: wait for it, then look again
            settle(target.page)
            look = seen(target, for_a_picture=picture, found=found)
        if look is None or look.count == 0:
            raise AssertionError(f"页面上找不到{describe(target)}")
        step.before_action(target, kind, value, look)
        # Headless Chromium runs no animation frames in a background tab, and Playwright's "stable" check waits
        # for them (a second or more); a student looks at the tab they work in anyway.
        if not look.in_front:
            target.page.bring_to_front()
        return look


def click(target: Locator, *, settled: bool = False, found: Found | None = None) -> None:
    """Click as a student does; a walkthrough gets a picture of the element outlined beforehand."""
    look = _record(target, "click", settled=settled, found=found)
    # Where a look was taken anyway, on a settled page, it has made Playwright's checks (shown, enabled, not covered),
    # and a page whose DOM stands still has nothing moving: the click need not wait two animation frames to see that
    # it is stable. A look only for that would cost more than the frames (the page's first look at a new document).
    target.click(force=look is not None and look.at_rest and look.clickable)


def fill(target: Locator, value: str, *, settled: bool = False, found: Found | None = None) -> None:
    """Type into a field; a walkthrough says what to type, with the field outlined."""
    _record(target, "fill", value, settled=settled, found=found)
    target.fill(value)


def choose(target: Locator, label: str, *, settled: bool = False, found: Found | None = None) -> None:
    """Pick an option of a list by its label."""
    _record(target, "choose", label, settled=settled, found=found)
    target.select_option(label=label)


def upload(target: Locator, name: str, data: bytes, *, settled: bool = False, found: Found | None = None) -> None:
    """Choose a file for an upload field."""
    _record(target, "upload", name, settled=settled, found=found)
    target.set_input_files(FilePayload(name=name, mimeType="application/octet-stream", buffer=data))
