"""A pytest plugin (-p tests.reworded) that rewords site messages for the whole run: the code in CHSI_REWORD, or all (*)."""

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
    codes = list(messages.MESSAGES) if code == "*" else [code]
    messages.MESSAGES = MappingProxyType({**messages.MESSAGES, **{c: EDIT + messages.MESSAGES[c] for c in codes}})


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say which message this run reworded, so the caller can tell the edit took effect."""
    code = os.environ["CHSI_REWORD"]
    if code == "*":
        edited = sum(message.startswith(EDIT) for message in messages.MESSAGES.values())
        terminalreporter.write_line(f"已改写措辞：全部 {edited} 条")
        return
    terminalreporter.write_line(
        f"已改写措辞 {code}：{messages.say(code) if '{' not in messages.MESSAGES[code] else code}"
    )
