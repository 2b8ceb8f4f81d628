"""The fair floor: replay with bare Playwright what a recorded run did to the pages, against static pages.

scripts/browser_record.py wrote every call and every fulfilled response of a run; this module plays the actions
again (navigation, clicks, typing, uploads, the clock, screenshots, the scripts a test itself runs in the page) and
the suite's checks (Playwright's assertions) in the same browser with the same flags and context options, each
response served as recorded with the site's own page script (mock_server/guard.js) and the same traces recorded (the
journeys trainers replay are part of the job). It waits only for what the page itself is doing: Playwright's own
waiting inside each action, the load of each navigation, and a passing check's wait for the page to show it. A check
the run found false is made once, never waited out. A click the harness forced (its own look at a settled page had
made Playwright's checks) is replayed as Playwright's own click: without that look a bare suite cannot skip them.
What the suite itself reads from the page (journeys and page objects, not the harness) is read again, and a browser or
a program the suite starts itself (a test's own browser, a resolver check in a process) is started again. The harness's
own reads and settling are left out, as are the mock, pytest, Allure and evidence decoding: what is
left is what a bare Playwright suite doing the same job asks of the browser.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict, deque
from datetime import datetime
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Error, Page, expect, sync_playwright
from playwright.sync_api import Route as PlaywrightRoute

from mock_server.bridge import GUARD_SCRIPT

# What the floor replays: what a test does to the page and the pictures it takes (and the checks, below); what the
# suite itself reads (a count a journey decides by, a code read off the phone) and the scripts it runs in the page (an
# outside probe's fetch) too, but not the harness's own reads.
PAGE_ACTIONS = {"goto", "screenshot", "bring_to_front", "set_content"}
OWN_PAGE_ACTIONS = {"evaluate", "title"}
LOCATOR_ACTIONS = {"click", "fill", "select_option", "set_input_files"}
OWN_LOCATOR_READS = {"count", "inner_text", "all_inner_texts", "is_visible", "get_attribute", "text_content",
                     "input_value", "bounding_box", "evaluate", "wait_for"}  # fmt: skip
ASSERTIONS = {"expect_page", "expect_locator"}
# A check the run found false: made once (Playwright's one-shot), as a page that has settled decides it.
ONE_SHOT_MS = 1
# Context options the replay leaves out: recording artefacts, not browsing.
NOT_BROWSING = {"record_video_dir", "record_video_size", "record_har_path"}


def _value(raw: Any) -> Any:
    """A recorded argument turned back into what was passed."""
    if isinstance(raw, dict):
        if "__re__" in raw:
            return re.compile(raw["__re__"], raw["flags"])
        if "__datetime__" in raw:
            return datetime.fromisoformat(raw["__datetime__"])
        if "__bytes__" in raw:
            return base64.b64decode(raw["__bytes__"])
        return {k: _value(v) for k, v in raw.items()}
    if isinstance(raw, list):
        return [_value(v) for v in raw]
    return raw


def load(folder: Path) -> list[list[dict[str, Any]]]:
    """The recorded events of every test, one list per test, from every worker's file."""
    return list(by_test(folder).values())


