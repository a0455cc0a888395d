"""A company registration returned for correction is corrected by its operator and resubmitted; the login
explains a waiting, returned or rejected registration only to the right password; until the company is
verified its operator reaches nothing but the correction page."""
import pytest

from tests.conftest import api_token, text_of
from tests.test_companies import _registration

WRONG = "Salah-Sandi-2026"


def _registered(app, db, **overrides):
    from app.companies.models import Company

    data = _registration(**overrides)
    assert app.test_client().post("/daftar/perusahaan", data=data).status_code == 200
    return data, db.session.query(Company).filter_by(nib=data["nib"]).one()


def _decide(client_as, db, company, action, **form):
    client_as("petugas.hi").post(f"/companyview/decide/{company.id}", data={"action": action, **form})
    db.session.expire_all()


def _login_page_after(client, data, password):
    response = client.post("/login/", data={"username": data["username"], "password": password})
    return response, text_of(client.get("/login/"))


def test_login_explains_a_waiting_registration_only_to_the_right_password(app, db):
    data, company = _registered(app, db)
    response, page = _login_page_after(app.test_client(), data, WRONG)
    assert "/login" in response.headers["Location"] and "menunggu verifikasi" not in page
    response, page = _login_page_after(app.test_client(), data, data["password"])
    assert "/login" in response.headers["Location"]
    assert f"Pendaftaran perusahaan {company.name} masih menunggu verifikasi" in page


def test_login_gives_the_reason_of_a_rejection(app, db, client_as):
    data, company = _registered(app, db)
    _decide(client_as, db, company, "reject", reason="bukan_wilayah", note="alamat di Kota Serang")
    _response, page = _login_page_after(app.test_client(), data, WRONG)
    assert "ditolak" not in page
    _response, page = _login_page_after(app.test_client(), data, data["password"])
    assert "ditolak" in page and "tidak berdomisili di Kabupaten Tangerang" in page and "Kota Serang" in page


def test_returned_registration_is_corrected_resubmitted_and_then_verified(app, db, client_as):
    from app.core.notifications import Notification
    from app.core.workflow import history
    from app.security.models import AppUser

    data, company = _registered(app, db)
    _decide(client_as, db, company, "return", note="Alamat tidak lengkap: tulis RT/RW")
    assert company.status == "returned"
    # A wrong password learns nothing and opens nothing.
    stranger = app.test_client()
    response, page = _login_page_after(stranger, data, WRONG)
    assert "perbaikan" not in response.headers["Location"] and "Gagal" in page
    assert stranger.get("/daftar/perbaikan").status_code == 302
    # The right password opens the correction page: stored data filled in, the officer's note on top.
    operator = app.test_client()
    response = operator.post("/login/", data={"username": data["username"], "password": data["password"]})
    assert response.headers["Location"].endswith("/daftar/perbaikan")
    form = operator.get("/daftar/perbaikan")
    html = form.get_data(as_text=True)
    assert "Alamat tidak lengkap: tulis RT/RW" in text_of(form)
    assert f'value="{data["nib"]}"' in html and 'value="Jl. Raya Serang Km 12"' in html
    assert 'name="password"' not in html and 'name="username"' not in html
    # A rule error keeps every typed value and shows the message at its field.
    fields = {k: v for k, v in data.items() if k not in ("username", "password", "confirm")}
    typed = {**fields, "address": "Jl. Raya Serang Km 12 RT 01/RW 02", "desa_code": "36.03.02.2001"}
    refused = operator.post("/daftar/perbaikan", data=typed)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 200 and "Desa/kelurahan tidak berada di kecamatan" in text_of(refused)
    assert 'value="Jl. Raya Serang Km 12 RT 01/RW 02"' in html
    db.session.expire_all()
    assert company.status == "returned" and company.address == "Jl. Raya Serang Km 12"
    # Corrected: back to the officers, who are told.
    done = operator.post("/daftar/perbaikan", data={**typed, "desa_code": data["desa_code"],
                                                    "contact_name": "Rina Wulandari Putri"})
    assert "diajukan ulang" in text_of(done)
    db.session.expire_all()
    assert company.status == "submitted" and company.address == "Jl. Raya Serang Km 12 RT 01/RW 02"
    user = db.session.query(AppUser).filter_by(username=data["username"]).one()
    assert (user.first_name, user.last_name, user.active) == ("Rina", "Wulandari Putri", False)
    last = history(db.session, company)[-1]
    assert (last.action, last.from_state, last.to_state, last.username) == \
        ("resubmit", "returned", "submitted", data["username"])
    officer = db.session.query(AppUser).filter_by(username="petugas.hi").one()
    assert db.session.query(Notification).filter_by(user_id=officer.id, title="Pendaftaran perusahaan diajukan ulang") \
        .filter(Notification.body.contains(company.name)).count() == 1
    assert operator.get("/daftar/perbaikan").status_code == 302  # the correction session ends with it
    # Verified: the operator signs in normally.
    _decide(client_as, db, company, "verify")
    client_as(data["username"], data["password"])


