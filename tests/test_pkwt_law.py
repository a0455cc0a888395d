"""The law as coded (issue 8 §1): each rule of PP 35/2021, the governor's wage decrees, MK 168/PUU-XXI/2023 and
Permenaker 39/2016 with its basis in the test's name or docstring."""
import html
import re
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta

from tests.conftest import ADMIN_PASSWORD, text_of
from tests.pkwt_support import approved, company_id, contract


def _submit(db, *contracts, username="operator"):
    from app.contracts import services

    return services.submit(company_id(db, username), list(contracts))


def _refused(db, match, *contracts):
    from app.core.validation import DomainError

    with pytest.raises(DomainError, match=match):
        _submit(db, *contracts)
    db.session.rollback()


def _years_ago(years, today=None):
    return (today or date.today()) - relativedelta(years=years)


# ---- 1. minimum wages -------------------------------------------------------------------------------------

@pytest.mark.parametrize("year,amount,decree", [(2024, 4_601_988, "561/Kep.293-Huk/2023"),
                                                (2025, 4_901_117, "Nomor 471 Tahun 2024"),
                                                (2026, 5_210_377, "Nomor 703 Tahun 2025")])
def test_umk_is_the_governor_of_bantens_decree(db, year, amount, decree):
    """UMK Kabupaten Tangerang: Kepgub Banten 561/Kep.293-Huk/2023 (2024), 471/2024 (2025), 703/2025 (2026)."""
    from app.contracts.models import MinimumWage

    row = db.session.get(MinimumWage, year)
    assert row.amount == amount and decree in row.basis


def test_corrected_reference_data_reaches_an_existing_database(db):
    """A database loaded by an earlier release (wrong 2025 figure, no 2026 row) is corrected at start-up."""
    from app.audit.models import AuditEntry
    from app.contracts.models import MinimumWage
    from app.setup import load_reference_data

    db.session.get(MinimumWage, 2025).amount = 5_219_689
    db.session.delete(db.session.get(MinimumWage, 2026))
    db.session.commit()
    load_reference_data()
    db.session.expire_all()
    assert db.session.get(MinimumWage, 2025).amount == 4_901_117
    assert db.session.get(MinimumWage, 2026).amount == 5_210_377
    audit_rows = db.session.query(AuditEntry).count()
    load_reference_data()  # the next start-up: nothing changed, nothing written
    assert db.session.query(AuditEntry).count() == audit_rows


def test_wage_is_flagged_against_the_higher_of_umk_and_umsk(db):
    """UMSK 2026 (Kepgub Banten 704/2025) by KBLI: a wage at the UMK but under the company's UMSK is flagged."""
    from app.companies.models import Company
    from app.contracts.models import SectoralMinimumWage
    from app.reference.models import Kbli

    company = db.session.get(Company, company_id(db))
    company.kbli = company.kbli or db.session.query(Kbli).filter_by(code="22").one()
    start = date(2026, 1, 5)
    db.session.add(SectoralMinimumWage(year=2026, kbli_code=company.kbli.code[:2], sector="I A", amount=5_290_110,
                                       basis="Kepgub Banten 704/2025 (uji)"))
    db.session.flush()
    at_umk = _submit(db, contract(wage=5_210_377, start_date=start, end_date=start + timedelta(days=200),
                                  signed_at=start)).contracts[0]
    assert at_umk.below_minimum_wage and at_umk.minimum_wage == 5_290_110
    at_umsk = _submit(db, contract(wage=5_290_110, start_date=start, end_date=start + timedelta(days=200),
                                   signed_at=start)).contracts[0]
    assert not at_umsk.below_minimum_wage
    db.session.rollback()


def test_a_start_year_without_umk_is_said_on_the_contract_and_the_officers_home(db, client_as):
    """No UMK row for the start year: not silently unflagged, but said to the officer."""
    from app.contracts.models import MinimumWage, PkwtContract, PkwtSubmission

    start = date(2023, 3, 1)
    assert db.session.get(MinimumWage, 2023) is None
    submission = _submit(db, contract(wage=1_000_000, start_date=start, end_date=start + timedelta(days=300),
                                      signed_at=start))
    db.session.commit()
    item = submission.contracts[0]
    try:
        assert item.minimum_wage_missing and not item.below_minimum_wage
        officer = client_as("petugas.hi")
        page = text_of(officer.get(f"/pkwtcontractview/show/{item.id}"))
        assert "UMK tahun 2023 belum ada" in page
        assert "UMK tahun 2023 belum ada" in text_of(officer.get(f"/pkwtsubmissionview/show/{submission.id}"))
        home = officer.get("/").get_data(as_text=True)
        assert "UMK tahun mulainya belum ada" in home
        link = re.search(r'href="(/pkwtcontractview/list/\?_flt_\d+_minimum_wage_missing=[^"]+)"', home).group(1)
        listed = text_of(officer.get(html.unescape(link) + "&psize_PkwtContractView=100"))
        assert item.full_name in listed
        # Admin enters the year's UMK: the contracts that could not be compared are compared
        added = client_as("admin", ADMIN_PASSWORD).post("/minimumwageview/add", data={"year": "2023", "amount": "4527688",
                                                                      "basis": "Kepgub Banten (uji)"})
        assert added.status_code == 302
        db.session.expire_all()
        checked = db.session.get(PkwtContract, item.id)
        assert not checked.minimum_wage_missing and checked.below_minimum_wage
        assert checked.minimum_wage == 4_527_688
    finally:  # other tests see the home page without this alert and without a 2023 UMK
        db.session.rollback()
        umk = db.session.get(MinimumWage, 2023)
        if umk is not None:
            db.session.delete(umk)
        saved = db.session.get(PkwtSubmission, submission.id)
        for row in saved.contracts:
            db.session.delete(row)
        db.session.delete(saved)
        db.session.commit()


