"""What a student does, leaving evidence: inside a guide step, the element is outlined in a screenshot first."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Protocol

from playwright.sync_api import FilePayload, Locator


class ActionRecorder(Protocol):
    """A guide step that wants to see what the student clicks and types."""

    def before_action(self, target: Locator, kind: str, value: str = "") -> None: ...


# The guide step in progress, if any (set by Journey.step).
CURRENT_STEP: ContextVar[ActionRecorder | None] = ContextVar("CURRENT_STEP", default=None)


def _record(target: Locator, kind: str, value: str = "") -> None:
    step = CURRENT_STEP.get()
    if step is not None:
        step.before_action(target, kind, value)
    # Headless Chromium runs no animation frames in a background tab, and Playwright's "stable" check waits
    # for them (a second or more); a student looks at the tab they work in anyway.
    target.page.bring_to_front()


def click(target: Locator) -> None:
    """Click as a student does; a walkthrough gets a picture of the element outlined beforehand."""
    _record(target, "click")
    target.click()


def fill(target: Locator, value: str) -> None:
    """Type into a field; a walkthrough says what to type, with the field outlined."""
    _record(target, "fill", value)
    target.fill(value)


def choose(target: Locator, label: str) -> None:
    """Pick an option of a list by its label."""
    _record(target, "choose", label)
    target.select_option(label=label)


def upload(target: Locator, name: str, data: bytes) -> None:
    """Choose a file for an upload field."""
    _record(target, "upload", name)
    target.set_input_files(FilePayload(name=name, mimeType="application/octet-stream", buffer=data))
