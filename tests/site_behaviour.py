"""A pytest plugin (-p tests.site_behaviour) that changes what the site does for a whole run, as a site's own change
would, named by CHSI_SITE_BEHAVIOUR:

yes_keeps_unfinished: 是 shows 账号注册成功 but leaves the account where it stood, at 确认个人信息.
"""

from __future__ import annotations

import os
from datetime import datetime

import pytest

from mock_server.services.accounts import Account, Accounts


def _leaves_it_unfinished(self: Accounts, account: Account, now: datetime) -> None:
    """是, as the changed site answers it: nothing is recorded."""


def pytest_configure(config: pytest.Config) -> None:
    """Change what CHSI_SITE_BEHAVIOUR names before any test runs."""
    if os.environ["CHSI_SITE_BEHAVIOUR"] == "yes_keeps_unfinished":
        Accounts.finish = _leaves_it_unfinished  # type: ignore[method-assign]
