"""Vacancy reporting (Perpres 57/2023 art. 5–6): each rule with its basis, verification through screens and API,
the filled report slot by slot, closing early, the daily expiry, tenancy and the officer's record on behalf."""
import re
from datetime import date, timedelta

import pytest

from app.core.validation import DomainError
from tests.conftest import text_of, unique
from tests.form_support import form_of
from tests.test_browser import base_url, browser  # noqa: F401 (fixtures of the Chromium walk)
from tests.pkwt_support import company_id

TODAY = date.today()


# ---- the rules, pure --------------------------------------------------------------------------------------

def rules():
    from app.vacancies import vacancies

    return vacancies


def refused(check, *args) -> DomainError:
    with pytest.raises(DomainError) as error:
        check(*args)
    return error.value


def test_at_least_one_slot_is_needed():
    error = refused(rules().check_slots, 0, 0, 0)
    assert error.field == "slots_any" and "Perpres 57/2023 pasal 5" in str(error)
    rules().check_slots(0, 0, 1)
    rules().check_slots(2, 1, 0)


def test_one_sex_only_needs_the_reason_the_job_requires_it():
    error = refused(rules().check_sex, 3, 0, 0, "")
    assert error.field == "sex_reason" and "UU 13/2003 pasal 5–6" in str(error)
    assert refused(rules().check_sex, 0, 2, 0, "ya").field == "sex_reason"  # not a reason
    rules().check_sex(3, 0, 0, "Pekerjaan angkat beban di atas 50 kg setiap hari")
    rules().check_sex(3, 2, 0, None)  # both sexes asked
    rules().check_sex(3, 0, 1, None)  # either sex may apply too


def test_validity_ends_after_it_starts_not_in_the_past_and_within_the_ceiling():
    check = rules().check_validity
    assert refused(check, TODAY, TODAY - timedelta(days=1), TODAY, 6).field == "valid_until"
    assert "sudah lewat" in str(refused(check, TODAY - timedelta(days=30), TODAY - timedelta(days=1), TODAY, 6))
    too_long = refused(check, TODAY, TODAY + timedelta(days=200), TODAY, 6)
    assert too_long.field == "valid_until" and "6 bulan" in str(too_long)
    check(TODAY, TODAY + timedelta(days=180), TODAY, 6)
    check(TODAY - timedelta(days=10), TODAY, TODAY, 6)  # recorded late, still valid today


def test_age_range_from_the_office_minimum_and_max_not_below_min():
    assert "15 tahun" in str(refused(rules().check_age, 14, None, 15))
    assert refused(rules().check_age, 25, 20, 15).field == "age_max"
    rules().check_age(18, 40, 15)
    rules().check_age(None, None, 15)


def test_wage_not_below_the_minimum_for_monthly_full_time_work():
    check = rules().check_wage
    below = refused(check, 4_000_000, None, "penuh_waktu", 5_210_377)
    assert below.field == "wage_min" and "88E" in str(below) and "Rp5.210.377" in str(below)
    assert refused(check, 5_500_000, 5_400_000, "penuh_waktu", 5_210_377).field == "wage_max"
    assert refused(check, None, None, "penuh_waktu", 5_210_377).field == "wage_min"
    check(5_210_377, 6_000_000, "kontrak", 5_210_377)
    check(2_000_000, None, "paruh_waktu", 5_210_377)  # part-time: the monthly figure is not a full month
    check(4_000_000, None, "penuh_waktu", None)  # no UMK for that year: flagged to the reviewer instead


def test_work_location_a_kecamatan_or_a_place_outside_the_regency():
    assert refused(rules().check_location, None, "  ").field == "work_location"
    rules().check_location("36.03.01", None)
    rules().check_location(None, "Kota Serang")


def test_only_four_digit_kbji_and_a_skill_is_either_must_or_nice():
    assert refused(rules().check_kbji, 2).field == "kbji"
    rules().check_kbji(4)
    assert refused(rules().check_skills, [1, 2], [2]).field == "nice_skills"


# ---- helpers -----------------------------------------------------------------------------------------------

def kecamatan_code(db):
    from app.reference.models import Region

    return db.session.query(Region.code).filter_by(level="kecamatan").order_by(Region.code).first()[0]


