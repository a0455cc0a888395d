"""Job seekers and the AK-1 card: the rules with their legal basis, the lifecycle through screens and API,
numbering under concurrency, and privacy between job seekers."""
import threading
from datetime import date

import pytest

from app.core.workflow import decide

from tests.conftest import DATABASE_URL, text_of, unique
from tests.seekers_support import issued_card, make_seeker, nik_for, officer


# ---- rules ------------------------------------------------------------------------------------------------

def test_nik_must_agree_with_birth_date_and_sex():
    """The NIK encodes the birth date, with 40 added to the day for women."""
    from app.core.validation import DomainError
    from app.core.identifiers import check_nik_matches, clean_nik

    woman = nik_for(date(1999, 3, 7), "P")
    assert woman[6:12] == "470399"
    check_nik_matches(clean_nik(woman), date(1999, 3, 7), "P")
    with pytest.raises(DomainError, match="Jenis kelamin tidak sesuai"):
        check_nik_matches(woman, date(1999, 3, 7), "L")
    with pytest.raises(DomainError, match="Tanggal lahir tidak sesuai"):
        check_nik_matches(woman, date(1999, 3, 8), "P")
    with pytest.raises(DomainError, match="NIK tidak valid"):
        clean_nik("3603011234")


def test_minimum_age_is_15():
    """Job seekers register from 15: office policy (AK1_MIN_AGE), the lowest age group of the IPK report."""
    from app.core.validation import DomainError
    from app.seekers.rules import check_minimum_age

    check_minimum_age(date(2011, 11, 24), date(2026, 11, 24))
    with pytest.raises(DomainError, match="Usia minimal pencari kerja 15 tahun"):
        check_minimum_age(date(2011, 11, 25), date(2026, 11, 24))


def test_card_number_validity_and_report_windows():
    """Permenaker 39/2016: valid 2 years, re-report every 6 months while not placed."""
    from app.seekers.rules import due_report, report_due_dates, valid_until

    assert valid_until(date(2026, 11, 24)) == date(2028, 11, 24)
    assert valid_until(date(2024, 2, 29)) == date(2026, 2, 28)
    issued = date(2026, 1, 31)
    assert report_due_dates(issued) == [date(2026, 7, 31), date(2027, 1, 31), date(2027, 7, 31)]
    assert due_report(issued, set(), date(2026, 7, 1), window_days=30) == (1, date(2026, 7, 31))
    assert due_report(issued, set(), date(2026, 6, 30), window_days=30) is None  # window not open yet
    assert due_report(issued, {1}, date(2026, 8, 15), window_days=30) is None  # already reported
    assert due_report(issued, set(), date(2026, 8, 31), window_days=30) is None  # window closed


# ---- registration -----------------------------------------------------------------------------------------

def _registration(**overrides):
    birth = overrides.pop("birth", date(2000, 1, 2))
    data = {"nik": nik_for(birth, "L"), "full_name": "Siti Nurhaliza " + unique(), "birth_place": "Tangerang",
            "birth_date": birth.isoformat(), "sex": "L", "email": f"{unique()}@contoh.id",
            "phone": "081234567890", "username": "pk" + unique(), "password": "Pencaker-Kuat-2026",
            "confirm": "Pencaker-Kuat-2026"}
    data.update(overrides)
    return data


def test_self_registration_creates_the_person_and_the_account(app, db, client_as):
    from app.seekers.models import JobSeeker

    data = _registration()
    page = app.test_client().post("/daftar/pencari-kerja", data=data)
    assert "Periksa e-mail Anda" in text_of(page)
    seeker = db.session.query(JobSeeker).filter_by(nik=data["nik"]).one()
    assert seeker.registered_at is not None
    own = text_of(client_as(data["username"], data["password"]).get("/jobseekerview/list/"))
    assert data["full_name"] in own