def by_test(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """The recorded events of every test by its pytest node id, in the order the tests ran."""
    tests: dict[str, list[dict[str, Any]]] = {}
    current: list[dict[str, Any]] | None = None
    for file in sorted(folder.glob("*.jsonl")):
        for line in file.read_text(encoding="utf-8").splitlines():
            event = json.loads(line)
            if event["kind"] == "test":
                current = tests.setdefault(event["nodeid"], [])
            elif current is not None:
                current.append(event)
    return tests


def _serve(served: dict[tuple[str, str], deque[dict[str, Any]]]) -> Any:
    """A route handler answering each request with the response recorded for it, in order."""

    def handle(route: PlaywrightRoute) -> None:
        key = (route.request.method, route.request.url)
        queue = served.get(key)
        if not queue:
            route.abort("blockedbyclient")
            return
        event = queue.popleft() if len(queue) > 1 else queue[0]
        route.fulfill(status=event["status"], headers=event["headers"], body=base64.b64decode(event["body"]))

    return handle


def _last_attempts(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events without a check's earlier attempts: the harness tries a check again after the page moved on, a
    bare suite makes it once."""
    kept: list[dict[str, Any] | None] = []
    since_action: dict[str, int] = {}  # a check's key → where it was kept, since the last action
    for event in events:
        if event["kind"] in ASSERTIONS:
            key = json.dumps([event["page"], event.get("selector"), event["call"], event.get("args")])
            if key in since_action:
                kept[since_action[key]] = None
            since_action[key] = len(kept)
        elif event["kind"] in ("page", "locator") and event["call"] in PAGE_ACTIONS | LOCATOR_ACTIONS:
            since_action.clear()
        kept.append(event)
    return [event for event in kept if event is not None]


def _check(pages: list[Page], event: dict[str, Any], args: list[Any], kwargs: dict[str, Any]) -> None:
    """One recorded check again: a passing one waits for the page to show it, a failing one is made once."""
    page = pages[event["page"]]
    target = page if event["kind"] == "expect_page" else page.locator(event["selector"])
    kwargs = {k: v for k, v in kwargs.items() if k != "timeout"}  # the harness's own one-shot tries
    if event.get("raised"):
        kwargs["timeout"] = ONE_SHOT_MS
    getattr(expect(target), event["call"])(*args, **kwargs)


def _launched(browser: Browser, call: str, launching: dict[str, Any]) -> None:
    """A browser the suite launched itself, launched the same way (`launching`: the floor's executable and flags) and
    closed again: its pages' work is replayed in the floor's own browser."""
    browser_type = browser.browser_type
    if call == "launch_persistent_context":
        with tempfile.TemporaryDirectory() as profile:
            browser_type.launch_persistent_context(profile, **launching).close()
    else:
        browser_type.launch(**launching).close()


def _play(
    browser: Browser, events: list[dict[str, Any]], traces: Path, launching: dict[str, Any] | None = None
) -> tuple[int, float]:
    """One test's browser work again, its traces written into `traces` (`launching`: how the floor launches a browser
    the suite launched itself): how many calls did not behave as recorded, and the seconds they took."""
    served: dict[tuple[str, str], deque[dict[str, Any]]] = defaultdict(deque)
    for event in events:
        if event["kind"] == "serve":
            served[(event["method"], event["url"])].append(event)
    context: BrowserContext | None = None
    pages: list[Page] = []
    mismatches, astray = 0, 0.0
    for event in _last_attempts(events):
        kind, args, kwargs = event["kind"], _value(event.get("args", [])), _value(event.get("kwargs", {}))
        raised, begun = False, time.perf_counter()
        try:
            if kind == "expect_timeout":
                expect.set_options(*args, **kwargs)
            elif kind == "context_timeout" and context is not None:
                context.set_default_timeout(*args, **kwargs)
            elif kind == "browser":
                context = browser.new_context(**{k: v for k, v in kwargs.items() if k not in NOT_BROWSING})
                context.route("**/*", _serve(served))
                context.add_init_script(GUARD_SCRIPT)  # the site's own page script, in every page it serves
            elif kind == "context" and context is not None:
                pages.append(context.new_page())
            elif kind == "launch" and event.get("own"):
                _launched(browser, event["call"], launching or {})
            elif kind == "process":
                subprocess.run(event["args"], capture_output=True, timeout=event["timeout"], check=False)
            elif kind == "clock" and context is not None:
                getattr(context.clock, event["call"])(*args, **kwargs)
            elif kind == "tracing" and context is not None:
                if event["call"] == "stop" and kwargs.get("path"):
                    kwargs["path"] = traces / "trace.zip"  # written as the run writes its own, then dropped
                getattr(context.tracing, event["call"])(*args, **kwargs)
            elif kind == "page" and (
                event["call"] in PAGE_ACTIONS or (event.get("own") and event["call"] in OWN_PAGE_ACTIONS)
            ):
                kwargs.pop("path", None)
                getattr(pages[event["page"]], event["call"])(*args, **kwargs)
            elif kind == "locator" and event.get("own") and event["call"] in OWN_LOCATOR_READS:
                getattr(pages[event["page"]].locator(event["selector"]), event["call"])(*args, **kwargs)
            elif kind == "locator" and event["call"] in LOCATOR_ACTIONS:
                page = pages[event["page"]]
                kwargs.pop("force", None)  # a bare suite has no look that makes skipping the checks safe
                getattr(page.locator(event["selector"]), event["call"])(*args, **kwargs)
                page.wait_for_load_state()  # a click may navigate: wait for the page, as a student does
            elif kind in ASSERTIONS:
                _check(pages, event, args, kwargs)
            else:
                continue  # a read or a wait of the harness's own
        except (Error, AssertionError, IndexError, TypeError, subprocess.TimeoutExpired):
            raised = True
        if raised != event.get("raised", False):
            # The replay went astray (a request it cannot replay, such as the test's own fetch): not the run's work.
            mismatches, astray = mismatches + 1, astray + time.perf_counter() - begun
    if context is not None:
        context.close()
    return mismatches, astray


def replay_each_on_request(folder: Path, executable: str | None, args: list[str], timeout_ms: int = 2_000) -> None:
    """Replay one recorded test each time its node id arrives on standard input, answering on standard output with a
    JSON line: the seconds it took (calls that went astray left out) and those calls' count and seconds. The first
    line says the browser is up and how long its launch took (scripts/bench_pairs.py pairs each test with this)."""
    tests = by_test(folder)
    expect.set_options(timeout=timeout_ms)
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as traces:
        begun = time.perf_counter()
        browser = playwright.chromium.launch(executable_path=executable, args=args)
        print(json.dumps({"launch_s": time.perf_counter() - begun}), flush=True)
        for line in sys.stdin:
            begun = time.perf_counter()
            missed, lost = _play(
                browser, tests.get(line.strip(), []), Path(traces), {"executable_path": executable, "args": args}
            )
            seconds = time.perf_counter() - begun - lost
            print(json.dumps({"seconds": seconds, "mismatches": missed, "astray_s": lost}), flush=True)
        browser.close()


def replay(
    folder: Path, executable: str | None, args: list[str], timeout_ms: int = 2_000
) -> tuple[float, int, int, float]:
    """Replay every recorded test serially: (seconds, tests, calls that did not behave as recorded, their seconds);
    the seconds leave out the calls that went astray."""
    tests = load(folder)
    expect.set_options(timeout=timeout_ms)
    begun = time.perf_counter()
    mismatches, astray = 0, 0.0
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as traces:
        browser = playwright.chromium.launch(executable_path=executable, args=args)
        for events in tests:
            missed, lost = _play(browser, events, Path(traces), {"executable_path": executable, "args": args})
            mismatches, astray = mismatches + missed, astray + lost
        browser.close()
    return time.perf_counter() - begun - astray, len(tests), mismatches, astray