def skill(db, name=None):
    from app.seekers.models import Skill

    row = Skill(name=name or "Menjahit " + unique(), approved=True)
    db.session.add(row)
    db.session.commit()
    return row


def form_data(db, **changes):
    data = {"title": "Operator jahit " + unique(), "kbji": "8153", "description": "Menjahit kemeja",
            "slots_male": "0", "slots_female": "0", "slots_any": "3", "sex_reason": "",
            "valid_from": f"{TODAY:%d-%m-%Y}", "valid_until": f"{TODAY + timedelta(days=60):%d-%m-%Y}",
            "age_min": "18", "age_max": "", "education_level": "SMU", "education_field": "",
            "experience_years": "0", "wage_min": "5.400.000", "wage_max": "", "work_type": "penuh_waktu",
            "work_kecamatan": kecamatan_code(db), "work_location": "", "disability_friendly": "y"}
    data.update(changes)
    return data


def make_vacancy(db, username="operator", publish=True, **fields):
    from app.core.workflow import decide
    from app.security.models import AppUser
    from app.vacancies import vacancies
    from app.vacancies.models import Vacancy

    values = dict(company_id=company_id(db, username), title="Tukang las " + unique(), kbji_code="7212",
                  slots_male=0, slots_female=0, slots_any=2, valid_from=TODAY,
                  valid_until=TODAY + timedelta(days=30), wage_min=5_500_000, work_type="penuh_waktu",
                  work_kecamatan_code=kecamatan_code(db))
    values.update(fields)
    vacancy = Vacancy(**values)
    vacancies.submit(vacancy)
    db.session.add(vacancy)
    db.session.flush()
    if publish:
        decide(vacancy, "verify", db.session.query(AppUser).filter_by(username="petugas.ak").one())
    db.session.commit()
    return vacancy


# ---- screens -----------------------------------------------------------------------------------------------

def test_a_rule_error_returns_the_form_with_the_values_and_the_message_at_the_field(db, client_as):
    from app.vacancies.models import Vacancy

    operator = client_as("operator")
    data = form_data(db, slots_any="0", slots_female="2", title="Kasir " + unique())
    page = operator.post("/vacancyview/add", data=data)
    assert page.status_code == 200
    form = form_of(page)
    assert "UU 13/2003 pasal 5–6" in form.row("sex_reason")["text"]
    assert form.values["title"] == data["title"] and form.values["wage_min"] == "5.400.000"
    assert form.values["slots_female"] == "2" and form.values["valid_until"] == data["valid_until"]
    low = operator.post("/vacancyview/add", data={**data, "sex_reason": "Penjaga ruang ganti karyawati",
                                                  "wage_min": "3.000.000"})
    assert "88E" in form_of(low).row("wage_min")["text"]
    kbji_group = operator.post("/vacancyview/add", data={**data, "kbji": "81"})
    assert "Pilihan tidak valid" in form_of(kbji_group).row("kbji")["text"]  # only 4-digit codes are choices
    assert db.session.query(Vacancy).filter_by(title=data["title"]).count() == 0


