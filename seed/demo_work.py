"""Demo work in progress, so that every role's home page and queues have something to do: registrations
waiting and one returned (its operator `operator.baru` can sign in to correct it), AK-1 requests waiting to be
verified and issued, PKWT submissions of `operator`'s company waiting, re-reports due, rows of the current
month, contracts ending soon, and a real head of office. A fixed set (not scaled), dated from today."""
from datetime import datetime, time, timedelta
from io import BytesIO

from dateutil.relativedelta import relativedelta
from werkzeug.security import generate_password_hash

from app.companies.models import Company
from app.contracts.documents import PKWT_NUMBERS
from app.contracts.models import PkwtContract, PkwtSubmission
from app.contracts.services import submit
from app.core.files import store_bytes
from app.core.formatting import JAKARTA, today_jakarta
from app.core.identifiers import clean_npwp
from app.core.models import utcnow
from app.core.workflow import TransitionLog
from app.extensions import db
from app.office.services import office_profile
from app.reference.models import Region
from app.security import roles as R
from app.security.models import AppUser
from app.seekers.documents import AK1_NUMBERS
from app.seekers.models import Ak1Card, Education, JobSeeker
from app.seekers.rules import valid_until

HEAD_OF_OFFICE = ("Hendra Wijaya, S.Sos., M.Si.", "Pembina Utama Muda (IV/c)")  # the `kadis` account
SIGNED_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"  # stands for a scanned, signed contract
RETURNED = dict(name="PT Sinar Baru Plastindo", nib="9120000990001",
                address="Jl. Raya Serang", contact_name="Fitri Handayani", contact_phone="081287654321",
                email="fitri.handayani@sinarbaru-plastindo.co.id", phone="0215951777")
RETURN_NOTE = "Alamat belum lengkap: tulis nomor bangunan, RT/RW dan kode pos sesuai NIB."


def office(kadis_nip):
    profile = office_profile()
    profile.head_name, profile.head_rank = HEAD_OF_OFFICE
    profile.head_nip = kadis_nip
    profile.address = "Jl. Abdul Hamid No. 2, Tigaraksa, Kabupaten Tangerang, Banten"
    profile.postal_code, profile.phone, profile.email = "15720", "(021) 5991234", "disnaker@tangerangkab.go.id"


def demo_job_seeker(today=None):
    """`pencaker`'s own record: Ahmad Fauzi, registered today, everything a card needs except the photo and the
    KTP scan (the demo journey: complete the profile, then apply)."""
    today = today or today_jakarta()
    birth = today.replace(year=today.year - 24, day=min(today.day, 28)) - timedelta(days=41)
    kecamatan = db.session.query(Region).filter_by(level="kecamatan").order_by(Region.code).all()
    desa = _first_desa(kecamatan[min(7, len(kecamatan) - 1)].code)
    serial = 7701
    nik = f"3603{desa.parent_code[-2:]}{birth:%d%m%y}{serial:04d}"
    while db.session.query(JobSeeker.id).filter_by(nik=nik).first():
        serial += 1
        nik = f"3603{desa.parent_code[-2:]}{birth:%d%m%y}{serial:04d}"
    seeker = JobSeeker(nik=nik, full_name="Ahmad Fauzi", full_name_key="ahmad fauzi", birth_place="Tangerang",
                       birth_date=birth, sex="L", email="pencaker@demo.dnaker.local", phone="081311223344",
                       religion_code=1, marital_status_code=1, address="Kp. Cibadak RT 003/RW 002",
                       kecamatan_code=desa.parent_code, desa_code=desa.code, height_cm=170, weight_kg=62,
                       expected_wage=5_500_000, education_level_code="SMK", registered_at=today, status="active")
    seeker.educations.append(Education(level_code="SMK", ipk_code="3002", school="SMKN 4 Kabupaten Tangerang",
                                       major="Teknik Mesin", year_graduated=birth.year + 18))
    db.session.add(seeker)
    db.session.flush()
    return seeker.id


