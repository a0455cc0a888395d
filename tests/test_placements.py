"""Placements (issue 10 part 5; IPK III/8): accepting an application is the placement; officers and companies
record placements directly. A placement keeps the person's sex, birth date and education as facts, closes the
AK-1 as placed on the placement date and fills a slot of the vacancy (the last closes it as filled); one per card;
AKAD/AKAN name a destination; a company names the person hired by AK-1 number and NIK or birth date only."""
import html
from datetime import date, timedelta

import pytest

from app.core.validation import DomainError
from tests.applications_support import applied, company_of, kbji_code, seeker_with_card, user, vacancy
from tests.conftest import text_of


def _slot_events(db, vac):
    from app.vacancies.models import VacancySlotEvent

    return db.session.query(VacancySlotEvent).filter_by(vacancy_id=vac.id).order_by(VacancySlotEvent.id).all()


def _accept(client, app_id, on):
    return client.post(f"/applicationview/decide/{app_id}",
                       data={"action": "accept", "seen": "in_review", "placed_on": on.strftime("%d-%m-%Y")})


def test_accepting_an_application_places_the_seeker_closes_the_card_and_fills_a_slot(db, client_as):
    from app.vacancies.models import Placement

    seeker, card = seeker_with_card(db, sex="P")
    vac = vacancy(db, slots_female=1, slots_any=1)
    made = applied(db, seeker, vac)
    operator = client_as("operator")
    operator.post(f"/applicationview/decide/{made.id}", data={"action": "review", "seen": "new"})
    start = date.today() + timedelta(days=7)
    answer = _accept(operator, made.id, start)
    assert answer.status_code == 302, text_of(answer)
    db.session.expire_all()
    placement = db.session.query(Placement).filter_by(application_id=made.id).one()
    assert (placement.ak1_card_id, placement.company_id, placement.vacancy_id, placement.placed_on) == \
        (card.id, vac.company_id, vac.id, start)
    assert (placement.sex, placement.birth_date, placement.education_ipk_code) == ("P", seeker.birth_date, "3001")
    assert (placement.placement_type, placement.recorded_by, placement.position, placement.kbji_code) == \
        ("AKL", "lamaran", vac.title, vac.kbji_code)
    assert (made.status, card.status, card.placed_at, card.placement_employer) == \
        ("accepted", "placed", start, vac.company.name)
    events = _slot_events(db, vac)
    assert [(e.kind, e.slot_sex, e.placement_id, e.ak1_card_id, e.on_date) for e in events] == \
        [("filled", "P", placement.id, card.id, start)]  # her own sex's slot first
    assert vac.status == "published"  # one slot left
    page = text_of(client_as(seeker.username).get(f"/applicationview/show/{made.id}"))
    assert "Diterima" in page and "Penempatan tercatat" in page


def test_the_last_slot_filled_closes_the_vacancy_as_filled(db, client_as):
    seeker, _card = seeker_with_card(db)
    vac = vacancy(db, slots_any=1)
    made = applied(db, seeker, vac)
    officer = client_as("petugas.ak")
    officer.post(f"/applicationview/decide/{made.id}", data={"action": "review", "seen": "new"})
    assert _accept(officer, made.id, date.today()).status_code == 302
    db.session.expire_all()
    assert vac.status == "filled" and vac.closed_at is not None
    assert len(_slot_events(db, vac)) == 1


def test_an_accepted_application_with_no_slot_left_for_that_sex_is_refused_and_nothing_changes(db, client_as):
    seeker, card = seeker_with_card(db, sex="L")
    vac = vacancy(db, slots_female=1, slots_male=1, slots_any=0)
    made = applied(db, seeker, vac)
    from app.vacancies.slots import fill_slot

    fill_slot(vac, date.today(), bucket="L", filled_by_name="Pekerja lain")
    db.session.commit()
    operator = client_as("operator")
    operator.post(f"/applicationview/decide/{made.id}", data={"action": "review", "seen": "new"})
    answer = _accept(operator, made.id, date.today())
    assert answer.status_code == 422 and "Tidak ada lagi slot" in html.unescape(text_of(answer))
    db.session.expire_all()
    assert (made.status, card.status) == ("in_review", "issued")