def test_report_verify_by_screens_return_resubmit_and_publish(db, client_as):
    from app.core.notifications import Notification
    from app.security.models import AppUser
    from app.vacancies.models import Vacancy

    must, nice = skill(db), skill(db)
    operator = client_as("operator")
    data = form_data(db, must_skills=str(must.id), nice_skills=str(nice.id), age_max="35")
    saved = operator.post("/vacancyview/add", data=data)
    vacancy = db.session.query(Vacancy).filter_by(title=data["title"]).one()
    assert saved.headers["Location"].endswith(f"/vacancyview/show/{vacancy.id}")
    assert vacancy.status == "submitted" and vacancy.company_id == company_id(db)
    assert not vacancy.recorded_by_office and vacancy.wage_max == 5_400_000  # a fixed wage
    assert {(s.skill_id, s.must_have) for s in vacancy.skills} == {(must.id, True), (nice.id, False)}

    officer = client_as("petugas.ak")
    assert vacancy.title in text_of(officer.get("/vacancyqueueview/list/"))
    home = text_of(officer.get("/"))
    assert "Lowongan menunggu verifikasi" in home
    review = officer.get(f"/vacancyview/show/{vacancy.id}")
    shown = text_of(review)
    assert "Yang diperiksa sebelum ditayangkan" in shown and "Terverifikasi" in shown
    assert "Batas usia maksimal 35 tahun" in shown and "Rp5.210.377" in shown or "Rp" in shown
    assert must.name in shown and "5.400.000" in shown and "None" not in shown

    officer.post(f"/vacancyview/decide/{vacancy.id}", data={"action": "return", "note": "Hapus batas usia"})
    db.session.refresh(vacancy)
    assert vacancy.status == "returned" and vacancy.note == "Hapus batas usia"
    owner = db.session.query(AppUser).filter_by(username="operator").one()
    assert db.session.query(Notification).filter(Notification.user_id == owner.id,
                                                 Notification.title == "Laporan lowongan perlu diperbaiki").count()
    edited = operator.post(f"/vacancyview/edit/{vacancy.id}", data={**data, "age_max": ""})
    assert edited.status_code == 302
    operator.post(f"/vacancyview/decide/{vacancy.id}", data={"action": "resubmit"})
    db.session.refresh(vacancy)
    assert vacancy.status == "submitted" and vacancy.age_max is None
    assert operator.post(f"/vacancyview/decide/{vacancy.id}", data={"action": "verify"}).status_code == 403
    officer.post(f"/vacancyview/decide/{vacancy.id}", data={"action": "verify"})
    db.session.refresh(vacancy)
    assert vacancy.status == "published" and vacancy.published_at is not None
    locked = operator.post(f"/vacancyview/edit/{vacancy.id}", data={**data, "title": "Diubah"})
    assert "tidak dapat diubah" in text_of(locked)


def test_reject_with_a_reason_from_the_list(db, client_as):
    vacancy = make_vacancy(db, publish=False)
    officer = client_as("petugas.ak")
    no_reason = officer.post(f"/vacancyview/decide/{vacancy.id}", data={"action": "reject"})
    assert no_reason.status_code == 422
    officer.post(f"/vacancyview/decide/{vacancy.id}", data={"action": "reject", "reason": "diskriminatif"})
    db.session.refresh(vacancy)
    assert vacancy.status == "rejected" and "diskriminatif" in vacancy.note.lower()


def test_an_unverified_company_cannot_be_published(db, client_as):
    from app.companies.models import Company

    company = db.session.query(Company).filter_by(status="submitted").first()
    vacancy = make_vacancy(db, publish=False, company_id=company.id)
    officer = client_as("petugas.ak")
    page = officer.post(f"/vacancyview/decide/{vacancy.id}", data={"action": "verify"})
    assert page.status_code == 422 and "belum terverifikasi" in text_of(page)


def test_officer_records_on_behalf_of_a_company(db, client_as):
    from app.vacancies.models import Vacancy

    officer = client_as("petugas.ak")
    target = company_id(db, "operator2")
    missing = officer.post("/vacancyview/add", data=form_data(db))
    assert "Pilih perusahaan" in text_of(missing) or "wajib" in text_of(missing).lower()
    data = form_data(db, company=str(target))
    assert officer.post("/vacancyview/add", data=data).status_code == 302
    vacancy = db.session.query(Vacancy).filter_by(title=data["title"]).one()
    assert vacancy.company_id == target and vacancy.recorded_by_office and vacancy.status == "submitted"
    # The operator's form has no company field: a company named in it is not taken.
    operator = client_as("operator")
    assert 'name="company"' not in operator.get("/vacancyview/add").get_data(as_text=True)
    own = form_data(db, company=str(target))
    operator.post("/vacancyview/add", data=own)
    assert db.session.query(Vacancy).filter_by(title=own["title"]).one().company_id == company_id(db)


