"""Sessions and tokens that end when they should, response headers, the client address behind a proxy,
a sign-up that does not tell who is registered, a growing delay after failed logins on one account, and
logins that keep working while the limiter's Redis is down."""
import logging
import threading
import urllib.request
from datetime import datetime, timedelta, timezone

import pytest
import time_machine

from tests.conftest import ADMIN_PASSWORD, DEMO_PASSWORD, TEST_CONFIG, api_token, login, text_of, unique
from tests.mail import free_port
from tests.test_browser import base_url, browser, new_page, shots  # noqa: F401 (fixtures)

NEW_PASSWORD = "Sandi-Baru-2026x"


def _user(role="Pengawas"):
    from flask import current_app

    sm = current_app.appbuilder.sm
    username = unique("sesi.")
    user = sm.add_user(username, "Rina", "Wati", f"{username}@contoh.id", sm.find_role(role), DEMO_PASSWORD)
    assert user, "user not created"
    return user.username


def _copy_of(app, client):
    """A second browser holding the same session cookie (as a thief who copied it would)."""
    other = app.test_client()
    other.set_cookie("session", client.get_cookie("session").value)
    return other


def _opens_companies(client):
    return client.get("/companyview/list/").status_code == 200


# ---- §2.1 sessions and tokens end -------------------------------------------------------------------------

def test_logout_ends_a_copied_session(app, ctx):
    client = login(app, _user())
    copy = _copy_of(app, client)
    assert _opens_companies(copy)
    client.post("/logout/")
    response = copy.get("/companyview/list/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_logout_ends_the_api_tokens_too(app, ctx):
    username = _user()
    tokens = app.test_client().post("/api/v1/security/login", json={
        "username": username, "password": DEMO_PASSWORD, "provider": "db", "refresh": True}).get_json()
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert app.test_client().get("/api/v1/company/?q=(page_size:1)", headers=headers).status_code == 200
    login(app, username).post("/logout/")
    assert app.test_client().get("/api/v1/company/?q=(page_size:1)", headers=headers).status_code == 401
    refresh = app.test_client().post("/api/v1/security/refresh",
                                     headers={"Authorization": f"Bearer {tokens['refresh_token']}"})
    assert refresh.status_code == 401  # nor can the old refresh token mint a new one


def test_own_password_change_asks_for_the_current_password(app, ctx):
    username = _user()
    client = login(app, username)
    page = client.post("/resetmypassword/form", data={"current_password": "bukan-sandinya",
                                                      "password": NEW_PASSWORD, "conf_password": NEW_PASSWORD})
    assert "Kata sandi saat ini salah." in text_of(page)
    page = client.post("/resetmypassword/form", data={"password": NEW_PASSWORD, "conf_password": NEW_PASSWORD})
    assert "Kata sandi saat ini" in text_of(page) and page.status_code == 200
    login(app, username)  # the old password still opens the account


def test_own_password_change_ends_the_other_sessions_and_tokens(app, ctx):
    username = _user()
    client = login(app, username)
    stolen = _copy_of(app, client)
    headers = {"Authorization": f"Bearer {api_token(app, username)}"}
    response = client.post("/resetmypassword/form", data={"current_password": DEMO_PASSWORD,
                                                          "password": NEW_PASSWORD, "conf_password": NEW_PASSWORD})
    assert response.status_code == 302
    assert _opens_companies(client)  # the browser that changed it stays signed in
    assert not _opens_companies(stolen)
    assert app.test_client().get("/api/v1/company/?q=(page_size:1)", headers=headers).status_code == 401
    assert _opens_companies(login(app, username, NEW_PASSWORD))


def test_password_reset_by_admin_ends_the_users_sessions(app, ctx):
    username = _user()
    client = login(app, username)
    user_id = app.appbuilder.sm.find_user(username=username).id
    admin = login(app, "admin", ADMIN_PASSWORD)
    response = admin.post(f"/resetpassword/form?pk={user_id}",
                          data={"password": NEW_PASSWORD, "conf_password": NEW_PASSWORD})
    assert response.status_code == 302
    assert not _opens_companies(client)
    assert _opens_companies(admin)


def test_password_reset_from_the_command_line_ends_the_users_sessions(app, ctx):
    """`flask fab reset-password`: any way of setting a password ends the sessions, not only our forms."""
    username = _user()
    client = login(app, username)
    from flask_appbuilder.cli import reset_password

    result = app.test_cli_runner().invoke(reset_password, ["--username", username, "--password", NEW_PASSWORD])
    assert result.exit_code == 0, result.output
    assert not _opens_companies(client)


def test_a_background_request_does_not_put_back_an_older_session(app, ctx):
    """A page's own fetches (a select's options, images) answer without the cookie: one that started before a form
    was posted would otherwise restore the session without the post's "Data berhasil ditambahkan"."""
    client = login(app, _user())
    navigation = client.get("/companyview/list/", headers={"Sec-Fetch-Mode": "navigate"})
    assert "session=" in navigation.headers.get("Set-Cookie", "")  # the idle clock restarts on each page
    for path, mode in (("/ref/desa?kecamatan=36.03.18", "cors"), ("/ref/desa?kecamatan=36.03.18", "same-origin"),
                       ("/static/app/forms.js", "no-cors")):
        fetch = client.get(path, headers={"Sec-Fetch-Mode": mode})
        assert fetch.status_code == 200 and "Set-Cookie" not in fetch.headers, (path, mode)
    assert "session=" in client.get("/ref/desa?kecamatan=36.03.18").headers.get("Set-Cookie", "")  # no header


# ---- §2.2 headers -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/login/", "/tidak-ada", "/static/appbuilder/css/bootstrap.min.css",
                                  "/api/v1/company/"])
