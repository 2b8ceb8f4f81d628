"""Project-wide browser set-up: pytest-playwright's fixtures given the Chromium to use and its offline flags.

The harness's own options, fixtures and hooks are a pytest plugin: the package harness/plugin/.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, BrowserType

from harness.browser import (
    CHINESE_UI_ARGS,
    CHINESE_UI_ENV,
    DEAD_PROXY,
    NO_BYPASS,
    NO_DISPLAY,
    OFFLINE_ARGS,
    chromium_path,
    has_display,
)
from mock_server import Site


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any], browser_type: BrowserType) -> dict[str, Any]:
    """pytest-playwright's launch arguments plus the Chromium to use and the offline flags."""
    headless = browser_type_launch_args.get("headless", True)
    if not headless and not has_display():
        pytest.exit(NO_DISPLAY, returncode=4)
    try:
        executable = chromium_path(browser_type.executable_path, headless=headless)
    except FileNotFoundError as missing:
        pytest.exit(str(missing), returncode=4)
    args = {**browser_type_launch_args, "args": [*browser_type_launch_args.get("args", []), *OFFLINE_ARGS]}
    if not headless:  # a browser someone watches (--headed, a paused replay) speaks Chinese and offers no translation
        args["args"] += CHINESE_UI_ARGS
        args["env"] = {**os.environ, **CHINESE_UI_ENV}
    if executable:
        args["executable_path"] = executable
    return args


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any], pytestconfig: pytest.Config) -> dict[str, Any]:
    """pytest-playwright's context arguments, as a student in China sees the site (a replay: 720p for a projector)."""
    if pytestconfig.getoption("--captions"):
        replay = {"width": 1280, "height": 720}
        return {**browser_context_args, **_CHINA, "viewport": replay, "record_video_size": replay}
    return {**browser_context_args, **_CHINA, "viewport": {"width": 1200, "height": 860}}


# Where and how the student browses: Chinese, Beijing time, no service workers, nothing leaving the machine.
_CHINA: dict[str, Any] = {
    "locale": "zh-CN",
    "timezone_id": "Asia/Shanghai",
    "service_workers": "block",
    # The context's own proxy also carries page.request and context.request, which bypass the routes.
    "proxy": {"server": DEAD_PROXY, "bypass": NO_BYPASS},
}


@pytest.fixture
def context(site: Site, new_context: Callable[..., BrowserContext]) -> BrowserContext:
    """pytest-playwright's context, opened once this test's mock is published: the mock answers it from the start."""
    return new_context()


@pytest.fixture(scope="session")
def connect_options(pytestconfig: pytest.Config, browser_type_launch_args: dict[str, Any]) -> dict[str, Any] | None:
    """pytest-playwright connects to --browser-server instead of launching, asking for the offline flags.

    A server started with --unsafe takes the flags (and --browser-server-chromium); one without keeps its own,
    and the guard still holds: the routes, and the dead proxy each context is given, live on this side.
    """
    server = pytestconfig.getoption("--browser-server")
    if not server:
        return None
    launch: dict[str, Any] = {"headless": browser_type_launch_args.get("headless", True)}
    launch["args"] = browser_type_launch_args.get("args", [])
    if pytestconfig.getoption("--browser-server-chromium"):
        launch["executablePath"] = pytestconfig.getoption("--browser-server-chromium")
    return {"endpoint": server, "headers": {"x-playwright-launch-options": json.dumps(launch)}}
