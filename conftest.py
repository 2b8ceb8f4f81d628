"""Project-wide pytest set-up: the browser, its offline flags, and the options of this harness."""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from playwright.sync_api import APIRequestContext, BrowserType, Playwright

from e2e.browser import (
    DEAD_PROXY,
    NO_BYPASS,
    NO_DISPLAY,
    OFFLINE_ARGS,
    chromium_path,
    has_display,
    provide_ffmpeg,
)
from mock_server.profile import PROFILES
from mock_server.variants import VARIANTS


def pytest_addoption(parser: pytest.Parser) -> None:
    """The harness's own options, in one group."""
    group = parser.getgroup("chsi", "学信网指南测试 (chsi-guide-e2e)")
    group.addoption(
        "--persona-seed",
        type=int,
        default=None,
        help="base seed for the Faker personas; a failing test prints the one that reproduces it",
    )
    group.addoption(
        "--captions",
        action="store_true",
        help="show the current guide step in a caption band in the page, and write WebVTT captions for videos",
    )
    group.addoption(
        "--pause-steps",
        action="store_true",
        help="wait for Enter between guide steps (a trainer's pace; needs -s)",
    )
    group.addoption(
        "--action-timeout",
        type=int,
        default=5_000,
        metavar="MS",
        help="how long a step waits for the page (the mock answers at once; default 5000 ms)",
    )
    group.addoption(
        "--site-profile",
        choices=sorted(PROFILES),
        default="2012",
        help="which era of the CHSI site the mock serves (default: 2012, the guide's)",
    )
    group.addoption(
        "--site-variant",
        choices=sorted(VARIANTS),
        default=None,
        metavar="CLAIM",
        help="serve the 2012 site with this one claim of the guide broken (mock_server/variants.py)",
    )
    group.addoption(
        "--browser-server",
        default=os.environ.get("CHSI_BROWSER_SERVER"),
        metavar="WS_URL",
        help="run the browser on a Playwright server (playwright run-server, the Playwright Docker image, a grid), "
        "e.g. ws://host:3000/; also CHSI_BROWSER_SERVER. The mock and its routes stay on this machine.",
    )
    group.addoption(
        "--browser-server-chromium",
        default=os.environ.get("CHSI_BROWSER_SERVER_CHROMIUM"),
        metavar="PATH",
        help="the Chromium the server should start (needs a server run with --unsafe); default: the server's own",
    )
    group.addoption(
        "--no-audit",
        action="store_true",
        help="do not judge the guide after the run (replays and tool runs that are not about the guide)",
    )
    group.addoption(
        "--prove",
        action="store_true",
        help="run each journey once per variant of a claim it checks (chsi-e2e prove reads the results)",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Videos need ffmpeg: use the one shipped on PyPI instead of Playwright's download."""
    if config.getoption("--video", "off") != "off":
        provide_ffmpeg()


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


@pytest.fixture(scope="session")
def playwright(playwright: Playwright) -> Playwright:
    """pytest-playwright's Playwright, whose standalone request contexts also go to the dead proxy, not the network."""
    open_context = playwright.request.new_context

    def guarded(**options: Any) -> APIRequestContext:
        options.setdefault("proxy", {"server": DEAD_PROXY, "bypass": NO_BYPASS})
        return open_context(**options)

    playwright.request.new_context = guarded  # type: ignore[method-assign]
    return playwright


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