@pytest.mark.parametrize("change,message", [
    ({"sex": "P"}, "Jenis kelamin tidak sesuai dengan NIK"),
    ({"birth_date": "2000-01-03"}, "Tanggal lahir tidak sesuai dengan NIK"),
    ({"birth": date(2014, 1, 2)}, "Usia minimal pencari kerja 15 tahun"),
    ({"nik": "12345"}, "NIK tidak valid"),
])
def test_registration_refusals(app, db, change, message):
    from app.seekers.models import JobSeeker

    data = _registration(**change)
    before = db.session.query(JobSeeker).count()
    page = app.test_client().post("/daftar/pencari-kerja", data=data)
    assert message in text_of(page)
    assert db.session.query(JobSeeker).count() == before


def test_nik_is_unique(app, db):
    from app.seekers.models import JobSeeker

    seeker = make_seeker(db, account=False)
    data = _registration(nik=seeker.nik, birth_date=seeker.birth_date.isoformat(), sex=seeker.sex)
    app.test_client().post("/daftar/pencari-kerja", data=data)  # what it answers: test_sessions.py
    assert db.session.query(JobSeeker).filter_by(nik=seeker.nik).count() == 1


# ---- lifecycle --------------------------------------------------------------------------------------------

def test_whole_lifecycle_through_screens(app, db, client_as):
    from app.core.workflow import history
    from app.seekers.models import Ak1Card

    seeker = make_seeker(db)
    own = client_as(seeker.username)
    own.post(f"/jobseekerview/ajukan/{seeker.id}", data={"application_type": "baru"})
    card = db.session.query(Ak1Card).filter_by(job_seeker_id=seeker.id).one()
    assert card.status == "submitted"
    assert own.post(f"/ak1cardview/decide/{card.id}", data={"action": "issue"}).status_code == 403  # not theirs
    petugas = client_as("petugas.ak")
    queue = text_of(petugas.get("/ak1verificationqueueview/list/?psize_Ak1VerificationQueueView=100"))
    assert seeker.full_name in queue
    petugas.post(f"/ak1cardview/decide/{card.id}", data={"action": "return", "note": "Foto buram"})
    db.session.expire_all()
    assert card.status == "returned" and card.note == "Foto buram"
    petugas.post(f"/ak1cardview/decide/{card.id}", data={"action": "resubmit"})
    petugas.post(f"/ak1cardview/decide/{card.id}", data={"action": "verify"})
    petugas.post(f"/ak1cardview/decide/{card.id}", data={"action": "issue"})
    db.session.expire_all()
    assert card.status == "issued" and card.number.startswith("3603-") and card.signed_by_nip
    page = text_of(own.get(f"/ak1cardview/show/{card.id}"))
    assert card.number in page and "Berlaku" in page
    petugas.post(f"/ak1cardview/decide/{card.id}", data={"action": "place", "date": "2026-11-20",
                                                        "employer": "PT Maju Jaya"})
    db.session.expire_all()
    assert card.status == "placed" and card.placed_at == date(2026, 11, 20)
    assert [t.to_state for t in history(db.session, card)] == [
        "returned", "submitted", "verified", "issued", "placed"]


def test_online_rereport_inside_the_window_only(app, db, client_as):
    from dateutil.relativedelta import relativedelta

    from app.core.formatting import today_jakarta
    from app.seekers.models import Ak1Report

    today = today_jakarta()
    early, due_soon = make_seeker(db), make_seeker(db)
    early_card = issued_card(db, early, on=today - relativedelta(months=3))
    page = client_as(early.username).post(f"/ak1cardview/rereport/{early_card.id}", follow_redirects=True)
    assert "Tidak ada jadwal lapor ulang" in text_of(page)
    card = issued_card(db, due_soon, on=today - relativedelta(months=6) + relativedelta(days=10))
    client_as(due_soon.username).post(f"/ak1cardview/rereport/{card.id}")
    report = db.session.query(Ak1Report).filter_by(card_id=card.id).one()
    assert (report.sequence, report.due_date, report.reported_at, report.channel) == (
        1, card.issued_at + relativedelta(months=6), today, "online")
    assert db.session.query(Ak1Report).filter_by(card_id=early_card.id).count() == 0


