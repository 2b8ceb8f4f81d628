"""Every browser test under e2e/: the mock, the virtual clock, the trace and the report's labels, before any page loads.

The fixtures themselves live in the harness's pytest plugin, harness/plugin/.
"""

from __future__ import annotations

import pytest

from harness.clock import SharedClock
from mock_server import Site


@pytest.fixture(autouse=True)
def _every_journey_is_offline(
    site: Site, clock: SharedClock, traced: None, report_labels: None, report_environment: None
) -> None:
    """Requested by every test here, so none can load a page before the mock answers it."""
