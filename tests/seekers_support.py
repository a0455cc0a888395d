"""Making job seekers and cards for tests."""
import itertools
import random
from datetime import date

from tests.conftest import DEMO_PASSWORD, unique

_serials = itertools.count(random.Random().randint(1000, 8000))


def nik_for(birth: date, sex: str = "L", kecamatan: str = "01") -> str:
    day = birth.day + (40 if sex == "P" else 0)
    return f"3603{kecamatan}{day:02d}{birth:%m%y}{next(_serials) % 10000:04d}"


def make_seeker(db, birth=date(1998, 5, 17), sex="L", account=True, **fields):
    from app.seekers.models import JobSeeker
    from app.seekers.services import register_seeker, register_with_account

    seeker = JobSeeker(nik=nik_for(birth, sex), full_name=fields.pop("full_name", "Budi " + unique()),
                       birth_place="Tangerang", birth_date=birth, sex=sex, email=f"{unique()}@contoh.id",
                       phone=fields.pop("phone", f"0812{random.randint(10000000, 99999999)}"), **fields)
    if account:
        username = "pk" + unique()
        register_with_account(seeker, username, DEMO_PASSWORD)
        seeker.username = username
    else:
        register_seeker(seeker)
    db.session.commit()
    return seeker


def officer(db, username="petugas.ak"):
    from app.security.models import AppUser

    return db.session.query(AppUser).filter_by(username=username).one()


def issued_card(db, seeker, on=None):
    from app.seekers import services

    card = services.apply(seeker)
    services.decide(card, "verify", officer(db))
    services.issue(card, officer(db), on=on)
    db.session.commit()
    return card
