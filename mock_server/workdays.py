"""Working days on the Chinese calendar: weekends, public holidays and their make-up days."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar


def is_working_day(day: date) -> bool:
    """True on a working day, make-up Saturdays and Sundays included (chinesecalendar's data)."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError as outside:
        raise ValueError(f"chinesecalendar has no holiday data for {day.year}: upgrade it ({outside})") from outside


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
