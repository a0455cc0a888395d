"""PKWT registration (PP 35/2021): each rule with its legal basis, the flow through screens and API, and
tenancy between companies."""
from datetime import date, timedelta
from io import BytesIO

import pytest

from tests.conftest import text_of
from tests.pkwt_support import SIGNED_PDF, approved, company_id, contract, worker_nik


def _submit(db, *contracts):
    from app.contracts import services

    return services.submit(company_id(db), list(contracts))


def test_end_must_come_after_start(db):
    from app.core.validation import DomainError

    with pytest.raises(DomainError, match="harus sesudah tanggal mulai"):
        _submit(db, contract(start_date=date.today(), end_date=date.today()))
    db.session.rollback()


def test_completion_contract_names_its_job(db):
    from app.core.validation import DomainError

    with pytest.raises(DomainError, match="wajib menyebutkan pekerjaan"):
        _submit(db, contract(kind="selesai", end_date=None, completion_criterion=" "))
    estimated = date.today() + timedelta(days=200)  # the agreed estimate (PP 35/2021 art. 9(2)b)
    submission = _submit(db, contract(kind="selesai", end_date=estimated, completion_criterion="Pembangunan gudang B"))
    assert submission.contracts[0].end_date == estimated
    db.session.rollback()


def test_worker_under_18_is_refused(db):
    """A worker under 18 is a child (UU 13/2003 art. 68; art. 1 angka 26): no PKWT."""
    from app.core.validation import DomainError

    young = date.today() - timedelta(days=17 * 365)
    with pytest.raises(DomainError, match="di bawah 18 tahun"):
        _submit(db, contract(birth_date=young))
    db.session.rollback()


def test_period_contracts_at_most_five_years_with_extensions(db):
    """PP 35/2021 art. 8: by period, at most 5 years including extensions; the chain is summed."""
    from app.core.validation import DomainError

    today = date.today()
    first = contract(start_date=today - timedelta(days=4 * 365), end_date=today - timedelta(days=1),
                     signed_at=today - timedelta(days=4 * 365))
    first_submission = approved(db, first)
    extension = contract(nik=first.nik, birth_date=first.birth_date, previous_id=first.id, start_date=today,
                         end_date=today + timedelta(days=700))
    with pytest.raises(DomainError, match="melebihi 5 tahun"):
        _submit(db, extension)
    db.session.rollback()
    ok = contract(nik=first.nik, birth_date=first.birth_date, previous_id=first.id, start_date=today,
                  end_date=today + timedelta(days=300))
    assert _submit(db, ok).contracts[0].sequence == 1
    assert first_submission.number
    db.session.rollback()


def test_late_registration_is_flagged_with_working_days(db):
    """PP 35/2021 art. 14: registered within 3 working days of signing (holidays from the calendar)."""
    from app.contracts import rules
    from app.reference.calendar import WorkingCalendar

    calendar = WorkingCalendar()
    assert rules.late_working_days(calendar, date(2026, 8, 14), date(2026, 8, 20)) == 0  # 17 Aug skipped
    assert rules.late_working_days(calendar, date(2026, 8, 14), date(2026, 8, 24)) == 2
    old = date.today() - timedelta(days=30)
    submission = _submit(db, contract(signed_at=old, start_date=old, end_date=old + timedelta(days=364)))
    assert submission.contracts[0].late and submission.contracts[0].late_working_days > 10
    db.session.rollback()


def test_wage_below_the_regency_minimum_is_flagged(db):
    from app.contracts.models import MinimumWage

    year = date.today().year
    if db.session.get(MinimumWage, year) is None:
        db.session.add(MinimumWage(year=year, amount=5_500_000, basis="uji"))
    umk = db.session.get(MinimumWage, year).amount
    below = _submit(db, contract(wage=umk - 1)).contracts[0]
    at = _submit(db, contract(wage=umk)).contracts[0]
    assert below.below_minimum_wage and not at.below_minimum_wage
    db.session.rollback()


