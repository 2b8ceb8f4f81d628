"""A crash of the mock and an exception of the harness are filed as what they are, and colour no sentence of the guide."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from harness.evidence import LABEL_FAILURE, Failure, Verdict, label, read_checks, read_results
from harness.failures import in_chinese
from harness.shots import picture

ROOT = Path(__file__).parents[1]
JOURNEY = "e2e/test_registration.py::test_registration_nine_steps_and_login"


def _run_broken(kind: str, results: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", JOURNEY, "-q", "-p", "tests.breakage", "-p", "no:randomly", "-n", "0",
         "-o", "addopts=", f"--alluredir={results}", "--no-audit"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, "CHSI_BREAK": kind},
    )  # fmt: skip


@pytest.mark.xdist_group("tooling")
@pytest.mark.parametrize(("kind", "status"), [(Failure.MOCK, "failed"), (Failure.TOOL, "broken")])
def test_a_broken_mock_or_harness_is_its_own_category_and_blames_no_sentence(
    kind: Failure, status: str, tmp_path: Path
) -> None:
    """模拟站点出错、工具出错各归其类：测试失败，带截图与追踪，指南的每一句都不被判为与站点不符"""
    run = _run_broken(str(kind), tmp_path)
    assert run.returncode == 1, run.stdout[-3000:]
    (result,) = read_results(tmp_path)
    assert (result["status"], label(result, LABEL_FAILURE)) == (status, str(kind))
    checks = read_checks(tmp_path, result)
    assert checks and not [c for c in checks if c.verdict is Verdict.CONTRADICTED]
    assert {c.step for c in checks if c.verdict is Verdict.CONFIRMED} >= {"reg.1"}
    recorded = "".join(p.read_text(encoding="utf-8") for p in tmp_path.glob("*.json"))
    assert "失败时的页面" in recorded and "Playwright 追踪" in recorded
    assert "旅程中的位置：e2e/test_registration.py:" in result["statusDetails"]["message"]


# Playwright's own wording of three failures, as Chromium reports them (shortened to what the reading uses).
NOT_FOUND = 'Locator expected to be visible\nActual value: None\nCall log:\n  - waiting for locator("#countdown")\n'
TWO_FOUND = 'Locator.click: Error: strict mode violation: locator("main a") resolved to 2 elements:\n'
SNAPSHOT = (
    'Locator expected to match Aria snapshot \'- heading "y"\'\nActual value: - main:\n  - heading "x"\nCall log:'
)
DISABLED = (
    'Locator.click: Timeout 5000ms exceeded.\nCall log:\n  - waiting for get_by_role("button", name="下一步", exact=True)\n'
    "    - element is not enabled\n"
)
NO_ANSWER = 'Timeout 5000ms exceeded while waiting for event "response"'
PAGE_BY_WHAT_IT_HOLDS = 'Locator expected to be visible\nActual value: None\nCall log:\n  - waiting for locator("main:has(#countdown) h1")\n'


@pytest.mark.parametrize(
    ("said", "read"),
    [
        (NOT_FOUND, "页面上找不到页面元素 #countdown"),
        (TWO_FOUND, "页面上不止一个页面元素 main a，不知该用哪一个"),
        (SNAPSHOT, '期望页面结构“- heading "y"”，页面上是“- main: - heading "x"”'),
        (DISABLED, "按钮“下一步”在页面上，但不可用（已禁用），点不了"),
        (NO_ANSWER, "等待站点应答超时：页面没有发出要等的请求，或站点没有应答"),
        (PAGE_BY_WHAT_IT_HOLDS, "页面上找不到这一页的标题"),
    ],
    ids=[
        "找不到的元素说出位置",
        "不止一个元素",
        "页面结构不同",
        "按钮已禁用",
        "等不到站点应答",
        "按独有元素认出的页面",
    ],
)
def test_a_failed_check_is_told_in_chinese_naming_the_element(said: str, read: str) -> None:
    """Playwright 的英文失败说明被改写成中文，并说出是哪个页面元素"""
    assert in_chinese(AssertionError(said)) == read


class _Tab:
    """A tab Chromium cannot picture the first `refusals` times (Page.captureScreenshot), as it sometimes cannot."""

    url = "https://account.chsi.com.cn/account/password!rtvlgname.action"

    def __init__(self, refusals: int) -> None:
        self.refusals, self.in_front, self.frames_awaited = refusals, False, 0

    def screenshot(self, style: str | None = None) -> bytes:
        if self.refusals:
            self.refusals -= 1
            raise PlaywrightError("Protocol error (Page.captureScreenshot): Unable to capture screenshot")
        return b"png"

    def bring_to_front(self) -> None:
        self.in_front = True

    def wait_for_function(self, script: str, timeout: float | None = None) -> None:
        self.frames_awaited += "requestAnimationFrame" in script and timeout is not None  # a frame, waited for a while

    def is_closed(self) -> bool:
        return False


def test_a_tab_chromium_could_not_picture_is_brought_to_the_front_and_pictured_again() -> None:
    """Chromium 偶尔截不了图：把标签页调到前面、等它画出新的一帧再截，最多再截两次；仍然不行就是工具的问题（RuntimeError），
    绝不算站点与指南不符"""
    for refusals in (1, 2):
        tab = _Tab(refusals)
        assert picture(tab) == b"png" and tab.in_front and tab.frames_awaited == refusals  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="浏览器没能截图"):
        picture(_Tab(refusals=3))  # type: ignore[arg-type]