def test_a_correction_reusing_anothers_identifier_is_refused_at_its_field(app, db, client_as):
    from app.companies.models import Company

    data, company = _registered(app, db)
    _decide(client_as, db, company, "return", note="NPWP salah")
    other = db.session.query(Company).filter(Company.id != company.id, Company.status == "verified").first()
    operator = app.test_client()
    operator.post("/login/", data={"username": data["username"], "password": data["password"]})
    fields = {k: v for k, v in data.items() if k not in ("username", "password", "confirm")}
    page = operator.post("/daftar/perbaikan", data={**fields, "npwp": other.npwp_formatted})
    assert "NPWP ini sudah terdaftar" in text_of(page)
    assert f'value="{other.npwp_formatted}"' in page.get_data(as_text=True)
    db.session.expire_all()
    assert company.status == "returned"


@pytest.fixture()
def correcting(app, db, client_as):
    """A browser holding the correction session of a returned registration, and its operator's account."""
    data, company = _registered(app, db)
    _decide(client_as, db, company, "return", note="Lengkapi alamat")
    client = app.test_client()
    client.post("/login/", data={"username": data["username"], "password": data["password"]})
    assert client.get("/daftar/perbaikan").status_code == 200
    return client, data


def test_an_unverified_operator_reaches_nothing_else(app, db, correcting):
    """Every registered screen and API endpoint answers the correction session as it answers a visitor."""
    from tests.test_permissions import _is_api, _walk

    client, data = correcting
    failures = []
    for endpoint, url, http, _view, _method, _permission, _has_row in _walk(app, db):
        response = client.open(url, method=http)
        status = response.status_code
        if not (status in (401, 403, 405) or (status == 302 and "/login" in response.headers.get("Location", ""))):
            failures.append(f"{http} {url} -> {status}")
        db.session.rollback()
    assert not failures, "\n".join(failures[:40])
    # The JSON login refuses the account, whatever the password.
    for password in (data["password"], WRONG):
        response = app.test_client().post("/api/v1/security/login",
                                          json={"username": data["username"], "password": password, "provider": "db"})
        assert response.status_code == 401
    assert _is_api("/api/v1/companyapi/")


def test_an_active_account_of_an_unverified_company_is_refused_too(app, db):
    """Even an account switched on by hand stays out while its company waits (session, form and API)."""
    from app.security.models import AppUser

    data, company = _registered(app, db)
    user = db.session.query(AppUser).filter_by(username=data["username"]).one()
    user.active = True
    db.session.commit()
    _response, page = _login_page_after(app.test_client(), data, data["password"])
    assert "masih menunggu verifikasi" in page
    with pytest.raises(AssertionError):
        api_token(app, data["username"], data["password"])
    assert app.appbuilder.sm.load_user(user.get_id()) is None