def _record(db, **kw):
    from app.vacancies.placements import record_placement

    placement = record_placement(**kw)
    db.session.commit()
    return placement


def test_one_placement_per_card_and_destinations_for_akad_akan(db):
    seeker, card = seeker_with_card(db)
    officer = user(db, "petugas.ak")
    base = dict(employer_name="CV Sumber Rejeki", employer_type_code="OTHER", position="Juru masak",
                kbji_code=kbji_code(db), placed_on=date.today(), user=officer)
    with pytest.raises(DomainError, match="wajib menyebut daerah atau negara tujuan"):
        _record(db, seeker=seeker, card=card, placement_type="AKAN", **base)
    db.session.rollback()
    with pytest.raises(DomainError, match="jenis pemberi kerja"):
        _record(db, seeker=seeker, card=card, **{**base, "employer_type_code": None})
    db.session.rollback()
    placement = _record(db, seeker=seeker, card=card, placement_type="AKAN", destination="Jepang", **base)
    assert (placement.placement_type, placement.destination, placement.company_id) == ("AKAN", "Jepang", None)
    with pytest.raises(DomainError, match="tidak memiliki kartu AK/I yang berlaku"):
        _record(db, seeker=seeker, card=card, **base)
    db.session.rollback()


def test_work_outside_the_regency_defaults_to_akad_with_the_vacancys_place(db):
    seeker, card = seeker_with_card(db)
    vac = vacancy(db, work_kecamatan_code=None, work_location="Kota Cilegon")
    placement = _record(db, seeker=seeker, card=card, vacancy=vac, placed_on=date.today(),
                        user=user(db, "petugas.ak"))
    assert (placement.placement_type, placement.destination) == ("AKAD", "Kota Cilegon")


def _form(**values):
    fields = ["ak1_number", "nik", "birth_date", "company_id", "employer_name", "employer_type_code", "vacancy_id",
              "position", "kbji_code", "placed_on", "placement_type", "destination"]
    return {f: values.get(f, "") for f in fields}


def test_an_officer_records_a_placement_with_a_free_text_employer(db, client_as):
    seeker, card = seeker_with_card(db)
    officer = client_as("petugas.ak")
    assert officer.get("/placementview/catat").status_code == 200
    today = date.today().strftime("%d-%m-%Y")
    wrong = officer.post("/placementview/catat", data=_form(ak1_number=card.number, employer_name="Warung Bu Sri",
                                                            position="Pramusaji", kbji_code=kbji_code(db),
                                                            placed_on=today))
    assert wrong.status_code == 422
    page = wrong.get_data(as_text=True)
    assert "Pilih jenis pemberi kerja" in html.unescape(page) and 'value="Warung Bu Sri"' in page  # values kept
    done = officer.post("/placementview/catat", data=_form(ak1_number=card.number, employer_name="Warung Bu Sri",
                                                           employer_type_code="PERSON", position="Pramusaji",
                                                           kbji_code=kbji_code(db), placed_on=today))
    assert done.status_code == 302
    db.session.expire_all()
    assert card.status == "placed" and card.placed_at == date.today()
    shown = text_of(officer.get(done.headers["Location"]))
    assert "Warung Bu Sri" in shown and "AKL (antarkerja lokal)" in shown and "Petugas" in shown


