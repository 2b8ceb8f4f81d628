"""The virtual clock moves only when told."""

from datetime import UTC, datetime, timedelta

import pytest

from mock_server.clock import GUIDE_MORNING, VirtualClock


def test_starts_on_the_guide_morning_in_beijing() -> None:
    assert VirtualClock().now().isoformat() == "2012-11-05T09:00:00+08:00"


def test_advance_moves_exactly() -> None:
    clock = VirtualClock()
    assert clock.advance(timedelta(seconds=30)) == GUIDE_MORNING + timedelta(seconds=30)
    assert clock.now() == GUIDE_MORNING + timedelta(seconds=30)


def test_time_does_not_go_backwards() -> None:
    with pytest.raises(ValueError, match="backwards"):
        VirtualClock().advance(timedelta(seconds=-1))


def test_naive_start_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        VirtualClock(datetime(2012, 1, 1))


def test_time_is_reported_in_beijing_whatever_the_start_zone() -> None:
    clock = VirtualClock(datetime(2012, 11, 6, 0, 0, tzinfo=UTC))
    assert clock.now().isoformat() == "2012-11-06T08:00:00+08:00"
