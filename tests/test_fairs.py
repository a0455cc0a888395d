"""Job fairs: the fair's rules, companies joining (quotas, booth, return, reject), tenancy, seeker registration and
the ticket (PDF, QR decoded), door check-in (once, twice, wrong code, another fair, two scans at once), the outcome
report's numbers in PDF and XLSX, and the public pages."""
import threading
from datetime import date, timedelta
from io import BytesIO

import pypdfium2
import pytest
import zxingcpp
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.conftest import text_of, unique
from tests.test_browser import base_url, browser, shots  # noqa: F401 (fixtures)
from tests.test_journeys import people  # noqa: F401 (fixture)
from tests.seekers_support import issued_card, make_seeker

TODAY = date.today()


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(data)).pages)


def decoded_qr(data: bytes) -> list[str]:
    image = pypdfium2.PdfDocument(data)[0].render(scale=200 / 72).to_pil()
    return [result.text for result in zxingcpp.read_barcodes(image)]


def user(db, username):
    from app.security.models import AppUser

    return db.session.query(AppUser).filter_by(username=username).one()


def company_of(db, username):
    return user(db, username).company_id


def make_fair(db, starts=None, days=1, **fields):
    from app.vacancies.models import JobFair

    starts = starts or TODAY + timedelta(days=7)
    values = dict(name="Bursa " + unique(), slug="bursa-" + unique(), mode="luring", starts_on=starts,
                  ends_on=starts + timedelta(days=days - 1), venue="Gedung Serbaguna Tigaraksa",
                  kecamatan_code=kecamatan(db), registration_open=True)
    values.update(fields)
    fair = JobFair(**values)
    db.session.add(fair)
    db.session.commit()
    return fair


def kecamatan(db):
    from app.reference.models import Region

    return db.session.query(Region.code).filter_by(level="kecamatan").order_by(Region.code).first()[0]


def make_vacancy(db, company_id, slots=3, status="published", title=None):
    from app.core.models import utcnow
    from app.reference.models import Kbji
    from app.vacancies.models import Vacancy

    kbji = db.session.query(Kbji.code).order_by(Kbji.level.desc(), Kbji.code).first()[0]
    vacancy = Vacancy(company_id=company_id, title=title or "Operator " + unique(), kbji_code=kbji, slots_any=slots,
                      valid_from=TODAY - timedelta(days=1), valid_until=TODAY + timedelta(days=60), status=status,
                      submitted_at=utcnow(), published_at=utcnow() if status == "published" else None)
    db.session.add(vacancy)
    db.session.commit()
    return vacancy


def joined(db, fair, company_id, quotas):
    from app.vacancies import fairs

    part = fairs.join(fair, company_id, quotas)
    db.session.commit()
    return part


# ---- the fair's rules ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("changes,field,message", [
    (dict(ends_on=TODAY), "ends_on", "tidak boleh sebelum tanggal mulai"),
    (dict(mode="luring", venue=None), "venue", "wajib mencantumkan tempat"),
    (dict(mode="hybrid", online_url=None), "online_url", "wajib mencantumkan tautan"),
    (dict(mode="daring", venue=None, kecamatan_code=None, online_url="ftp://x"), "online_url", "http"),
    (dict(slug="Bursa Kerja!"), "slug", "huruf kecil"),
    (dict(booth_capacity=0), "booth_capacity", "minimal 1"),
])
def test_fair_rules(db, changes, field, message):
    from app.core.validation import DomainError
    from app.vacancies.fairs import check_fair
    from app.vacancies.models import JobFair

    values = dict(name="Bursa uji", slug="bursa-" + unique(), mode="luring", starts_on=TODAY + timedelta(days=3),
                  ends_on=TODAY + timedelta(days=4), venue="Aula", kecamatan_code=kecamatan(db), online_url=None)
    values.update(changes)
    with pytest.raises(DomainError) as error:
        check_fair(JobFair(**values))
    assert error.value.field == field and message in str(error.value)


