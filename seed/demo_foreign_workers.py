"""Demo foreign workers of the demo operator's company: one working, one whose KITAS ended without a departure
report (the home pages show it), one who went home; and one of the second company (tenancy can be seen).
With work in the queues: an approved extension whose DKPTKA payment was validated last month (a receipt to
print, revenue for the treasurer), a payment waiting for the treasurer, and a request with two attachments
missing whose payment waits for the officer's validation."""
from datetime import timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from app.core.formatting import today_jakarta
from app.core.models import utcnow
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
    _extensions_and_payments(today)


DEMO_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"  # stands for a scanned document
RATE = Decimal("16250.50")


def _extensions_and_payments(today):
    from app.core.files import store_bytes
    from app.core.workflow import decide
    from app.foreign_workers import extensions, payments, rules
    from app.foreign_workers.extensions import ATTACHMENTS, ExtensionRequest
    from app.foreign_workers.payments import DkptkaPayment
    from app.security.models import AppUser

    users = {u.username: u for u in db.session.query(AppUser).filter(
        AppUser.username.in_(("petugas.tka", "bendahara")))}
    workers = {w.full_name: w for w in db.session.query(ForeignWorker)}

    def stored(kind, name, company_id):
        row = store_bytes(DEMO_PDF, kind, name, "application/pdf", company_id=company_id)
        db.session.flush()
        return row.id

    def request(worker, on, missing=()):
        start = worker.rptka_end + timedelta(days=1)
        req = ExtensionRequest(worker=worker, company_id=worker.company_id, period_start=start,
                               period_end=start + relativedelta(years=1) - timedelta(days=1),
                               reason="Proyek pemasangan lini produksi baru berlanjut; pendamping masih dilatih.")
        extensions.submit(req, on)
        for code, (column, _label) in ATTACHMENTS.items():
            if code not in missing:
                setattr(req, column, stored("tka_extension", f"{code}.pdf", worker.company_id))
        db.session.add(req)
        db.session.flush()
        return req

    def payment(worker, req=None, start=None):
        start = req.period_start if req is not None else start
        end = start + relativedelta(years=1) - timedelta(days=1)
        usd = rules.usd_amount(12, 1)
        paid = DkptkaPayment(worker=worker, extension=req, rptka_number=req.new_rptka_number if req and
                             req.new_rptka_number else worker.rptka_number, rptka_start=start, rptka_end=end,
                             months=12, positions=1, usd_amount=usd, exchange_rate=RATE,
                             rate_date=today - timedelta(days=3), idr_amount=rules.idr_amount(usd, RATE),
                             billing_code=f"82026{worker.id:010d}", bank_reference=f"BJB-{worker.id:08d}")
        payments.check_payment(paid, today)
        paid.proof_file_id = stored("dkptka", "bukti-setor.pdf", worker.company_id)
        db.session.add(paid)
        db.session.flush()
        return paid

    month_ago = utcnow() - timedelta(days=30)
    park = request(workers["Park Ji-hoon"], today - timedelta(days=33))
    decide(park, "check", users["petugas.tka"], at=month_ago)
    decide(park, "approve", users["petugas.tka"], data={"rptka_number": "B.3/52001/PK.04.01/" + str(today.year),
                                                          "rptka_end": park.period_end}, at=month_ago)
    paid = payment(park.worker, park)
    decide(paid, "receive", users["bendahara"], at=month_ago + timedelta(hours=2))
    decide(paid, "validate", users["petugas.tka"], at=month_ago + timedelta(hours=5))
    payment(workers["Li Wei"], start=workers["Li Wei"].rptka_end + timedelta(days=1))  # for the treasurer
    nguyen = request(workers["Nguyen Van An"], today - timedelta(days=2), missing=("social_security", "training"))
    decide(payment(nguyen.worker, nguyen), "receive", users["bendahara"])  # for the officer's validation
    db.session.commit()
