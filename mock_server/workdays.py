"""Working days on the Chinese calendar: weekends, public holidays and their make-up days."""

from __future__ import annotations

import warnings
from datetime import date, timedelta

import chinese_calendar


def is_working_day(day: date) -> bool:
    """True on a working day, make-up Saturdays and Sundays included (chinesecalendar's data); in a year the calendar
    has no data for yet (the State Council publishes each year's late in the year before), Monday to Friday, with a
    warning: a review filed in late December must still get its due date, not an error page."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        warnings.warn(
            f"chinesecalendar 还没有 {day.year} 年的节假日安排：暂按周一至周五计算工作日，请升级 chinesecalendar",
            CalendarMissing,
            stacklevel=2,
        )
        return day.weekday() < 5


class CalendarMissing(UserWarning):
    """Working days were counted without the year's holidays."""


def add_working_days(start: date, count: int) -> date:
    """The `count`-th working day after `start` (the day itself not counted)."""
    if count < 1:
        raise ValueError("count working days from 1")
    day = start
    while count:
        day += timedelta(days=1)
        count -= is_working_day(day)
    return day


def working_days_between(start: date, end: date) -> int:
    """How many working days lie after `start` up to and including `end`."""
    return sum(is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1))