# ---- 2.–4. the 5-year limit ---------------------------------------------------------------------------------

def test_five_years_hold_for_a_completion_contract_mk_168_puu_xxi_2023(db):
    """MK 168/PUU-XXI/2023: at most 5 years for every PKWT kind; a 6-year completion contract is refused."""
    today = date.today()
    _refused(db, "melebihi 5 tahun", contract(kind="selesai", completion_criterion="Pembangunan pabrik",
                                              start_date=today, end_date=today + relativedelta(years=6)))
    _refused(db, "melebihi 5 tahun", contract(kind="harian", wage_payment="harian", start_date=today,
                                              end_date=today + relativedelta(years=6)))


def test_completion_contract_states_its_estimated_duration_pp35_art9(db):
    """PP 35/2021 art. 9(2)b: a completion contract states the agreed estimated duration."""
    _refused(db, "perkiraan berakhirnya pekerjaan",
             contract(kind="selesai", end_date=None, completion_criterion="Pembangunan gudang B"))


def test_an_unlinked_contract_of_the_same_worker_counts_in_the_five_years(db, client_as):
    """PP 35/2021 art. 8: 4 years + a new contract of the same NIK at the same company, without naming the
    previous one, still count together; the officer sees the flag and the chain."""
    today = date.today()
    first = contract(start_date=_years_ago(4, today), end_date=today - timedelta(days=1),
                     signed_at=_years_ago(4, today))
    approved(db, first)
    same_worker = dict(nik=first.nik, birth_date=first.birth_date)
    _refused(db, "melebihi 5 tahun", contract(**same_worker, start_date=today, end_date=_years_ago(-2, today)))
    short = _submit(db, contract(**same_worker, start_date=today, end_date=today + timedelta(days=180)))
    db.session.commit()
    added = short.contracts[0]
    assert added.unlinked_earlier
    officer = client_as("petugas.hi")
    page = officer.get(f"/pkwtcontractview/show/{added.id}").get_data(as_text=True)
    assert 'data-test="unlinked-earlier"' in page and f"/pkwtcontractview/show/{first.id}" in page
    review = officer.get(f"/pkwtsubmissionview/show/{short.id}").get_data(as_text=True)
    assert 'data-test="unlinked-earlier"' in review and f"/pkwtcontractview/show/{first.id}" in review
    # another company's contract of the same worker is not this company's chain
    other = _submit(db, contract(**same_worker, start_date=today, end_date=_years_ago(-2, today)),
                    username="operator2").contracts[0]
    assert not other.unlinked_earlier
    db.session.rollback()


# ---- 5. previous_id only of the same company ------------------------------------------------------------------

def test_an_extension_names_only_a_contract_of_its_own_company_form_and_api(db, client_as, api_as):
    """Another company's contract as previous_id gets the same answer as an id that does not exist."""
    other = approved(db, contract(), username="operator2").contracts[0]
    missing_id = other.id + 10_000_000
    today, birth = date.today(), other.birth_date
    payload = {"nik": other.nik, "full_name": other.full_name, "sex": other.sex, "birth_date": birth.isoformat(),
               "address": "Jl. Raya", "nationality": "ID", "position": "QC", "place_of_work": "Cikupa",
               "wage": 6_000_000, "wage_payment": "bulanan", "kind": "jangka_waktu", "start_date": today.isoformat(),
               "end_date": (today + timedelta(days=90)).isoformat(), "signed_at": today.isoformat()}
    api = api_as("operator")
    answers = []
    for previous in (other.id, missing_id):
        response = api.post("/api/v1/pkwt/", json={**payload, "previous_id": previous})
        assert response.status_code == 422
        answers.append((response.status_code, response.get_json()["message"].replace(str(previous), "ID")))
    assert answers[0] == answers[1] and "tidak ditemukan" in answers[0][1]
    operator = client_as("operator")
    pages = []
    for previous in (other.id, missing_id):
        page = operator.post("/pkwtcontractview/add", data={**payload, "wage": "6000000", "previous_id": previous})
        assert page.status_code == 200
        pages.append(text_of(page).count("tidak ditemukan pada perusahaan ini"))
    assert pages == [1, 1]
    db.session.rollback()


