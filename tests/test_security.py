"""Authentication hardening: CSRF on every form, no state change through GET, logout by POST, login rate
limits (form and API), password policy, cookie flags, idle expiry, and a record of every login."""
import re
from datetime import datetime, timedelta, timezone

import pytest
import time_machine

from tests.conftest import DEMO_PASSWORD, TEST_CONFIG, unique


def _strict(limit):
    """The production settings the other tests relax: CSRF, rate limits, secure cookies."""
    from app import create_app

    return create_app({**TEST_CONFIG, "WTF_CSRF_ENABLED": True, "RATELIMIT_ENABLED": True,
                       "AUTH_RATE_LIMIT": limit, "API_LOGIN_RATE_LIMIT": limit, "SESSION_COOKIE_SECURE": True})


@pytest.fixture(scope="module")
def strict_app(app):
    return _strict("100 per minute")


@pytest.fixture()
def limited_app(app):
    return _strict("3 per minute")


def _token(page):
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.get_data(as_text=True))
    assert match, "the form carries no CSRF token"
    return match.group(1)


def _login(client, username, password=DEMO_PASSWORD):
    token = _token(client.get("/login/"))
    return client.post("/login/", data={"username": username, "password": password, "csrf_token": token})


def _https_client(app):
    return app.test_client()  # the test client sends Secure cookies over plain HTTP too


def test_forms_without_csrf_token_are_refused(strict_app, db):
    from app.companies.models import Branch

    client = _https_client(strict_app)
    assert _login(client, "operator").status_code == 302
    before = db.session.query(Branch).count()
    response = client.post("/branchview/add", data={"name": "Tanpa token", "address": "Jl. X"})
    assert response.status_code == 400
    assert "Muat ulang halaman" in response.get_data(as_text=True)
    assert db.session.query(Branch).count() == before


def test_login_form_without_token_is_refused(strict_app):
    client = _https_client(strict_app)
    response = client.post("/login/", data={"username": "operator", "password": DEMO_PASSWORD})
    assert response.status_code == 400


def test_api_uses_jwt_and_needs_no_csrf_token(strict_app, db):
    client = _https_client(strict_app)
    login = client.post("/api/v1/security/login", json={"username": "operator2", "password": DEMO_PASSWORD,
                                                         "provider": "db"})
    token = login.get_json()["access_token"]
    company = client.get("/api/v1/company/?q=(page_size:1)", headers={"Authorization": f"Bearer {token}"})
    assert company.status_code == 200
    # A browser session alone does not open the API (so exempting it from CSRF is safe).
    _login(client, "operator2")
    assert client.get("/api/v1/company/").status_code == 401


def test_no_state_change_through_get(strict_app, db):
    from app.companies.models import Branch

    company_id = 1
    branch = Branch(company_id=company_id, name="Jangan dihapus " + unique(), address="Jl. Y",
                    kecamatan_code="36.03.01", headcount=1)
    db.session.add(branch)
    db.session.commit()
    client = _https_client(strict_app)
    _login(client, "operator")
    client.get(f"/branchview/delete/{branch.id}")
    db.session.expire_all()
    assert db.session.get(Branch, branch.id) is not None


def test_logout_only_by_post(strict_app):
    client = _https_client(strict_app)
    _login(client, "operator")
    copied = _https_client(strict_app)  # the same cookie in another browser (copied, or another tab's device)
    copied.set_cookie("session", client.get_cookie("session").value, secure=True)
    assert client.get("/logout/").status_code == 405
    home = client.get("/branchview/list/")
    assert home.status_code == 200 and copied.get("/branchview/list/").status_code == 200
    client.post("/logout/", data={"csrf_token": _token(home)})
    assert client.get("/branchview/list/").status_code == 302
    assert copied.get("/branchview/list/").status_code == 302  # logout ended the session, not only the cookie


def test_session_cookie_is_secure_http_only_and_expires_when_idle(strict_app):
    client = _https_client(strict_app)
    response = _login(client, "operator")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=Lax" in cookie
    assert client.get("/branchview/list/").status_code == 200
    idle = strict_app.config["PERMANENT_SESSION_LIFETIME"] + timedelta(minutes=1)
    with time_machine.travel(datetime.now(timezone.utc) + idle):
        response = client.get("/branchview/list/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_form_login_is_rate_limited(limited_app):
    client = _https_client(limited_app)
    codes = [_login(client, "operator", "salah-sandi").status_code for _ in range(4)]
    assert codes[:3] == [302, 302, 302] and codes[3] == 429  # wrong password: back to the form


def test_api_login_is_rate_limited(limited_app):
    client = _https_client(limited_app)
    codes = [client.post("/api/v1/security/login", json={"username": "kadis", "password": "salah",
                                                         "provider": "db"}).status_code for _ in range(4)]
    assert codes == [401, 401, 401, 429]


def test_logins_and_failed_logins_are_recorded(app, db, client_as):
    from app.security.models import LoginEvent

    client = app.test_client()
    client.post("/login/", data={"username": "pengawas", "password": "bukan-sandinya"})
    client_as("pengawas")
    events = (db.session.query(LoginEvent).filter_by(username="pengawas")
              .order_by(LoginEvent.id.desc()).limit(2).all())
    assert [e.success for e in events] == [True, False]
    assert all(e.ip == "127.0.0.1" and e.channel == "form" for e in events)


@pytest.mark.parametrize("password,missing", [
    ("pendek1A", "minimal 10 karakter"),
    ("semuakecil123", "huruf besar"),
    ("SEMUABESAR123", "huruf kecil"),
    ("TanpaAngkaSama", "angka"),
])
def test_password_policy(password, missing, ctx):
    from flask_appbuilder.exceptions import PasswordComplexityValidationError

    from app.security.passwords import validate_password

    with pytest.raises(PasswordComplexityValidationError, match=missing):
        validate_password(password)
    validate_password("Kuat-Sekali-2026")


def test_weak_password_refused_on_password_change(client_as):
    client = client_as("petugas.tka")
    response = client.post("/resetmypassword/form", data={"password": "lemah", "conf_password": "lemah"})
    assert "minimal 10 karakter" in response.get_data(as_text=True)


def test_page_size_and_page_numbers_are_checked(client_as):
    client = client_as("kadis")
    assert client.get("/companyview/list/?psize_CompanyView=100000").status_code == 400
    assert client.get("/companyview/list/?page_CompanyView=abc").status_code == 400
    assert client.get("/companyview/list/?psize_CompanyView=50").status_code == 200
    assert client.get("/api/v1/company/?q=(page_size:abc)").status_code in (400, 401)
