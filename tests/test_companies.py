"""Company registry: identifiers validated with python-stdnum, self-registration of a company with its
operator, verification by an officer (with reasons), and operators created by officers."""
import uuid

import pytest

from tests.conftest import text_of, unique


def _valid_npwp(seed: int) -> str:
    from stdnum import luhn

    body = f"0{seed:07d}"[-8:]
    return f"{body}{luhn.calc_check_digit(body)}415000"


def _nib():
    return "81" + f"{uuid.uuid4().int % 10**11:011d}"  # random enough that test runs never collide


def _registration(**overrides):
    username = "op" + unique()
    data = {"name": "PT Uji " + unique(), "legal_form_code": "PT", "nib": _nib(),
            "npwp": _valid_npwp(uuid.uuid4().int % 10**7), "kbli_id": "", "employer_type_code": "PRIVATE",
            "address": "Jl. Raya Serang Km 12", "kecamatan_code": "36.03.01", "desa_code": "36.03.01.2003",
            "phone": "021-5951234", "headcount_male": "120", "headcount_female": "80",
            "contact_name": "Rina Wulandari", "email": f"{username}@pabrik.co.id", "contact_phone": "081234567890",
            "username": username, "password": "Pabrik-Kuat-2026", "confirm": "Pabrik-Kuat-2026"}
    data.update(overrides)
    return data


@pytest.mark.parametrize("value,ok", [("01.312.166.0-091.000", True), ("013121660091000", True),
                                      ("0013121660091000", True), ("01.312.166.1-091.000", False),
                                      ("1234", False)])
def test_npwp_validation(value, ok):
    from app.core.identifiers import clean_npwp
    from app.core.validation import DomainError

    if ok:
        assert clean_npwp(value) == "0013121660091000"  # both spellings are the same company
    else:
        with pytest.raises(DomainError, match="NPWP tidak valid"):
            clean_npwp(value)


def test_self_registration_waits_for_verification_then_operator_can_sign_in(app, db, client_as):
    from app.companies.models import Company

    data = _registration()
    public = app.test_client()
    page = public.post("/daftar/perusahaan", data=data)
    assert page.status_code == 200 and "menunggu verifikasi" in text_of(page)
    company = db.session.query(Company).filter_by(nib=data["nib"]).one()
    assert company.status == "submitted" and company.npwp.startswith("0")
    # Before verification the operator cannot sign in.
    refused = public.post("/login/", data={"username": data["username"], "password": data["password"]})
    assert "/login" in refused.headers["Location"]
    # An officer verifies; the transition is logged with the officer.
    officer = client_as("petugas.hi")
    assert 'data-test="decide-verify"' in officer.get(f"/companyview/show/{company.id}").get_data(as_text=True)
    officer.post(f"/companyview/decide/{company.id}", data={"action": "verify"})
    db.session.expire_all()
    assert company.status == "verified" and company.verified_at is not None
    from app.core.workflow import history

    log = history(db.session, company)
    assert [(t.from_state, t.to_state, t.username) for t in log] == [("submitted", "verified", "petugas.hi")]
    operator = client_as(data["username"], data["password"])
    listing = text_of(operator.get("/companyview/list/"))
    assert company.name in listing


def test_rejection_needs_a_reason_from_the_list(app, db, client_as):
    from app.companies.models import Company

    data = _registration()
    app.test_client().post("/daftar/perusahaan", data=data)
    company = db.session.query(Company).filter_by(nib=data["nib"]).one()
    officer = client_as("petugas.hi")
    page = officer.post(f"/companyview/decide/{company.id}", data={"action": "reject", "note": "alamat lain"})
    assert page.status_code == 422 and "Pilih alasan dari daftar" in text_of(page)
    assert "alamat lain" in page.get_data(as_text=True)  # the typed note is kept
    db.session.expire_all()
    assert company.status == "submitted"
    officer.post(f"/companyview/decide/{company.id}",
                 data={"action": "reject", "reason": "bukan_wilayah", "note": "alamat di Kota Serang"})
    db.session.expire_all()
    assert company.status == "rejected"
    assert "tidak berdomisili di Kabupaten Tangerang" in company.status_note


def test_operators_cannot_decide_registrations(db, client_as):
    from app.companies.models import Company

    pending = db.session.query(Company).filter_by(status="submitted").first()
    assert client_as("operator").post(f"/companyview/decide/{pending.id}", data={"action": "verify"}).status_code \
        in (403, 404)
    assert client_as("kadis").post(f"/companyview/decide/{pending.id}", data={"action": "bogus"}).status_code == 403
    db.session.expire_all()
    assert pending.status == "submitted"


