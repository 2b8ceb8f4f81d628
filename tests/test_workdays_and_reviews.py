"""Working days from chinesecalendar, and review tickets decided within seven of them."""

from datetime import date, datetime, timedelta

import pytest

from fixtures.images import id_card_photo
from fixtures.personas import make_persona
from fixtures.students import enrol, existing_account, second_email
from mock_server import Site, url_for
from mock_server.clock import BEIJING, VirtualClock
from mock_server.http import Request
from mock_server.services.reviews import Decision, ReviewQueue
from mock_server.state import State
from mock_server.workdays import CalendarMissing, add_working_days, is_working_day
from tests.helpers import multipart


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


def test_a_year_without_calendar_data_counts_monday_to_friday_and_says_so() -> None:
    """日历还没有某一年的节假日数据：按周一至周五计算，并用中文警告说明要升级 chinesecalendar"""
    with pytest.warns(CalendarMissing, match="还没有 2099 年的节假日安排"):
        assert is_working_day(date(2099, 1, 5)) and not is_working_day(date(2099, 1, 4))


def test_a_review_filed_where_the_calendar_ends_gets_its_due_date() -> None:
    """2026 年 12 月 25 日提交的帐号审核，七个工作日跨进日历还没有数据的 2027 年：照样受理并给出期限，不是站点错误"""
    site = Site(State(clock=VirtualClock(datetime(2026, 12, 25, 9, tzinfo=BEIJING))))
    student = make_persona(81, date(2026, 12, 25))
    enrol(site.state, student)
    existing_account(site.state, student)
    existing_account(site.state, student, second_email(student))
    content_type, body = multipart(
        [("xm", student.name), ("sfzh", student.id_number), ("keep", student.email)],
        [("front", "f.jpg", id_card_photo(student, "front")), ("back", "b.jpg", id_card_photo(student, "back"))],
    )
    with pytest.warns(CalendarMissing):
        response = site.handle(Request("POST", url_for("review"), {"content-type": content_type}, body))
    assert response.status == 200 and site.crashes == []
    (ticket,) = site.state.reviews.tickets.values()
    assert ticket.due.year == 2027 and ticket.due.weekday() < 5


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
