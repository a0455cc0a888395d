"""The demo data has work in it (every queue and the current month), and each demo account's name matches its
records."""
from datetime import timedelta

from tests.conftest import DEMO_PASSWORD


def _user(db, username):
    from app.security.models import AppUser

    return db.session.query(AppUser).filter_by(username=username).one()


def test_pencaker_is_ahmad_fauzi_with_a_profile_ready_but_for_the_photo(db):
    from app.seekers.models import Ak1Card, JobSeeker
    from app.core.identifiers import check_nik_matches, clean_nik

    seeker = db.session.get(JobSeeker, _user(db, "pencaker").job_seeker_id)
    assert seeker.full_name == "Ahmad Fauzi"
    check_nik_matches(clean_nik(seeker.nik), seeker.birth_date, seeker.sex)
    assert all([seeker.address, seeker.kecamatan_code, seeker.desa_code, seeker.religion_code,
                seeker.marital_status_code, seeker.birth_place, seeker.educations])
    assert seeker.photo_file_id is None and seeker.ktp_file_id is None  # the journey: complete it, then apply
    assert db.session.query(Ak1Card).filter_by(job_seeker_id=seeker.id).count() == 0


def test_operators_are_their_companies_contacts_and_the_head_of_office_is_kadis(db):
    from app.companies.models import Company
    from app.office.services import signatory

    for username in ("operator", "operator2"):
        user = _user(db, username)
        assert db.session.get(Company, user.company_id).contact_name == f"{user.first_name} {user.last_name}"
    kadis = _user(db, "kadis")
    head = signatory()
    assert head.name.startswith(f"{kadis.first_name} {kadis.last_name}") and head.nip == kadis.nip and head.rank


def test_registrations_wait_and_one_returned_can_be_corrected(app, db):
    from app.companies.models import Company

    assert db.session.query(Company).filter_by(status="submitted").count() >= 3
    baru = _user(db, "operator.baru")
    company = db.session.get(Company, baru.company_id)
    assert company.status == "returned" and company.status_note and not baru.active
    assert company.contact_name == "Fitri Handayani" == f"{baru.first_name} {baru.last_name}"
    client = app.test_client()
    response = client.post("/login/", data={"username": "operator.baru", "password": DEMO_PASSWORD})
    assert response.headers["Location"].endswith("/daftar/perbaikan")
    assert company.status_note in client.get("/daftar/perbaikan").get_data(as_text=True)


def test_ak1_work_waits_and_the_current_month_has_cards_and_registrations(app, db):
    from app.core.formatting import today_jakarta
    from app.seekers.models import Ak1Card, JobSeeker
    from app.seekers.rules import due_report

    today = today_jakarta()
    month = today.replace(day=1)
    for status in ("submitted", "verified"):
        waiting = db.session.query(Ak1Card).filter_by(status=status).all()
        assert len(waiting) >= 2, status
        assert all(c.job_seeker.photo_file_id and c.job_seeker.ktp_file_id for c in waiting)  # can be issued
    assert db.session.query(Ak1Card).filter(Ak1Card.issued_at >= month).count() >= 2
    assert db.session.query(JobSeeker).filter(JobSeeker.registered_at >= month).count() >= 3
    window = app.config["AK1_REPORT_WINDOW_DAYS"]
    recent = db.session.query(Ak1Card).filter(Ak1Card.status == "issued",
                                              Ak1Card.issued_at.between(today - timedelta(days=200),
                                                                        today - timedelta(days=170)))
    due = [card for card in recent if due_report(card.issued_at, set(), today, window_days=window)]
    assert len(due) >= 3


def test_pkwt_work_of_the_operators_company(db):
    from app.contracts.models import PkwtContract, PkwtSubmission
    from app.core.formatting import today_jakarta

    today = today_jakarta()
    company_id = _user(db, "operator").company_id
    waiting = db.session.query(PkwtSubmission).filter_by(company_id=company_id, status="submitted").all()
    # with their signed contracts, so that the officer can approve them (other tests add more)
    assert len([s for s in waiting if all(c.contract_file_id for c in s.contracts)]) >= 2
    assert db.session.query(PkwtSubmission).filter(PkwtSubmission.company_id == company_id,
                                                   PkwtSubmission.status == "approved",
                                                   PkwtSubmission.registered_at >= today.replace(day=1)).count() >= 1
    ending = (db.session.query(PkwtContract).join(PkwtContract.submission)
              .filter(PkwtSubmission.status == "approved", PkwtContract.company_id == company_id,
                      PkwtContract.end_date.between(today, today + timedelta(days=30))))
    assert ending.count() >= 1


def test_foreign_worker_work_waits_in_each_tka_queue(db):
    from app.foreign_workers.extensions import ExtensionRequest
    from app.foreign_workers.payments import DkptkaPayment

    payments = {p.worker.full_name: p for p in db.session.query(DkptkaPayment).filter(
        DkptkaPayment.billing_code.like("82026%"))}
    park = payments["Park Ji-hoon"]
    assert park.status == "validated" and park.number and park.extension.status == "approved"
    assert park.extension.released_at is not None  # a receipt to print, revenue for the treasurer
    assert payments["Li Wei"].status == "submitted"  # the treasurer's queue
    assert payments["Nguyen Van An"].status == "received"  # the officer's validation queue
    waiting = payments["Nguyen Van An"].extension
    assert waiting.status == "submitted" and waiting.social_security_file_id is None  # checklist shows 2 missing
    assert db.session.query(ExtensionRequest).filter_by(status="submitted").count() >= 1
