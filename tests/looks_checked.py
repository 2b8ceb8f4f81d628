"""A pytest plugin (-p tests.looks_checked): every element the page's own script follows a locator to is compared with
the elements Playwright's locator matches, on every page a run visits; the number compared goes to CHSI_LOOKS_CHECKED."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator

from harness import page_locators

# Each element as its place in the document (child indexes from the root): the same element, the same place.
PLACES = """els => els.map((el) => {
  const place = [];
  for (let e = el; e.parentElement; e = e.parentElement) place.unshift([...e.parentElement.children].indexOf(e));
  return place.join("/");
})"""
_compared = [0]
_follow = page_locators.followed


def _checked(target: Locator, function: str, arg: Any = None) -> tuple[int, Any] | None:
    """page_locators.followed, and the elements it followed compared with Playwright's before it runs `function`."""
    parts = page_locators.plan(target)
    if parts is not None:
        own = target.page.evaluate(f"(plan) => ({PLACES})(({page_locators.RESOLVE})(plan))", parts)
        playwright = target.evaluate_all(PLACES)
        assert own == playwright, f"页面脚本找到的元素与 Playwright 不同：{target}：{own} ≠ {playwright}"
        _compared[0] += 1
    return _follow(target, function, arg)


def pytest_configure(config: pytest.Config) -> None:
    """Compare every followed locator from the first test on."""
    page_locators.followed = _checked


def pytest_unconfigure(config: pytest.Config) -> None:
    """Say how many were compared in this process (each xdist worker writes its own)."""
    folder = Path(os.environ["CHSI_LOOKS_CHECKED"])
    (folder / f"{os.getpid()}.txt").write_text(str(_compared[0]), encoding="utf-8")
