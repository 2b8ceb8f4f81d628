"""Journeys on a Playwright server, as on a team's shared browser farm: the mock and the guard stay on this machine."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.browser import chromium_path

ROOT = Path(__file__).parents[1]
pytestmark = pytest.mark.xdist_group("tooling")


@pytest.fixture
def browser_server() -> Iterator[str]:
    """A local `playwright run-server` (with --unsafe, so it takes the offline flags and the Debian Chromium)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "playwright", "run-server", "--host", "127.0.0.1", "--port", str(port), "--unsafe"],
        stdout=subprocess.PIPE, text=True, start_new_session=True,  # its own group: the node server it starts goes too
    )  # fmt: skip
    try:
        assert server.stdout is not None
        line = server.stdout.readline()  # the server says where it listens once it does
        assert "Listening on" in line, line
        yield f"ws://127.0.0.1:{port}/"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_a_journey_and_the_guard_run_on_a_playwright_server(browser_server: str, tmp_path: Path) -> None:
    """The nine steps pass on the remote browser, and a request to a real host is still blocked and named."""
    chromium = chromium_path("", headless=True) or ""
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "e2e/test_registration.py::test_registration_nine_steps_and_login",
         "e2e/test_offline.py::test_request_to_an_unserved_host_is_blocked_and_named",
         "e2e/test_security.py::test_network_guard_blocks_and_names_every_way_out",
         "--browser-server", browser_server, "--browser-server-chromium", chromium,
         "-q", "-n", "0", "-p", "no:randomly", f"--alluredir={tmp_path / 'results'}"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-3000:]
    assert "35 passed" in run.stdout
