"""Demo foreign workers of the demo operator's company: one working, one whose KITAS ended without a departure
report (the home pages show it), one who went home; and one of the second company (tenancy can be seen)."""
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from app.core.formatting import today_jakarta
from app.extensions import db
from app.foreign_workers import services
from app.foreign_workers.models import ForeignWorker
from app.reference.models import Kbji, Region


def generate_foreign_workers(companies):
    if db.session.query(ForeignWorker).first() is not None:
        return
    today = today_jakarta()
    kecamatan = [r.code for r in db.session.query(Region).filter_by(level="kecamatan").order_by(Region.code)]
    kbji = {r.code for r in db.session.query(Kbji.code).filter(Kbji.level == 4)}
    rows = [  # company, name, sex, nationality, passport, position, KBJI, months since start, months left, KITAS left
        (0, "Li Wei", "L", "CN", "E12345678", "Manajer produksi", "1321", 10, 14, 200),
        (0, "Park Ji-hoon", "L", "KR", "M98765432", "Ahli teknik mesin", "2144", 20, 4, -12),
        (0, "Tanaka Yui", "P", "JP", "TZ1234567", "Manajer mutu", "1321", 30, -6, -6),
        (1, "Nguyen Van An", "L", "VN", "C7654321", "Supervisor produksi", "3122", 6, 18, 300),
    ]
    for index, (company, name, sex, country, passport, position, code, since, left, kitas) in enumerate(rows):
        start = today - relativedelta(months=since)
        worker = ForeignWorker(
            company_id=companies[company].id, full_name=name, sex=sex, birth_place="–",
            birth_date=today - relativedelta(years=35 + index), nationality=country, passport_number=passport,
            passport_expires_on=today + relativedelta(years=3), position=position,
            kbji_code=code if code in kbji else None, rptka_number=f"B.3/{40000 + index}/PK.04.01/{start.year}",
            rptka_start=start, rptka_end=today + relativedelta(months=left), permit_kind="kitas",
            permit_number=f"2C21AB{1234567 + index}", permit_expires_on=today + timedelta(days=kitas),
            counterpart_name="Budi Santoso", counterpart_nik=None, arrived_on=start + timedelta(days=7))
        services.validate_worker(worker, today)
        places = [services.Place(kecamatan_code=kecamatan[index % len(kecamatan)])]
        if index == 0:
            places.append(services.Place(kecamatan_code=kecamatan[5]))
        services.set_locations(worker, places)
        db.session.add(worker)
        db.session.flush()
        services.record_event(worker, "arrival", worker.arrived_on, today=today)
        if left < 0 and kitas < 0 and name.startswith("Tanaka"):
            services.record_event(worker, "departure", worker.rptka_end, today=today)
    db.session.commit()