def test_correction_keeps_the_number_and_the_before_after(db):
    import json

    from app.seekers import services

    seeker = make_seeker(db, account=False)
    card = issued_card(db, seeker)
    seeker.address = "Jl. Baru No. 5"
    correction = services.apply(seeker, "perbaikan")
    decide(correction, "verify", officer(db))
    decide(correction, "issue", officer(db))
    db.session.commit()
    assert correction.number == card.number and correction.valid_until == card.valid_until
    assert card.status == "closed"
    before, after = json.loads(card.snapshot), json.loads(correction.snapshot)
    assert before["address"] != after["address"] == "Jl. Baru No. 5"


def test_rejection_needs_a_listed_reason(db):
    from app.core.validation import DomainError
    from app.seekers import services

    seeker = make_seeker(db, account=False)
    card = services.apply(seeker)
    with pytest.raises(DomainError, match="Pilih alasan dari daftar"):
        decide(card, "reject", officer(db), reason="karena")
    entry = decide(card, "reject", officer(db), reason="dokumen_kurang", note="KTP tidak terbaca")
    assert card.status == "rejected" and card.rejection_reason == entry.reason == "dokumen_kurang"
    assert card.note == "Dokumen tidak lengkap atau tidak terbaca; KTP tidak terbaca"
    db.session.rollback()


def test_expiry_is_a_stored_fact(db):
    from app.seekers import services

    seeker = make_seeker(db, account=False)
    card = issued_card(db, seeker, on=date(2023, 1, 10))
    services.expire_cards(today=date(2025, 1, 11))
    db.session.refresh(card)
    assert card.status == "expired" and card.expired_at == date(2025, 1, 10)


def test_lifecycle_through_the_api(db, api_as):
    seeker = make_seeker(db)
    own = api_as(seeker.username)
    applied = own.post("/api/v1/ak1/", json={"job_seeker_id": seeker.id, "application_type": "baru"})
    assert applied.status_code == 201, applied.get_json()
    card_id = applied.get_json()["id"]
    assert own.post(f"/api/v1/ak1/{card_id}/verify", json={}).status_code == 403
    again = own.post("/api/v1/ak1/", json={"job_seeker_id": seeker.id})
    assert again.status_code == 422 and "sedang diproses" in again.get_json()["message"]
    petugas = api_as("petugas.ak")
    assert petugas.post(f"/api/v1/ak1/{card_id}/verify", json={}).status_code == 200
    issued = petugas.post(f"/api/v1/ak1/{card_id}/issue", json={})
    assert issued.status_code == 200 and issued.get_json()["result"]["number"].startswith("3603-")
    removed = petugas.post(f"/api/v1/ak1/{card_id}/remove", json={"reason": "salah", "date": "2026-11-24"})
    assert removed.status_code == 422 and "Pilih alasan dari daftar" in removed.get_json()["message"]
    shown = own.get(f"/api/v1/ak1/{card_id}").get_json()["result"]
    assert shown["status"] == "issued"


# ---- privacy ----------------------------------------------------------------------------------------------

