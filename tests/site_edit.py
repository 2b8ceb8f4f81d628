"""A pytest plugin (-p tests.site_edit) that edits the site's HTML for a whole run, as a site's own change would:
CHSI_SITE_EDIT holds `old=>new` pairs, one per line, replaced in every page the mock serves. Page objects still read
the unedited words table, so only what the journeys find by structure or by the guide's words can go on."""

from __future__ import annotations

import os

import pytest

from mock_server import http, render

# How many served pages each edit changed, so the caller can tell the edit took effect.
EDITED: dict[str, int] = {}


def _edits() -> list[tuple[str, str]]:
    pairs = [line.split("=>", 1) for line in os.environ["CHSI_SITE_EDIT"].splitlines() if "=>" in line]
    return [(old, new) for old, new in pairs]


def pytest_configure(config: pytest.Config) -> None:
    """Wrap the mock's HTML responses before any test runs."""
    edits = _edits()

    def edited(body: str, status: int = 200) -> http.Response:
        for old, new in edits:
            if old in body:
                EDITED[old] = EDITED.get(old, 0) + 1
                body = body.replace(old, new)
        return http.html(body, status)

    render.html = edited  # type: ignore[assignment]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say which edits changed a page, and on how many pages."""
    for old, new in _edits():
        terminalreporter.write_line(f"站点改动 {old} → {new}：{EDITED.get(old, 0)} 页")