def generate_work(companies, seed_today=None):
    today = seed_today or today_jakarta()
    officer_hi = db.session.query(AppUser).filter_by(username="petugas.hi").one()
    for username, company in zip(("operator", "operator2"), companies[:2]):
        user = db.session.query(AppUser).filter_by(username=username).one()
        company.contact_name = f"{user.first_name} {user.last_name}"
        company.contact_phone = company.contact_phone or "081200000000"
    _registrations(companies, officer_hi)
    _ak1_work(today)
    _pkwt_work(companies[0], today)
    db.session.commit()


# ---- companies --------------------------------------------------------------------------------------------

def _registrations(companies, officer):
    """The pending registrations wait for 1 to 9 days (some past the office's deadline); one was returned."""
    now = utcnow()
    waiting = [c for c in companies if c.status == "submitted"]
    for days, company in zip((1, 3, 6, 9, 2, 4), waiting):
        company.status_changed_at = company.created_at = now - timedelta(days=days)
    kecamatan = companies[0].kecamatan_code
    desa = _first_desa(kecamatan)
    company = Company(**RETURNED, npwp=_npwp(), legal_form_code=companies[0].legal_form_code, kbli_id=companies[0].kbli_id,
                      employer_type_code=companies[0].employer_type_code, kecamatan_code=kecamatan,
                      desa_code=desa.code, headcount_male=85, headcount_female=40, status="returned",
                      status_note=RETURN_NOTE, created_at=now - timedelta(days=4),
                      status_changed_at=now - timedelta(days=2))
    db.session.add(company)
    db.session.flush()
    db.session.add(TransitionLog(table_name="company", row_id=str(company.id), action="return",
                                 from_state="submitted", to_state="returned", at=company.status_changed_at,
                                 user_id=officer.id, username=officer.username, note=RETURN_NOTE))
    from flask import current_app

    from seed.demo import DEMO_PASSWORD

    sm = current_app.appbuilder.sm
    db.session.add(sm.user_model(
        username="operator.baru", first_name="Fitri", last_name="Handayani", active=False, email=RETURNED["email"],
        roles=[sm.find_role(R.OPERATOR)], password=generate_password_hash(DEMO_PASSWORD), company_id=company.id))


# ---- job seekers and AK-1 -------------------------------------------------------------------------------

def _ak1_work(today):
    """Requests waiting (3 to verify, 2 verified to issue), 2 cards issued this month and 3 re-reports due
    (cards issued 6 months ago), for people registered without a card."""
    free = (db.session.query(JobSeeker).filter(~JobSeeker.id.in_(db.session.query(Ak1Card.job_seeker_id)),
                                                 JobSeeker.full_name != "Ahmad Fauzi")
            .order_by(JobSeeker.id).limit(10).all())
    now = utcnow()
    month_start = today.replace(day=1)
    for i, seeker in enumerate(free):
        _documents(seeker)
        if i < 5:  # requests: registered this month, applied online
            seeker.registered_at = max(month_start, today - timedelta(days=i))
            status = "submitted" if i < 3 else "verified"
            db.session.add(Ak1Card(job_seeker_id=seeker.id, application_type="baru", status=status,
                                   submitted_at=now - timedelta(days=i, hours=2), status_changed_at=now - timedelta(days=i),
                                   verified_at=now - timedelta(days=i) if status == "verified" else None))
            continue
        issued = max(month_start, today - timedelta(days=i - 5)) if i < 7 else \
            today - relativedelta(months=6) + timedelta(days=i - 8)  # due yesterday, today, tomorrow
        seeker.registered_at = min(seeker.registered_at, issued)
        serial, number = AK1_NUMBERS.issue(issued)
        db.session.add(Ak1Card(job_seeker_id=seeker.id, application_type="baru", status="issued",
                               number=number, serial_year=issued.year, serial=serial,
                               issued_at=issued, valid_until=valid_until(issued), signed_by_name="Siti Rahmawati",
                               signed_by_nip="198503122010012001", submitted_at=_at(issued),
                               verified_at=_at(issued), status_changed_at=_at(issued)))
    db.session.flush()