def test_daily_work_21_days_for_3_months_becomes_permanent(db):
    """PP 35/2021 art. 10: ≥ 21 days a month for 3 consecutive months."""
    from app.contracts import services

    submission = approved(db, contract(kind="harian", wage_payment="harian"))
    daily = submission.contracts[0]
    services.report_days(daily, date(2026, 1, 1), 22)
    services.report_days(daily, date(2026, 2, 1), 21)
    services.report_days(daily, date(2026, 4, 1), 25)  # March missing: not consecutive
    assert not daily.becomes_permanent
    services.report_days(daily, date(2026, 3, 1), 21)
    assert daily.becomes_permanent
    db.session.commit()


@pytest.mark.parametrize("months,expected", [(1, 500_000), (6, 3_000_000), (12, 6_000_000), (18, 9_000_000)])
def test_compensation_months_over_12_times_wage(months, expected):
    """PP 35/2021 art. 16: months worked / 12 × monthly wage."""
    from dateutil.relativedelta import relativedelta

    from app.contracts.rules import compensation

    start = date(2026, 1, 1)
    end = start + relativedelta(months=months) - timedelta(days=1)
    assert compensation(start, end, 6_000_000, foreign=False) == expected
    assert compensation(start, end, 6_000_000, foreign=True) == 0  # foreign workers receive none


def test_flow_through_screens(db, client_as):
    from app.contracts.models import PkwtContract, PkwtSubmission
    from app.core.formatting import today_jakarta

    today = today_jakarta()  # the office's day, as the server stamps it (UTC's date differs after 17:00 UTC)
    birth = date(1995, 2, 3)
    nik = worker_nik(birth)
    operator = client_as("operator")
    form = {"nik": nik, "full_name": "Dedi Supriadi", "sex": "L", "birth_date": birth.isoformat(),
            "address": "Kp. Bitung RT 01/02", "nationality": "ID", "position": "Teknisi mesin",
            "place_of_work": "Cikupa", "wage": "6200000", "wage_payment": "bulanan", "kind": "jangka_waktu",
            "start_date": today.isoformat(), "end_date": (today + timedelta(days=180)).isoformat(),
            "signed_at": today.isoformat()}
    response = operator.post("/pkwtcontractview/add", data=form)
    assert response.status_code == 302
    saved = db.session.query(PkwtContract).filter_by(nik=nik).one()
    submission = db.session.get(PkwtSubmission, saved.submission_id)
    assert submission.status == "submitted" and submission.company_id == company_id(db)
    officer = client_as("petugas.hi")
    officer.post(f"/pkwtsubmissionview/decide/{submission.id}", data={"action": "return", "note": "Lampirkan PDF"})
    db.session.refresh(submission)
    assert submission.status == "returned" and submission.note == "Lampirkan PDF"
    operator.post(f"/pkwtsubmissionview/decide/{submission.id}", data={"action": "resubmit"})
    refused = officer.post(f"/pkwtsubmissionview/decide/{submission.id}", data={"action": "approve"})
    assert refused.status_code == 422 and "belum diunggah untuk: Dedi Supriadi" in text_of(refused)
    signed = {"file": (BytesIO(SIGNED_PDF), "pkwt-dedi.pdf")}
    operator.post(f"/pkwtcontractview/unggah/{saved.id}", data=signed, content_type="multipart/form-data")
    officer.post(f"/pkwtsubmissionview/decide/{submission.id}", data={"action": "approve"})
    db.session.refresh(submission)
    assert submission.status == "approved" and submission.number.endswith(f"/{today.year}")
    assert submission.registered_at == today
    page = operator.post(f"/pkwtcontractview/edit/{saved.id}", data={**form, "full_name": "Diubah"},
                         follow_redirects=True)
    assert "tidak dapat diubah" in text_of(page)
    db.session.expire_all()
    assert db.session.get(PkwtContract, saved.id).full_name == "Dedi Supriadi"


