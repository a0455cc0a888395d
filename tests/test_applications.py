"""Job applications (issue 10 part 3; domain.md §4): who may apply (an active AK-1, an open vacancy, once per
vacancy, the vacancy's stated age, sex and education — Perpres 57/2023 art. 5 —, a fair's own vacancies), the
workflow new → in review → interview → accepted | refused | withdrawn through screens and API, every transition
logged and both sides told, and tenancy between companies and between job seekers."""
import html
from datetime import date, timedelta

import pytest

from app.core.validation import DomainError
from tests.applications_support import applied, company_of, seeker_with_card, user, vacancy
from tests.conftest import text_of, unique
from tests.seekers_support import make_seeker


def _apply(seeker, vac, **kw):
    from app.vacancies.applications import apply

    return apply(seeker, vac, **kw)


def _refused(db, seeker, vac, words, **kw):
    with pytest.raises(DomainError) as error:
        _apply(seeker, vac, **kw)
    db.session.rollback()
    assert words in str(error.value), str(error.value)


# ---- rules ---------------------------------------------------------------------------------------------------

def test_a_seeker_without_an_issued_card_cannot_apply(db):
    seeker = make_seeker(db)
    _refused(db, seeker, vacancy(db), "kartu AK/I")


def test_an_expired_card_is_not_active_even_before_the_daily_job(db):
    seeker, card = seeker_with_card(db)
    card.valid_until = date.today() - timedelta(days=1)  # the expiry job has not run yet
    db.session.commit()
    _refused(db, seeker, vacancy(db), "kartu AK/I")
    card.status = "expired"
    db.session.commit()
    _refused(db, seeker, vacancy(db), "kartu AK/I")


@pytest.mark.parametrize("state", ["submitted", "closed", "filled", "expired-validity", "not-yet"])
def test_only_an_open_vacancy_takes_applications(db, state):
    seeker, _card = seeker_with_card(db)
    today = date.today()
    fields = {"expired-validity": dict(valid_until=today - timedelta(days=1), valid_from=today - timedelta(days=20)),
              "not-yet": dict(valid_from=today + timedelta(days=2))}.get(state, {"status": state})
    _refused(db, seeker, vacancy(db, **fields), "tidak sedang dibuka")


def test_one_application_per_vacancy_with_a_clear_message(db):
    seeker, card = seeker_with_card(db)
    vac = vacancy(db)
    first = applied(db, seeker, vac, cover_note="  Saya siap bekerja shift.  ")
    assert (first.status, first.ak1_card_id, first.company_id, first.source) == ("new", card.id, vac.company_id,
                                                                                "portal")
    assert first.cover_note == "Saya siap bekerja shift."
    _refused(db, seeker, vac, "sudah melamar lowongan ini")


def test_the_stated_age_range_is_checked_at_today(db):
    today = date.today()
    birth = today.replace(year=today.year - 30) + timedelta(days=1)  # 29 until tomorrow
    seeker, _card = seeker_with_card(db, birth=birth)
    _refused(db, seeker, vacancy(db, age_min=30), "paling rendah 30 tahun; usia Anda 29 tahun")
    _refused(db, seeker, vacancy(db, age_max=25), "paling tinggi 25 tahun; usia Anda 29 tahun")
    assert applied(db, seeker, vacancy(db, age_min=18, age_max=29)).id


def test_sex_is_checked_only_when_the_vacancy_asks_for_one_sex(db):
    woman, _card = seeker_with_card(db, sex="P")
    _refused(db, woman, vacancy(db, slots_male=3, slots_any=0, sex_reason="Pekerjaan angkat beban berat"),
             "hanya untuk pelamar laki-laki")
    assert applied(db, woman, vacancy(db, slots_male=2, slots_female=1, slots_any=0)).id  # both sexes asked
    assert applied(db, woman, vacancy(db, slots_female=2, slots_any=0)).id


def test_minimum_education_by_ipk_level(db):
    seeker, _card = seeker_with_card(db)  # SMA (IPK 3001)
    _refused(db, seeker, vacancy(db, education_ipk_code="5000"), "pendidikan paling rendah D3/Akademi")
    assert applied(db, seeker, vacancy(db, education_ipk_code="3000")).id  # SLTA
    assert applied(db, seeker, vacancy(db, education_ipk_code="3100")).id  # an SMK field is SLTA level too


