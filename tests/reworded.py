"""A pytest plugin (-p tests.reworded) that rewords one site message, named by CHSI_REWORD, for the whole run."""

from __future__ import annotations

import os
from types import MappingProxyType

import pytest

from mock_server import messages

# What a copy edit adds: the same message, said differently.
EDIT = "（措辞已修改）"


def pytest_configure(config: pytest.Config) -> None:
    """Reword the message before any test runs; the site and the tests both read it through say()."""
    code = os.environ["CHSI_REWORD"]
    messages.MESSAGES = MappingProxyType({**messages.MESSAGES, code: EDIT + messages.MESSAGES[code]})


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say which message this run reworded, so the caller can tell the edit took effect."""
    code = os.environ["CHSI_REWORD"]
    terminalreporter.write_line(
        f"已改写措辞 {code}：{messages.say(code) if '{' not in messages.MESSAGES[code] else code}"
    )
