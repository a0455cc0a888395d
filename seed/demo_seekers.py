"""Deterministic demo job seekers (with education and AK-1 cards), written in bulk so that benchmark
volumes (scale 1000 = 200,000 people) load in minutes. Seeding bypasses the ORM, and so the audit trail:
it is the system's initial data, not a change anyone made."""
import random
from datetime import timedelta

from faker import Faker
from sqlalchemy import insert

from app.core.formatting import today_jakarta
from app.extensions import db
from app.reference.models import Region, SchoolLevel
from app.seekers.documents import AK1_NUMBERS
from app.seekers.models import Ak1Card, Education, JobSeeker
from app.seekers.rules import valid_until

PER_SCALE = 200
BATCH = 5000
LEVEL_WEIGHTS = {"SD": 5, "SMP": 12, "SMA": 30, "SMK": 33, "D3": 7, "S1": 12, "S2": 1}
SCHOOLS = {"SD": "SDN {} Tangerang", "SMP": "SMPN {} Kabupaten Tangerang", "SMA": "SMAN {} Kabupaten Tangerang",
           "SMK": "SMKN {} Kabupaten Tangerang", "D3": "Politeknik Negeri Jakarta", "S1": "Universitas Pamulang",
           "S2": "Universitas Indonesia"}
MAJORS = {"SMK": ["Teknik Mesin", "Teknik Kendaraan Ringan", "Akuntansi", "Tata Busana", "Teknik Elektronika"],
          "D3": ["Teknik Mesin", "Akuntansi"], "S1": ["Manajemen", "Teknik Industri", "Hukum", "Informatika"],
          "S2": ["Manajemen"]}


def _nik(kecamatan_code, birth, sex, serial):
    day = birth.day + (40 if sex == "P" else 0)
    return f"3603{kecamatan_code[-2:]}{day:02d}{birth:%m%y}{serial % 10000:04d}"


def generate_seekers(scale=1, seed=3603, today=None, officer=("Siti Rahmawati", "198503122010012001")):
    """Returns the id of the first generated job seeker."""
    rng = random.Random(seed)
    fake = Faker("id_ID")
    fake.seed_instance(seed)
    today = today or today_jakarta()
    kecamatan = db.session.query(Region).filter_by(level="kecamatan").order_by(Region.code).all()
    villages = {}
    for desa in db.session.query(Region).filter(Region.level.in_(("desa", "kelurahan"))).order_by(Region.code):
        villages.setdefault(desa.parent_code, []).append(desa.code)
    ipk = {level.code: level.ipk_code for level in db.session.query(SchoolLevel)}
    first_id = (db.session.query(db.func.max(JobSeeker.id)).scalar() or 0) + 1
    serial_by_year, used = {}, set()
    total = PER_SCALE * scale
    for start in range(0, total, BATCH):
        seekers, educations, cards = [], [], []
        for i in range(start, min(start + BATCH, total)):
            seeker_id = first_id + i
            sex = rng.choice("LP")
            birth = today - timedelta(days=rng.randint(16 * 365, 50 * 365))
            kec = kecamatan[i % len(kecamatan)]
            nik = _nik(kec.code, birth, sex, i)
            while nik in used:
                nik = _nik(kec.code, birth, sex, rng.randint(0, 9999))
            used.add(nik)
            name = fake.name_male() if sex == "L" else fake.name_female()
            level = rng.choices(list(LEVEL_WEIGHTS), weights=LEVEL_WEIGHTS.values())[0]
            registered = today - timedelta(days=rng.randint(0, 700))
            seekers.append(dict(
                id=seeker_id, nik=nik, full_name=name, full_name_key=" ".join(name.lower().split()),
                birth_place=rng.choice(["Tangerang", "Serang", "Jakarta", "Lebak", "Bogor", "Brebes", "Garut"]),
                birth_date=birth, sex=sex, email=f"pencaker{seeker_id}@contoh.id",
                phone=f"08{rng.randint(1100000000, 1399999999)}", religion_code=rng.choices(
                    [1, 2, 3, 4, 5, 6], weights=[87, 3, 7, 1, 1, 1])[0], marital_status_code=rng.choice([1, 1, 2]),
                address=f"Kp. {fake.last_name()} RT {rng.randint(1, 9):03d}/RW {rng.randint(1, 9):03d}",
                kecamatan_code=kec.code, desa_code=rng.choice(villages[kec.code]), height_cm=rng.randint(150, 185),
                weight_kg=rng.randint(45, 90), willing_outside_regency=rng.random() < 0.4,
                willing_abroad=rng.random() < 0.1, education_level_code=level, registered_at=registered,
                status="active", created_at=registered, updated_at=registered))
            educations.append(dict(job_seeker_id=seeker_id, level_code=level, ipk_code=ipk[level],
                                   school=SCHOOLS[level].format(rng.randint(1, 30)),
                                   major=rng.choice(MAJORS[level]) if level in MAJORS else None,
                                   year_graduated=min(today.year, birth.year + 18 + rng.randint(0, 6))))
            if rng.random() < 0.7:  # most registered people hold a card
                issued = min(today, registered + timedelta(days=rng.randint(0, 5)))  # never a card of tomorrow
                serial_by_year[issued.year] = serial_by_year.get(issued.year, 0) + 1
                serial = serial_by_year[issued.year]
                until = valid_until(issued)
                cards.append(dict(
                    job_seeker_id=seeker_id, application_type="baru", status="issued" if until >= today else "expired",
                    number=AK1_NUMBERS.format(issued, serial), serial_year=issued.year, serial=serial, issued_at=issued,
                    valid_until=until, expired_at=until if until < today else None, signed_by_name=officer[0],
                    signed_by_nip=officer[1], snapshot=None, created_at=issued, updated_at=issued))
        db.session.execute(insert(JobSeeker), seekers)
        db.session.execute(insert(Education), educations)
        if cards:
            db.session.execute(insert(Ak1Card), cards)
        db.session.commit()
    _advance_sequences(serial_by_year)
    return first_id


def _advance_sequences(serial_by_year):
    """Cards were numbered here, so the AK-1 series continues after them (and PostgreSQL's id sequences
    after the explicit ids)."""
    from app.core.numbering import NumberSequence

    for year, last in serial_by_year.items():
        row = db.session.get(NumberSequence, ("ak1", year))
        if row is None:
            db.session.add(NumberSequence(name="ak1", year=year, last_value=last))
        else:
            row.last_value = max(row.last_value, last)
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(db.text(
            "SELECT setval(pg_get_serial_sequence('job_seeker', 'id'), (SELECT max(id) FROM job_seeker))"))
    db.session.commit()
