"""A pytest plugin (-p tests.breakage) that breaks the mock or the harness for a whole run, named by CHSI_BREAK.

mock: the SMS gateway fails inside the mock, so the handler crashes (a 500).
tool: the harness cannot read what a page offers (an exception in harness code).
"""

from __future__ import annotations

import os
from datetime import datetime

import pytest

from harness import inventory
from mock_server.services.sms import Sms, SmsGateway


def _broken_look(look: object) -> inventory.Inventory:
    raise RuntimeError("inventory unavailable")


def _broken_gateway(self: SmsGateway, phone: str, now: datetime, asked_by: str = "") -> Sms:
    raise RuntimeError("SMS gateway down")


def pytest_configure(config: pytest.Config) -> None:
    """Break what CHSI_BREAK names before any test runs."""
    if os.environ["CHSI_BREAK"] == "mock":
        SmsGateway.send_code = _broken_gateway  # type: ignore[method-assign]
    else:
        inventory.Inventory.read = classmethod(lambda cls, look: _broken_look(look))  # type: ignore[method-assign,assignment]