def test_officer_creates_a_fair_and_a_rule_error_keeps_the_form(app, db, client_as):
    client = client_as("petugas.ak")
    slug = "bursa-" + unique()
    data = {"name": "Bursa Kerja Cikupa", "slug": slug, "mode": "daring", "starts_on": "10-12-2026",
            "ends_on": "11-12-2026", "venue": "", "online_url": "", "description": "", "booth_capacity": "",
            "registration_open": "y"}
    response = client.post("/jobfairview/add", data=data)
    page = text_of(response)
    assert response.status_code == 200 and "wajib mencantumkan tautan acara daring" in page
    assert "Bursa Kerja Cikupa" in response.get_data(as_text=True)  # what was typed is still there
    response = client.post("/jobfairview/add", data={**data, "online_url": "https://zoom.example/j/1"})
    assert response.status_code == 302
    from app.vacancies.models import JobFair

    assert db.session.query(JobFair).filter_by(slug=slug).one().mode == "daring"
    # Operators and job seekers read fairs, never edit them
    assert client_as("operator").get("/jobfairview/add").status_code == 403
    assert client_as("pencaker").get("/jobfairview/edit/1").status_code == 403


# ---- companies joining ----------------------------------------------------------------------------------------

def test_company_joins_with_quotas_and_the_officer_approves_with_a_booth(app, db, client_as):
    from app.core.notifications import Notification
    from app.vacancies.models import FairCompany

    fair = make_fair(db, booth_capacity=1)
    company = company_of(db, "operator")
    vacancy = make_vacancy(db, company, slots=3)
    draft = make_vacancy(db, company, status="submitted")
    operator = client_as("operator")
    form = operator.get(f"/faircompanyview/ikut/{fair.id}").get_data(as_text=True)
    assert vacancy.title in form and draft.title not in form  # only published, open vacancies
    response = operator.post(f"/faircompanyview/ikut/{fair.id}", data={"vacancy": [vacancy.id],
                                                                        f"quota_{vacancy.id}": "4"})
    assert response.status_code == 422 and "harus antara 1 dan 3" in text_of(response)
    assert 'value="4"' in response.get_data(as_text=True)  # the typed quota is kept
    response = operator.post(f"/faircompanyview/ikut/{fair.id}", data={"vacancy": [vacancy.id],
                                                                        f"quota_{vacancy.id}": "2"})
    assert response.status_code == 302
    part = db.session.query(FairCompany).filter_by(fair_id=fair.id, company_id=company).one()
    assert part.status == "submitted" and [(v.vacancy_id, v.quota) for v in part.vacancies] == [(vacancy.id, 2)]
    officer = user(db, "petugas.ak")
    assert db.session.query(Notification).filter_by(user_id=officer.id,
                                                    key=f"fair_company:{part.id}:submit:{officer.id}").one()
    # In the officer's home queue
    home = client_as("petugas.ak").get("/").get_data(as_text=True)
    assert 'data-test="work-fair_approve"' in home
    # Approve without a booth: refused at the panel; with one: approved, the operator is told
    staff = client_as("petugas.ak")
    response = staff.post(f"/faircompanyview/decide/{part.id}", data={"action": "approve", "booth": "",
                                                                      "seen": "submitted"})
    assert response.status_code == 422 and "Nomor stan" in text_of(response)
    response = staff.post(f"/faircompanyview/decide/{part.id}", data={"action": "approve", "booth": "b-07",
                                                                      "seen": "submitted"})
    assert response.status_code == 302
    db.session.expire_all()
    part = db.session.get(FairCompany, part.id)
    assert part.status == "approved" and part.booth == "B-07" and part.approved_at is not None
    operator_user = user(db, "operator")
    assert db.session.query(Notification).filter(Notification.user_id == operator_user.id,
                                                 Notification.title == "Keikutsertaan bursa kerja disetujui").count()
    # Capacity of one booth is used: a second company is refused
    other = company_of(db, "operator2")
    second = joined(db, fair, other, {make_vacancy(db, other).id: 1})
    response = staff.post(f"/faircompanyview/decide/{second.id}", data={"action": "approve", "booth": "B-08",
                                                                        "seen": "submitted"})
    assert response.status_code == 422 and "Kapasitas stan bursa ini (1) sudah penuh" in text_of(response)


def test_booth_is_unique_per_fair(app, db):
    from app.core.validation import DomainError
    from app.core.workflow import decide

    fair = make_fair(db)
    one, two = company_of(db, "operator"), company_of(db, "operator2")
    first = joined(db, fair, one, {make_vacancy(db, one).id: 1})
    second = joined(db, fair, two, {make_vacancy(db, two).id: 1})
    officer = user(db, "petugas.ak")
    decide(first, "approve", officer, data={"booth": "C-1"})
    db.session.commit()
    with pytest.raises(DomainError, match="Stan C-1 sudah diberikan"):
        decide(second, "approve", officer, data={"booth": "c-1"})
    db.session.rollback()


