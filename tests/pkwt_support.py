"""Making PKWT contracts for tests."""
import itertools
import random
from datetime import date, timedelta

from tests.conftest import unique

_serials = itertools.count(random.Random().randint(1000, 8000))


def worker_nik(birth: date, sex: str = "L") -> str:
    day = birth.day + (40 if sex == "P" else 0)
    return f"360302{day:02d}{birth:%m%y}{next(_serials) % 10000:04d}"


def contract(**fields):
    from app.contracts.models import PkwtContract

    birth = fields.pop("birth_date", date(1996, 6, 10))
    sex = fields.pop("sex", "L")
    today = date.today()
    values = dict(nik=worker_nik(birth, sex), full_name="Pekerja " + unique(), sex=sex, birth_date=birth,
                  address="Jl. Raya Pasar Kemis No. 1", nationality="ID", position="Operator produksi",
                  place_of_work="Pabrik Cikupa", wage=6_000_000, wage_payment="bulanan", kind="jangka_waktu",
                  start_date=today, end_date=today + timedelta(days=364), signed_at=today)
    values.update(fields)
    if values.get("nationality") != "ID":
        values["nik"] = None
    return PkwtContract(**values)


def company_id(db, username="operator"):
    from app.security.models import AppUser

    return db.session.query(AppUser.company_id).filter_by(username=username).scalar()


SIGNED_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"  # stands for the scanned, signed contract


def attach_signed_contract(db, contract):
    """The signed contract (a real PDF) that approval requires."""
    from app.core.files import store_bytes

    stored = store_bytes(SIGNED_PDF, "pkwt", "pkwt.pdf", "application/pdf", company_id=contract.company_id)
    db.session.flush()
    contract.contract_file_id = stored.id


def approved(db, *contracts, username="operator"):
    from app.contracts import services
    from app.core.workflow import decide
    from app.security.models import AppUser

    submission = services.submit(company_id(db, username), list(contracts))
    for contract in submission.contracts:
        attach_signed_contract(db, contract)
    decide(submission, "approve", db.session.query(AppUser).filter_by(username="petugas.hi").one())
    db.session.commit()
    return submission
