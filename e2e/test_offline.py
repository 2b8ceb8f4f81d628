"""Nothing leaves the machine: every browser, context and request a test makes is served by its mock or refused, and named."""

from __future__ import annotations

import os
import re
import select
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, BrowserType, Error, Page, Playwright, Route

from e2e.pages.portal import HomePage
from harness.browser import OFFLINE_ARGS, chromium_path
from harness.checks import expect
from harness.guard import NO_CDP, NO_REQUEST_CONTEXT, OWN_PROXY, OWN_REQUEST, OWN_WORKERS
from mock_server import Site, url_for, urls
from mock_server.http import MAX_BODY
from mock_server.site import NOT_BLOCKED

pytestmark = pytest.mark.offline

# Reached: a check that nothing connected to (or sent a datagram to) a listener on this machine.
Reached = Callable[[], bool]


def test_request_to_an_unserved_host_is_blocked_and_named(page: Page, site: Site) -> None:
    """发往模拟站点以外主机的请求在浏览器中被中止，并记下网址"""
    with site.expect_blocked("www.baidu.com") as blocked, pytest.raises(Error, match="ERR_BLOCKED_BY_CLIENT"):
        page.goto("https://www.baidu.com/s?wd=chsi")
    assert blocked == ["GET https://www.baidu.com/s?wd=chsi"]
    assert site.blocked == []  # expected, so it does not fail the test


# A Chromium with only the resolver rule, in a process of its own: the guard in this one would add the dead proxy.
RESOLVER_ONLY = """
import sys
from playwright.sync_api import Error, sync_playwright
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=sys.argv[1] or None, args=[sys.argv[2]])
    try:
        browser.new_page().goto("https://www.chsi.com.cn/", timeout=10_000)
        print("loaded")
    except Error as failed:
        print(str(failed).splitlines()[0])
    browser.close()
"""