def test_return_then_revise_and_reject_with_a_reason(app, db, client_as):
    from app.vacancies.models import FairCompany

    fair = make_fair(db)
    company = company_of(db, "operator")
    first, second = make_vacancy(db, company), make_vacancy(db, company)
    part = joined(db, fair, company, {first.id: 1})
    staff = client_as("petugas.ak")
    response = staff.post(f"/faircompanyview/decide/{part.id}", data={"action": "return", "note": "",
                                                                      "seen": "submitted"})
    assert response.status_code == 422  # a return needs a note
    staff.post(f"/faircompanyview/decide/{part.id}", data={"action": "return", "seen": "submitted",
                                                           "note": "Bawa juga lowongan administrasi."})
    db.session.expire_all()
    assert db.session.get(FairCompany, part.id).status == "returned"
    operator = client_as("operator")
    page = text_of(operator.get(f"/faircompanyview/show/{part.id}"))
    assert "Bawa juga lowongan administrasi." in page
    response = operator.post(f"/faircompanyview/perbaiki/{part.id}",
                             data={"vacancy": [first.id, second.id], f"quota_{first.id}": "1",
                                   f"quota_{second.id}": "2"})
    assert response.status_code == 302
    db.session.expire_all()
    part = db.session.get(FairCompany, part.id)
    assert part.status == "submitted" and sorted(v.quota for v in part.vacancies) == [1, 2]
    response = staff.post(f"/faircompanyview/decide/{part.id}", data={"action": "reject", "reason": "",
                                                                      "seen": "submitted"})
    assert response.status_code == 422
    staff.post(f"/faircompanyview/decide/{part.id}", data={"action": "reject", "reason": "kuota_penuh",
                                                           "seen": "submitted"})
    db.session.expire_all()
    part = db.session.get(FairCompany, part.id)
    assert part.status == "rejected" and "Kuota peserta bursa sudah penuh" in part.note


def test_a_company_brings_only_its_own_open_vacancies_once(app, db):
    from app.core.validation import DomainError
    from app.vacancies import fairs

    fair = make_fair(db)
    one, two = company_of(db, "operator"), company_of(db, "operator2")
    theirs = make_vacancy(db, two)
    with pytest.raises(DomainError, match="tidak ditemukan di antara lowongan perusahaan Anda"):
        fairs.join(fair, one, {theirs.id: 1})
    db.session.rollback()
    with pytest.raises(DomainError, match="Pilih minimal satu lowongan"):
        fairs.join(fair, one, {})
    db.session.rollback()
    joined(db, fair, one, {make_vacancy(db, one).id: 1})
    with pytest.raises(DomainError, match="sudah mengajukan keikutsertaan"):
        fairs.join(fair, one, {make_vacancy(db, one).id: 1})
    db.session.rollback()
    closed = make_fair(db, registration_open=False)
    with pytest.raises(DomainError, match="sedang ditutup"):
        fairs.join(closed, one, {make_vacancy(db, one).id: 1})
    db.session.rollback()


def test_company_b_cannot_see_or_change_company_a_participation(app, db, client_as):
    fair = make_fair(db)
    company = company_of(db, "operator")
    part = joined(db, fair, company, {make_vacancy(db, company).id: 1})
    other = client_as("operator2")
    assert other.get(f"/faircompanyview/show/{part.id}").status_code == 404
    assert other.get(f"/faircompanyview/perbaiki/{part.id}").status_code == 404
    assert other.post(f"/faircompanyview/perbaiki/{part.id}", data={"vacancy": []}).status_code == 404
    assert str(part.id) not in [row for row in text_of(other.get("/faircompanyview/list/")).split() if row == str(part.id)]
    assert other.post(f"/faircompanyview/decide/{part.id}", data={"action": "resubmit"}).status_code == 404
    # The operator cannot approve their own request
    assert client_as("operator").post(f"/faircompanyview/decide/{part.id}",
                                      data={"action": "approve", "booth": "Z-1"}).status_code == 403


# ---- seekers: registration and ticket -----------------------------------------------------------------------

