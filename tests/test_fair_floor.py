"""The benchmark's fair floor replays each check once (a check the harness tried again is replayed as its last try),
records the traces the run recorded, clicks with Playwright's own checks where the harness forced a click, reads what
the suite reads (not what the harness reads) and starts again the browsers and programs the suite starts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserType

from mock_server import Site

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from fair_floor import _last_attempts, _play


def _check(text: str, raised: bool = False) -> dict[str, Any]:
    return {"kind": "expect_locator", "page": 0, "selector": "h1", "call": "to_have_text", "args": [text],
            "raised": raised}  # fmt: skip


def test_a_check_tried_again_before_any_action_is_replayed_once() -> None:
    """同一检查在两次动作之间试了两次（页面还在变）：下限只重放最后一次"""
    look = {"kind": "page", "page": 0, "call": "evaluate"}
    events = [_check("登录", raised=True), look, _check("登录")]
    assert _last_attempts(events) == [look, _check("登录")]


def test_the_same_check_after_an_action_is_a_new_check() -> None:
    """动作之后再做同一检查，是新的检查：两次都重放；不同的检查各自保留"""
    click = {"kind": "locator", "page": 0, "selector": "button", "call": "click"}
    events = [_check("登录"), click, _check("登录"), _check("注册")]
    assert _last_attempts(events) == events


def test_a_trace_the_run_recorded_is_recorded_again(browser: Browser, site: Site, tmp_path: Path) -> None:
    """运行录了追踪（可回放旅程），下限重放时也录同样的追踪，写进它自己的临时目录，而不是运行的位置"""
    kept = tmp_path / "run" / "journey.zip"
    events: list[dict[str, Any]] = [
        {"kind": "browser", "args": [], "kwargs": {}},
        {"kind": "tracing", "call": "start", "args": [], "kwargs": {"screenshots": True, "snapshots": True}},
        {"kind": "context", "call": "new_page", "args": [], "kwargs": {}},
        {"kind": "page", "page": 0, "call": "set_content", "args": ["<h1>登录</h1>"], "kwargs": {}},
        {"kind": "tracing", "call": "stop", "args": [], "kwargs": {"path": str(kept)}},
    ]
    assert _play(browser, events, tmp_path) == (0, 0.0)
    assert (tmp_path / "trace.zip").stat().st_size > 0
    assert not kept.parent.exists()


def _on_a_login_page(*events: dict[str, Any]) -> list[dict[str, Any]]:
    """A recorded test that opens a page showing 登录, then does `events`."""
    opening: list[dict[str, Any]] = [
        {"kind": "browser", "args": [], "kwargs": {}},
        {"kind": "context", "call": "new_page", "args": [], "kwargs": {}},
        {"kind": "page", "page": 0, "call": "set_content", "args": ["<h1>登录</h1>"], "kwargs": {}},
    ]
    return [*opening, *events]


def test_a_script_the_test_runs_in_the_page_is_replayed_and_the_harness_s_own_is_not(
    browser: Browser, site: Site, tmp_path: Path
) -> None:
    """测试自己在页面里运行的脚本（如外部探测的 fetch）下限照样重放；本工具自己的读取不重放"""
    events = _on_a_login_page(
        {"kind": "page", "page": 0, "call": "evaluate", "args": ["document.title = '测试'"], "kwargs": {}, "own": True},
        {"kind": "page", "page": 0, "call": "evaluate", "args": ["document.title = '工具'"], "kwargs": {}},
        {"kind": "expect_page", "page": 0, "call": "to_have_title", "args": ["测试"], "kwargs": {}},
    )
    assert _play(browser, events, tmp_path) == (0, 0.0)


def test_what_the_suite_reads_is_read_again_and_what_the_harness_reads_is_not(
    browser: Browser, site: Site, tmp_path: Path
) -> None:
    """旅程与页面对象自己从页面读的（如数量、手机上的校验码）下限照样读一遍；本工具自己的读取不重放"""
    events = _on_a_login_page(
        {"kind": "locator", "page": 0, "selector": "h2", "call": "inner_text", "args": [], "kwargs": {"timeout": 50},
         "own": True, "raised": True},
        {"kind": "locator", "page": 0, "selector": "h3", "call": "inner_text", "args": [], "kwargs": {"timeout": 50}},
    )  # fmt: skip
    # The suite's read of a missing element fails in the replay as it did in the run; the harness's is not made.
    assert _play(browser, events, tmp_path) == (0, 0.0)
    events[3]["raised"] = False
    assert _play(browser, events, tmp_path)[0] == 1


def test_a_click_the_harness_forced_is_replayed_with_playwright_s_checks(
    browser: Browser, site: Site, tmp_path: Path
) -> None:
    """本工具看过页面后强制点击（跳过 Playwright 的检查）；下限没有那一眼，照 Playwright 自己的方式点：被遮住的按钮点不到"""
    covered = '<button>提交</button><div style="position:fixed;inset:0;background:#0001"></div>'
    events: list[dict[str, Any]] = [
        {"kind": "browser", "args": [], "kwargs": {}},
        {"kind": "context", "call": "new_page", "args": [], "kwargs": {}},
        {"kind": "context_timeout", "call": "set_default_timeout", "args": [300], "kwargs": {}},
        {"kind": "page", "page": 0, "call": "set_content", "args": [covered], "kwargs": {}},
        {"kind": "locator", "page": 0, "selector": "button", "call": "click", "args": [], "kwargs": {"force": True}},
    ]
    assert _play(browser, events, tmp_path)[0] == 1


def test_a_program_and_a_browser_the_suite_starts_itself_are_started_again(
    browser: Browser, browser_type_launch_args: dict[str, Any], site: Site, tmp_path: Path
) -> None:
    """测试自己启动的程序（如单独进程里的解析检查）与浏览器，下限照样启动一次；本工具启动的浏览器不算"""
    ran = tmp_path / "ran.txt"
    program = [sys.executable, "-c", f"open({str(ran)!r}, 'a').write('跑了一次')"]
    events: list[dict[str, Any]] = [
        {"kind": "process", "args": program, "timeout": 30},
        {"kind": "launch", "call": "launch", "args": [], "kwargs": {}, "own": True},
        {"kind": "launch", "call": "launch_persistent_context", "args": [], "kwargs": {}, "own": True},
        {"kind": "launch", "call": "launch", "args": [], "kwargs": {}},  # the harness's own browser: not again
    ]
    launched: list[str] = []
    launching: dict[str, Any] = {
        key: browser_type_launch_args[key] for key in ("executable_path", "args") if key in browser_type_launch_args
    }
    original = browser.browser_type.launch

    def counted(self: BrowserType, **options: Any) -> Browser:
        launched.append("launch")
        return original(**options)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BrowserType, "launch", counted)
        assert _play(browser, events, tmp_path, launching) == (0, 0.0)
    assert ran.read_text(encoding="utf-8") == "跑了一次"
    assert launched == ["launch"]
