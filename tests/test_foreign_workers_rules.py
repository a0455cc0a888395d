"""The foreign-worker rules (PP 34/2021, Permenaker 8/2021) called directly: DKPTKA amounts against an independent
computation, extension timing in working days, the 2-year extension, where a payment belongs, the validation SLA."""
import random
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

import pytest

from app.core.validation import DomainError
from app.foreign_workers import rules


# ---- amounts -----------------------------------------------------------------------------------------------

def independent_idr(usd: int, rate: str) -> int:
    """Rupiah by exact fractions and the schoolbook rule: half a rupiah or more rounds up."""
    exact = Fraction(usd) * Fraction(rate)
    whole = exact.numerator // exact.denominator
    return whole + (1 if exact - whole >= Fraction(1, 2) else 0)


@pytest.mark.parametrize("months,positions,usd", [(1, 1, 100), (12, 1, 1200), (6, 2, 1200), (24, 3, 7200)])
def test_usd_amount_is_100_per_position_per_month(months, positions, usd):
    assert rules.usd_amount(months, positions) == usd


def test_idr_amount_for_many_rates_and_periods():
    rng = random.Random(12)
    for _ in range(2000):
        months, positions = rng.randint(1, 24), rng.randint(1, 3)
        rate = f"{rng.randint(13000, 17500)}.{rng.randint(0, 9999):04d}"
        usd = rules.usd_amount(months, positions)
        expected = independent_idr(usd, rate)
        assert rules.idr_amount(usd, rate) == expected
        assert rules.check_payment_amounts(months, positions, usd, rate, expected) == []


@pytest.mark.parametrize("usd,rate,idr", [
    (100, "15750.005", 1575001),  # 1.575.000,5 → up
    (100, "15750.004", 1575000),  # 1.575.000,4 → down
    (1, "0.5", 1), (1, "0.49", 0),
    (1200, "16123.45", 19348140),
])
def test_idr_rounding_half_up(usd, rate, idr):
    assert rules.idr_amount(usd, rate) == idr


def test_wrong_amounts_are_each_named():
    assert any("USD seharusnya 1200" in m for m in rules.check_payment_amounts(12, 1, 1000, "16000", 16000000))
    wrong_idr = rules.check_payment_amounts(12, 1, 1200, "16000.5", 19200000)
    assert len(wrong_idr) == 1 and "19.200.600" in wrong_idr[0]
    assert rules.check_payment_amounts(0, 1, 0, "16000", 0)  # no months
    assert rules.check_payment_amounts(25, 1, 2500, "16000", 40000000)  # beyond 2 years
    assert rules.check_payment_amounts(1, 0, 0, "16000", 0)
    assert rules.check_payment_amounts(1, 1, 100, "0", 0)
    assert rules.check_payment_amounts(1, 1, 100, "abc", 0)
    assert rules.check_payment_amounts(1, 1, 100, "16000", "1600000.5")
    assert rules.check_payment_amounts(1.5, 1, 150, "16000", 2400000)
    assert rules.check_payment_amounts(True, 1, 100, "16000", 1600000)


# ---- extension timing --------------------------------------------------------------------------------------

class Calendar:
    """Monday–Friday minus the given holidays (the project's WorkingCalendar has the same interface)."""

    def __init__(self, holidays=()):
        self.holidays = set(holidays)

    def is_working_day(self, day):
        return day.weekday() < 5 and day not in self.holidays

    def add_working_days(self, start, days):
        current = start
        while days:
            current += timedelta(days=1)
            days -= self.is_working_day(current)
        return current


def working_days_from(start, end, calendar):
    """Working days from start (included) to end (excluded), counted one by one."""
    return sum(calendar.is_working_day(start + timedelta(days=i)) for i in range((end - start).days))


def test_due_date_is_30_working_days_before_the_end_across_weekends():
    calendar = Calendar()
    end = date(2027, 3, 31)  # a Wednesday
    due = rules.extension_due_by(end, calendar)
    assert due == date(2027, 2, 17)  # 6 weeks back: 30 weekdays
    assert working_days_from(due, end, calendar) == 30
    assert not rules.is_late(due, end, calendar)
    assert rules.is_late(due + timedelta(days=1), end, calendar)
    assert not rules.is_late(due - timedelta(days=10), end, calendar)