def test_registration_once_and_the_ticket(app, db, client_as):
    from app.vacancies import fairs
    from app.vacancies.models import FairRegistration

    fair = make_fair(db, mode="hybrid", online_url="https://meet.example/bursa")
    seeker = make_seeker(db)  # no AK-1: registering for a fair does not need one
    client = client_as(seeker.username)
    page = client.get(f"/bursa/{fair.slug}")
    assert 'data-test="register"' in page.get_data(as_text=True)
    assert client.post(f"/bursa/{fair.slug}/daftar").status_code == 302
    assert client.post(f"/bursa/{fair.slug}/daftar").status_code == 302  # a second click: the same ticket
    rows = db.session.query(FairRegistration).filter_by(fair_id=fair.id, job_seeker_id=seeker.id).all()
    assert len(rows) == 1
    registration = rows[0]
    code = registration.ticket_code
    assert len(code) == 8 and set(code) <= set(fairs.TICKET_ALPHABET)
    page = text_of(client.get(f"/bursa/{fair.slug}"))
    assert code in page and "kartu AK/I yang berlaku" in page
    response = client.get(f"/bursa/saya/tiket/{registration.id}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    assert "TIKET BURSA KERJA" in text and fair.name in text and code in text and seeker.full_name in text
    assert seeker.nik not in text  # the NIK is masked
    assert decoded_qr(response.data) == [f"{app.config['PUBLIC_BASE_URL'].rstrip('/')}/bursa-checkin/{fair.id}"
                                         f"?kode={code}"]
    # Another job seeker, and even an officer, get 404 for this ticket
    other = make_seeker(db)
    assert client_as(other.username).get(f"/bursa/saya/tiket/{registration.id}").status_code == 404
    assert client_as("petugas.ak").get(f"/bursa/saya/tiket/{registration.id}").status_code == 403
    # Closed registration
    closed = make_fair(db, registration_open=False)
    client.post(f"/bursa/{closed.slug}/daftar")
    assert not db.session.query(FairRegistration).filter_by(fair_id=closed.id).count()


def test_ticket_codes_are_not_sequential(app):
    from app.vacancies.fairs import new_ticket_code

    codes = {new_ticket_code() for _ in range(2000)}
    assert len(codes) == 2000


# ---- check-in ---------------------------------------------------------------------------------------------

def registered(db, fair, seeker=None):
    from app.vacancies import fairs

    registration = fairs.register(fair, seeker or make_seeker(db, complete=False))
    db.session.commit()
    return registration


def test_check_in_once_twice_wrong_code_and_another_fair(app, db, client_as):
    fair = make_fair(db, starts=TODAY)
    other_fair = make_fair(db, starts=TODAY)
    registration = registered(db, fair)
    stranger = registered(db, other_fair)
    door = client_as("petugas.ak")
    url = f"/bursa-checkin/{fair.id}"
    response = door.post(url, data={"kode": registration.ticket_code.lower()})
    assert response.status_code == 200 and 'data-test="checkin-ok"' in response.get_data(as_text=True)
    assert "Check-in berhasil" in text_of(response)
    # The scanner types the QR's link: the same ticket, already checked in, with the time
    response = door.post(url, data={"kode": f"http://x/bursa-checkin/{fair.id}?kode={registration.ticket_code}"})
    page = text_of(response)
    assert 'data-test="checkin-already"' in response.get_data(as_text=True) and "sudah check-in pada" in page
    assert "WIB" in page
    response = door.post(url, data={"kode": "ZZZZ2222"})
    assert response.status_code == 422 and "tidak dikenal" in text_of(response)
    response = door.post(url, data={"kode": stranger.ticket_code})
    assert response.status_code == 422 and f"bursa kerja lain: {other_fair.name}" in text_of(response)
    # Outside the fair's days
    later = make_fair(db)
    response = door.post(f"/bursa-checkin/{later.id}", data={"kode": registered(db, later).ticket_code})
    assert "Check-in hanya pada hari bursa" in text_of(response)
    # Who may use the door page
    assert client_as("operator").get(url).status_code == 403
    assert client_as("pencaker").post(url, data={"kode": registration.ticket_code}).status_code == 403


def test_two_scans_at_once_check_in_once(app, db):
    from app.extensions import db as database
    from app.vacancies import fairs
    from app.vacancies.models import FairRegistration, JobFair

    fair = make_fair(db, starts=TODAY)
    registration = registered(db, fair)
    outcomes, barrier = [], threading.Barrier(2)
    # Read in this thread: touching the test's own (expired) rows from both threads would share its session.
    fair_id, code = fair.id, registration.ticket_code

    def scan():
        with app.app_context():
            one = database.session.get(JobFair, fair_id)
            barrier.wait()
            outcomes.append(fairs.check_in(one, code).outcome)
            database.session.commit()
            database.session.remove()

    threads = [threading.Thread(target=scan) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["already", "ok"]
    db.session.expire_all()
    assert db.session.get(FairRegistration, registration.id).checked_in_at is not None


# ---- outcome ----------------------------------------------------------------------------------------------

def test_outcome_report_numbers_in_pdf_and_xlsx(app, db, client_as):
    from app.core.models import utcnow
    from app.core.workflow import decide
    from app.vacancies.models import Application, Placement

    fair = make_fair(db, starts=TODAY)
    one, two = company_of(db, "operator"), company_of(db, "operator2")
    vacancy_one, vacancy_two = make_vacancy(db, one, slots=5), make_vacancy(db, two, slots=5)
    officer = user(db, "petugas.ak")
    for company, vacancy, booth in ((one, vacancy_one, "A-1"), (two, vacancy_two, "A-2")):
        decide(joined(db, fair, company, {vacancy.id: 3}), "approve", officer, data={"booth": booth})
    db.session.commit()
    regs = [registered(db, fair) for _ in range(3)]
    from app.vacancies import fairs

    for registration in regs[:2]:
        fairs.check_in(fair, registration.ticket_code)
    db.session.commit()

    def application(vacancy, company, status, interview=None):
        seeker = make_seeker(db, complete=True)
        card = issued_card(db, seeker)
        row = Application(vacancy_id=vacancy.id, company_id=company, job_seeker_id=seeker.id, ak1_card_id=card.id,
                          fair_id=fair.id, source="bursa", status=status, applied_at=utcnow(),
                          interview_at=interview)
        db.session.add(row)
        db.session.commit()
        return row, seeker, card

    application(vacancy_one, one, "new")
    application(vacancy_one, one, "interview", TODAY)
    accepted, seeker, card = application(vacancy_one, one, "accepted", TODAY)
    application(vacancy_two, two, "in_review")
    db.session.add(Placement(job_seeker_id=seeker.id, ak1_card_id=card.id, company_id=one, employer_name="PT Satu",
                             employer_type_code="PRIVATE", vacancy_id=vacancy_one.id, application_id=accepted.id,
                             position="Operator", kbji_code=vacancy_one.kbji_code, placed_on=TODAY,
                             placement_type="AKL", sex="L", birth_date=date(1998, 5, 17), recorded_by="lamaran"))
    direct = make_seeker(db)
    direct_card = issued_card(db, direct)
    db.session.add(Placement(job_seeker_id=direct.id, ak1_card_id=direct_card.id, company_id=two,
                             employer_name="PT Dua", employer_type_code="PRIVATE", position="Staf",
                             kbji_code=vacancy_two.kbji_code, placed_on=TODAY, placement_type="AKL", fair_id=fair.id,
                             sex="L", birth_date=date(1998, 5, 17), recorded_by="petugas"))
    db.session.commit()

    data = fairs.outcome(fair)
    assert data["totals"] == {"registered": 3, "attended": 2, "applications": 4, "interviews": 2, "placements": 2,
                              "companies": 2, "quota": 6}
    by_booth = {c.booth: (c.applications, c.interviews, c.placements) for c in data["companies"]}
    assert by_booth == {"A-1": (3, 2, 1), "A-2": (1, 0, 1)}

    office = client_as("petugas.ak")
    pdf = office.get(f"/bursa-hasil/{fair.id}/pdf")
    assert pdf.status_code == 200
    text = pdf_text(pdf.data)
    assert "LAPORAN HASIL BURSA KERJA" in text and fair.name in text
    assert "Pencari kerja terdaftar 3" in text and "Hadir (check-in) 2" in text
    assert "Lamaran di bursa 4" in text and "Sampai tahap wawancara 2" in text and "Ditempatkan (penempatan) 2" in text
    assert "A-1 3 3 2 1" in text and "A-2 3 1 0 1" in text
    xlsx = office.get(f"/bursa-hasil/{fair.id}/xlsx")
    book = load_workbook(BytesIO(xlsx.data))
    summary = {row[0]: row[1] for row in book["Ringkasan"].iter_rows(min_row=5, values_only=True)}
    assert summary["Pencari kerja terdaftar"] == 3 and summary["Hadir (check-in)"] == 2
    assert summary["Lamaran di bursa"] == 4 and summary["Sampai tahap wawancara"] == 2
    assert summary["Ditempatkan (penempatan)"] == 2
    rows = [row for row in book["Per perusahaan"].iter_rows(min_row=4, values_only=True)]
    assert [r[2:] for r in rows] == [("A-1", 3, 3, 2, 1), ("A-2", 3, 1, 0, 1), (None, 6, 4, 2, 2)]
    # Officers download it; operators do not
    assert client_as("operator").get(f"/bursa-hasil/{fair.id}/pdf").status_code == 403
    assert client_as("kadis").get(f"/bursa-hasil/{fair.id}/xlsx").status_code == 200


# ---- public pages ---------------------------------------------------------------------------------------------

def test_public_pages_show_only_approved_participations(app, db):
    from app.core.workflow import decide

    fair = make_fair(db, description="Bursa untuk lulusan SMK.")
    past = make_fair(db, starts=TODAY - timedelta(days=30))
    one, two = company_of(db, "operator"), company_of(db, "operator2")
    shown, hidden = make_vacancy(db, one, title="Juru Las " + unique()), make_vacancy(db, two,
                                                                                      title="Kasir " + unique())
    decide(joined(db, fair, one, {shown.id: 2}), "approve", user(db, "petugas.ak"), data={"booth": "D-4"})
    joined(db, fair, two, {hidden.id: 1})  # waiting: not public
    db.session.commit()
    public = app.test_client()
    listing = text_of(public.get("/bursa/"))
    assert fair.name in listing and past.name not in listing
    response = public.get(f"/bursa/{fair.slug}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and shown.title in page and hidden.title not in page
    assert f'href="/lowongan/{shown.id}?bursa={fair.id}"' in page and "D-4" in page
    assert "Masuk untuk mendaftar" in text_of(response)
    assert public.get("/bursa/tidak-ada").status_code == 404
    assert public.post(f"/bursa/{fair.slug}/daftar").status_code in (302, 401)


# ---- in Chromium: the seeker registers and downloads the ticket; the door checks it in (390 px) -----------

@pytest.mark.browser
@pytest.mark.parametrize("width", [1366, 390], ids=["desktop", "phone"])
def test_browser_seeker_registers_and_the_door_checks_in(app, db, people, width):  # noqa: F811
    from tests.test_journeys import sign_in

    expect = pytest.importorskip("playwright.sync_api").expect
    fair = make_fair(db, starts=TODAY, days=2, name="Bursa Kerja Cikupa " + unique())
    company = company_of(db, "operator")
    from app.core.workflow import decide

    vacancy = make_vacancy(db, company, title="Operator Mesin Jahit")
    decide(joined(db, fair, company, {vacancy.id: 3}), "approve", user(db, "petugas.ak"), data={"booth": "A-3"})
    db.session.commit()
    seeker = make_seeker(db, complete=False)

    page = people(width, "fair-seeker")
    page.goto("/bursa/")
    page.locator(f"a:has-text('{fair.name}')").click()
    expect(page.locator("[data-test=fair-page]")).to_contain_text("Operator Mesin Jahit")
    page.shot("fair-public")
    page.locator("[data-test=login-to-register]").click()
    page.locator("#username").fill(seeker.username)
    page.locator("#password").fill("Dnaker-Demo-2026")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()
    page.goto(f"/bursa/{fair.slug}")
    page.locator("[data-test=register]").click()
    code = page.locator("[data-test=ticket-code]").inner_text().strip()
    assert len(code) == 8
    page.shot("registered")
    with page.expect_download() as download:
        page.locator("[data-test=ticket-pdf]").click()
    ticket = download.value.path().read_bytes()
    assert ticket.startswith(b"%PDF") and code in pdf_text(ticket)

    door = people(width, "fair-door")
    sign_in(door, "petugas.ak")
    door.goto(f"/bursa-checkin/{fair.id}")
    door.locator("#kode").fill(code.lower())
    door.locator("#kode").press("Enter")
    expect(door.locator("[data-test=checkin-ok]")).to_be_visible()
    expect(door.locator("#kode")).to_be_focused()  # ready for the next scan
    door.shot("checked-in")
    door.locator("#kode").fill(code)
    door.locator("#kode").press("Enter")
    expect(door.locator("[data-test=checkin-already]")).to_contain_text("sudah check-in pada")
    door.shot("second-scan")
    door.locator("#kode").fill("ABCD2345")
    door.locator("#kode").press("Enter")
    expect(door.locator("[data-test=checkin-unknown]")).to_contain_text("tidak dikenal")
    door.shot("wrong-code")
