"""A pytest plugin for the benchmark: counts a run's page loads, screenshots, clicks and fills, and times where the
harness spends what the browser does not (the mock, fixtures, evidence checks, Allure). pytest -p bench_counts."""

from __future__ import annotations

import functools
import json
import os
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from allure_commons.logger import AllureFileLogger
from playwright._impl._sync_base import SyncBase
from playwright.sync_api import Locator, Page
from playwright.sync_api import Route as PlaywrightRoute

from harness import shots
from mock_server import Site, bridge
from mock_server.http import Response

COUNTS: Counter[str] = Counter()
# Milliseconds spent in each part of the harness, apart from the browser.
SPENT: Counter[str] = Counter()
BROWSER_SECONDS = [0.0]
_fulfil = bridge.fulfil
_screenshot = Page.screenshot
_click, _fill = Locator.click, Locator.fill
_sync = SyncBase._sync
_depth = [0]


def _counted_fulfil(route: PlaywrightRoute, response: Response) -> None:
    """A document the mock answers is one page load (a redirect page and its target are two)."""
    if route.request.resource_type == "document":
        COUNTS["page_loads"] += 1
    _fulfil(route, response)


def _counted_screenshot(page: Page, *args: Any, **kwargs: Any) -> bytes:
    COUNTS["full_page_screenshots" if kwargs.get("full_page") else "screenshots"] += 1
    return _screenshot(page, *args, **kwargs)


def _counted_click(locator: Locator, *args: Any, **kwargs: Any) -> None:
    COUNTS["clicks"] += 1
    _click(locator, *args, **kwargs)


def _counted_fill(locator: Locator, *args: Any, **kwargs: Any) -> None:
    COUNTS["fills"] += 1
    _fill(locator, *args, **kwargs)


def _timed(part: str, function: Any) -> Any:
    """`function`, adding its wall time to SPENT[part] (and keeping its attributes, such as a hook's marker)."""

    def timed(*args: Any, **kwargs: Any) -> Any:
        begun = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            SPENT[part] += int((time.perf_counter() - begun) * 1000)

    return functools.update_wrapper(timed, function)


def _timed_sync(self: SyncBase, coroutine: Any) -> Any:
    """Every Playwright call's wall time; calls made while one waits (route handlers) belong to it."""
    _depth[0] += 1
    begun = time.perf_counter()
    try:
        return _sync(self, coroutine)
    finally:
        _depth[0] -= 1
        if _depth[0] == 0:
            BROWSER_SECONDS[0] += time.perf_counter() - begun


# Instrumentation only for the benchmark's runs: the suite itself never loads this module.
bridge.fulfil = _counted_fulfil
Page.screenshot = _counted_screenshot  # type: ignore[method-assign,assignment]
Locator.click, Locator.fill = _counted_click, _counted_fill  # type: ignore[method-assign,assignment]
SyncBase._sync = _timed_sync  # type: ignore[method-assign,assignment]
Site.handle = _timed("mock_ms", Site.handle)  # type: ignore[method-assign]
shots._nearly_blank = _timed("evidence_ms", shots._nearly_blank)
# Every file Allure writes: each test's result, a container per fixture per test, and the attachments.
for _hook in ("report_result", "report_container", "report_attached_file", "report_attached_data"):
    setattr(AllureFileLogger, _hook, _timed("allure_ms", getattr(AllureFileLogger, _hook)))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Set-up and tear-down: the fixtures' share (the browser's part of it is in browser_ms too)."""
    if report.when in ("setup", "teardown"):
        SPENT["fixtures_ms"] += int(report.duration * 1000)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Each process (xdist workers included) leaves its counts in CHSI_BENCH_COUNTS."""
    folder = Path(os.environ["CHSI_BENCH_COUNTS"])
    worker = getattr(session.config, "workerinput", {}).get("workerid", "main")
    figures = {**COUNTS, **SPENT, "browser_ms": int(BROWSER_SECONDS[0] * 1000)}
    (folder / f"{worker}.json").write_text(json.dumps(figures))
