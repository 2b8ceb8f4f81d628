"""Every browser test under e2e/: the mock, the virtual clock, the trace and the report's labels, before any page loads.

The fixtures themselves live in the harness's pytest plugin, harness/plugin/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.clock import SharedClock
from mock_server import Site


@pytest.fixture(autouse=True)
def _every_journey_is_offline(
    site: Site, clock: SharedClock, traced: None, report_labels: None, report_environment: None
) -> None:
    """Requested by every test here, so none can load a page before the mock answers it."""


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool:
    """The journey of any school's guide runs only when a run names one (chsi-e2e audit FILE)."""
    return collection_path.name == "test_any_guide.py" and not config.getoption("--audit-guide")