def _fair(db, vac, approved=True, register=None):
    from app.core.models import utcnow
    from app.vacancies.models import FairCompany, FairRegistration, FairVacancy, JobFair

    today = date.today()
    fair = JobFair(name="Bursa Kerja " + unique(), slug="bursa-" + unique(), mode="luring", starts_on=today,
                   ends_on=today + timedelta(days=1), venue="Gedung Serbaguna Tigaraksa")
    db.session.add(fair)
    db.session.flush()
    part = FairCompany(fair_id=fair.id, company_id=vac.company_id, status="approved" if approved else "submitted",
                       submitted_at=utcnow())
    part.vacancies.append(FairVacancy(company_id=vac.company_id, vacancy_id=vac.id, quota=2))
    db.session.add(part)
    if register is not None:
        db.session.add(FairRegistration(fair_id=fair.id, job_seeker_id=register.id, ticket_code=unique()[:12],
                                        registered_at=utcnow()))
    db.session.commit()
    return fair


def test_an_application_at_a_fair_needs_the_seekers_registration_and_the_fairs_approved_vacancy(db):
    seeker, _card = seeker_with_card(db)
    vac, other = vacancy(db), vacancy(db)
    unregistered = _fair(db, vac)
    _refused(db, seeker, vac, "belum terdaftar sebagai peserta bursa", fair_id=unregistered.id)
    pending = _fair(db, vac, approved=False, register=seeker)
    _refused(db, seeker, vac, "tidak termasuk lowongan", fair_id=pending.id)
    fair = _fair(db, vac, register=seeker)
    _refused(db, seeker, other, "tidak termasuk lowongan", fair_id=fair.id)
    _refused(db, seeker, vac, "Bursa kerja tidak dikenal", fair_id="abc")
    made = applied(db, seeker, vac, fair_id=str(fair.id))
    assert (made.fair_id, made.source) == (fair.id, "bursa")


# ---- screens -------------------------------------------------------------------------------------------------

def _notices(db, username, link):
    from app.core.notifications import Notification

    db.session.expire_all()
    return [n.title for n in db.session.query(Notification).filter_by(user_id=user(db, username).id, link=link)]


def test_seeker_applies_from_the_vacancy_page_and_the_company_is_told(db, client_as):
    seeker, _card = seeker_with_card(db)
    vac = vacancy(db)
    client = client_as(seeker.username)
    answer = client.post(f"/lowongan/{vac.id}/lamar", data={"cover_note": "Lulusan SMK, siap shift."})
    assert answer.status_code == 302 and "/applicationview/show/" in answer.headers["Location"]
    page = client.get(answer.headers["Location"])
    assert page.status_code == 200
    assert "Lamaran Anda untuk" in html.unescape(text_of(page)) and "Baru" in text_of(page)
    from app.vacancies.models import Application

    made = db.session.query(Application).filter_by(job_seeker_id=seeker.id, vacancy_id=vac.id).one()
    assert _notices(db, "operator", f"/applicationview/show/{made.id}") == ["Lamaran baru"]
    # Again: the vacancy's page with the rule's message at the form and the message as typed, no redirect
    again = client.post(f"/lowongan/{vac.id}/lamar", data={"cover_note": "Saya ulangi & tambah catatan."})
    assert again.status_code == 400
    assert "sudah melamar" in html.unescape(text_of(again))
    assert "Saya ulangi &amp; tambah catatan.</textarea>" in again.get_data(as_text=True)


def test_only_a_signed_in_job_seeker_may_apply(db, client_as, app):
    vac = vacancy(db)
    anonymous = app.test_client().post(f"/lowongan/{vac.id}/lamar")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    assert client_as("operator").post(f"/lowongan/{vac.id}/lamar").status_code in (302, 403)
    from app.vacancies.models import Application

    assert db.session.query(Application).filter_by(vacancy_id=vac.id).count() == 0
    seeker, _card = seeker_with_card(db)
    assert client_as(seeker.username).post("/lowongan/999999999/lamar").status_code == 404


def test_the_generated_forms_cannot_create_an_application(db, client_as):
    seeker, _card = seeker_with_card(db)
    vac = vacancy(db)
    client = client_as(seeker.username)
    for url in ("/applicationview/add", "/placementview/add"):
        assert client.post(url, data={"vacancy": vac.id}).status_code == 404


