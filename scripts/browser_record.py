"""A pytest plugin for the benchmark: records what each test does in the browser, to replay it as the fair floor.

Every call a test (or the harness) makes on a page, a locator, an assertion, the clock or a trace, and every response
the mock fulfils, is written to CHSI_BENCH_RECORD/<worker>.jsonl, with the browsers and programs the suite itself
starts (a browser a test launches, a resolver check in a process of its own). scripts/fair_floor.py replays exactly
that with bare Playwright against the same responses, served statically.
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, BrowserType, Locator, Page, expect
from playwright.sync_api import Route as PlaywrightRoute
from playwright.sync_api._generated import Clock, LocatorAssertions, PageAssertions, Tracing

_out: list[Any] = []
_pages: dict[int, int] = {}
_depth = [0]

LOCATOR_CALLS = ["click", "fill", "select_option", "set_input_files", "inner_text", "all_inner_texts", "count",
                 "is_visible", "get_attribute", "bounding_box", "evaluate", "scroll_into_view_if_needed",
                 "wait_for", "text_content", "input_value"]  # fmt: skip
PAGE_CALLS = ["goto", "screenshot", "evaluate", "wait_for_load_state", "bring_to_front", "title", "set_content"]
CLOCK_CALLS = ["install", "pause_at", "fast_forward", "run_for"]
# The suite itself (journeys, page objects, flows), as against the harness under it.
SUITE = Path(__file__).parents[1] / "e2e"


def _plain(value: Any) -> Any:
    """A call's argument as JSON the replay can turn back."""
    if isinstance(value, re.Pattern):
        return {"__re__": value.pattern, "flags": int(value.flags)}
    if isinstance(value, datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, bytes):
        return {"__bytes__": base64.b64encode(value).decode()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return {"__skip__": type(value).__name__}


def _page_index(page: Page) -> int:
    return _pages.setdefault(id(page._impl_obj), len(_pages))


def _log(event: dict[str, Any]) -> None:
    if _depth[0] == 0:  # calls made inside another recorded call (helpers of Playwright itself) are not the test's
        _out.append(event)


def _suite_calls(depth: int) -> bool:
    """True when the caller `depth` frames up is the suite's own code (a journey, a page object, a test)."""
    return Path(sys._getframe(depth + 1).f_code.co_filename).is_relative_to(SUITE)


def _suite_under() -> bool:
    """True when the suite's own code is anywhere below this call (a browser a test launches goes through the
    harness's guard first)."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None and not Path(frame.f_code.co_filename).is_relative_to(SUITE):
        frame = frame.f_back
    return frame is not None


def _wrap(cls: type, name: str, describe: Callable[[Any], dict[str, Any]]) -> None:
    original = getattr(cls, name)

    def recorded(self: Any, *args: Any, **kwargs: Any) -> Any:
        event = {**describe(self), "call": name, "args": _plain(list(args)), "kwargs": _plain(kwargs)}
        if _suite_calls(1):
            event["own"] = True  # the suite's own call (a read, a script it runs in the page), not the harness's
        _log(event)
        _depth[0] += 1
        try:
            result = original(self, *args, **kwargs)
        except Exception:
            event["raised"] = True  # a check meant to fail (a stale sentence) fails in the replay too
            raise
        finally:
            _depth[0] -= 1
        if isinstance(result, Page):
            _page_index(result)  # pages are numbered as they are opened, as the replay opens them
        return result

    setattr(cls, name, recorded)


def _on_locator(locator: Locator) -> dict[str, Any]:
    return {"kind": "locator", "page": _page_index(locator.page), "selector": locator._impl_obj._selector}


def _on_page(page: Page) -> dict[str, Any]:
    return {"kind": "page", "page": _page_index(page)}


def _on_assertion(assertion: Any) -> dict[str, Any]:
    impl = assertion._impl_obj
    if getattr(impl, "_actual_page", None) is not None:
        return {"kind": "expect_page", "page": _pages.setdefault(id(impl._actual_page), len(_pages))}
    actual = impl._actual_locator
    index = _pages.setdefault(id(actual._frame._page), len(_pages))
    return {"kind": "expect_locator", "page": index, "selector": actual._selector}


for call in LOCATOR_CALLS:
    _wrap(Locator, call, _on_locator)
for call in PAGE_CALLS:
    _wrap(Page, call, _on_page)
for cls in (LocatorAssertions, PageAssertions):
    for call in [m for m in dir(cls) if m.startswith(("to_", "not_to_"))]:
        _wrap(cls, call, _on_assertion)
for call in CLOCK_CALLS:
    _wrap(Clock, call, lambda clock: {"kind": "clock"})
_wrap(BrowserContext, "new_page", lambda context: {"kind": "context"})
# The waits the harness sets (shorter once a journey has met a contradiction): the replay waits as long.
_wrap(BrowserContext, "set_default_timeout", lambda context: {"kind": "context_timeout"})
_wrap(type(expect), "set_options", lambda assertions: {"kind": "expect_timeout"})
_wrap(Browser, "new_context", lambda browser: {"kind": "browser"})
# The traces the run keeps (the journeys trainers replay): the same job asks the floor to record them too.
for call in ("start", "stop"):
    _wrap(Tracing, call, lambda tracing: {"kind": "tracing"})


# A browser the suite launches itself costs its launch (its pages' calls are recorded like any other's); the one
# pytest-playwright launches for the session is the floor's own browser.
for call in ("launch", "launch_persistent_context"):
    _wrap(BrowserType, call, lambda browser_type: {"kind": "launch", "own": _suite_under()})

_run = subprocess.run


def _recorded_run(command: Any, *args: Any, **kwargs: Any) -> Any:
    """subprocess.run; a program the suite itself runs (a check in a browser of its own) is replayed as it ran."""
    if _suite_calls(1) and isinstance(command, list | tuple):
        _log({"kind": "process", "args": [str(part) for part in command], "timeout": kwargs.get("timeout")})
    return _run(command, *args, **kwargs)


subprocess.run = _recorded_run  # type: ignore[assignment]

_fulfill, _abort = PlaywrightRoute.fulfill, PlaywrightRoute.abort


def _recorded_fulfill(route: PlaywrightRoute, **kwargs: Any) -> None:
    request = route.request
    body = kwargs.get("body") or b""
    _out.append({"kind": "serve", "method": request.method, "url": request.url, "status": kwargs.get("status", 200),
                 "headers": kwargs.get("headers") or {}, "body": base64.b64encode(body).decode()})  # fmt: skip
    _fulfill(route, **kwargs)


def _recorded_abort(route: PlaywrightRoute, *args: Any) -> None:
    _out.append({"kind": "abort", "method": route.request.method, "url": route.request.url})
    _abort(route, *args)


PlaywrightRoute.fulfill = _recorded_fulfill  # type: ignore[method-assign,assignment]
PlaywrightRoute.abort = _recorded_abort  # type: ignore[method-assign,assignment]


def pytest_runtest_setup(item: pytest.Item) -> None:
    """A new test: its own context and pages in the replay."""
    _pages.clear()
    _out.append({"kind": "test", "nodeid": item.nodeid})


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Each process (xdist workers included) leaves its record in CHSI_BENCH_RECORD."""
    folder = Path(os.environ["CHSI_BENCH_RECORD"])
    worker = getattr(session.config, "workerinput", {}).get("workerid", "main")
    with (folder / f"{worker}.jsonl").open("w", encoding="utf-8") as file:
        for event in _out:
            file.write(json.dumps(event, ensure_ascii=False) + "\n")
