"""Issue 8 §2.6 beyond the job-seeker sign-up (test_sessions.py): the company sign-up and the correction of a
returned registration never say whether a username, e-mail, NIB or NPWP is registered; what happened is written
to the address given (or to the holder of that address), and mistakes in the data itself are still shown at
their field. The login's growing delay (§2.8) does not tell an account from a name nobody has either."""
from datetime import datetime, timedelta, timezone

import time_machine

from tests.conftest import DEMO_PASSWORD, text_of, unique
from tests.test_companies import _registration
from tests.test_registration_correction import _decide, _registered


def _answer(app, data, path="/daftar/perusahaan", client=None):
    page = text_of((client or app.test_client()).post(path, data=data))
    return page.replace(data["email"], "EMAIL")


def test_company_sign_up_answers_alike_and_tells_the_address_instead(app, db, smtp):
    from app.companies.models import Company
    from app.security.models import AppUser

    existing = db.session.query(Company).filter_by(status="verified").first()
    sm = app.appbuilder.sm
    username = "holder" + unique()
    holder = sm.add_user(username, "Rina", "Wati", f"{username}@contoh.id", sm.find_role("Operator Perusahaan"),
                         "Pemegang-Akun-2026")
    tries = {"fresh": _registration(), "username": _registration(username=holder.username),
             "email": _registration(email=holder.email), "nib": _registration(nib=existing.nib),
             "npwp": _registration(npwp=existing.npwp_formatted)}

    answers = {name: _answer(app, data) for name, data in tries.items()}
    assert len(set(answers.values())) == 1, "\n".join(f"{k}: {v[100:500]}" for k, v in answers.items())
    assert "Periksa e-mail Anda" in answers["fresh"] and "sudah" not in answers["nib"]

    made = {name for name, data in tries.items() if db.session.query(Company).filter_by(name=data["name"]).first()}
    assert made == {"fresh"}
    assert db.session.query(AppUser).filter_by(username=tries["fresh"]["username"]).one().active is False
    assert "menunggu verifikasi" in smtp.to(tries["fresh"]["email"])[0].get_content()
    assert "Nama pengguna" in smtp.to(tries["username"]["email"])[0].get_content()
    assert "NIB" in smtp.to(tries["nib"]["email"])[0].get_content()
    assert "NPWP" in smtp.to(tries["npwp"]["email"])[0].get_content()
    to_holder = smtp.to(holder.email)
    assert len(to_holder) == 1 and holder.username in to_holder[0].get_content()


def test_company_sign_up_shows_mistakes_in_the_data_whoever_is_registered(app, db):
    from app.companies.models import Company

    existing = db.session.query(Company).first()
    for data in (_registration(desa_code="36.03.02.2001"),
                 _registration(nib=existing.nib, desa_code="36.03.02.2001")):
        page = text_of(app.test_client().post("/daftar/perusahaan", data=data))
        assert "Desa/kelurahan tidak berada di kecamatan" in page and "Periksa e-mail Anda" not in page
    page = text_of(app.test_client().post("/daftar/perusahaan", data=_registration(nib="12345")))
    assert "NIB harus 13 digit" in page