def test_a_company_names_the_person_hired_by_card_and_identity_only(db, client_as):
    seeker, card = seeker_with_card(db)
    vac = vacancy(db, slots_any=3)
    operator = client_as("operator")
    today = date.today().strftime("%d-%m-%Y")
    base = dict(ak1_number=card.number, position="Operator", kbji_code=kbji_code(db), placed_on=today,
                vacancy_id=str(vac.id))
    only_number = operator.post("/placementview/catat", data=_form(**base))
    assert only_number.status_code == 422 and "NIK atau tanggal lahir" in html.unescape(text_of(only_number))
    wrong_nik = operator.post("/placementview/catat", data=_form(nik="3603011111900001", **base))
    wrong_birth = operator.post("/placementview/catat", data=_form(birth_date="01-01-1990", **base))
    unknown_card = operator.post("/placementview/catat", data=_form(**{**base, "ak1_number": "3603-000000-999999"},
                                                                    nik=seeker.nik))
    messages = {html.unescape(text_of(r)).split("tidak ditemukan")[0][-60:] for r in (wrong_nik, wrong_birth,
                                                                                     unknown_card)}
    assert all(r.status_code == 422 for r in (wrong_nik, wrong_birth, unknown_card)) and len(messages) == 1
    other_vacancy = vacancy(db, username="operator2")
    foreign = operator.post("/placementview/catat", data=_form(nik=seeker.nik, **{**base, "vacancy_id":
                                                                                   str(other_vacancy.id)}))
    assert foreign.status_code == 422 and "Lowongan tidak ditemukan" in text_of(foreign)
    done = operator.post("/placementview/catat", data=_form(nik=seeker.nik, **base))
    assert done.status_code == 302, text_of(done)
    from app.vacancies.models import Placement

    db.session.expire_all()
    placement = db.session.query(Placement).filter_by(ak1_card_id=card.id).one()
    assert (placement.company_id, placement.recorded_by, placement.vacancy_id) == (company_of(db), "perusahaan",
                                                                                  vac.id)
    assert card.status == "placed" and len(_slot_events(db, vac)) == 1
    # Tenancy: the other company and another seeker do not see it; the placed person does
    assert client_as("operator2").get(f"/placementview/show/{placement.id}").status_code == 404
    assert client_as(seeker.username).get(f"/placementview/show/{placement.id}").status_code == 200
    stranger, _c = seeker_with_card(db)
    assert client_as(stranger.username).get(f"/placementview/show/{placement.id}").status_code == 404
    assert client_as(seeker.username).get("/placementview/catat").status_code in (302, 403)


def test_the_placement_api_same_rules_and_tenancy(db, api_as):
    seeker, card = seeker_with_card(db)
    company = api_as("operator")
    body = {"ak1_number": card.number, "position": "Operator", "kbji_code": kbji_code(db),
            "placed_on": date.today().isoformat()}
    refused = company.post("/api/v1/placement/", json=body)
    assert refused.status_code == 422 and "NIK atau tanggal lahir" in refused.get_json()["message"]
    assert company.post("/api/v1/placement/", json={**body, "placed_on": "kemarin"}).status_code == 400
    made = company.post("/api/v1/placement/", json={**body, "birth_date": seeker.birth_date.isoformat()})
    assert made.status_code == 201, made.get_json()
    result = made.get_json()["result"]
    assert (result["ak1_card_id"], result["recorded_by"], result["placement_type"]) == (card.id, "perusahaan", "AKL")
    assert api_as("operator2").get(f"/api/v1/placement/{result['id']}").status_code == 404
    assert api_as(seeker.username).get(f"/api/v1/placement/{result['id']}").status_code == 200
    assert api_as(seeker.username).post("/api/v1/placement/", json=body).status_code == 403
    again = api_as("petugas.ak").post("/api/v1/placement/", json={**body, "employer_name": "PT Lain",
                                                                   "employer_type_code": "PRIVATE"})
    assert again.status_code == 422  # the card is closed as placed


def test_two_officers_accepting_the_same_application_at_once_place_once(db, client_as):
    from tests.test_concurrency import _at_once
    from app.core.workflow import TransitionLog
    from app.vacancies.models import Placement

    seeker, card = seeker_with_card(db)
    vac = vacancy(db, slots_any=2)
    made = applied(db, seeker, vac)
    client_as("operator").post(f"/applicationview/decide/{made.id}", data={"action": "review", "seen": "new"})
    clients = [client_as("petugas.ak"), client_as("petugas.ak")]  # two officers (one account each is the same here)
    form = {"action": "accept", "seen": "in_review", "placed_on": date.today().strftime("%d-%m-%Y")}
    url = f"/applicationview/decide/{made.id}"
    responses = _at_once([lambda c=c: c.post(url, data=form) for c in clients])
    assert sorted(r.status_code for r in responses) == [302, 409]
    db.session.expire_all()
    assert db.session.query(Placement).filter_by(ak1_card_id=card.id).count() == 1
    assert len(_slot_events(db, vac)) == 1
    assert db.session.query(TransitionLog).filter_by(table_name="application", row_id=str(made.id),
                                                     action="accept").count() == 1