def test_every_response_forbids_framing_and_sniffing(app, path):
    response = app.test_client().get(path)
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_a_document_shown_inline_may_be_framed_by_our_own_pages_only(app, db, client_as):
    from app.core.files import store_bytes

    stored = store_bytes(b"%PDF-1.4 contoh", "test", "contoh.pdf", "application/pdf")
    db.session.commit()
    admin = client_as("admin", ADMIN_PASSWORD)
    inline = admin.get(f"/files/{stored.id}?inline=1")
    assert inline.status_code == 200 and inline.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert inline.headers["Content-Security-Policy"] == "frame-ancestors 'self'"
    assert admin.get(f"/files/{stored.id}").headers["X-Frame-Options"] == "DENY"


def test_development_server_does_not_name_its_software(app):
    from werkzeug.serving import make_server

    from app.security.headers import AnonymousRequestHandler

    server = make_server("127.0.0.1", free_port(), app, request_handler=AnonymousRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/login/") as response:
            servers = response.headers.get_all("Server") or []
    finally:
        server.shutdown()
    assert not any("Werkzeug" in value or "Python" in value for value in servers), servers


# ---- §2.3 the client address -------------------------------------------------------------------------------

def _branch_audit_ip(app, db, api_client_headers, client):
    from app.audit.models import AuditEntry

    from app.security.models import AppUser

    company = db.session.query(AppUser).filter_by(username="operator").one().company
    created = client.post("/api/v1/branch/", headers=api_client_headers,
                          json={"name": "Cabang IP " + unique(), "address": "Jl. A",
                                "kecamatan_code": company.kecamatan_code, "headcount": 1})
    assert created.status_code == 201, created.get_data(as_text=True)
    return (db.session.query(AuditEntry).filter_by(table_name="branch", row_id=str(created.get_json()["id"]),
                                                   action="insert").one().ip)


def test_audit_ignores_a_forwarded_address_without_a_trusted_proxy(app, db):
    headers = {"Authorization": f"Bearer {api_token(app, 'operator')}", "X-Forwarded-For": "198.51.100.66"}
    assert _branch_audit_ip(app, db, headers, app.test_client()) == "127.0.0.1"


def test_behind_a_trusted_proxy_the_clients_address_counts(app, db):
    from app import create_app

    proxied = create_app({**TEST_CONFIG, "TRUSTED_PROXIES": 1, "RATELIMIT_ENABLED": True,
                          "AUTH_RATE_LIMIT": "2 per minute"})
    client = proxied.test_client()
    headers = {"Authorization": f"Bearer {api_token(proxied, 'operator')}",
               "X-Forwarded-For": "203.0.113.9, 198.51.100.66"}
    assert _branch_audit_ip(proxied, db, headers, client) == "198.51.100.66"  # the address our one proxy saw

    def attempt(address):
        return client.post("/login/", data={"username": "tidak." + unique(), "password": "x"},
                           headers={"X-Forwarded-For": address}).status_code

    assert [attempt("198.51.100.1") for _ in range(3)] == [302, 302, 429]
    assert attempt("198.51.100.2") == 302  # another client behind the same proxy keeps its own limit


# ---- §2.6 sign-up without enumeration ---------------------------------------------------------------------

def _signup(**overrides):
    from tests.test_seekers import _registration

    return _registration(**overrides)


def _answer(app, data):
    return text_of(app.test_client().post("/daftar/pencari-kerja", data=data)).replace(data["email"], "EMAIL")


def test_sign_up_answers_alike_and_tells_the_address_instead(app, db, smtp):
    from app.security.models import AppUser
    from tests.seekers_support import make_seeker

    existing = make_seeker(db)
    holder = db.session.query(AppUser).filter_by(job_seeker_id=existing.id).one()
    fresh = _signup()
    taken_username = _signup(username=holder.username)
    taken_email = _signup(email=holder.email)
    taken_nik = _signup(nik=existing.nik, birth_date=existing.birth_date.isoformat(), sex=existing.sex)

    answers = {name: _answer(app, data) for name, data in
               [("fresh", fresh), ("username", taken_username), ("email", taken_email), ("nik", taken_nik)]}
    assert len(set(answers.values())) == 1, answers
    assert "Periksa e-mail Anda" in answers["fresh"]
    assert "sudah" not in answers["nik"]  # nothing says "already registered"

    assert db.session.query(AppUser).filter_by(username=fresh["username"]).one()
    for data in (taken_email, taken_nik):
        assert db.session.query(AppUser).filter_by(username=data["username"]).first() is None
    assert db.session.query(AppUser).filter_by(email=taken_username["email"]).first() is None
    assert "Pendaftaran berhasil" in smtp.to(fresh["email"])[0]["Subject"]
    assert "Nama pengguna" in smtp.to(taken_username["email"])[0].get_content()
    assert "NIK" in smtp.to(taken_nik["email"])[0].get_content()
    to_holder = smtp.to(holder.email)
    assert len(to_holder) == 1 and holder.username in to_holder[0].get_content()


def test_sign_up_still_shows_mistakes_in_the_form(app):
    page = text_of(app.test_client().post("/daftar/pencari-kerja", data=_signup(nik="12345")))
    assert "NIK tidak valid" in page and "Periksa e-mail Anda" not in page


# ---- §2.8 failed logins on one account --------------------------------------------------------------------

def _form_login(app, username, password):
    response = app.test_client().post("/login/", data={"username": username, "password": password},
                                      follow_redirects=True)
    return text_of(response)


def test_failed_logins_delay_the_account_more_each_time(app, db):
    from app.security.models import AppUser, LoginEvent

    username = _user()
    start = datetime.now(timezone.utc)
    after = app.config["LOGIN_FAILURES_BEFORE_DELAY"]
    with time_machine.travel(start, tick=False):
        for _ in range(after):
            _form_login(app, username, "salah-sandi")
        page = _form_login(app, username, DEMO_PASSWORD)
        assert "Terlalu banyak percobaan masuk yang gagal" in page and "30 detik" in page
    with time_machine.travel(start + timedelta(seconds=31), tick=False):
        _form_login(app, username, "salah-lagi")  # one more failure: the wait doubles
    with time_machine.travel(start + timedelta(seconds=62), tick=False):
        assert "Terlalu banyak percobaan" in _form_login(app, username, DEMO_PASSWORD)
    with time_machine.travel(start + timedelta(seconds=93), tick=False):
        assert _opens_companies(login(app, username))
    db.session.expire_all()
    assert db.session.query(AppUser).filter_by(username=username).one().fail_login_count == 0
    refused = db.session.query(LoginEvent).filter_by(username=username, success=False).count()
    assert refused == after + 3


def test_the_delay_holds_for_the_api_login_too(app, db):
    username = _user()
    for _ in range(app.config["LOGIN_FAILURES_BEFORE_DELAY"]):
        _form_login(app, username, "salah-sandi")
    response = app.test_client().post("/api/v1/security/login",
                                      json={"username": username, "password": DEMO_PASSWORD, "provider": "db"})
    assert response.status_code == 429 and 0 < int(response.headers["Retry-After"]) <= 30
    assert "Terlalu banyak percobaan masuk yang gagal" in response.get_json()["message"]


# ---- §3.5 Redis down --------------------------------------------------------------------------------------

def test_login_and_verify_work_while_the_limiters_redis_is_down(app, caplog):
    from app import create_app

    dead = create_app({**TEST_CONFIG, "RATELIMIT_ENABLED": True,
                       "RATELIMIT_STORAGE_URI": f"redis://127.0.0.1:{free_port()}/0"})
    dead.config["PROPAGATE_EXCEPTIONS"] = False
    client = dead.test_client()
    with caplog.at_level(logging.WARNING):
        response = client.post("/login/", data={"username": "pengawas", "password": DEMO_PASSWORD})
        assert response.status_code == 302 and "/login" not in response.headers["Location"]
        assert dead.test_client().get("/verify/bukan-token").status_code == 404
    assert "falling back to in-memory" in caplog.text


def test_job_status_says_unavailable_while_redis_is_down(app):
    import uuid

    from app import create_app

    dead = create_app({**TEST_CONFIG, "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"})
    admin = dead.test_client()
    admin.post("/login/", data={"username": "admin", "password": ADMIN_PASSWORD})
    job_id = uuid.uuid4()
    status = admin.get(f"/jobs/{job_id}", headers={"Accept": "application/json"})
    assert status.status_code == 503 and "sedang tidak tersedia" in status.get_json()["message"]
    page = admin.get(f"/jobs/{job_id}/progress")
    assert page.status_code == 503 and "sedang tidak tersedia" in text_of(page)


# ---- in the browser ---------------------------------------------------------------------------------------

@pytest.mark.browser
def test_password_change_in_the_browser_ends_the_other_device(ctx, new_page, shots):
    from playwright.sync_api import expect

    from tests.test_browser import log_in

    username = _user()
    laptop, phone = new_page(), new_page()
    log_in(laptop, username)
    log_in(phone, username)
    laptop.goto("/resetmypassword/form")
    for name, value in (("current_password", "bukan-sandinya"), ("password", NEW_PASSWORD),
                        ("conf_password", NEW_PASSWORD)):
        laptop.locator(f"[name={name}]").fill(value)
    laptop.locator("form [type=submit]").last.click()
    expect(laptop.get_by_text("Kata sandi saat ini salah.")).to_be_visible()  # at its field
    laptop.screenshot(path=shots / "password-wrong-current.png", full_page=True)
    for name, value in (("current_password", DEMO_PASSWORD), ("password", NEW_PASSWORD),
                        ("conf_password", NEW_PASSWORD)):
        laptop.locator(f"[name={name}]").fill(value)
    laptop.locator("form [type=submit]").last.click()
    laptop.wait_for_load_state()
    laptop.screenshot(path=shots / "password-changed.png", full_page=True)
    laptop.goto("/companyview/list/")
    assert "/login" not in laptop.url  # the browser that changed it stays signed in
    phone.goto("/companyview/list/")
    assert "/login" in phone.url  # the other device is signed out
