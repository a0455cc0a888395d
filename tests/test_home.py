"""The home page of each role, the menus each role is offered, the notification badge and the page language."""
import re
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta

from tests.conftest import ADMIN_PASSWORD, text_of, unique
from tests.pkwt_support import approved, company_id, contract
from tests.seekers_support import issued_card, make_seeker


def count_of(html, key):
    found = re.search(rf'data-test="count-{re.escape(key)}">(\d+)<', html)
    return int(found.group(1)) if found else None


def href_of(html, test):
    return re.search(rf'<a [^>]*href="([^"]+)"[^>]*data-test="{re.escape(test)}"', html.replace("&amp;", "&")).group(1)


def listed(client, url):
    """The 'Jumlah Data' of a generated list."""
    page = text_of(client.get(url))
    return int(re.search(r"Jumlah Data: (\d+)", page).group(1))


def home(client):
    response = client.get("/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


# ---- public home and page frame ------------------------------------------------------------------------------

def test_public_home_links_registration_verification_and_login(app):
    page = home(app.test_client())
    for path in ("/daftar/pencari-kerja", "/daftar/perusahaan", "/login/", "/cek-dokumen"):
        assert f'"{path}' in page, path
    response = app.test_client().get("/cek-dokumen?kode=http://127.0.0.1:8080/verify/abc.def")
    assert response.status_code == 302 and response.headers["Location"].endswith("/verify/abc.def")
    assert app.test_client().get("/cek-dokumen?kode=").headers["Location"].endswith("/")


def test_every_page_says_its_language_and_loads_the_shared_assets(app, client_as):
    anonymous = app.test_client()
    for client, url in ((anonymous, "/"), (anonymous, "/login/"), (anonymous, "/daftar/perusahaan"),
                        (client_as("kadis"), "/companyview/list/"), (client_as("pencaker"), "/")):
        page = client.get(url).get_data(as_text=True)
        assert '<html lang="id">' in page, url
        for asset in ("/static/app/app.css", "/static/app/forms.css", "/static/app/forms.js"):
            assert asset in page, (url, asset)
    assert anonymous.get("/lang/en").status_code == 302
    assert '<html lang="en">' in anonymous.get("/").get_data(as_text=True)


# ---- officers ----------------------------------------------------------------------------------------------

def _pkwt_submission(db):
    from app.contracts import services

    submission = services.submit(company_id(db), [contract()])
    db.session.commit()
    return submission


def test_officer_sees_the_queues_of_their_decisions_with_counts_that_open_the_list(db, client_as):
    from app.core.models import utcnow
    from app.core.workflow import decide
    from app.security.models import AppUser

    hi = client_as("petugas.hi")
    before = home(hi)
    assert "ak1_verify" not in before and "seekers_month" not in before  # not this officer's work
    assert 'data-test="work-company_verify"' in before

    submission = _pkwt_submission(db)
    page = home(hi)
    assert count_of(page, "pkwt_verify") == count_of(before, "pkwt_verify") + 1
    assert listed(hi, href_of(page, "work-pkwt_verify")) == count_of(page, "pkwt_verify")

    # A submission waiting far past the office's deadline is flagged; one corrected and resubmitted too.
    submission.status_changed_at = utcnow() - timedelta(days=30)
    late = _pkwt_submission(db)
    officer = db.session.query(AppUser).filter_by(username="petugas.hi").one()
    decide(late, "return", officer, note="Lampirkan kontrak yang ditandatangani")
    decide(late, "resubmit", db.session.query(AppUser).filter_by(username="operator").one())
    db.session.commit()
    page = home(hi)
    assert int(re.search(r'data-test="overdue-pkwt_verify">\s*(\d+)', page).group(1)) >= 1
    assert int(re.search(r'data-test="resubmitted-pkwt_verify">\s*(\d+)', page).group(1)) >= 1


def test_ak1_officer_sees_ak1_work_only(db, client_as):
    from app.seekers import services

    ak = client_as("petugas.ak")
    before = home(ak)
    assert "pkwt_verify" not in before and "company_verify" not in before
    services.apply(make_seeker(db, account=False))
    db.session.commit()
    page = home(ak)
    assert count_of(page, "ak1_verify") == count_of(before, "ak1_verify") + 1
    assert listed(ak, href_of(page, "work-ak1_verify")) == count_of(page, "ak1_verify")
    assert listed(ak, href_of(page, "work-ak1_rereport")) == count_of(page, "ak1_rereport")


def test_head_of_office_sees_key_figures_that_open_their_lists(db, client_as):
    kadis = client_as("kadis")
    before = home(kadis)
    make_seeker(db, account=False)
    page = home(kadis)
    assert count_of(page, "seekers_month") == count_of(before, "seekers_month") + 1
    for key in ("seekers_month", "ak1_month", "pkwt_month", "companies_verified"):
        assert listed(kadis, href_of(page, f"figure-{key}")) == count_of(page, key), key
    assert 'data-test="work-company_verify"' in page  # the head of office decides registrations
    assert 'data-test="work-pkwt_verify"' not in page  # … and reads the rest


def test_alerts_for_missing_umk_and_contracts_ending(db, client_as, app):
    from app.contracts.models import MinimumWage
    from app.core.formatting import today_jakarta

    year = today_jakarta().year
    row = db.session.get(MinimumWage, year)
    kept = (row.amount, row.basis) if row else None
    if row:
        db.session.delete(row)
        db.session.commit()
    try:
        assert 'data-test="alert-umk_missing"' in home(client_as("petugas.hi"))
        assert 'data-test="alert-umk_missing"' not in home(client_as("petugas.ak"))
        db.session.add(MinimumWage(year=year, amount=kept[0] if kept else 5_000_000, basis=kept and kept[1]))
        db.session.commit()
        assert 'data-test="alert-umk_missing"' not in home(client_as("petugas.hi"))
    finally:
        if not kept:  # as it was
            db.session.query(MinimumWage).filter_by(year=year).delete()
            db.session.commit()

    approved(db, contract(start_date=date.today(), end_date=date.today() + timedelta(days=20)))
    admin = client_as("admin", ADMIN_PASSWORD)
    page = home(admin)
    ending = int(re.search(r'data-test="alert-contracts_ending">.*?<strong>(\d+)</strong>', page, re.S).group(1))
    link = re.search(r'data-test="alert-contracts_ending">.*?href="([^"]+)"', page, re.S).group(1)
    assert ending >= 1 and listed(admin, link.replace("&amp;", "&")) == ending


# ---- company operator --------------------------------------------------------------------------------------

def test_operator_sees_company_state_submissions_and_letters(db, client_as):
    operator = client_as("operator")
    before = home(operator)
    assert 'data-test="company-status"' in before and "Terverifikasi" in text_of(operator.get("/"))
    _pkwt_submission(db)
    page = home(operator)
    assert count_of(page, "submissions-submitted") == count_of(before, "submissions-submitted") + 1
    assert listed(operator, href_of(page, "submissions-submitted")) == count_of(page, "submissions-submitted")

    submission = approved(db, contract())
    page = home(operator)
    letter = f"/pkwtsubmissionview/surat/{submission.id}"
    assert letter in page
    response = operator.get(letter)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "pkwt_verify" not in page  # an operator decides nothing


# ---- job seeker --------------------------------------------------------------------------------------------

def test_job_seeker_sees_what_the_card_still_needs(db, app):
    from tests.conftest import login

    seeker = make_seeker(db, complete=False)
    client = login(app, seeker.username)
    page = home(client)
    text = text_of(client.get("/"))
    assert 'data-test="home-seeker"' in page and "pas foto 3×4" in text and "pindaian KTP" in text
    assert page.count('data-test="missing"') >= 5 and 'data-test="no-card"' in page
    assert f'href="/jobseekerview/show/{seeker.id}"' in page
    profile = client.get("/profil-saya/")
    assert profile.status_code == 302 and profile.headers["Location"].endswith(f"/jobseekerview/show/{seeker.id}")


def test_job_seeker_sees_the_card_and_the_open_rereport(db, app):
    from app.core.formatting import today_jakarta
    from tests.conftest import login

    seeker = make_seeker(db)
    card = issued_card(db, seeker, on=today_jakarta() - relativedelta(months=6))
    client = login(app, seeker.username)
    page = home(client)
    assert 'data-test="missing"' not in page and card.number in page
    assert f"/ak1cardview/pdf/{card.id}" in page and 'data-test="rereport-open"' in page
    assert client.post(f"/ak1cardview/rereport/{card.id}").status_code == 302
    assert 'data-test="rereport-open"' not in home(client)  # reported: the next one is months away
    assert 'data-test="rereport-next"' in home(client)


# ---- navigation and badge ----------------------------------------------------------------------------------

def _categories(page):
    """Names of the navbar's dropdown categories."""
    return [re.sub(r"<[^>]+>|&nbsp;|\s+", " ", m).strip()
            for m in re.findall(r'class="dropdown-toggle"[^>]*>(.*?)<b class="caret">', page, re.S)]


@pytest.mark.parametrize("username,present,absent", [
    ("admin", ["Keamanan", "Data Referensi", "Jejak Audit", "Daftar Pengguna"], ["Unggah PKWT", "Profil saya"]),
    ("kadis", ["Keamanan", "Jejak Audit"], ["Data Referensi", "Unggah PKWT"]),
    ("petugas.hi", ["Antrean Verifikasi PKWT"], ["Data Referensi", "Unggah PKWT", "Keamanan"]),
    ("operator", ["Unggah PKWT", "Pengajuan PKWT"], ["Data Referensi", "Keamanan"]),
    ("pencaker", ["Profil saya", "Kartu AK/I saya"], ["Data Referensi", "Daftar Keterampilan", "Daftar Pencari Kerja"]),
])
def test_menu_per_role(app, username, present, absent):
    from tests.conftest import DEMO_PASSWORD, login

    page = home(login(app, username, ADMIN_PASSWORD if username == "admin" else DEMO_PASSWORD))
    navbar = page[page.index('class="nav navbar-nav"'):page.index("navbar-right")]
    for name in present:
        assert name in navbar, (username, name)
    for name in absent:
        assert name not in navbar, (username, name)
    assert _categories(navbar).count("Keamanan") == (1 if "Keamanan" in present else 0)  # one security menu


def test_menu_access_follows_menu_roles(app):
    from app.security import roles as R
    from app.security.sync import role_has

    ab = app.appbuilder
    assert role_has(ab, R.ADMIN, "menu_access", "Wilayah") and not role_has(ab, R.PETUGAS_HI, "menu_access", "Wilayah")
    assert not role_has(ab, R.ADMIN, "menu_access", "Unggah PKWT (Excel)")
    assert role_has(ab, R.OPERATOR, "menu_access", "Unggah PKWT (Excel)")
    assert not role_has(ab, R.PENCARI_KERJA, "menu_access", "Pencari Kerja")
    assert role_has(ab, R.PENCARI_KERJA, "menu_access", "Profil saya")
    assert role_has(ab, R.KEPALA_DINAS, "menu_access", "Security")  # the one security menu: the audit trail
    # Lookups keep working without the menu.
    assert R.allows(R.PETUGAS_HI, "read", "Reference")


def test_unread_notification_badge(db, app):
    from app.core.notifications import notify
    from tests.conftest import DEMO_PASSWORD, login
    from app.security.models import AppUser

    client = login(app, "petugas.tka", DEMO_PASSWORD)
    user = db.session.query(AppUser).filter_by(username="petugas.tka").one()
    client.post("/notifikasi/baca")  # all read
    badge = re.compile(r'<a href="[^"]*"\s+data-test="notification-badge".*?</a>', re.S)
    assert 'class="badge' not in badge.search(home(client)).group(0)
    for n in range(2):
        notify(user.id, "account", f"home-badge-{unique()}", "Uji", "Isi")
    db.session.commit()
    shown = badge.search(home(client)).group(0)
    assert re.search(r'class="badge app-badge">2<', shown) and 'href="/notifikasi/list/"' in shown
    client.post("/notifikasi/baca")
    assert 'class="badge' not in badge.search(home(client)).group(0)