def _documents(seeker):
    """A photo and a KTP scan drawn here (grey silhouettes), so that the officer can issue the card."""
    from PIL import Image, ImageDraw

    photo = Image.new("RGB", (300, 400), (200, 40, 40))
    draw = ImageDraw.Draw(photo)
    draw.ellipse((100, 70, 200, 190), fill=(235, 235, 235))
    draw.ellipse((50, 220, 250, 480), fill=(235, 235, 235))
    ktp = Image.new("RGB", (856, 540), (170, 200, 230))
    ImageDraw.Draw(ktp).text((40, 40), f"NIK {seeker.nik}  {seeker.full_name}", fill=(0, 0, 0))
    for image, kind, name in ((photo, "photo", "foto.jpg"), (ktp, "ktp", "ktp.jpg")):
        data = BytesIO()
        image.save(data, "JPEG", quality=80)
        stored = store_bytes(data.getvalue(), kind, name, "image/jpeg", job_seeker_id=seeker.id)
        db.session.flush()
        setattr(seeker, f"{kind}_file_id", stored.id)


# ---- PKWT -----------------------------------------------------------------------------------------------

WORKERS = [("Dedi Kurniawan", "L", "Operator produksi"), ("Nur Aisyah", "P", "Quality control"),
           ("Rudi Hermawan", "L", "Teknisi mesin"), ("Lina Marlina", "P", "Staf administrasi"),
           ("Eko Prasetyo", "L", "Staf gudang"), ("Wulan Sari", "P", "Penjahit"),
           ("Joko Santoso", "L", "Pengemudi forklift")]


def _pkwt_work(company, today):
    """Company 1: two submissions waiting for the officer, one registered this month, and one registered five
    months ago whose contracts end within 30 days."""
    kadis = db.session.query(AppUser).filter_by(username="kadis").one()
    workers = iter(enumerate(WORKERS))
    for size in (2, 1):
        contracts = [_contract(n, worker, today, today + timedelta(days=364)) for n, worker in
                     (next(workers) for _ in range(size))]
        submission = submit(company.id, contracts)
        _signed(contracts)
        submission.submitted_at = submission.status_changed_at = utcnow() - timedelta(days=size - 1)
    registered_earlier = today - timedelta(days=150)
    for registered, end_days in ((today, 364), (registered_earlier, 165)):
        contracts = [_contract(n, worker, registered, registered + timedelta(days=end_days + k * 8))
                     for k, (n, worker) in enumerate(next(workers) for _ in range(2))]
        serial, number = PKWT_NUMBERS.issue(registered)
        submission = PkwtSubmission(company_id=company.id, source="form", status="approved", submitted_at=utcnow(),
                                    number=number, serial_year=registered.year,
                                    serial=serial, registered_at=registered, signed_by_name=HEAD_OF_OFFICE[0],
                                    signed_by_nip=kadis.nip, status_changed_at=utcnow(), contracts=contracts)
        for contract in contracts:
            contract.company_id = company.id
        db.session.add(submission)
        db.session.flush()
        _signed(contracts)


def _contract(n, worker, start, end):
    name, sex, position = worker
    birth = start.replace(year=start.year - 22 - n, day=min(start.day, 28))
    day = birth.day + (40 if sex == "P" else 0)
    return PkwtContract(nik=f"360303{day:02d}{birth:%m%y}{8800 + n:04d}", full_name=name, sex=sex, birth_date=birth,
                        address="Kp. Pasir Jaya RT 002/RW 004, Cikupa", nationality="ID", position=position,
                        place_of_work="Pabrik Cikupa", wage=5_500_000, wage_payment="bulanan", kind="jangka_waktu",
                        start_date=start, end_date=end, signed_at=start - timedelta(days=1))


def _signed(contracts):
    for contract in contracts:
        stored = store_bytes(SIGNED_PDF, "pkwt", "pkwt.pdf", "application/pdf", company_id=contract.company_id)
        db.session.flush()
        contract.contract_file_id = stored.id


def _first_desa(kecamatan_code):
    return (db.session.query(Region).filter(Region.parent_code == kecamatan_code,
                                            Region.level.in_(("desa", "kelurahan"))).order_by(Region.code).first())


def _npwp(body="00214060"):
    from stdnum import luhn

    return clean_npwp(body + luhn.calc_check_digit(body) + "415000")


def _at(day):
    """A date as the office's morning of that day (stored in UTC)."""
    return datetime.combine(day, time(9), JAKARTA)