# ---- 6. lateness ----------------------------------------------------------------------------------------------

def test_lateness_is_fixed_at_the_first_submission_pp35_art14(db):
    """PP 35/2021 art. 14: registered on time when first submitted; a return and a correction days later do not
    make it late."""
    from app.contracts import services
    from app.core.formatting import local

    signed = date.today() - timedelta(days=14)
    submission = _submit(db, contract(signed_at=signed, start_date=signed, end_date=signed + timedelta(days=300)))
    item = submission.contracts[0]
    # first submitted the day it was signed, returned for a typo, corrected now
    submission.submitted_at = submission.submitted_at - timedelta(days=14)
    assert local(submission.submitted_at).date() <= signed + timedelta(days=1)
    submission.status = "returned"
    item.full_name = item.full_name + " (diperbaiki)"
    services.update_one(item)
    assert not item.late and item.late_working_days is None
    db.session.rollback()


def test_registration_deadline_and_cuti_bersama_are_settings(db, app, monkeypatch):
    """Art. 14(1) 3 working days online vs 14(2) 7 in writing; cuti bersama (24 Dec 2026) counted as the setting
    says."""
    from app.contracts import rules, services
    from app.reference.calendar import WorkingCalendar

    signed = date(2026, 12, 23)  # 24 Dec cuti bersama, 25 Dec Christmas
    assert rules.late_working_days(WorkingCalendar(), signed, date(2026, 12, 30)) == 0
    assert rules.late_working_days(WorkingCalendar(collective_leave_working=True), signed, date(2026, 12, 30)) == 1
    monkeypatch.setitem(app.config, "PKWT_CUTI_BERSAMA_IS_WORKING_DAY", True)
    assert 24 not in {d.day for d in services.registration_calendar().days_off if d.month == 12 and d.year == 2026}
    old = date.today() - timedelta(days=9)  # 5–7 working days ago
    monkeypatch.setitem(app.config, "PKWT_REGISTRATION_WORKING_DAYS", 3)
    assert _submit(db, contract(signed_at=old, start_date=old, end_date=old + timedelta(days=90))).contracts[0].late
    monkeypatch.setitem(app.config, "PKWT_REGISTRATION_WORKING_DAYS", 10)
    assert not _submit(db, contract(signed_at=old, start_date=old,
                                    end_date=old + timedelta(days=90))).contracts[0].late
    db.session.rollback()


# ---- 7.–8. compensation -----------------------------------------------------------------------------------------

def test_compensation_needs_one_whole_month_pp35_art15_3():
    """PP 35/2021 art. 15(3): 1–30 January is not a whole month of service; 1–31 January is."""
    from app.contracts.rules import compensation

    assert compensation(date(2026, 1, 1), date(2026, 1, 30), 6_000_000, foreign=False) == 0
    assert compensation(date(2026, 1, 1), date(2026, 1, 31), 6_000_000, foreign=False) == 500_000
    assert compensation(date(2026, 2, 1), date(2026, 2, 28), 6_000_000, foreign=False) == 500_000


def test_partial_month_divided_by_30_or_by_the_months_length():
    """The open reading of art. 16: 1 Jan – 14 Feb 2026 is 1 month + 14 days; 14/30 or 14/28 (February)."""
    from app.contracts.rules import compensation

    assert compensation(date(2026, 1, 1), date(2026, 2, 14), 6_000_000, False) == round((1 + 14 / 30) * 500_000)
    assert compensation(date(2026, 1, 1), date(2026, 2, 14), 6_000_000, False,
                        divisor="month") == round((1 + 14 / 28) * 500_000)