def test_report_filled_slot_by_slot_and_the_last_closes_as_filled(db, client_as):
    from app.vacancies.models import VacancySlotEvent
    from tests.seekers_support import issued_card, make_seeker

    vacancy = make_vacancy(db, slots_any=1, slots_female=1, sex_reason=None)
    operator = client_as("operator")
    page = operator.get(f"/vacancyview/show/{vacancy.id}")
    assert 'data-test="fill-form"' in page.get_data(as_text=True)
    # A man's card in a women's slot: refused at the field, values kept.
    man = make_seeker(db, sex="L")
    card = issued_card(db, man)
    wrong = operator.post(f"/vacancyview/terisi/{vacancy.id}",
                          data={"filled_on": f"{TODAY:%d-%m-%Y}", "bucket": "P", "ak1_number": card.number})
    assert wrong.status_code == 422 and "bukan perempuan" in text_of(wrong)
    assert f'value="{card.number}"' in wrong.get_data(as_text=True)
    unknown = operator.post(f"/vacancyview/terisi/{vacancy.id}",
                            data={"filled_on": f"{TODAY:%d-%m-%Y}", "bucket": "X", "ak1_number": "3603-000000-999"})
    assert unknown.status_code == 422 and "tidak ditemukan atau belum terbit" in text_of(unknown)
    done = operator.post(f"/vacancyview/terisi/{vacancy.id}",
                         data={"filled_on": f"{TODAY:%d-%m-%Y}", "bucket": "X", "ak1_number": card.number},
                         follow_redirects=True)
    assert "Sisa kebutuhan: 1 orang" in text_of(done)
    event = db.session.query(VacancySlotEvent).filter_by(vacancy_id=vacancy.id).one()
    assert (event.kind, event.slot_sex, event.ak1_card_id, event.on_date) == ("filled", "X", card.id, TODAY)
    again = operator.post(f"/vacancyview/terisi/{vacancy.id}",
                          data={"filled_on": f"{TODAY:%d-%m-%Y}", "bucket": "X", "filled_by_name": "Ani"})
    assert again.status_code == 422 and "Tidak ada lagi slot" in text_of(again)
    last = operator.post(f"/vacancyview/terisi/{vacancy.id}",
                         data={"filled_on": f"{TODAY:%d-%m-%Y}", "bucket": "P", "filled_by_name": "Siti Aminah"},
                         follow_redirects=True)
    assert "lowongan ditutup sebagai terpenuhi" in text_of(last)
    db.session.refresh(vacancy)
    assert vacancy.status == "filled" and vacancy.closed_at is not None
    assert "Siti Aminah" in text_of(operator.get(f"/vacancyview/show/{vacancy.id}"))


def test_close_early_removes_the_remaining_slots_with_the_reason(db, client_as):
    from app.vacancies.models import VacancySlotEvent

    vacancy = make_vacancy(db, slots_any=3)
    operator = client_as("operator")
    operator.post(f"/vacancyview/terisi/{vacancy.id}", data={"filled_on": f"{TODAY:%d-%m-%Y}", "bucket": "X",
                                                             "filled_by_name": "Budi"})
    operator.post(f"/vacancyview/decide/{vacancy.id}", data={"action": "close", "reason": "ditarik",
                                                             "note": "Sudah cukup"})
    db.session.refresh(vacancy)
    assert vacancy.status == "closed" and vacancy.closed_at is not None
    removed = db.session.query(VacancySlotEvent).filter_by(vacancy_id=vacancy.id, kind="removed").one()
    assert (removed.count, removed.slot_sex, removed.removal_reason, removed.on_date) == (2, "X", "ditarik", TODAY)


def test_expiry_job_closes_once_with_removed_slots_and_tells_the_operator(db):
    from app.core.notifications import Notification
    from app.security.models import AppUser
    from app.vacancies import vacancies
    from app.vacancies.models import VacancySlotEvent

    vacancy = make_vacancy(db, slots_male=1, slots_any=2, sex_reason=None,
                           valid_until=TODAY + timedelta(days=3))
    vacancies.report_filled(vacancy, TODAY, "X", None, name="Rudi")
    db.session.commit()
    assert vacancies.expire_vacancies(TODAY + timedelta(days=3)) == 0 or vacancy.status == "published"
    db.session.refresh(vacancy)
    assert vacancy.status == "published"  # still valid on its last day
    vacancies.expire_vacancies(TODAY + timedelta(days=5))  # a missed run is made good by the next
    db.session.refresh(vacancy)
    assert vacancy.status == "closed"
    removed = {(e.slot_sex, e.count, e.removal_reason, e.on_date)
               for e in db.session.query(VacancySlotEvent).filter_by(vacancy_id=vacancy.id, kind="removed")}
    assert removed == {("L", 1, "kedaluwarsa", vacancy.valid_until), ("X", 1, "kedaluwarsa", vacancy.valid_until)}
    closed_at = vacancy.closed_at
    assert vacancies.expire_vacancies(TODAY + timedelta(days=6)) == 0  # idempotent
    db.session.refresh(vacancy)
    assert vacancy.closed_at == closed_at
    assert db.session.query(VacancySlotEvent).filter_by(vacancy_id=vacancy.id, kind="removed").count() == 2
    owner = db.session.query(AppUser).filter_by(username="operator").one()
    assert db.session.query(Notification).filter(
        Notification.user_id == owner.id, Notification.key.like(f"vacancy:{vacancy.id}:expire:%")).count() == 1