@pytest.mark.parametrize("field,value,message", [
    ("nib", "12345", "NIB harus 13 digit"),
    ("npwp", "01.312.166.1-091.000", "NPWP tidak valid"),
    ("password", "lemah", "minimal 10 karakter"),
    ("desa_code", "36.03.02.2001", "Desa/kelurahan tidak berada di kecamatan"),
])
def test_registration_refusals_are_explained_and_store_nothing(app, db, field, value, message):
    from app.companies.models import Company

    data = _registration(**{field: value})
    if field == "password":
        data["confirm"] = value
    before = db.session.query(Company).count()
    page = app.test_client().post("/daftar/perusahaan", data=data)
    assert page.status_code == 200 and message in text_of(page)
    assert db.session.query(Company).count() == before


def test_nib_and_npwp_are_unique(app, db):
    from app.companies.models import Company

    existing = db.session.query(Company).first()
    for field, value, message in (("nib", existing.nib, "NIB ini sudah terdaftar"),
                                  ("npwp", existing.npwp, "NPWP ini sudah terdaftar")):
        page = app.test_client().post("/daftar/perusahaan", data=_registration(**{field: value}))
        assert message in text_of(page)


def test_officer_creates_an_operator_for_one_company(db, client_as):
    from app.security.models import AppUser

    username = "opkantor" + unique()
    officer = client_as("petugas.hi")
    response = officer.post("/operatorview/add", data={
        "username": username, "first_name": "Dedi", "last_name": "Kurniawan", "email": f"{username}@pt.co.id",
        "company": "3", "password": "Operator-Baru-2026", "conf_password": "Operator-Baru-2026"})
    assert response.status_code == 302
    user = db.session.query(AppUser).filter_by(username=username).one()
    assert user.company_id == 3 and [r.name for r in user.roles] == ["Operator Perusahaan"]
    assert user.password != "Operator-Baru-2026"


def test_company_api_validates_and_answers_in_json(api_as, db):
    api = api_as("petugas.hi")
    bad = api.post("/api/v1/company/", json={"name": "PT X", "legal_form_code": "PT", "nib": "1",
                                             "npwp": "1", "employer_type_code": "PRIVATE", "address": "Jl",
                                             "kecamatan_code": "36.03.01", "desa_code": "36.03.01.2003"})
    assert bad.status_code in (400, 422)
    assert "NIB harus 13 digit" in str(bad.get_json()["message"])
    good = api.post("/api/v1/company/", json={"name": "PT Baru " + unique(), "legal_form_code": "PT", "nib": _nib(),
                                              "npwp": _valid_npwp(4242), "employer_type_code": "PRIVATE",
                                              "address": "Jl. Baru", "kecamatan_code": "36.03.01",
                                              "desa_code": "36.03.01.2003"})
    assert good.status_code == 201, good.get_json()
    assert good.get_json()["result"]["npwp"] == "0" + _valid_npwp(4242)


def test_branch_form_refuses_blank_name_negative_headcount_and_foreign_desa(db, client_as):
    from app.companies.models import Branch

    client = client_as("operator")
    base = {"company": "1", "name": "Gudang Cikupa", "address": "Jl. Raya Cikupa", "kecamatan": "36.03.01",
            "desa": "36.03.01.2003", "phone": "", "headcount": "10"}
    before = db.session.query(Branch).count()
    for change, message in (({"name": "   "}, "wajib diisi"), ({"headcount": "-5"}, "tidak boleh negatif"),
                            ({"desa": "36.03.02.2001"}, "tidak berada di kecamatan")):
        page = client.post("/branchview/add", data={**base, **change}, follow_redirects=True)
        assert message in text_of(page).lower(), change
    assert db.session.query(Branch).count() == before


def test_branch_api_refuses_negative_headcount_and_foreign_desa(api_as, db):
    api = api_as("operator")
    base = {"name": "Gudang " + unique(), "address": "Jl. A", "kecamatan_code": "36.03.01"}
    negative = api.post("/api/v1/branch/", json={**base, "headcount": -1})
    assert negative.status_code == 422 and "Tidak boleh negatif" in str(negative.get_json())
    foreign = api.post("/api/v1/branch/", json={**base, "headcount": 1, "desa_code": "36.03.02.2001"})
    assert foreign.status_code == 422 and "tidak berada di kecamatan" in foreign.get_json()["message"]
