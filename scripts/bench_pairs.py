"""A pytest plugin for the benchmark: right after each test, the fair floor replays that same test (seconds apart, not
minutes), so a slow spell of the machine slows both halves of a pair alike. pytest -p bench_pairs, with
CHSI_BENCH_PAIRS=<a folder scripts/browser_record.py wrote>; the pairs are written to CHSI_BENCH_PAIRS/pairs.json."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

from harness.browser import OFFLINE_ARGS

# The floor's process, which replays a test when its node id is written to it (fair_floor.replay_each_on_request).
_FLOOR = """
import json, sys
from pathlib import Path
from playwright.sync_api import sync_playwright
from fair_floor import replay_each_on_request
from harness.browser import chromium_path
with sync_playwright() as playwright:
    executable = chromium_path(playwright.chromium.executable_path, headless=True)
replay_each_on_request(Path(sys.argv[1]), executable, json.loads(sys.argv[2]))
"""
_pairs: list[dict[str, Any]] = []
_floor: list[subprocess.Popen[str]] = []
_started: dict[str, float] = {}


def pytest_sessionstart(session: pytest.Session) -> None:
    """Start the floor's own process and browser before the first test."""
    begun = time.perf_counter()
    folder = os.environ["CHSI_BENCH_PAIRS"]
    floor = subprocess.Popen(
        [sys.executable, "-c", _FLOOR, folder, json.dumps(OFFLINE_ARGS)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert floor.stdout is not None
    _started["launch_s"] = json.loads(floor.stdout.readline())["launch_s"]
    _started["waited_s"] = time.perf_counter() - begun
    _floor.append(floor)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None, None, None]:
    """The test as QA runs it, then the floor's replay of it; each timed on its own."""
    begun = time.perf_counter()
    yield
    harness = time.perf_counter() - begun
    floor = _floor[0]
    assert floor.stdin is not None and floor.stdout is not None
    asked = time.perf_counter()
    floor.stdin.write(item.nodeid + "\n")
    floor.stdin.flush()
    answer = json.loads(floor.stdout.readline())
    _pairs.append({"nodeid": item.nodeid, "harness_s": harness, "waited_s": time.perf_counter() - asked, **answer})


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Stop the floor and leave the pairs for the benchmark."""
    floor = _floor.pop()
    assert floor.stdin is not None
    floor.stdin.close()
    floor.wait(timeout=60)
    pairs = {**_started, "pairs": _pairs}
    (Path(os.environ["CHSI_BENCH_PAIRS"]) / "pairs.json").write_text(json.dumps(pairs, ensure_ascii=False))