def test_correction_answers_alike_whether_or_not_an_identifier_is_anothers(app, db, client_as, smtp):
    from app.companies.models import Company

    other = db.session.query(Company).filter_by(status="verified").first()
    answers, companies, typed = {}, {}, {}
    for name, change in (("fine", {}), ("npwp", {"npwp": other.npwp_formatted}), ("nib", {"nib": other.nib})):
        data, company = _registered(app, db)
        _decide(client_as, db, company, "return", note="Periksa NPWP")
        operator = app.test_client()
        operator.post("/login/", data={"username": data["username"], "password": data["password"]})
        fields = {k: v for k, v in data.items() if k not in ("username", "password", "confirm")}
        typed[name] = {**fields, **change, "email": f"koreksi.{data['username']}@pabrik.co.id"}
        answers[name] = _answer(app, typed[name], "/daftar/perbaikan", operator).replace(company.name, "NAME")
        companies[name] = company
        assert operator.get("/daftar/perbaikan").status_code == 302  # the correction session ends alike

    assert len(set(answers.values())) == 1, "\n".join(f"{k}: {v[100:500]}" for k, v in answers.items())
    assert "Periksa e-mail Anda" in answers["fine"] and "sudah" not in answers["npwp"]
    db.session.expire_all()
    assert {name: c.status for name, c in companies.items()} == \
        {"fine": "submitted", "npwp": "returned", "nib": "returned"}
    assert "NPWP" in smtp.to(typed["npwp"]["email"])[-1].get_content()
    assert "NIB" in smtp.to(typed["nib"]["email"])[-1].get_content()
    assert any("diajukan ulang" in m.get_content() for m in smtp.to(typed["fine"]["email"]))


def _login_answers(app, username, password):
    form = text_of(app.test_client().post("/login/", data={"username": username, "password": password},
                                          follow_redirects=True)).replace(username, "NAME")
    api = app.test_client().post("/api/v1/security/login",
                                 json={"username": username, "password": password, "provider": "db"})
    return form, api.status_code, api.headers.get("Retry-After")


def test_the_login_delay_does_not_tell_an_account_from_a_name_nobody_has(app, db):
    sm = app.appbuilder.sm
    account, nobody = "akun" + unique(), "tiada" + unique()
    sm.add_user(account, "Rina", "Wati", f"{account}@contoh.id", sm.find_role("Pengawas"), DEMO_PASSWORD)
    start = datetime.now(timezone.utc)
    with time_machine.travel(start, tick=False):
        for name in (account, nobody):
            for _ in range(app.config["LOGIN_FAILURES_BEFORE_DELAY"]):
                _login_answers(app, name, "salah-sandi")
        seen = {name: _login_answers(app, name, "salah-sandi") for name in (account, nobody)}
        assert seen[account] == seen[nobody] and "Terlalu banyak percobaan" in seen[nobody][0], seen
    with time_machine.travel(start + timedelta(seconds=31), tick=False):  # one more failure: the wait doubles
        assert _login_answers(app, account, "salah")[0] == _login_answers(app, nobody, "salah")[0]
    with time_machine.travel(start + timedelta(seconds=40), tick=False):
        seen = {name: _login_answers(app, name, "salah-sandi") for name in (account, nobody)}
    assert seen[account] == seen[nobody] and seen[nobody][1] == 429, seen


def test_a_name_nobody_has_replays_only_its_latest_failures(app, db):
    """Failures on a made-up name pile up for ever (no account resets them): the wait is replayed from the latest
    ones only, so an attempt costs the same bounded read however long the attack, and the wait is still the cap."""
    from sqlalchemy import event

    from app.security.models import LoginEvent
    from app.security.sessions import NAME_WAIT_REPLAY, name_wait

    nobody, start = "tiada" + unique(), datetime(2026, 1, 5, tzinfo=timezone.utc)
    cap, total = app.config["LOGIN_DELAY_MAX_SECONDS"], NAME_WAIT_REPLAY * 2
    # Each failure after the previous wait was over: every one of them counts.
    db.session.add_all(LoginEvent(username=nobody, success=False, channel="form",
                                  at=start + timedelta(seconds=i * cap * 2)) for i in range(total))
    db.session.commit()
    statements = []

    def remember(conn, cursor, statement, params, context, many):
        if "login_event" in statement:
            statements.append(statement)

    event.listen(db.engine, "after_cursor_execute", remember)
    try:
        wait = name_wait(nobody, now=start + timedelta(seconds=(total - 1) * cap * 2 + 1))
    finally:
        event.remove(db.engine, "after_cursor_execute", remember)
    assert wait == cap - 1
    assert len(statements) == 1 and "LIMIT" in statements[0].upper(), statements
