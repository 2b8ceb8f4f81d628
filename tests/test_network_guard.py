"""The harness's network guard where a test has no mock, and across tests: refused with a reason, never stuck."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Error

from harness.guard import NO_SITE
from mock_server import Site
from mock_server.site import NOT_BLOCKED, Blocked, hosts_of

ROOT = Path(__file__).parents[1]
pytestmark = pytest.mark.offline


@pytest.mark.parametrize("opens", ["new_context", "new_page"])
def test_a_browser_context_without_a_mock_is_refused_in_chinese(browser: Browser, opens: str) -> None:
    """没有模拟站点的测试打开浏览器上下文或页面，在创建时就被拒绝，并用中文说明怎么做"""
    with pytest.raises(Error, match=re.escape(NO_SITE)):
        getattr(browser, opens)()
    assert browser.contexts == []


@pytest.mark.xdist_group("tooling")
def test_a_huge_body_leaves_the_worker_running_for_the_tests_after_it(tmp_path: Path) -> None:
    """一个测试的页面发出 100 MB 的请求体之后，同一个进程里后面的测试照常运行并通过（驱动程序没有被拖垮）"""
    huge = "e2e/test_offline.py::test_a_body_over_the_limit_is_refused_in_the_page_at_once"
    after = "e2e/test_offline.py::test_request_to_an_unserved_host_is_blocked_and_named"
    run = subprocess.run(
        [sys.executable, "-m", "pytest", f"{huge}[chromium-fetch]", f"{huge}[chromium-form-submit]", after,
         "e2e/test_example_journey.py", "-p", "no:randomly", "-n", "0", "-q", "--no-audit",
         f"--alluredir={tmp_path / 'results'}"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0 and "4 passed" in run.stdout, run.stdout[-3000:]


@pytest.mark.parametrize(
    ("entry", "host", "expected"),
    [
        pytest.param("GET https://collector.example.com/p?ref=www.baidu.com", "www.baidu.com", False, id="地址里提到"),
        pytest.param("GET https://evilexample.com/p", "example.com", False, id="名字相近"),
        pytest.param("GET https://www.example.com/p", "example.com", False, id="子域名"),
        pytest.param("GET https://WWW.Baidu.com/s", "www.baidu.com", True, id="大小写"),
        pytest.param("WebSocket wss://collector.example.com:8443/live", "collector.example.com", True, id="带端口"),
        pytest.param(Blocked('WebRTC [{"urls":"stun:10.0.0.1:3478"}]', ["10.0.0.1"]), "10.0.0.1", True, id="STUN"),
    ],
)
def test_expect_blocked_matches_the_requests_own_host_exactly(entry: str, host: str, expected: bool) -> None:
    """site.expect_blocked(主机) 只认被拦请求自己的主机（不分大小写）：地址里提到的、名字相近的、子域名都不算"""
    assert (host in hosts_of(entry)) is expected
    site = Site()
    if expected:
        with site.expect_blocked(host) as blocked:
            site.blocked.append(entry)
        assert blocked == [entry] and site.blocked == []
    else:
        with pytest.raises(AssertionError, match=re.escape(NOT_BLOCKED.format(host=host))), site.expect_blocked(host):
            site.blocked.append(entry)
        assert site.blocked == [entry]  # still there: the test that made it fails
