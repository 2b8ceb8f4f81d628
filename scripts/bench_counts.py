"""A pytest plugin for the benchmark: counts the page loads and screenshots of a run (pytest -p bench_counts)."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page
from playwright.sync_api import Route as PlaywrightRoute

from mock_server import bridge
from mock_server.http import Response

COUNTS: Counter[str] = Counter()
_fulfil = bridge.fulfil
_screenshot = Page.screenshot


def _counted_fulfil(route: PlaywrightRoute, response: Response) -> None:
    """A document the mock answers is one page load (a redirect page and its target are two)."""
    if route.request.resource_type == "document":
        COUNTS["page_loads"] += 1
    _fulfil(route, response)


def _counted_screenshot(page: Page, *args: Any, **kwargs: Any) -> bytes:
    COUNTS["full_page_screenshots" if kwargs.get("full_page") else "screenshots"] += 1
    return _screenshot(page, *args, **kwargs)


# Instrumentation only for the benchmark's runs: the suite itself never loads this module.
bridge.fulfil = _counted_fulfil
Page.screenshot = _counted_screenshot  # type: ignore[method-assign,assignment]


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Each process (xdist workers included) leaves its counts in CHSI_BENCH_COUNTS."""
    folder = Path(os.environ["CHSI_BENCH_COUNTS"])
    worker = getattr(session.config, "workerinput", {}).get("workerid", "main")
    (folder / f"{worker}.json").write_text(json.dumps(COUNTS))
