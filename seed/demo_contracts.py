"""Deterministic demo PKWT contracts, written in bulk (benchmarks load a million). Like the demo seekers,
seeding bypasses the ORM and so the audit trail: it is initial data, not a change anyone made."""
import random
from datetime import timedelta

from faker import Faker
from sqlalchemy import func, insert

from app.contracts.models import PkwtContract, PkwtSubmission
from app.contracts.documents import PKWT_NUMBERS
from app.core.formatting import today_jakarta
from app.core.models import utcnow
from app.core.numbering import NumberSequence
from app.extensions import db
from seed.demo_seekers import BATCH

POSITIONS = ["Operator produksi", "Staf gudang", "Teknisi mesin", "Quality control", "Admin produksi",
             "Pengemudi forklift", "Staf administrasi", "Petugas kebersihan", "Penjahit", "Satpam"]
PER_SUBMISSION = 10


def generate_contracts(count, company_ids, seed=3603, signer=("Kepala Dinas Tenaga Kerja", "-")):
    """`count` contracts of the given companies, registered in submissions of ten, over the last three years."""
    rng, fake = random.Random(seed), Faker("id_ID")
    fake.seed_instance(seed)
    today = today_jakarta()
    next_id = (db.session.query(func.max(PkwtSubmission.id)).scalar() or 0) + 1
    serials = {}
    for start in range(0, count, BATCH):
        submissions, contracts = [], []
        for i in range(start, min(start + BATCH, count)):
            if i % PER_SUBMISSION == 0:
                company = company_ids[rng.randrange(len(company_ids))]
                registered = today - timedelta(days=rng.randint(0, 3 * 365))
                if registered.year not in serials:  # continue the year's series, numbers are unique
                    row = db.session.get(NumberSequence, ("pkwt", registered.year))
                    serials[registered.year] = row.last_value if row else 0
                serials[registered.year] += 1
                submission_id = next_id + i // PER_SUBMISSION
                submissions.append(dict(
                    id=submission_id, company_id=company, source="form", status="approved",
                    submitted_at=utcnow(), number=PKWT_NUMBERS.format(registered, serials[registered.year]),
                    serial_year=registered.year, serial=serials[registered.year], registered_at=registered,
                    signed_by_name=signer[0], signed_by_nip=signer[1]))
            sex = rng.choice("LP")
            birth = today - timedelta(days=rng.randint(19 * 365, 45 * 365))
            starts = registered - timedelta(days=rng.randint(0, 3))
            day = birth.day + (40 if sex == "P" else 0)
            contracts.append(dict(
                submission_id=submission_id, company_id=company, nik=f"360301{day:02d}{birth:%m%y}{i % 10000:04d}",
                full_name=fake.name_male() if sex == "L" else fake.name_female(), sex=sex, birth_date=birth,
                address=f"Kp. {fake.last_name()} RT {rng.randint(1, 9):03d}", nationality="ID",
                position=rng.choice(POSITIONS), place_of_work="Kabupaten Tangerang",
                wage=rng.randrange(5_300_000, 8_000_000, 50_000), wage_payment="bulanan", kind="jangka_waktu",
                start_date=starts, end_date=starts + timedelta(days=rng.choice([89, 179, 364, 729])),
                signed_at=starts, sequence=0, late=False, below_minimum_wage=False, becomes_permanent=False,
                created_at=utcnow(), updated_at=utcnow()))
        db.session.execute(insert(PkwtSubmission), submissions)
        db.session.execute(insert(PkwtContract), contracts)
        db.session.commit()
    _continue_sequences(serials)


def _continue_sequences(serials):
    for year, last in serials.items():
        row = db.session.get(NumberSequence, ("pkwt", year))
        if row is None:
            db.session.add(NumberSequence(name="pkwt", year=year, last_value=last))
        else:
            row.last_value = last
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(db.text("SELECT setval(pg_get_serial_sequence('pkwt_submission', 'id'), "
                                   "(SELECT max(id) FROM pkwt_submission))"))
    db.session.commit()