def test_expiry_is_a_scheduled_daily_job():
    from app.tasks.schedule import SCHEDULE

    assert any(path == "app.vacancies.vacancies.expire_vacancies" for _cron, path in SCHEDULE)


# ---- API ---------------------------------------------------------------------------------------------------

def api_payload(db, **changes):
    payload = {"title": "Pengemudi forklift " + unique(), "kbji_code": "8344", "slots_any": 2,
               "valid_from": TODAY.isoformat(), "valid_until": (TODAY + timedelta(days=45)).isoformat(),
               "age_min": 18, "education_ipk_code": "3001", "wage_min": 5_600_000, "wage_max": 6_000_000,
               "work_type": "penuh_waktu", "work_kecamatan_code": kecamatan_code(db)}
    payload.update(changes)
    return payload


def test_flow_through_api(db, api_as):
    from app.vacancies.models import Vacancy

    must = skill(db)
    api = api_as("operator")
    low = api.post("/api/v1/vacancy/", json=api_payload(db, wage_min=3_000_000, wage_max=None))
    assert low.status_code == 422 and "88E" in low.get_json()["message"]
    one_sex = api.post("/api/v1/vacancy/", json=api_payload(db, slots_any=0, slots_male=2))
    assert one_sex.status_code == 422 and "pasal 5–6" in one_sex.get_json()["message"]
    created = api.post("/api/v1/vacancy/", json=api_payload(db, skills=[{"skill_id": must.id, "must_have": True}]))
    assert created.status_code == 201, created.get_json()
    vacancy_id = created.get_json()["id"]
    vacancy = db.session.get(Vacancy, vacancy_id)
    assert vacancy.company_id == company_id(db) and [s.skill_id for s in vacancy.skills] == [must.id]
    assert api.post(f"/api/v1/vacancy/{vacancy_id}/verify", json={}).status_code == 403
    officer = api_as("petugas.ak")
    returned = officer.post(f"/api/v1/vacancy/{vacancy_id}/return", json={"note": "Lengkapi uraian"})
    assert returned.status_code == 200 and returned.get_json()["result"]["status"] == "returned"
    fixed = api.put(f"/api/v1/vacancy/{vacancy_id}", json={"description": "Mengoperasikan forklift gudang"})
    assert fixed.status_code == 200, fixed.get_json()
    assert api.post(f"/api/v1/vacancy/{vacancy_id}/resubmit", json={}).status_code == 200
    published = officer.post(f"/api/v1/vacancy/{vacancy_id}/verify", json={})
    assert published.status_code == 200 and published.get_json()["result"]["status"] == "published"
    assert officer.post(f"/api/v1/vacancy/{vacancy_id}/verify", json={}).status_code == 409
    wrong = api.post(f"/api/v1/vacancy/{vacancy_id}/fill", json={"filled_on": TODAY.isoformat(), "bucket": "L",
                                                                 "filled_by_name": "Joko"})
    assert wrong.status_code == 422
    first = api.post(f"/api/v1/vacancy/{vacancy_id}/fill", json={"filled_on": TODAY.isoformat(), "bucket": "X",
                                                                 "filled_by_name": "Joko"})
    assert first.status_code == 200 and first.get_json()["remaining"] == {"L": 0, "P": 0, "X": 1}
    last = api.post(f"/api/v1/vacancy/{vacancy_id}/fill", json={"filled_on": TODAY.isoformat(), "bucket": "X",
                                                                "filled_by_name": "Tono"})
    assert last.get_json()["result"]["status"] == "filled"
    assert api.delete(f"/api/v1/vacancy/{vacancy_id}").status_code in (404, 405)