def _decide(client, app_id, action, **values):
    from app.vacancies.models import Application
    from app.extensions import db as database

    database.session.expire_all()
    seen = database.session.get(Application, app_id).status
    return client.post(f"/applicationview/decide/{app_id}", data={"action": action, "seen": seen, **values})


def test_company_moves_an_application_and_the_seeker_is_told_each_step(db, client_as):
    from app.core.workflow import TransitionLog

    seeker, _card = seeker_with_card(db)
    made = applied(db, seeker, vacancy(db))
    link = f"/applicationview/show/{made.id}"
    operator = client_as("operator")
    listing = text_of(operator.get("/applicationview/list/"))
    assert seeker.full_name in listing
    page = operator.get(link)
    assert page.status_code == 200
    shown = text_of(page)
    assert _card.number in shown and "tahun" in shown and "SMAN 1" in shown
    assert seeker.nik not in shown and "Jl. Melati" not in shown  # NIK and address: officers only
    assert _decide(operator, made.id, "review").status_code == 302
    interview_day = date.today() + timedelta(days=3)
    bad = _decide(operator, made.id, "interview", interview_at="01-01-2020", note="Bawa ijazah asli")
    assert bad.status_code == 422 and "sebelum hari ini" in text_of(bad)
    assert _decide(operator, made.id, "interview", interview_at=interview_day.strftime("%d-%m-%Y"),
                   note="Bawa ijazah asli").status_code == 302
    db.session.expire_all()
    assert (made.status, made.interview_at, made.note) == ("interview", interview_day, "Bawa ijazah asli")
    refused = _decide(operator, made.id, "refuse", reason="tidak_hadir")
    assert refused.status_code == 302
    db.session.expire_all()
    assert (made.status, made.note) == ("refused", "Tidak hadir") and made.decided_at is not None
    log = [(t.action, t.from_state, t.to_state) for t in db.session.query(TransitionLog)
           .filter_by(table_name="application", row_id=str(made.id)).order_by(TransitionLog.id)]
    assert log == [("review", "new", "in_review"), ("interview", "in_review", "interview"),
                   ("refuse", "interview", "refused")]
    told = _notices(db, seeker.username, link)
    assert {"Lamaran sedang diperiksa", "Undangan wawancara", "Lamaran tidak diterima"} <= set(told)
    assert "Lamaran tidak diterima" in _notices(db, "operator", link)  # the company's side is told too
    mine = text_of(client_as(seeker.username).get("/lamaran-saya/"))
    assert "Tidak diterima" in mine and "Tidak hadir" in mine


def test_the_seeker_withdraws_from_lamaran_saya_and_the_company_is_told(db, client_as):
    seeker, _card = seeker_with_card(db)
    made = applied(db, seeker, vacancy(db))
    client = client_as(seeker.username)
    page = client.get("/lamaran-saya/")
    assert page.status_code == 200 and f'data-test="withdraw-{made.id}"' in page.get_data(as_text=True)
    assert client.post(f"/applicationview/decide/{made.id}",
                       data={"action": "withdraw", "seen": "new"}).status_code == 302
    db.session.expire_all()
    assert made.status == "withdrawn"
    assert "Lamaran dibatalkan" in _notices(db, "operator", f"/applicationview/show/{made.id}")
    # The seeker cannot take the company's decisions, nor the company the seeker's
    other = applied(db, seeker, vacancy(db))
    assert client.post(f"/applicationview/decide/{other.id}", data={"action": "review", "seen": "new"}
                       ).status_code == 403
    assert client_as("operator").post(f"/applicationview/decide/{other.id}",
                                      data={"action": "withdraw", "seen": "new"}).status_code == 403


def test_an_officer_sees_every_application_with_nik_and_address(db, client_as):
    seeker, _card = seeker_with_card(db)
    made = applied(db, seeker, vacancy(db, username="operator2"))
    officer = client_as("petugas.ak")
    assert seeker.full_name in text_of(officer.get("/applicationview/list/"))
    shown = text_of(officer.get(f"/applicationview/show/{made.id}"))
    assert seeker.nik in shown and "Jl. Melati" in shown
    assert _decide(officer, made.id, "review").status_code == 302


