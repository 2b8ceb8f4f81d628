"""Nothing leaves the machine: no real host resolves, and unserved hosts are blocked and named."""

from __future__ import annotations

import os
import select
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, BrowserType, Error, Page, Playwright

from mock_server import Site, urls

pytestmark = pytest.mark.offline


def test_request_to_an_unserved_host_is_blocked_and_named(page: Page, site: Site) -> None:
    """发往模拟站点以外主机的请求在浏览器中被中止，并记下网址"""
    with site.expect_blocked("www.baidu.com") as blocked, pytest.raises(Error, match="ERR_BLOCKED_BY_CLIENT"):
        page.goto("https://www.baidu.com/s?wd=%E5%AD%A6%E4%BF%A1%E7%BD%91")
    assert blocked == ["GET https://www.baidu.com/s?wd=%E5%AD%A6%E4%BF%A1%E7%BD%91"]
    assert site.blocked == []  # expected, so it does not fail the test


def test_chromium_resolves_no_real_host(browser_type: BrowserType, browser_type_launch_args: dict[str, Any]) -> None:
    """只靠解析规则（不用路由、不用代理）：真实域名根本无法解析"""
    args = [a for a in browser_type_launch_args["args"] if not a.startswith("--proxy")]
    alone = browser_type.launch(**{**browser_type_launch_args, "args": args})
    try:
        with pytest.raises(Error, match="ERR_NAME_NOT_RESOLVED"):
            alone.new_page().goto("https://www.chsi.com.cn/", timeout=10_000)
    finally:
        alone.close()


def test_without_routes_a_real_host_goes_only_to_the_dead_proxy(browser: Browser) -> None:
    """没有模拟站点路由的浏览器上下文也到不了真实主机：它只能连向不存在的代理"""
    bare = browser.new_context()
    try:
        with pytest.raises(Error, match="ERR_PROXY_CONNECTION_FAILED"):
            bare.new_page().goto("https://www.chsi.com.cn/", timeout=10_000)
    finally:
        bare.close()


def _listening_inodes() -> set[str]:
    """Socket inodes in the LISTEN state (st 0A), from the kernel's tables."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A":
                inodes.add(fields[9])
    return inodes


def _descendants(root: int) -> set[int]:
    """`root` and every process below it."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue
    family, grew = {root}, True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in family and pid not in family:
                family.add(pid)
                grew = True
    return family


def _listeners_held_by_this_run() -> list[tuple[int, str]]:
    """Listening sockets held by pytest or any process it started (the browser, Playwright's driver)."""
    listening = _listening_inodes()
    held = []
    for pid in _descendants(os.getpid()):
        for fd in Path(f"/proc/{pid}/fd").glob("*"):
            try:
                link = os.readlink(fd)
            except OSError:  # the fd closed while we looked (the listing's own, for one)
                continue
            if link.startswith("socket:[") and link[8:-1] in listening:
                held.append((pid, link))
    return held


def test_nothing_listens_on_a_port_during_a_journey(page: Page) -> None:
    """模拟站点不是服务器：pytest 和浏览器都不监听任何端口"""
    with socket.create_server(("127.0.0.1", 0)):
        assert len(_listeners_held_by_this_run()) == 1  # the check sees a listener when there is one
    page.goto("https://www.chsi.com.cn/")
    assert _listeners_held_by_this_run() == []


@pytest.fixture
def listener() -> Iterator[tuple[int, Callable[[], bool]]]:
    """A TCP listener on this machine and a check that nothing connected to it (waiting at most a second)."""
    with socket.create_server(("127.0.0.1", 0)) as server:

        def reached() -> bool:
            ready, _, _ = select.select([server], [], [], 1.0)
            return bool(ready)

        yield server.getsockname()[1], reached


def test_websocket_is_refused_and_named(page: Page, site: Site) -> None:
    """WebSocket（任何主机）在连接前被关闭，并记下地址"""
    page.goto(f"{urls.WWW}/")
    with site.expect_blocked("collector.example.com") as blocked:
        code = page.evaluate(
            "() => new Promise(done => { const ws = new WebSocket('wss://collector.example.com/live');"
            " ws.onclose = (e) => done(e.code); })"
        )
    assert code == 1008
    assert blocked == ["WebSocket wss://collector.example.com/live"]


def test_webrtc_is_refused_named_and_sends_no_packet(page: Page, site: Site) -> None:
    """WebRTC 连接直接写 IP 的 STUN 服务器：页面里被拒绝，本机收不到一个 UDP 包"""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        udp.bind(("127.0.0.1", 0))
        stun = f"stun:127.0.0.1:{udp.getsockname()[1]}"
        page.goto(f"{urls.WWW}/")
        with site.expect_blocked("127.0.0.1") as blocked:
            outcome = page.evaluate(
                """(stun) => { try { const pc = new RTCPeerConnection({iceServers: [{urls: stun}]});
                 pc.createDataChannel("x"); pc.createOffer().then(o => pc.setLocalDescription(o)); return "created"; }
               catch (e) { return e.name; } }""",
                stun,
            )
        assert outcome == "NotAllowedError"
        assert select.select([udp], [], [], 1.0)[0] == []
    assert blocked == [f'WebRTC [{{"urls":"{stun}"}}]']


def test_service_worker_registration_is_refused_and_named(page: Page, site: Site) -> None:
    """Service Worker 注册被拒绝，并记下脚本地址"""
    page.goto(f"{urls.WWW}/")
    with site.expect_blocked("www.chsi.com.cn") as blocked:
        outcome = page.evaluate(
            "() => navigator.serviceWorker.register('/sw.js').then(() => 'registered', e => e.name)"
        )
    assert outcome == "SecurityError"
    assert blocked == ["ServiceWorker https://www.chsi.com.cn/sw.js"]


def test_test_codes_own_requests_fail_and_reach_nothing(
    page: Page, context: BrowserContext, playwright: Playwright, listener: tuple[int, Callable[[], bool]]
) -> None:
    """测试代码自己的请求（page.request、context.request、playwright.request）报错，且没有连接到本机监听器"""
    port, reached = listener
    standalone = playwright.request.new_context()
    try:
        for client in (page.request, context.request, standalone):
            with pytest.raises(Error, match=f"127.0.0.1:{port}/leak|ECONNREFUSED 127.0.0.1:9"):
                client.get(f"http://127.0.0.1:{port}/leak", timeout=5_000)
    finally:
        standalone.dispose()
    assert not reached()


def test_a_second_context_and_preconnects_reach_nothing(
    page: Page, browser: Browser, listener: tuple[int, Callable[[], bool]]
) -> None:
    """第二个浏览器上下文、dns-prefetch 和 preconnect 都连不出去：本机监听器为证"""
    port, reached = listener
    bare = browser.new_context()
    try:
        with pytest.raises(Error, match="ERR_PROXY_CONNECTION_FAILED"):
            bare.new_page().goto(f"http://127.0.0.1:{port}/second", timeout=5_000)
    finally:
        bare.close()
    page.set_content(
        f'<link rel="dns-prefetch" href="//127.0.0.1:{port}"><link rel="preconnect" href="http://127.0.0.1:{port}">'
        f'<link rel="preconnect" href="https://localhost:{port}"><p>preconnect</p>'
    )
    assert not reached()
    socket.create_connection(("127.0.0.1", port)).close()
    assert reached()  # the listener does notice a connection when there is one
