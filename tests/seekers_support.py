"""Making job seekers and cards for tests."""
import itertools
import random
from datetime import date

from tests.conftest import DEMO_PASSWORD, unique

_serials = itertools.count(random.Random().randint(1000, 8000))


def nik_for(birth: date, sex: str = "L", kecamatan: str = "01") -> str:
    day = birth.day + (40 if sex == "P" else 0)
    return f"3603{kecamatan}{day:02d}{birth:%m%y}{next(_serials) % 10000:04d}"


def complete_profile(db, seeker):
    """Everything the AK-1 card needs (photo, KTP scan, address, religion, marital status, education)."""
    from io import BytesIO

    from PIL import Image

    from app.core.files import store_bytes
    from app.reference.models import Region
    from app.seekers.models import Education

    desa = db.session.query(Region).filter(Region.level.in_(("desa", "kelurahan"))).order_by(Region.code).first()
    image = BytesIO()
    Image.new("RGB", (30, 40), "white").save(image, "PNG")
    photo = store_bytes(image.getvalue(), "photo", "foto.png", "image/png", job_seeker_id=seeker.id)
    ktp = store_bytes(image.getvalue(), "ktp", "ktp.png", "image/png", job_seeker_id=seeker.id)
    db.session.flush()
    seeker.photo_file_id, seeker.ktp_file_id = seeker.photo_file_id or photo.id, seeker.ktp_file_id or ktp.id
    seeker.religion_code, seeker.marital_status_code = seeker.religion_code or 1, seeker.marital_status_code or 1
    seeker.address = seeker.address or "Jl. Melati No. 1"
    if not seeker.kecamatan_code:
        seeker.kecamatan_code, seeker.desa_code = desa.parent_code, desa.code
    if not seeker.educations:
        seeker.educations.append(Education(level_code="SMA", ipk_code="3001", school="SMAN 1", year_graduated=2016))
    db.session.flush()


def make_seeker(db, birth=date(1998, 5, 17), sex="L", account=True, complete=True, **fields):
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
    if complete:
        complete_profile(db, seeker)
    db.session.commit()
    return seeker


def officer(db, username="petugas.ak"):
    from app.security.models import AppUser

    return db.session.query(AppUser).filter_by(username=username).one()


def issued_card(db, seeker, on=None):
    from app.core.workflow import decide
    from app.seekers import services

    card = services.apply(seeker)
    decide(card, "verify", officer(db))
    decide(card, "issue", officer(db), data={"on": on})
    db.session.commit()
    return card