def test_chromium_resolves_no_real_host(browser_type: BrowserType) -> None:
    """只靠解析规则（不用路由、不用代理）：真实域名根本无法解析"""
    executable = chromium_path(browser_type.executable_path, headless=True) or ""
    run = subprocess.run(
        [sys.executable, "-c", RESOLVER_ONLY, executable, OFFLINE_ARGS[0]],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "ERR_NAME_NOT_RESOLVED" in run.stdout, run.stdout + run.stderr[-2000:]


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


def _heard(*sockets: socket.socket) -> Reached:
    """A check that none of `sockets` has a connection or a datagram waiting, looked at once."""

    def reached() -> bool:
        # No waiting: on loopback the kernel has queued a connection or a datagram by the time the sender's connect or
        # send returns, and each test looks only after the page or the API call has answered (or been refused).
        ready, _, _ = select.select(list(sockets), [], [], 0)
        return bool(ready)

    return reached


@pytest.fixture
def tcp_socket() -> Iterator[socket.socket]:
    """A TCP listener on this machine."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        yield server


@pytest.fixture
def udp_socket() -> Iterator[socket.socket]:
    """A UDP socket on this machine."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        udp.bind(("127.0.0.1", 0))
        yield udp


@pytest.fixture
def listener(tcp_socket: socket.socket) -> tuple[int, Reached]:
    """A TCP listener's port, and a check that nothing connected to it."""
    return tcp_socket.getsockname()[1], _heard(tcp_socket)


@pytest.fixture
def udp_listener(udp_socket: socket.socket) -> tuple[int, Reached]:
    """A UDP socket's port, and a check that no datagram came."""
    return udp_socket.getsockname()[1], _heard(udp_socket)


@pytest.fixture
def listeners(tcp_socket: socket.socket, udp_socket: socket.socket) -> tuple[int, int, Reached]:
    """A TCP and a UDP listener, and one check that neither heard anything."""
    return tcp_socket.getsockname()[1], udp_socket.getsockname()[1], _heard(tcp_socket, udp_socket)


def test_the_listener_notices_a_connection(listener: tuple[int, Reached]) -> None:
    """本机监听器确实能发现连接：下面“收不到任何连接”的检查不是摆设"""
    port, reached = listener
    socket.create_connection(("127.0.0.1", port)).close()
    assert reached()


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


def test_webrtc_is_refused_named_and_sends_no_packet(page: Page, site: Site, udp_listener: tuple[int, Reached]) -> None:
    """WebRTC 连接直接写 IP 的 STUN 服务器：页面里被拒绝，本机收不到一个 UDP 包"""
    port, reached = udp_listener
    stun = f"stun:127.0.0.1:{port}"
    page.goto(f"{urls.WWW}/")
    with site.expect_blocked("127.0.0.1") as blocked:
        outcome = page.evaluate(
            """(stun) => { try { const pc = new RTCPeerConnection({iceServers: [{urls: stun}]});
             pc.createDataChannel("x"); pc.createOffer().then(o => pc.setLocalDescription(o)); return "created"; }
           catch (e) { return e.name; } }""",
            stun,
        )
    assert outcome == "NotAllowedError"
    assert not reached()
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


# Ways out that no route sees: each is refused in the page, and named; the listener on this machine hears nothing.
# PORT is the listener's; each script returns what the page saw.
IN_PAGE = {
    "shared-worker-fetch": (
        "SharedWorker",
        """() => { const code = "onconnect = e => fetch('http://127.0.0.1:PORT/shared')";
           try { new SharedWorker(URL.createObjectURL(new Blob([code], {type: 'text/javascript'}))); return 'started'; }
           catch (e) { return e.name; } }""",
        "SecurityError",
    ),
    "websocket-in-worker": (
        "Worker",
        """() => { const code = "new WebSocket('ws://127.0.0.1:PORT/worker')";
           try { new Worker(URL.createObjectURL(new Blob([code], {type: 'text/javascript'}))); return 'started'; }
           catch (e) { return e.name; } }""",
        "SecurityError",
    ),
    "websocket-in-shared-worker": (
        "SharedWorker",
        """() => { const code = "onconnect = () => new WebSocket('ws://127.0.0.1:PORT/shared')";
           try { new SharedWorker(URL.createObjectURL(new Blob([code], {type: 'text/javascript'})), 'ws'); return 'started'; }
           catch (e) { return e.name; } }""",
        "SecurityError",
    ),
    "worker-by-address": (
        "Worker",
        "() => { try { new Worker('/worker.js'); return 'started'; } catch (e) { return e.name; } }",
        "SecurityError",
    ),
    "speculation-rules-prefetch": (
        "Speculation",
        """async () => { const rules = document.createElement('script'); rules.type = 'speculationrules';
           rules.textContent = JSON.stringify({prefetch: [{source: 'list', urls: ['http://127.0.0.1:PORT/prefetch']}]});
           document.head.append(rules); await new Promise(r => queueMicrotask(r)); return 'inserted'; }""",
        "inserted",
    ),
    "webtransport": (
        "WebTransport",
        "() => { try { new WebTransport('https://127.0.0.1:PORT/wt'); return 'opened'; } catch (e) { return e.name; } }",
        "NotAllowedError",
    ),
    "blank-popup": (
        "Popup",
        """async () => { const popup = window.open(''); if (popup === null) return 'no popup';
           await popup.fetch('http://127.0.0.1:PORT/popup'); return 'fetched'; }""",
        "no popup",
    ),
    "service-worker-from-blank-iframe": (
        "ServiceWorker",
        """async () => { const frame = document.createElement('iframe'); document.body.append(frame);
           return frame.contentWindow.navigator.serviceWorker.register('/sw.js').then(() => 'registered', e => e.name); }""",
        "SecurityError",
    ),
    "webrtc-after-the-page-silences-the-guard": (
        "WebRTC",
        """() => { window.__chsiLeak = () => {}; console.debug = () => {}; JSON.stringify = () => '';
           try { new RTCPeerConnection({iceServers: [{urls: 'stun:127.0.0.1:PORT'}]}); return 'created'; }
           catch (e) { return e.name; } }""",
        "NotAllowedError",
    ),
    "webrtc-from-blank-iframe": (
        "WebRTC",
        """() => { const frame = document.createElement('iframe'); document.body.append(frame);
           try { new frame.contentWindow.RTCPeerConnection({iceServers: [{urls: 'stun:127.0.0.1:PORT'}]}); return 'created'; }
           catch (e) { return e.name; } }""",
        "NotAllowedError",
    ),
}  # fmt: skip


@pytest.mark.parametrize("way", list(IN_PAGE))
def test_ways_out_no_route_sees_are_refused_in_the_page_and_named(
    page: Page, site: Site, listeners: tuple[int, int, Reached], way: str
) -> None:
    """路由看不到的出口（SharedWorker、Worker 里的 WebSocket、预取规则、WebTransport、空白弹窗、空白 iframe 里的 Service Worker、改写上报钩子后的 WebRTC）：在页面中被拒绝并记下，不会卡住测试"""
    kind, script, outcome = IN_PAGE[way]
    tcp_port, udp_port, reached = listeners
    port = udp_port if kind in {"WebRTC", "WebTransport"} else tcp_port  # those speak UDP
    page.goto(f"{urls.WWW}/")
    host = "127.0.0.1" if kind not in {"Worker", "SharedWorker", "ServiceWorker", "Popup"} else "www.chsi.com.cn"
    with site.expect_blocked(host) as blocked:
        assert page.evaluate(script.replace("PORT", str(port))) == outcome
    assert [entry.split(" ", 1)[0] for entry in blocked] == [kind]
    assert not reached()


def test_a_second_context_is_served_by_the_same_mock_and_its_leaks_are_named(
    browser: Browser, site: Site, listener: tuple[int, Reached]
) -> None:
    """browser.new_context() 打开的第二个浏览器由同一个模拟站点回答；它发往别处的请求被拦下并记下"""
    port, reached = listener
    second = browser.new_context()
    page = second.new_page()
    HomePage(page).open()
    expect(page).to_have_url(f"{urls.WWW}/")
    with site.expect_blocked("127.0.0.1") as blocked, pytest.raises(Error, match="ERR_BLOCKED_BY_CLIENT"):
        page.goto(f"http://127.0.0.1:{port}/second")
    assert blocked == [f"GET http://127.0.0.1:{port}/second"]
    assert not reached()


def test_a_page_of_its_own_is_served_by_the_same_mock(
    browser: Browser, site: Site, listener: tuple[int, Reached]
) -> None:
    """browser.new_page() 的页面也由同一个模拟站点回答，发往别处的请求被拦下并记下；关闭页面即关闭它的上下文"""
    port, reached = listener
    page = browser.new_page()
    HomePage(page).open()
    with site.expect_blocked("127.0.0.1"), pytest.raises(Error, match="ERR_BLOCKED_BY_CLIENT"):
        page.goto(f"http://127.0.0.1:{port}/page")
    context = page.context
    page.close()
    assert context not in browser.contexts
    assert not reached()


def test_the_new_context_fixture_gives_a_second_browser_on_the_same_mock(
    new_context: Callable[..., BrowserContext], page: Page, site: Site, listener: tuple[int, Reached]
) -> None:
    """pytest-playwright 的 new_context 夹具：第二个浏览器与第一个看到同一个站点的数据，它的泄漏也被记下"""
    port, reached = listener
    other = new_context().new_page()
    other.goto(urls.inbox("student@163.com"))
    site.state.mail.deliver("student@163.com", "subject-1", "body", "", site.state.clock.now())
    other.reload()
    expect(other.get_by_role("link", name="subject-1")).to_be_visible()
    with site.expect_blocked("127.0.0.1"), pytest.raises(Error, match="ERR_BLOCKED_BY_CLIENT"):
        other.goto(f"http://127.0.0.1:{port}/fixture")
    assert not reached()


def _browser_processes() -> dict[int, str]:
    """The command lines of the Chromium browsers (not their renderers or helpers) this run started."""
    found = {}
    for pid in _descendants(os.getpid()):
        try:
            found[pid] = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
    return {pid: line for pid, line in found.items() if "--remote-debugging-pipe" in line and "--type=" not in line}


def test_a_browser_the_test_launches_gets_the_offline_flags_and_the_mock(
    browser_type: BrowserType, browser_type_launch_args: dict[str, Any], site: Site, listener: tuple[int, Reached]
) -> None:
    """测试自己启动的浏览器（browser_type.launch，不带任何参数）也带离线参数，它的页面由模拟站点回答"""
    port, reached = listener
    before = _browser_processes()
    executable = browser_type_launch_args.get("executable_path")
    own = browser_type.launch(executable_path=executable, args=[])
    started = {pid: line for pid, line in _browser_processes().items() if pid not in before}
    assert started and all(flag in line for line in started.values() for flag in OFFLINE_ARGS)
    page = own.new_page()
    HomePage(page).open()
    page.set_content(
        f'<link rel="dns-prefetch" href="//127.0.0.1:{port}"><link rel="preconnect" href="http://127.0.0.1:{port}">'
    )
    with site.expect_blocked("127.0.0.1"), pytest.raises(Error, match="ERR_BLOCKED_BY_CLIENT"):
        page.goto(f"http://127.0.0.1:{port}/launched")
    assert not reached()
    own.close()


def test_a_persistent_context_gets_the_offline_flags_and_the_mock(
    browser_type: BrowserType,
    browser_type_launch_args: dict[str, Any],
    site: Site,
    listener: tuple[int, Reached],
    tmp_path: Path,
) -> None:
    """launch_persistent_context 打开的浏览器带离线参数，由模拟站点回答，发往别处的请求被拦下并记下"""
    port, reached = listener
    before = _browser_processes()
    own = browser_type.launch_persistent_context(
        tmp_path, executable_path=browser_type_launch_args.get("executable_path")
    )
    started = [line for pid, line in _browser_processes().items() if pid not in before]
    assert started and all(flag in line for line in started for flag in OFFLINE_ARGS)
    page = own.new_page()
    HomePage(page).open()
    with site.expect_blocked("127.0.0.1"), pytest.raises(Error, match="ERR_BLOCKED_BY_CLIENT"):
        page.goto(f"http://127.0.0.1:{port}/persistent")
    assert not reached()
    own.close()


@pytest.mark.parametrize(
    ("options", "says"),
    [
        pytest.param({"proxy": {"server": "http://127.0.0.1:3128"}}, OWN_PROXY.format(proxy="http://127.0.0.1:3128"),
                     id="自设代理"),
        pytest.param({"service_workers": "allow"}, OWN_WORKERS, id="允许ServiceWorker"),
    ],
)  # fmt: skip
def test_a_context_that_asks_to_go_around_the_mock_is_refused(
    browser: Browser, site: Site, options: dict[str, Any], says: str
) -> None:
    """要求自设代理或允许 Service Worker 的浏览器上下文在创建时被拒绝，并用中文说明"""
    with pytest.raises(Error, match=re.escape(says)):
        browser.new_context(**options)


def test_taking_over_a_browser_by_cdp_is_refused(browser_type: BrowserType, site: Site) -> None:
    """connect_over_cdp 接管已有浏览器被拒绝：其中已有的页面不经过模拟站点"""
    with pytest.raises(Error, match=re.escape(NO_CDP)):
        browser_type.connect_over_cdp("http://127.0.0.1:9222")


@pytest.mark.parametrize("options", [pytest.param({}, id="默认"), pytest.param({"proxy": None}, id="proxy=None")])
def test_a_standalone_request_context_is_refused_at_creation(
    playwright: Playwright, site: Site, listener: tuple[int, Reached], options: dict[str, Any]
) -> None:
    """playwright.request.new_context（不论是否写 proxy=None）在创建时被拒绝，并用中文说明，本机监听器收不到连接"""
    port, reached = listener
    with pytest.raises(Error, match=re.escape(NO_REQUEST_CONTEXT)):
        playwright.request.new_context(**options).get(f"http://127.0.0.1:{port}/standalone")
    assert not reached()


# The request clients every context and page carry, and those of contexts and pages the test opens itself.
CLIENTS: dict[str, Callable[[Page, Browser], Any]] = {
    "page.request": lambda page, browser: page.request,
    "context.request": lambda page, browser: page.context.request,
    "browser.new_context().request": lambda page, browser: browser.new_context().request,
    "browser.new_page().request": lambda page, browser: browser.new_page().request,
}


@pytest.mark.parametrize("client", list(CLIENTS))
@pytest.mark.parametrize("method", ["get", "post", "fetch", "head"])
def test_test_codes_own_requests_are_refused_and_named(
    page: Page, browser: Browser, site: Site, listener: tuple[int, Reached], client: str, method: str
) -> None:
    """测试代码自己的请求（page.request、context.request、第二个上下文或页面的 request）被拒绝并记下主机，本机监听器收不到连接"""
    port, reached = listener
    address = f"http://127.0.0.1:{port}/leak"
    refusal = re.escape(OWN_REQUEST.format(what=f"API {'GET' if method == 'fetch' else method.upper()} {address}"))
    with site.expect_blocked("127.0.0.1") as blocked, pytest.raises(Error, match=refusal):
        getattr(CLIENTS[client](page, browser), method)(address)
    verb = "GET" if method == "fetch" else method.upper()
    assert blocked == [f"API {verb} {address}"]
    assert not reached()


def test_a_route_of_the_tests_own_hands_what_it_lets_through_to_the_mock(
    page: Page, site: Site, listener: tuple[int, Reached]
) -> None:
    """测试自己的路由放行（route.continue_）的请求交给模拟站点：本站照常回答，别处被拦下并记下；route.fetch 被拒绝"""
    port, reached = listener
    page.route("**/*", lambda route: route.continue_())
    HomePage(page).open()
    expect(HomePage(page).toolbar).to_be_visible()
    with site.expect_blocked("127.0.0.1"), pytest.raises(Error, match="ERR_BLOCKED_BY_CLIENT"):
        page.goto(f"http://127.0.0.1:{port}/continued")
    refused: list[str] = []

    def fetch_it(route: Route) -> None:
        try:
            route.fetch()
        except Error as error:
            refused.append(str(error))
        route.abort()

    page.route(f"http://127.0.0.1:{port}/fetched", fetch_it)
    with site.expect_blocked("127.0.0.1"), pytest.raises(Error):
        page.goto(f"http://127.0.0.1:{port}/fetched")
    assert refused == [OWN_REQUEST.format(what=f"API GET http://127.0.0.1:{port}/fetched")]
    assert not reached()


# A form posting a photo of `mb` megabytes (`form`, `photo`, `files`, `button`), for a script to put somewhere and send.
BIG_FORM = """const form = Object.assign(document.createElement('form'),
        {method: 'post', enctype: 'multipart/form-data', action: '/account/review.action'});
        const photo = Object.assign(document.createElement('input'), {type: 'file', name: 'front'});
        const files = new DataTransfer(); files.items.add(new File([new Uint8Array(mb * 1048576)], 'front.jpg'));
        photo.files = files.files; const button = Object.assign(document.createElement('button'), {type: 'submit'});"""
# Bodies far over the mock's limit (2 MB), sent every way a page can: refused before they leave the page.
HUGE = {
    "fetch": "(mb) => fetch('/account/review.action', {method: 'POST', body: 'x'.repeat(mb * 1048576)}).then(() => 'sent', e => e.name)",
    "fetch-request": "(mb) => fetch(new Request('/account/review.action', {method: 'POST', body: new Blob(['x'.repeat(mb * 1048576)])})).then(() => 'sent', e => e.name)",
    "xhr": "(mb) => { const x = new XMLHttpRequest(); x.open('POST', '/account/review.action'); try { x.send(new Uint8Array(mb * 1048576)); return 'sent'; } catch (e) { return e.name; } }",
    "beacon": "(mb) => navigator.sendBeacon('/account/review.action', 'x'.repeat(mb * 1048576)) ? 'sent' : 'refused'",
    "form-submit": f"""(mb) => {{ {BIG_FORM}
        form.append(photo); document.body.append(form); form.submit(); return location.href; }}""",
    "form-button": f"""(mb) => {{ {BIG_FORM}
        form.append(photo, button); document.body.append(form); button.click(); return location.href; }}""",
    "stream": "() => fetch('/account/review.action', {method: 'POST', body: new ReadableStream(), duplex: 'half'}).then(() => 'sent', e => e.name)",
    # A Request's body with an init that names no body: the browser keeps the Request's.
    "fetch-request-init-without-body": "(mb) => fetch(new Request('/account/review.action', {method: 'POST', body: 'x'.repeat(mb * 1048576)}), {body: undefined}).then(() => 'sent', e => e.name)",
    "typed-array-claiming-no-bytes": "(mb) => { class Lie extends Uint8Array { get byteLength() { return 0; } } return fetch('/account/review.action', {method: 'POST', body: new Lie(mb * 1048576)}).then(() => 'sent', e => e.name); }",
    "blob-of-another-frame": """(mb) => { const frame = document.createElement('iframe'); document.body.append(frame);
        const body = new frame.contentWindow.Blob(['x'.repeat(mb * 1048576)]);
        return fetch('/account/review.action', {method: 'POST', body}).then(() => 'sent', e => e.name); }""",
    "form-button-in-a-shadow-root": f"""(mb) => {{ {BIG_FORM}
        const host = document.createElement('div'); document.body.append(host);
        host.attachShadow({{mode: 'closed'}}).append(form); form.append(photo, button); button.click();
        return location.href; }}""",
    "form-button-in-a-declared-shadow-root": """(mb) => { const host = document.createElement('div'); document.body.append(host);
        host.setHTMLUnsafe('<div><template shadowrootmode="open"><form method="post" enctype="multipart/form-data"'
          + ' action="/account/review.action"><input type="file" name="front"><button><b>OK</b></button></form>'
          + '</template></div>');
        const root = host.firstChild.shadowRoot;
        const files = new DataTransfer(); files.items.add(new File([new Uint8Array(mb * 1048576)], 'front.jpg'));
        root.querySelector('input').files = files.files; root.querySelector('b').click(); return location.href; }""",
    "request-submit-in-a-shadow-root": f"""(mb) => {{ {BIG_FORM}
        const host = document.createElement('div'); document.body.append(host);
        host.attachShadow({{mode: 'open'}}).append(form); form.append(photo); form.requestSubmit();
        return location.href; }}""",
}  # fmt: skip
REFUSED = {"fetch": "TypeError", "fetch-request": "TypeError", "xhr": "NetworkError", "beacon": "refused",
           "form-submit": url_for("review"), "form-button": url_for("review"), "stream": "TypeError",
           "fetch-request-init-without-body": "TypeError", "typed-array-claiming-no-bytes": "TypeError",
           "blob-of-another-frame": "TypeError", "form-button-in-a-shadow-root": url_for("review"),
           "form-button-in-a-declared-shadow-root": url_for("review"),
           "request-submit-in-a-shadow-root": url_for("review")}  # fmt: skip


@pytest.mark.parametrize("way", list(HUGE))
def test_a_body_over_the_limit_is_refused_in_the_page_at_once(page: Page, site: Site, way: str) -> None:
    """超过上限的请求体（100 MB）在页面里就被拒绝并记下，不经过 Playwright 的驱动程序，几秒内完成，页面照常可用"""
    page.goto(url_for("review"))
    started = time.monotonic()
    with site.expect_blocked("account.chsi.com.cn") as blocked:
        assert page.evaluate(HUGE[way], 100) == REFUSED[way]
    assert time.monotonic() - started < 5
    assert len(blocked) == 1 and blocked[0].startswith(f"POST {url_for('review')} ")
    assert str(MAX_BODY) in blocked[0]
    assert site.state.problems == []  # it never reached the mock
    page.goto(url_for("review"))  # the page, the browser and Playwright's driver carry on
    expect(page.get_by_role("heading", level=1)).to_be_visible()


# A body that hands over nothing when first read and 100 MB when read again: a getter (a Proxy can do the same), or a
# toString, for fetch and for XMLHttpRequest.
TWO_FACED = {
    "getter": """(mb) => { let reads = 0; const big = 'x'.repeat(mb * 1048576);
        const init = {method: 'POST', get body() { return reads++ ? big : ''; }};
        return fetch('/account/review.action', init).then((r) => r.status, (e) => e.name); }""",
    "fetch-tostring": """(mb) => { let reads = 0; const big = 'x'.repeat(mb * 1048576);
        const body = {toString() { return reads++ ? big : ''; }};
        return fetch('/account/review.action', {method: 'POST', body}).then((r) => r.status, (e) => e.name); }""",
    "xhr-tostring": """(mb) => { let reads = 0; const big = 'x'.repeat(mb * 1048576);
        const x = new XMLHttpRequest(); x.open('POST', '/account/review.action', false);
        x.send({toString() { return reads++ ? big : ''; }}); return x.status; }""",
}  # fmt: skip


@pytest.mark.parametrize("way", list(TWO_FACED))
def test_a_body_that_changes_once_measured_is_sent_as_measured(page: Page, site: Site, way: str) -> None:
    """请求体在量大小时是空的、真正发送时变成 100 MB（getter、Proxy 或 toString）：页面只读一次，发出去的就是量过的那个，大请求体出不了页面"""
    page.goto(url_for("review"))
    status = page.evaluate(TWO_FACED[way], 100)
    assert status == 200  # the mock's own answer to an empty form (the form again), not 413 for a body over its limit
    assert site.blocked == []


def test_a_body_under_the_limit_still_reaches_the_mock(page: Page, site: Site) -> None:
    """不超过上限的请求体照常交给模拟站点（由站点自己回答）"""
    page.goto(url_for("review"))
    status = page.evaluate(
        "() => fetch('/account/review.action', {method: 'POST', body: new URLSearchParams({xm: 'x'.repeat(1000)})})"
        ".then(r => r.status)"
    )
    assert status == 200
    assert site.blocked == []


@pytest.mark.parametrize(
    ("address", "host"),
    [
        pytest.param("https://collector.example.com/p?ref=www.baidu.com", "www.baidu.com", id="地址里提到的主机"),
        pytest.param("https://evilexample.com/p", "example.com", id="名字相近的主机"),
        pytest.param("https://www.example.com/p", "example.com", id="子域名"),
    ],
)
def test_expect_blocked_expects_only_the_named_host(page: Page, site: Site, address: str, host: str) -> None:
    """site.expect_blocked 只认请求本身的主机：地址里提到的、名字相近的、子域名都不算，仍使测试失败"""
    HomePage(page).open()
    with pytest.raises(AssertionError, match=re.escape(NOT_BLOCKED.format(host=host))), site.expect_blocked(host):
        page.evaluate("(address) => fetch(address).catch(() => 'blocked')", address)
    assert site.blocked == [f"GET {address}"]
    site.blocked.clear()  # seen: the point of this test is that it was not expected
