"""Reference data as loaded from seed/data, and the working-day calendar used for legal deadlines."""
from datetime import date

import pytest


def test_regions_of_kabupaten_tangerang(db):
    from app.reference.models import Region

    assert db.session.query(Region).filter_by(level="kecamatan").count() == 29
    assert db.session.query(Region).filter(Region.level.in_(("desa", "kelurahan"))).count() == 274
    balaraja = db.session.get(Region, "36.03.01")
    assert balaraja.name == "Balaraja" and balaraja.lat < 0 < balaraja.lng
    cangkudu = db.session.get(Region, "36.03.01.2003")
    assert cangkudu.parent_code == "36.03.01" and cangkudu.postal_code == "15610"


def test_classifications_and_codes(db):
    from app.reference.models import EducationLevel, Kbji, Kbli, Religion, SchoolLevel

    assert db.session.query(Kbji).filter_by(level=1).count() == 10
    assert db.session.query(Kbji).filter_by(level=2).count() >= 40
    assert db.session.query(Kbli).filter_by(version="2020", level="section").count() == 21
    assert db.session.query(Kbli).filter_by(version="2020", level="division").count() == 88
    manufacturing = db.session.query(Kbli).filter_by(version="2020", code="C").one()
    assert "Pengolahan" in manufacturing.name
    assert db.session.get(SchoolLevel, "SMK").ipk_code == "3002"
    assert db.session.query(EducationLevel).filter_by(ipk_code="6000").one()
    assert db.session.get(Religion, 6).name == "Konghucu"


def test_loading_again_changes_nothing(app, db):
    from app.audit.models import AuditEntry
    from app.reference.models import Region
    from seed.reference import load_reference

    regions, entries = db.session.query(Region).count(), db.session.query(AuditEntry).count()
    load_reference()
    assert db.session.query(Region).count() == regions
    assert db.session.query(AuditEntry).count() == entries  # nothing changed, nothing audited


@pytest.mark.parametrize("day,working", [
    (date(2026, 11, 23), True),    # a Monday
    (date(2026, 11, 21), False),   # Saturday
    (date(2026, 8, 17), False),    # Hari Kemerdekaan
    (date(2026, 12, 25), False),   # Natal
])
def test_working_days(db, day, working):
    from app.reference.calendar import WorkingCalendar

    assert WorkingCalendar().is_working_day(day) is working


def test_collective_leave_days_from_the_table_count_as_days_off(db):
    from app.reference.calendar import WorkingCalendar
    from app.reference.models import CollectiveLeaveDay

    day = date(2026, 11, 26)  # a Thursday
    assert WorkingCalendar().is_working_day(day)
    db.session.add(CollectiveLeaveDay(day=day, name="Cuti bersama (uji)", basis="SK Bupati (uji)"))
    db.session.flush()
    assert not WorkingCalendar().is_working_day(day)
    db.session.rollback()


def test_three_working_days_after_signing_skip_weekend_and_holidays(db):
    """PP 35/2021: PKWT registered within 3 working days of signing."""
    from app.reference.calendar import WorkingCalendar

    calendar = WorkingCalendar()
    assert calendar.add_working_days(date(2026, 11, 19), 3) == date(2026, 11, 24)  # Thu -> Tue
    assert calendar.add_working_days(date(2026, 8, 14), 3) == date(2026, 8, 20)   # Fri, skips 17 Aug
    assert calendar.working_days_between(date(2026, 11, 19), date(2026, 11, 24)) == 3


def test_reference_screens_are_read_only_except_for_admin(client_as):
    from tests.conftest import ADMIN_PASSWORD

    operator = client_as("operator")
    assert operator.get("/regionview/list/").status_code == 200
    assert operator.get("/regionview/add").status_code == 403
    assert client_as("admin", ADMIN_PASSWORD).get("/collectiveleavedayview/add").status_code == 200