def test_flow_through_api(db, api_as):
    from app.contracts.models import PkwtContract
    from tests.pkwt_support import attach_signed_contract
    today = date.today()
    birth = date(1993, 9, 9)
    api = api_as("operator")
    payload = {"nik": worker_nik(birth), "full_name": "Ani Lestari", "sex": "L", "birth_date": birth.isoformat(),
               "address": "Jl. Kutabumi", "nationality": "ID", "position": "QC", "place_of_work": "Pasar Kemis",
               "wage": 6100000, "wage_payment": "bulanan", "kind": "jangka_waktu", "start_date": today.isoformat(),
               "end_date": (today + timedelta(days=90)).isoformat(), "signed_at": today.isoformat()}
    young = {**payload, "birth_date": (today - timedelta(days=16 * 365)).isoformat()}
    refused = api.post("/api/v1/pkwt/", json=young)
    assert refused.status_code == 422
    created = api.post("/api/v1/pkwt/", json=payload)
    assert created.status_code == 201, created.get_json()
    contract_id = created.get_json()["id"]
    result = created.get_json()["result"]
    assert result["sequence"] == 0 if "sequence" in result else True
    submission_id = api.get(f"/api/v1/pkwt/{contract_id}").get_json()["result"]["submission_id"]
    assert api.post(f"/api/v1/pkwt-submission/{submission_id}/approve", json={}).status_code == 403
    officer = api_as("petugas.hi")
    unsigned = officer.post(f"/api/v1/pkwt-submission/{submission_id}/approve", json={})
    assert unsigned.status_code == 422 and "belum diunggah" in unsigned.get_json()["message"]
    attach_signed_contract(db, db.session.get(PkwtContract, contract_id))
    db.session.commit()
    approved_ = officer.post(f"/api/v1/pkwt-submission/{submission_id}/approve", json={})
    assert approved_.status_code == 200 and approved_.get_json()["result"]["number"]
    changed = api.put(f"/api/v1/pkwt/{contract_id}", json={"wage": 9_000_000})
    assert changed.status_code == 422 and "tidak dapat diubah" in changed.get_json()["message"]
    assert api.delete(f"/api/v1/pkwt/{contract_id}").status_code == 422
    other_company = {**payload, "nik": worker_nik(birth), "company_id": company_id(db, "operator2")}
    moved = api.post("/api/v1/pkwt/", json=other_company)
    assert moved.status_code in (400, 404, 422)


def test_operator_b_cannot_touch_company_a_contracts(db, client_as, api_as):
    submission = approved(db, contract())
    item = submission.contracts[0]
    b = client_as("operator2")
    for url in (f"/pkwtcontractview/show/{item.id}", f"/pkwtsubmissionview/show/{submission.id}",
                f"/pkwtcontractview/edit/{item.id}"):
        assert b.get(url).status_code == 404, url
    assert b.post(f"/pkwtcontractview/unggah/{item.id}").status_code == 404
    assert item.full_name not in text_of(b.get("/pkwtcontractview/list/?psize_PkwtContractView=100"))
    api = api_as("operator2")
    assert api.get(f"/api/v1/pkwt/{item.id}").status_code == 404
    assert api.get(f"/api/v1/pkwt-submission/{submission.id}").status_code == 404


def test_the_form_takes_the_signed_contract_and_leads_to_the_submission(db, client_as):
    from app.contracts.models import PkwtContract

    today = date.today()
    birth = date(1994, 4, 4)
    nik = worker_nik(birth)
    form = {"nik": nik, "full_name": "Wawan Gunawan", "sex": "L", "birth_date": f"{birth:%d-%m-%Y}",
            "address": "Kp. Bitung RT 01/02", "nationality": "ID", "position": "Teknisi", "place_of_work": "Cikupa",
            "wage": "Rp5.300.000", "wage_payment": "bulanan", "kind": "jangka_waktu",
            "start_date": f"{today:%d-%m-%Y}", "end_date": f"{today + timedelta(days=90):%d-%m-%Y}",
            "signed_at": f"{today:%d-%m-%Y}"}
    operator = client_as("operator")
    not_a_pdf = operator.post("/pkwtcontractview/add", content_type="multipart/form-data",
                              data={**form, "signed_document": (BytesIO(b"just text"), "kontrak.pdf")})
    assert not_a_pdf.status_code == 200 and 'value="Wawan Gunawan"' in not_a_pdf.get_data(as_text=True)
    assert db.session.query(PkwtContract).filter_by(nik=nik).count() == 0
    saved = operator.post("/pkwtcontractview/add", content_type="multipart/form-data",
                          data={**form, "signed_document": (BytesIO(SIGNED_PDF), "kontrak.pdf")})
    contract_row = db.session.query(PkwtContract).filter_by(nik=nik).one()
    assert saved.headers["Location"].endswith(f"/pkwtsubmissionview/show/{contract_row.submission_id}")
    assert contract_row.contract_file_id is not None and contract_row.wage == 5_300_000
