"""Deterministic demo data: the same seed gives the same companies, people and accounts on every machine.

`scale` multiplies the volume (1 = a small office; benchmarks use more). One account per role, all with
DEMO_PASSWORD, for trying the system and for tests."""
import random

from faker import Faker
from werkzeug.security import generate_password_hash

from app.core.identifiers import clean_npwp
from app.companies.models import Branch, Company
from app.extensions import db
from app.reference.models import EmployerType, Kbli, LegalForm, Region
from app.security import roles as R
from seed.demo_contracts import generate_contracts
from seed.demo_seekers import generate_seekers
from seed.demo_work import HEAD_OF_OFFICE, demo_job_seeker, generate_work, office

SEED = 3603
DEMO_PASSWORD = "Dnaker-Demo-2026"
DEMO_ACCOUNTS = [  # username, role, full name
    ("kadis", R.KEPALA_DINAS, "Hendra Wijaya"),
    ("petugas.ak", R.PETUGAS_ANTARKERJA, "Siti Rahmawati"),
    ("petugas.hi", R.PETUGAS_HI, "Agus Setiawan"),
    ("petugas.tka", R.PETUGAS_TKA, "Dewi Lestari"),
    ("pengawas", R.PENGAWAS, "Bambang Sutrisno"),
    ("bendahara", R.BENDAHARA, "Sri Wahyuni"),
    ("operator", R.OPERATOR, "Rina Marlina"),  # company 1
    ("operator2", R.OPERATOR, "Yusuf Hidayat"),  # company 2
    ("pencaker", R.PENCARI_KERJA, "Ahmad Fauzi"),
]
DEMO_NIP = {"petugas.ak": "198503122010012001", "kadis": "197001011995031002"}
SECTOR_WORDS = ["Sentosa", "Makmur", "Jaya", "Abadi", "Mandiri", "Sejahtera", "Prima", "Utama", "Lestari", "Perkasa"]
PRODUCTS = ["Tekstil", "Plastik", "Logam", "Pangan", "Garmen", "Kimia", "Elektronik", "Logistik", "Kemasan", "Baja"]


def _npwp(rng):
    """A valid old-style company NPWP: 8 digits, Luhn check digit, tax office and branch."""
    from stdnum import luhn

    body = "0" + "".join(str(rng.randint(0, 9)) for _ in range(7))
    return clean_npwp(body + luhn.calc_check_digit(body) + f"{rng.randint(400, 455):03d}000")


def generate(scale: int = 1, seed: int = SEED):
    rng = random.Random(seed)
    fake = Faker("id_ID")
    fake.seed_instance(seed)
    kecamatan = db.session.query(Region).filter_by(level="kecamatan").order_by(Region.code).all()
    villages = {}
    for desa in db.session.query(Region).filter(Region.level.in_(("desa", "kelurahan"))).order_by(Region.code):
        villages.setdefault(desa.parent_code, []).append(desa)
    legal = [r.code for r in db.session.query(LegalForm).order_by(LegalForm.code)]
    employer_types = [r.code for r in db.session.query(EmployerType).order_by(EmployerType.code)]
    divisions = [r.id for r in db.session.query(Kbli).filter_by(level="division").order_by(Kbli.code)]

    companies = []
    for i in range(40 * min(scale, 100)):  # some thousands of employers at most, as in the regency
        kec = kecamatan[i % len(kecamatan)]
        desa = rng.choice(villages[kec.code])
        name = f"PT {rng.choice(PRODUCTS)} {rng.choice(SECTOR_WORDS)} {fake.last_name()}"
        male, female = rng.randint(5, 900), rng.randint(5, 900)
        company = Company(
            name=name, legal_form_code="PT" if "PT" in legal else legal[0], nib=f"{9120000000000 + i * 7919:013d}",
            npwp=_npwp(rng), kbli_id=rng.choice(divisions) if divisions else None,
            employer_type_code="PRIVATE" if "PRIVATE" in employer_types else employer_types[0],
            address=f"Jl. {fake.street_name()} No. {rng.randint(1, 200)}", kecamatan_code=kec.code,
            desa_code=desa.code, postal_code=desa.postal_code, phone=f"021{rng.randint(5000000, 5999999)}",
            email=f"hrd{i + 1}@contoh-perusahaan.co.id", contact_name=fake.name(),
            contact_phone=f"08{rng.randint(1100000000, 1399999999)}", headcount_male=male,
            headcount_female=female, bpjs_tk_number=f"{rng.randint(10000000, 99999999)}",
            status="submitted" if i % 10 == 9 else "verified",  # the demo operators act for companies 1 and 2
        )
        for b in range(rng.randint(0, 2)):
            bkec = rng.choice(kecamatan)
            company.branches.append(Branch(name=f"{name} Cabang {b + 1}", address=f"Jl. {fake.street_name()}",
                                           kecamatan_code=bkec.code, desa_code=rng.choice(villages[bkec.code]).code,
                                           headcount=rng.randint(5, 300)))
        companies.append(company)
        db.session.add(company)
    db.session.flush()
    db.session.commit()
    generate_seekers(scale, seed)
    office(DEMO_NIP["kadis"])
    generate_contracts(300 * min(scale, 10), [c.id for c in companies if c.status == "verified"], seed,
                       signer=(HEAD_OF_OFFICE[0], DEMO_NIP["kadis"]))
    demo_seeker = demo_job_seeker()
    _accounts(companies[:2], demo_seeker)
    db.session.commit()
    generate_work(companies)
    from seed.demo_vacancies import generate_vacancies

    generate_vacancies(companies)
    db.session.commit()
    from seed.demo_applications import generate_applications  # after the demo vacancies

    generate_applications()
    db.session.commit()
    from seed.demo_fairs import generate_fairs

    generate_fairs(companies[0], demo_seeker)
    db.session.commit()
    from seed.demo_foreign_workers import generate_foreign_workers

    generate_foreign_workers(companies)
    return len(companies)


def _accounts(companies, seeker_id):
    from flask import current_app

    sm = current_app.appbuilder.sm
    operators = iter(companies)
    for username, role_name, full_name in DEMO_ACCOUNTS:
        if sm.find_user(username=username):
            continue
        first, _, last = full_name.partition(" ")
        role = sm.find_role(role_name)
        db.session.add(sm.user_model(
            username=username, first_name=first, last_name=last, active=True, email=f"{username}@demo.dnaker.local",
            roles=[role], password=generate_password_hash(DEMO_PASSWORD), nip=DEMO_NIP.get(username),
            company_id=next(operators).id if role_name == R.OPERATOR else None,
            job_seeker_id=seeker_id if role_name == R.PENCARI_KERJA else None))
