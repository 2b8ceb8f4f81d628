"""Clicks that leave evidence: inside a guide step, the element is outlined in a screenshot first."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Protocol

from playwright.sync_api import Locator


class ClickRecorder(Protocol):
    """A guide step that wants to see what the student clicks."""

    def before_click(self, target: Locator) -> None: ...


# The guide step in progress, if any (set by Journey.step).
CURRENT_STEP: ContextVar[ClickRecorder | None] = ContextVar("CURRENT_STEP", default=None)


def click(target: Locator) -> None:
    """Click as a student does; a walkthrough gets a picture of the element outlined beforehand."""
    step = CURRENT_STEP.get()
    if step is not None:
        step.before_click(target)
    # Headless Chromium runs no animation frames in a background tab, and Playwright's "stable" check waits
    # for them (a second or more); a student looks at the tab they click in anyway.
    target.page.bring_to_front()
    target.click()