def test_officer_records_on_behalf_through_api(db, api_as):
    officer = api_as("petugas.ak")
    target = company_id(db, "operator2")
    created = officer.post("/api/v1/vacancy/", json=api_payload(db, company_id=target))
    assert created.status_code == 201
    result = officer.get(f"/api/v1/vacancy/{created.get_json()['id']}").get_json()["result"]
    assert result["company_id"] == target and result["recorded_by_office"] is True


def test_openapi_documents_the_vacancy_api(app, api_as):
    spec = api_as("petugas.ak").get("/api/v1/_openapi").get_json()
    paths = spec["paths"]
    assert "/api/v1/vacancy/" in paths and "/api/v1/vacancy/{pk}/fill" in paths, [p for p in paths if "vacancy" in p]


# ---- tenancy and roles -------------------------------------------------------------------------------------

def test_operator_of_company_b_gets_404_on_company_a_vacancy(db, client_as, api_as):
    vacancy = make_vacancy(db)
    b = client_as("operator2")
    for url in (f"/vacancyview/show/{vacancy.id}", f"/vacancyview/edit/{vacancy.id}"):
        assert b.get(url).status_code == 404, url
    assert b.post(f"/vacancyview/terisi/{vacancy.id}", data={"bucket": "X"}).status_code == 404
    assert b.post(f"/vacancyview/decide/{vacancy.id}", data={"action": "close", "reason": "ditarik"}).status_code == 404
    assert vacancy.title not in text_of(b.get("/vacancyview/list/?psize_VacancyView=100"))
    api = api_as("operator2")
    assert api.get(f"/api/v1/vacancy/{vacancy.id}").status_code == 404
    assert api.post(f"/api/v1/vacancy/{vacancy.id}/fill", json={"bucket": "X"}).status_code == 404
    assert api.post(f"/api/v1/vacancy/{vacancy.id}/close", json={"reason": "ditarik"}).status_code == 404
    assert api.put(f"/api/v1/vacancy/{vacancy.id}", json={"title": "x"}).status_code == 404
    moved = api.post("/api/v1/vacancy/", json=api_payload(db, company_id=company_id(db, "operator")))
    assert moved.status_code == 404
    db.session.refresh(vacancy)
    assert vacancy.status == "published"


def test_a_job_seeker_cannot_reach_the_admin_list(db, client_as):
    seeker = client_as("pencaker")
    for url in ("/vacancyview/list/", "/vacancyqueueview/list/", "/vacancyview/add"):
        response = seeker.get(url)
        assert response.status_code in (302, 403, 404) and "Lowongan Kerja" not in text_of(response), url


def test_operator_home_counts_waiting_and_published(db, client_as):
    from app.vacancies.models import Vacancy

    operator = client_as("operator")
    mine = company_id(db)
    waiting = db.session.query(Vacancy).filter_by(company_id=mine, status="submitted").count()
    published = db.session.query(Vacancy).filter_by(company_id=mine, status="published").count()
    page = operator.get("/").get_data(as_text=True)
    assert f'data-test="count-vacancies-submitted">{waiting}<' in page
    assert f'data-test="count-vacancies-published">{published}<' in page
    assert 'data-test="report-vacancy"' in page


def test_demo_vacancies_in_several_states(db):
    from sqlalchemy import func

    from app.vacancies.models import Vacancy, VacancySlotEvent
    from seed.demo_vacancies import RETURN_NOTE, VACANCIES

    titles = [spec[0] for spec in VACANCIES]
    rows = db.session.query(Vacancy).filter(Vacancy.title.in_(titles), Vacancy.description.like("%standar%")).all()
    states = {row.title: row.status for row in rows}
    assert len(rows) == 12 and list(states.values()).count("published") >= 8
    assert states["Staf Gudang"] == "submitted" and states["Pekerja Bongkar Muat"] == "closed"
    returned = next(row for row in rows if row.status == "returned")
    assert returned.note == RETURN_NOTE and returned.company_id == company_id(db)
    assert len({row.kbji_code for row in rows}) == 12 and len({row.work_kecamatan_code for row in rows}) >= 8
    assert db.session.query(func.count(VacancySlotEvent.id)).filter(
        VacancySlotEvent.vacancy_id.in_([r.id for r in rows]), VacancySlotEvent.removal_reason == "kedaluwarsa"
    ).scalar() == 1