def test_due_date_moves_back_over_holidays():
    holidays = {date(2027, 3, 1), date(2027, 3, 2), date(2027, 2, 17)}
    calendar = Calendar(holidays)
    end = date(2027, 3, 31)
    due = rules.extension_due_by(end, calendar)
    assert working_days_from(due, end, calendar) == 30 and calendar.is_working_day(due)
    assert due == date(2027, 2, 12)  # three holidays: three working days earlier (over a weekend)
    assert rules.is_late(date(2027, 2, 15), end, calendar) and not rules.is_late(due, end, calendar)


def test_due_date_for_an_end_on_a_sunday():
    calendar = Calendar()
    end = date(2027, 4, 4)  # Sunday
    due = rules.extension_due_by(end, calendar)
    assert working_days_from(due, end, calendar) == 30
    assert due == date(2027, 2, 22)


def test_due_date_with_the_project_calendar(db):
    from app.reference.calendar import WorkingCalendar

    calendar = WorkingCalendar()
    end = date(2026, 4, 30)  # Idul Fitri 1447 H falls in March 2026
    due = rules.extension_due_by(end, calendar)
    assert working_days_from(due, end, calendar) == 30
    assert due < date(2026, 3, 19)  # weekends and the Lebaran holidays push it back past 6 weeks


@pytest.mark.parametrize("start,end,ok", [
    (date(2027, 1, 1), date(2028, 12, 31), True),   # exactly 2 years
    (date(2027, 1, 1), date(2029, 1, 1), False),    # one day more
    (date(2027, 3, 15), date(2029, 3, 14), True),
    (date(2027, 3, 15), date(2029, 3, 15), False),
    (date(2027, 1, 1), date(2027, 1, 1), False),    # ends when it starts
    (date(2027, 1, 2), date(2027, 1, 1), False),
    (date(2027, 1, 1), date(2027, 6, 30), True),
])
def test_extension_lasts_at_most_two_years(start, end, ok):
    if ok:
        rules.check_extension_period(start, end)
    else:
        with pytest.raises(DomainError):
            rules.check_extension_period(start, end)


# ---- where a payment belongs -------------------------------------------------------------------------------

@dataclass
class Loc:
    regency_code: str
    regency_name: str = ""


def test_one_kecamatan_belongs_here():
    found = rules.payment_authority([Loc("36.03", "Kabupaten Tangerang")])
    assert found.level == rules.KABUPATEN and "Disnaker Kabupaten Tangerang" in found.sentence


def test_two_kecamatan_of_the_regency_belong_here():
    assert rules.payment_authority([Loc("36.03"), Loc("36.03")]).level == rules.KABUPATEN


def test_one_outside_in_banten_goes_to_the_province():
    found = rules.payment_authority([Loc("36.03"), Loc("36.71", "Kota Tangerang")])
    assert found.level == rules.PROVINSI and found.province_name == "Banten"
    assert "Provinsi Banten" in found.sentence and "bukan di sini" in found.sentence


def test_one_outside_banten_goes_to_the_ministry():
    found = rules.payment_authority([Loc("36.03"), Loc("31.74", "Kota Jakarta Selatan")])
    assert found.level == rules.KEMENTERIAN and "Kementerian Ketenagakerjaan" in found.sentence


def test_all_in_one_other_regency_goes_to_that_regency():
    found = rules.payment_authority([Loc("32.16", "Kabupaten Bekasi")])
    assert found.level == rules.OTHER_REGENCY and "Kabupaten Bekasi" in found.sentence


def test_several_regencies_of_another_province():
    found = rules.payment_authority([Loc("32.16", "Kabupaten Bekasi"), Loc("32.75", "Kota Bekasi")])
    assert found.level == rules.PROVINSI and found.province_name == "Jawa Barat"


def test_no_location_is_refused():
    with pytest.raises(DomainError):
        rules.payment_authority([])


# ---- SLA ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("received,due,holidays", [
    (date(2027, 3, 3), date(2027, 3, 4), ()),        # Wednesday → Thursday
    (date(2027, 3, 5), date(2027, 3, 8), ()),        # Friday → Monday
    (date(2027, 3, 6), date(2027, 3, 8), ()),        # Saturday → Monday
    (date(2027, 3, 5), date(2027, 3, 9), {date(2027, 3, 8)}),  # Friday, Monday a holiday → Tuesday
])
def test_validation_due_one_working_day_later(received, due, holidays):
    assert rules.validation_due(received, Calendar(holidays)) == due