def test_tenancy_between_companies_and_between_seekers(db, client_as, api_as):
    seeker, _card = seeker_with_card(db)
    other_seeker, _other_card = seeker_with_card(db)
    made = applied(db, seeker, vacancy(db))
    company_b = client_as("operator2")
    assert company_b.get(f"/applicationview/show/{made.id}").status_code == 404
    assert _decide(company_b, made.id, "review").status_code == 404
    assert seeker.full_name not in text_of(company_b.get("/applicationview/list/"))
    stranger = client_as(other_seeker.username)
    assert stranger.get(f"/applicationview/show/{made.id}").status_code == 404
    assert _decide(stranger, made.id, "withdraw").status_code == 404
    assert seeker.full_name not in text_of(stranger.get("/lamaran-saya/"))
    assert api_as("operator2").get(f"/api/v1/application/{made.id}").status_code == 404
    assert api_as("operator2").post(f"/api/v1/application/{made.id}/review", json={}).status_code == 404
    assert api_as(other_seeker.username).get(f"/api/v1/application/{made.id}").status_code == 404
    db.session.expire_all()
    assert made.status == "new"


# ---- API -----------------------------------------------------------------------------------------------------

def test_the_api_takes_an_application_and_the_company_moves_it(db, api_as):
    seeker, card = seeker_with_card(db)
    vac = vacancy(db)
    mine = api_as(seeker.username)
    made = mine.post("/api/v1/application/", json={"vacancy_id": vac.id, "cover_note": "Siap kerja"})
    assert made.status_code == 201, made.get_json()
    body = made.get_json()["result"]
    assert (body["status"], body["ak1_number"], body["vacancy_id"]) == ("new", card.number, vac.id)
    assert "nik" not in body and "address" not in body
    again = mine.post("/api/v1/application/", json={"vacancy_id": vac.id})
    assert again.status_code == 422 and "sudah melamar" in again.get_json()["message"]
    assert mine.post("/api/v1/application/", json={"vacancy_id": "x"}).status_code == 400
    assert mine.post("/api/v1/application/", json={"vacancy_id": 999999999}).status_code == 404
    app_id = made.get_json()["id"]
    company = api_as("operator")
    listed = company.get("/api/v1/application/").get_json()
    assert app_id in [row["id"] for row in listed["result"]]
    assert "nik" not in listed["result"][0]
    assert company.post(f"/api/v1/application/{app_id}/review", json={}).status_code == 200
    assert company.post(f"/api/v1/application/{app_id}/refuse", json={}).status_code == 422  # reason required
    done = company.post(f"/api/v1/application/{app_id}/refuse", json={"reason": "posisi_terisi"})
    assert done.status_code == 200 and done.get_json()["result"]["status"] == "refused"
    assert company.post(f"/api/v1/application/{app_id}/review", json={}).status_code == 409
    assert api_as("operator").post("/api/v1/application/", json={"vacancy_id": vac.id}).status_code in (403, 422)


def test_the_api_document_lists_applications_and_placements(app, api_as):
    spec = api_as("operator").get("/api/v1/_openapi").get_json()
    paths = spec["paths"]
    assert "post" in paths["/api/v1/application/"] and "post" in paths["/api/v1/placement/"]
    assert "/api/v1/application/{pk}/{action}" in paths
    assert "ak1_number" in str(paths["/api/v1/placement/"]["post"])


# ---- home ----------------------------------------------------------------------------------------------------

def test_home_pages_show_new_applications_and_my_applications(db, client_as):
    from app.vacancies.applications import new_count

    seeker, _card = seeker_with_card(db)
    applied(db, seeker, vacancy(db))
    home = client_as("operator").get("/").get_data(as_text=True)
    assert 'data-test="applications-new"' in home
    assert f'data-test="count-applications-new">{new_count(company_of(db))}<' in home
    seeker_home = client_as(seeker.username).get("/").get_data(as_text=True)
    assert 'data-test="my-applications-link"' in seeker_home and "Baru: <strong>1</strong>" in seeker_home


def test_the_demo_company_has_applications_in_several_states_and_a_placement(db):
    from app.vacancies.models import Application, Placement

    company = company_of(db)
    states = {s for (s,) in db.session.query(Application.status).filter(Application.company_id == company)}
    assert {"new", "in_review", "interview", "refused", "withdrawn", "accepted"} <= states
    placement = db.session.query(Placement).filter(Placement.company_id == company,
                                                   Placement.recorded_by == "lamaran").first()
    assert placement is not None and placement.ak1_card.status == "placed"
