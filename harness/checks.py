"""Playwright's assertions, decided at once on a settled page and retried only while the page is still moving.

`expect(locator).to_have_text(...)` reads as Playwright's, with one difference: a check that fails on a page that has
settled (harness/settle.py) fails now, instead of waiting out the timeout for a page that has nothing left to do.
A check that something is shown passes as soon as it is, as Playwright's does; a check that something is absent is
only decided on a settled page, since a page still loading lacks everything.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from playwright.sync_api import APIResponse, Locator, Page
from playwright.sync_api import expect as playwright_expect

from harness.settle import settle

# Playwright makes one check before any timeout (its "one-shot" expect): 1 ms leaves room for nothing more.
ONE_SHOT = 1
# Checks that something is shown: true on the page as it is means true (the page shows it now). Every other check
# (not_to_…, to_be_hidden, a count that may be 0) is made on a settled page first.
SHOWN = {"to_be_visible", "to_have_text", "to_contain_text", "to_have_value", "to_have_url", "to_have_title",
         "to_have_attribute", "to_be_checked", "to_be_enabled", "to_have_values", "to_have_class"}  # fmt: skip


class Expectation:
    """The assertions of playwright's expect(target), each run against a settled page."""

    def __init__(self, target: Locator | Page) -> None:
        self.target = target
        self.page = target if isinstance(target, Page) else target.page

    def __getattr__(self, name: str) -> Callable[..., None]:
        assertion = getattr(playwright_expect(self.target), name)

        def check(*args: Any, **options: Any) -> None:
            if "timeout" in options:  # the caller wants Playwright's own waiting
                assertion(*args, **options)
                return
            if name in SHOWN or (name == "to_have_count" and args and args[0]):
                try:
                    assertion(*args, timeout=ONE_SHOT, **options)
                    return
                except AssertionError:
                    pass  # not (yet) shown: decided below, once the page has settled
            before = settle(self.page)
            if not before.quiet:  # still loading after the whole timeout: let Playwright wait as usual
                assertion(*args, **options)
                return
            while True:
                try:
                    assertion(*args, timeout=ONE_SHOT, **options)
                    return
                except AssertionError:
                    after = settle(self.page)
                    if after == before or not after.quiet:
                        raise  # the page had settled and stayed so: decided
                    before = after

        return check


def expect(target: Locator | Page | APIResponse) -> Any:
    """Settled assertions on a locator or page (an API response is checked by Playwright as it is)."""
    if isinstance(target, APIResponse):
        return playwright_expect(target)
    return Expectation(target)
