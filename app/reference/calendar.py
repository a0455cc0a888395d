"""Working days in Indonesia: Monday–Friday, minus national public holidays (the `holidays` package) and the
cuti bersama / local days kept in the collective_leave_day table (editable by Admin)."""
from datetime import date, timedelta
from functools import lru_cache

import holidays

from app.extensions import db
from app.reference.models import CollectiveLeaveDay


@lru_cache(maxsize=32)
def _public_holidays(year):
    return frozenset(holidays.country_holidays("ID", years=year))


class WorkingCalendar:
    """Loads the table once; use one calendar per request or job."""

    def __init__(self, session=None, collective_leave_working=False):
        """collective_leave_working: cuti bersama counts as a working day (a deadline may read it so)."""
        rows = (session or db.session).query(CollectiveLeaveDay.day, CollectiveLeaveDay.is_working_day).all()
        self.days_off = {day for day, working in rows if not working and not collective_leave_working}
        self.extra_working = {day for day, working in rows if working}

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_working:
            return True
        if day.weekday() >= 5 or day in self.days_off:
            return False
        return day not in _public_holidays(day.year)

    def add_working_days(self, start: date, days: int) -> date:
        """The date `days` working days after `start` (e.g. the registration deadline after signing)."""
        current, left = start, days
        while left > 0:
            current += timedelta(days=1)
            if self.is_working_day(current):
                left -= 1
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        count, current = 0, start
        while current < end:
            current += timedelta(days=1)
            count += self.is_working_day(current)
        return count
