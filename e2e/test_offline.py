"""Nothing leaves the machine: no real host resolves, and unserved hosts are blocked and named."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Error, Page

from mock_server import Site


def test_request_to_an_unserved_host_is_blocked_and_named(page: Page, site: Site) -> None:
    """A host the mock does not serve is aborted in the browser and recorded with its URL."""
    with pytest.raises(Error, match="ERR_BLOCKED_BY_CLIENT"):
        page.goto("https://www.baidu.com/s?wd=学信网")
    assert site.blocked == ["GET https://www.baidu.com/s?wd=%E5%AD%A6%E4%BF%A1%E7%BD%91"]
    site.blocked.clear()  # recorded as it should be; the fixture would otherwise fail this test


def test_chromium_resolves_no_real_host(browser: Browser) -> None:
    """Without the mock's routes, a real host name does not resolve at all."""
    bare = browser.new_context()
    try:
        with pytest.raises(Error, match="ERR_NAME_NOT_RESOLVED"):
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
    """The mock is no server: neither pytest nor its browser holds a listening socket."""
    with socket.create_server(("127.0.0.1", 0)):
        assert len(_listeners_held_by_this_run()) == 1  # the check sees a listener when there is one
    page.goto("https://www.chsi.com.cn/")
    assert _listeners_held_by_this_run() == []
