"""Working days from chinesecalendar, and review tickets decided within seven of them."""

from datetime import date, datetime, timedelta

import pytest

from mock_server.clock import BEIJING
from mock_server.services.reviews import Decision, ReviewQueue
from mock_server.workdays import add_working_days, is_working_day


def test_ordinary_week_skips_the_weekend() -> None:
    assert add_working_days(date(2012, 11, 5), 7) == date(2012, 11, 14)  # Monday -> next Wednesday


def test_national_day_2012_counts_the_make_up_saturday_and_skips_the_holiday() -> None:
    assert is_working_day(date(2012, 9, 29))  # Saturday, a make-up working day
    assert not is_working_day(date(2012, 10, 1))
    assert add_working_days(date(2012, 9, 28), 7) == date(2012, 10, 15)


def test_spring_festival_is_skipped() -> None:
    # 2013 春节: 2/9–2/15 off, with 2/16 and 2/17 (Saturday, Sunday) worked.
    assert add_working_days(date(2013, 2, 8), 1) == date(2013, 2, 16)


def test_counting_starts_at_one() -> None:
    with pytest.raises(ValueError, match="from 1"):
        add_working_days(date(2012, 11, 5), 0)


def test_a_year_without_calendar_data_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="no holiday data for 2099"):
        is_working_day(date(2099, 1, 5))


MONDAY = datetime(2012, 11, 5, 9, 0, tzinfo=BEIJING)


def test_tickets_are_numbered_by_day_and_due_in_seven_working_days() -> None:
    queue = ReviewQueue()
    first = queue.file("张三", "11010519491231002X", "a@b.cn", b"f", b"b", MONDAY)
    second = queue.file("李四", "430102900101003", "c@d.cn", b"f", b"b", MONDAY)
    assert (first.number, second.number, first.due) == ("SH2012110500001", "SH2012110500002", date(2012, 11, 14))
    assert queue.get(" sh2012110500001 ") is first


def test_overdue_only_after_the_due_day_and_only_while_pending() -> None:
    ticket = ReviewQueue().file("张三", "11010519491231002X", "a@b.cn", b"f", b"b", MONDAY)
    assert not ticket.overdue(datetime(2012, 11, 14, 23, 59, tzinfo=BEIJING))
    assert ticket.overdue(datetime(2012, 11, 15, 0, 0, tzinfo=BEIJING))
    ticket.decision = Decision.APPROVED
    assert not ticket.overdue(MONDAY + timedelta(days=30))


def test_a_ticket_is_decided_once() -> None:
    queue = ReviewQueue()
    ticket = queue.file("张三", "11010519491231002X", "a@b.cn", b"f", b"b", MONDAY)
    queue.decide(ticket.number, Decision.REJECTED, MONDAY, "照片不清晰")
    assert queue.pending() == []
    with pytest.raises(ValueError, match="already decided"):
        queue.decide(ticket.number, Decision.APPROVED, MONDAY)