# ---- the operator's path in Chromium ----------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("width", [1366, 390], ids=["desktop", "phone"])
def test_operator_reports_officer_verifies_operator_reports_filled_in_chromium(browser, base_url, width, db):
    """Walked as the operator (at 1366 and 390 px) and the officer (1366): report with a rule error (values kept,
    message at the field), correct, verify from the officer's queue, report a slot filled."""
    from pathlib import Path

    from tests.test_journeys import sign_in

    shots = Path("/tmp/shots/vacancy")
    shots.mkdir(parents=True, exist_ok=True)
    problems = []

    def page_for(user_width, name):
        context = browser.new_context(base_url=base_url, locale="id-ID",
                                      viewport={"width": user_width, "height": 900})
        page = context.new_page()
        page.on("response", lambda r: r.status >= 500 and problems.append(f"{r.status} {r.url}"))
        page.on("pageerror", lambda error: problems.append(f"JS error on {page.url}: {error}"))

        def shot(step):
            page.wait_for_load_state()
            page.screenshot(path=shots / f"{name}-{user_width}-{step}.png", full_page=True)
            wide = page.evaluate("document.documentElement.scrollWidth")
            if wide > user_width:
                problems.append(f"{step}: {page.url} is {wide} px wide at {user_width} px")

        page.shot = shot
        return page

    title = "Operator Jahit Journey " + unique()
    operator = page_for(width, "operator")
    sign_in(operator, "operator")
    operator.shot("1-home")
    operator.locator('[data-test="report-vacancy"]').click()
    operator.locator("[name=title]").fill(title)
    operator.locator("#kbji + .select2-container").click()
    operator.locator(".select2-container--open .select2-search__field").fill("jahit")
    operator.locator(".select2-results__option", has_text="8153").first.click()
    operator.locator("[name=slots_any]").fill("0")
    operator.locator("[name=slots_female]").fill("2")
    operator.locator("[name=valid_from]").fill(f"{TODAY:%d-%m-%Y}")
    operator.locator("[name=valid_until]").fill(f"{TODAY + timedelta(days=60):%d-%m-%Y}")
    operator.locator("[name=age_min]").fill("18")
    operator.locator("[name=wage_min]").fill("5.400.000")
    operator.locator("#work_kecamatan + .select2-container").click()
    operator.locator(".select2-container--open .select2-search__field").fill("Cikupa")
    operator.locator(".select2-results__option", has_text="Cikupa").first.click()
    operator.locator("#model_form button[type=submit], #model_form input[type=submit]").first.click()
    operator.wait_for_load_state()
    operator.shot("2-rule-error")
    assert "UU 13/2003 pasal 5–6" in operator.locator(".has-error").first.inner_text()
    assert operator.locator("[name=title]").input_value() == title
    assert operator.locator("[name=wage_min]").input_value() == "5.400.000"
    operator.locator("[name=slots_female]").fill("0")
    operator.locator("[name=slots_any]").fill("2")
    operator.locator("#model_form button[type=submit], #model_form input[type=submit]").first.click()
    operator.wait_for_load_state()
    assert "/vacancyview/show/" in operator.url
    operator.shot("3-reported")

    officer = page_for(1366, "officer")
    sign_in(officer, "petugas.ak")
    officer.get_by_role("link", name=re.compile("Lowongan menunggu verifikasi")).first.click()
    officer.shot("4-queue")
    officer.get_by_role("row", name=re.compile(title)).locator("a[href*='/show/']").first.click()
    officer.shot("5-review")
    assert "Yang diperiksa sebelum ditayangkan" in officer.inner_text("body")
    officer.locator('[data-test="decide-verify"] button[type=submit]').click()
    officer.wait_for_load_state()
    assert "Tayang" in officer.locator('[data-test="status"]').inner_text()

    operator.reload()
    operator.locator("[name=filled_by_name]").fill("Siti Aminah")
    operator.locator('[data-test="fill-form"] button[type=submit]').click()
    operator.wait_for_load_state()
    operator.shot("6-filled")
    assert "Sisa kebutuhan: 1 orang" in operator.inner_text("body")
    for page in (operator, officer):
        page.context.close()
    assert not problems, problems