def test_the_real_end_is_recorded_and_compensation_follows_it_pp35_art15_17(db, client_as):
    """A completion contract ended (job completed) earns compensation to its real end; an early end by the
    employer is recorded with its reason; only on a registered contract, never in the future."""
    from app.contracts import services
    from app.contracts.models import PkwtContract

    start = date.today() - relativedelta(months=6)
    job = contract(kind="selesai", completion_criterion="Pemasangan mesin lini 3", start_date=start,
                   signed_at=start, end_date=start + relativedelta(years=1))
    pending = _submit(db, contract())
    from app.core.validation import DomainError
    with pytest.raises(DomainError, match="setelah PKWT tercatat"):
        services.record_end(pending.contracts[0], date.today(), "selesai")
    db.session.rollback()
    approved(db, job)
    operator = client_as("operator")
    assert 'data-test="end-form"' in operator.get(f"/pkwtcontractview/show/{job.id}").get_data(as_text=True)
    future = operator.post(f"/pkwtcontractview/berakhir/{job.id}",
                           data={"ended_at": (date.today() + timedelta(days=3)).isoformat(), "end_reason": "selesai"},
                           follow_redirects=True)
    assert "tidak boleh sesudah hari ini" in text_of(future)
    ended = start + relativedelta(months=3) - timedelta(days=1)  # three whole months
    done = operator.post(f"/pkwtcontractview/berakhir/{job.id}",
                         data={"ended_at": f"{ended:%d-%m-%Y}", "end_reason": "selesai"}, follow_redirects=True)
    assert "Berakhirnya PKWT tercatat" in text_of(done)
    db.session.expire_all()
    saved = db.session.get(PkwtContract, job.id)
    assert (saved.ended_at, saved.end_reason) == (ended, "selesai")
    assert services.compensation_of(saved) == 1_500_000  # 3 / 12 × Rp6.000.000
    assert "Rp1.500.000" in text_of(operator.get(f"/pkwtcontractview/show/{job.id}"))


def test_an_unknown_end_reason_is_refused(db):
    from app.contracts import rules
    from app.core.validation import DomainError

    with pytest.raises(DomainError, match="alasan"):
        rules.check_end(date(2026, 1, 1), date(2026, 2, 1), "kabur")
    with pytest.raises(DomainError, match="sebelum tanggal mulai"):
        rules.check_end(date(2026, 1, 1), date(2025, 12, 31), "diakhiri_pengusaha")


# ---- 9. AK-1 re-report ----------------------------------------------------------------------------------------

def test_ak1_rereport_at_the_latest_every_6_months_is_a_setting(db, app, monkeypatch):
    """Permenaker 39/2016: report every 6 months. As a window (default) a report in month 4 is refused; read as
    "at the latest every 6 months" (AK1_REPORT_MODE=latest) it is taken as the first report."""
    from app.core.validation import DomainError
    from app.seekers.services import rereport
    from tests.seekers_support import issued_card, make_seeker, officer

    issued = date.today() - relativedelta(months=4)
    card = issued_card(db, make_seeker(db), on=issued)
    with pytest.raises(DomainError, match="Tidak ada jadwal lapor ulang"):
        rereport(card, "loket", officer(db), on=date.today())
    monkeypatch.setitem(app.config, "AK1_REPORT_MODE", "latest")
    report = rereport(card, "loket", officer(db), on=date.today())
    assert report.sequence == 1 and report.due_date == issued + relativedelta(months=6)
    db.session.rollback()


def test_the_real_end_through_the_api(db, api_as):
    """POST /api/v1/pkwt/<id>/end: the same rule as the screen; another company's contract answers 404."""
    start = date.today() - relativedelta(months=2)
    item = approved(db, contract(start_date=start, signed_at=start, end_date=start + relativedelta(years=1))).contracts[0]
    api = api_as("operator")
    assert api.post(f"/api/v1/pkwt/{item.id}/end", json={"ended_at": date.today().isoformat(),
                                                         "end_reason": "kabur"}).status_code == 422
    assert api.post(f"/api/v1/pkwt/{item.id}/end", json=["x"]).status_code == 400  # not a JSON object
    assert api_as("operator2").post(f"/api/v1/pkwt/{item.id}/end",
                                    json={"ended_at": date.today().isoformat(),
                                          "end_reason": "diakhiri_pekerja"}).status_code == 404
    ended = api.post(f"/api/v1/pkwt/{item.id}/end", json={"ended_at": date.today().isoformat(),
                                                          "end_reason": "diakhiri_pekerja"})
    assert ended.status_code == 200, ended.get_json()
    assert ended.get_json()["result"]["end_reason"] == "diakhiri_pekerja"


def test_a_refused_end_keeps_what_was_typed(db, client_as):
    """A rule error on the contract page shows the page again (422) with the date and reason as typed."""
    from datetime import date, timedelta

    from app.contracts.models import PkwtContract, PkwtSubmission

    contract = (db.session.query(PkwtContract).join(PkwtSubmission)
                .filter(PkwtSubmission.status == "approved", PkwtContract.ended_at.is_(None)).first())
    assert contract is not None
    future = (date.today() + timedelta(days=40)).strftime("%d-%m-%Y")
    response = client_as("petugas.hi").post(f"/pkwtcontractview/berakhir/{contract.id}",
                                           data={"ended_at": future, "end_reason": "diakhiri_pekerja"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "tidak boleh sesudah hari ini" in page
    assert f'value="{future}"' in page and 'value="diakhiri_pekerja" selected' in page