def test_a_seeker_cannot_see_another_seekers_data(db, client_as, api_as):
    mine, theirs = make_seeker(db), make_seeker(db)
    card = issued_card(db, theirs)
    client = client_as(mine.username)
    for url in (f"/jobseekerview/show/{theirs.id}", f"/jobseekerview/edit/{theirs.id}",
                f"/ak1cardview/show/{card.id}", f"/ak1cardview/pdf/{card.id}"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/jobseekerview/ajukan/{theirs.id}").status_code == 404
    assert client.post(f"/ak1cardview/rereport/{card.id}").status_code == 404
    listing = text_of(client.get("/jobseekerview/list/"))
    assert mine.full_name in listing and theirs.full_name not in listing
    api = api_as(mine.username)
    assert api.get(f"/api/v1/jobseeker/{theirs.id}").status_code == 404
    assert api.get(f"/api/v1/ak1/{card.id}").status_code == 404
    assert api.post("/api/v1/ak1/", json={"job_seeker_id": theirs.id}).status_code == 404
    assert api.get("/api/v1/jobseeker/").get_json()["ids"] == [mine.id]


def test_officers_search_by_nik_and_name(db, client_as):
    seeker = make_seeker(db, account=False, full_name="Wahyu Kurniawan " + unique())
    petugas = client_as("petugas.ak")
    by_nik = text_of(petugas.get(f"/jobseekerview/list/?_flt_3_nik={seeker.nik}"))
    assert seeker.full_name in by_nik
    by_name = text_of(petugas.get(f"/jobseekerview/list/?_flt_2_full_name={seeker.full_name.split()[-1]}"))
    assert seeker.full_name in by_name


# ---- numbering under concurrency ---------------------------------------------------------------------------

@pytest.mark.skipif(not DATABASE_URL.startswith("postgresql"), reason="row locks are only contended on PostgreSQL")
def test_concurrent_issuing_gives_no_duplicate_and_no_gap(app, db):
    from sqlalchemy import func

    from app.seekers import services
    from app.seekers.models import Ak1Card

    cards = []
    for _ in range(12):
        seeker = make_seeker(db, account=False)
        card = services.apply(seeker)
        decide(card, "verify", officer(db))
        cards.append(card.id)
    db.session.commit()
    year = date.today().year
    start = db.session.query(func.max(Ak1Card.serial)).filter(Ak1Card.serial_year == year).scalar() or 0
    barrier, errors = threading.Barrier(len(cards)), []

    def issue(card_id):
        with app.app_context():
            from app.extensions import db as database

            barrier.wait()
            try:
                decide(database.session.get(Ak1Card, card_id), "issue", officer(database))
                database.session.commit()
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)

    threads = [threading.Thread(target=issue, args=(card_id,)) for card_id in cards]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert not errors
    serials = sorted(s for (s,) in db.session.query(Ak1Card.serial).filter(Ak1Card.id.in_(cards)))
    assert serials == list(range(start + 1, start + 1 + len(cards)))


# ---- duplicates -------------------------------------------------------------------------------------------

def test_likely_duplicates_are_listed_and_merged_with_history_kept(db, client_as):
    from app.seekers.models import Ak1Card, Education, JobSeeker

    name = "Rudi Hartono " + unique()
    first = make_seeker(db, account=False, full_name=name, birth=date(1995, 4, 4))
    second = make_seeker(db, full_name=name.upper(), birth=date(1995, 4, 4))
    db.session.add(Education(job_seeker_id=second.id, level_code="SMK", ipk_code="3002", school="SMKN 1"))
    card = issued_card(db, second)
    petugas = client_as("petugas.ak")
    page = text_of(petugas.get("/pencari-kerja/data-ganda/"))
    assert f"#{first.id} {first.full_name}" in page and f"#{second.id}" in page
    assert client_as("pencaker").get("/pencari-kerja/data-ganda/").status_code == 403
    petugas.post("/pencari-kerja/data-ganda/gabung", data={"keep": first.id, "drop": second.id})
    db.session.expire_all()
    dropped = db.session.get(JobSeeker, second.id)
    assert dropped.status == "merged" and dropped.merged_into_id == first.id
    assert db.session.get(Ak1Card, card.id).job_seeker_id == first.id
    assert db.session.query(Education).filter_by(job_seeker_id=first.id, school="SMKN 1").count() == 1
    from app.security.models import AppUser

    assert db.session.query(AppUser).filter_by(username=second.username).one().job_seeker_id == first.id


def test_officer_prints_selected_cards_in_a_background_job(app, db, client_as):
    from tests.conftest import drain_jobs

    cards = [issued_card(db, make_seeker(db, account=False)) for _ in range(2)]
    petugas = client_as("petugas.ak")
    response = petugas.post("/ak1cardview/action_post",
                            data={"action": "print_cards", "rowid": [str(c.id) for c in cards]})
    assert response.status_code == 302 and "/progress" in response.headers["Location"]
    job_id = response.headers["Location"].split("/jobs/")[1].split("/")[0]
    db.session.commit()  # a worker process reads what this test wrote
    drain_jobs(app)
    status = petugas.get(f"/jobs/{job_id}").get_json()
    assert status["status"] == "finished" and status["progress"] == 100 and status["result"]["count"] == 2
    pdf = petugas.get(status["result"]["url"])
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    seeker = make_seeker(db)
    own = client_as(seeker.username)
    assert own.post("/ak1cardview/action_post", data={"action": "print_cards",
                                                      "rowid": [str(cards[0].id)]}).status_code in (302, 403)
    assert own.get(status["result"]["url"]).status_code == 404


# ---- documents --------------------------------------------------------------------------------------------

def _png(width, height):
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def test_documents_are_checked_by_content_and_the_photo_made_card_sized(db, client_as):
    from io import BytesIO

    from PIL import Image

    from app.core.files import StoredFile, open_file
    from app.seekers.models import JobSeeker

    seeker = make_seeker(db)
    own = client_as(seeker.username)
    page = own.post(f"/jobseekerview/dokumen/{seeker.id}", follow_redirects=True, content_type="multipart/form-data",
                    data={"kind": "ktp", "file": (BytesIO(b"bukan gambar"), "ktp.jpg")})
    assert "harus berformat" in text_of(page)
    own.post(f"/jobseekerview/dokumen/{seeker.id}", content_type="multipart/form-data",
             data={"kind": "photo", "file": (BytesIO(_png(1800, 2400)), "foto.png")})
    db.session.expire_all()
    photo = db.session.get(StoredFile, db.session.get(JobSeeker, seeker.id).photo_file_id)
    with open_file(photo) as handle:
        image = Image.open(handle)
        assert image.format == "JPEG" and image.size == (450, 600)
    assert photo.job_seeker_id == seeker.id
    assert client_as("operator").get(f"/files/{photo.id}").status_code == 404
    assert client_as("petugas.ak").get(f"/files/{photo.id}").status_code == 200


def test_profile_parts_through_screens(db, client_as):
    from app.seekers.models import JobSeeker, SeekerPreference

    seeker = make_seeker(db, complete=False)
    own = client_as(seeker.username)
    response = own.post("/educationview/add", data={"job_seeker": seeker.id, "level": "SMK", "school": "SMKN 3",
                                                    "major": "Teknik Mesin", "year_graduated": "2016"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(JobSeeker, seeker.id).education_level_code == "SMK"
    page = own.post("/seekerpreferenceview/add", follow_redirects=True,
                    data={"job_seeker": seeker.id, "kind": "sector", "kbji": "7"})
    assert "Isi satu pilihan sesuai jenisnya" in text_of(page)
    own.post("/seekerpreferenceview/add", data={"job_seeker": seeker.id, "kind": "occupation", "kbji": "72"})
    assert db.session.query(SeekerPreference).filter_by(job_seeker_id=seeker.id, kbji_code="72").count() == 1
    other = make_seeker(db, account=False, complete=False)
    refused = own.post("/educationview/add", data={"job_seeker": other.id, "level": "SD", "school": "SDN 1"})
    assert "Not a valid choice" not in text_of(refused)  # another person's record is simply not offered
    db.session.expire_all()
    assert db.session.get(JobSeeker, other.id).educations == []
