"""The public vacancy portal (issue 10 §2): keyword search through the database's full-text index (PostgreSQL's
`indonesian` configuration, FTS5 on SQLite), the filters as GET arguments (the address is the search), the vacancy
page and the company page, for visitors, job seekers and staff; a Chromium walk at a phone's 390 px.

Vacancies are inserted straight through the models. The database is shared with other tests: every test searches
with a made-up word of its own, so only its own vacancies can match."""
import re
import shutil
import uuid
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import text_of, unique
from tests.test_browser import base_url, browser  # noqa: F401 (fixtures)

KBJI = {"812": ("Operator Mesin Pengolahan dan Pelapisan Logam", 3, "81"),
        "8121": ("Operator Mesin Pengolahan Logam", 4, "812"),
        "522": ("Pramuniaga", 3, "52"),
        "5223": ("Pramuniaga Toko", 4, "522"),
        "251": ("Analis dan Pengembang Perangkat Lunak", 3, "25"),
        "2512": ("Pengembang Perangkat Lunak", 4, "251")}


def token():
    """A word no other vacancy holds (letters only: the stemmers leave it alone)."""
    return "zq" + "".join(chr(ord("a") + int(c, 16) % 26) for c in uuid.uuid4().hex[:10]) + "x"


def ensure_kbji(db):
    from app.reference.models import Kbji

    for code, (name, level, parent) in KBJI.items():
        if db.session.get(Kbji, code) is None:
            db.session.add(Kbji(code=code, name=name, level=level, parent_code=parent))
    db.session.flush()


def make_company(db, name=None, section="C", status="verified"):
    from app.companies.models import Company
    from app.reference.models import Kbli
    from tests.test_companies import _nib, _valid_npwp

    division = (db.session.query(Kbli).filter_by(level="division", parent_code=section).order_by(Kbli.code).first())
    company = Company(name=name or "PT Uji Portal " + unique(), legal_form_code="PT", nib=_nib(),
                      npwp=_valid_npwp(uuid.uuid4().int % 10**7), employer_type_code="PRIVATE", kbli_id=division.id,
                      address="Jl. Rahasia Perusahaan 77", kecamatan_code="36.03.01", desa_code="36.03.01.2003",
                      phone="0215550199", email=f"{unique()}@rahasia.co.id", contact_name="Kontak Pribadi Sekali",
                      contact_phone="081299990000", headcount_male=321, headcount_female=123, status=status)
    db.session.add(company)
    db.session.flush()
    return company


def make_vacancy(db, company, title, status="published", **fields):
    from app.core.models import utcnow
    from app.vacancies.models import Vacancy

    ensure_kbji(db)
    today = date.today()
    values = dict(company_id=company.id, title=title, kbji_code="8121", description="Mengoperasikan mesin.",
                  slots_any=2, valid_from=today - timedelta(days=1), valid_until=today + timedelta(days=30),
                  status=status, submitted_at=utcnow() - timedelta(days=2),
                  published_at=utcnow() - timedelta(days=1) if status in ("published", "closed", "filled") else None,
                  work_kecamatan_code="36.03.01", work_type="penuh_waktu")
    values.update(fields)
    vacancy = Vacancy(**values)
    db.session.add(vacancy)
    db.session.flush()
    return vacancy


def ids_of(response):
    return [int(i) for i in re.findall(r'data-test="vacancy" data-id="(\d+)"', response.get_data(as_text=True))]


def is_postgresql(db):
    return db.engine.dialect.name == "postgresql"


# ---- keyword search -------------------------------------------------------------------------------------------

def test_keyword_search_finds_by_word_through_the_full_text_index_and_ranks_title_first(app, db):
    from app.vacancies.search import Criteria, keyword_search, search

    word = token()
    company = make_company(db)
    in_description = make_vacancy(db, company, "Staf gudang", description=f"Menguasai mesin {word} dan forklift.")
    in_title = make_vacancy(db, company, f"Operator {word}")
    in_company = make_vacancy(db, make_company(db, name=f"PT {word.title()} Sentosa"), "Staf administrasi")
    in_field = make_vacancy(db, company, "Teknisi", education_field=f"Teknik {word}")
    make_vacancy(db, company, "Pengemudi", description="Tidak ada kata itu di sini.")
    db.session.commit()

    expected = [in_title.id, in_company.id, in_field.id, in_description.id]  # title > company > field > description
    assert [row.id for row in search(Criteria(keyword=word)).rows] == expected
    assert keyword_search([word], 10) == expected
    assert keyword_search([word], 10, title_only=True) == [in_title.id]
    assert keyword_search([word.upper(), "Operator"], 10) == [in_title.id]  # all words, any case
    assert keyword_search([word, "zzzbukanapaapa"], 10) == []
    assert keyword_search([word, "zzzbukanapaapa"], 10, any_word=True) == expected
    # The portal answers the same, by relevance.
    response = app.test_client().get(f"/lowongan?q={word}")
    assert response.status_code == 200
    assert ids_of(response) == expected
    assert "diurutkan menurut kecocokan" in text_of(response)


def test_keyword_search_reaches_other_forms_of_a_word(app, db):
    """"penjual" finds "Penjualan" on both databases (SQLite: as a prefix; PostgreSQL: both stem to "jual"); on
    PostgreSQL the Indonesian stemmer also takes "menjual" to it."""
    from app.vacancies.search import keyword_search

    word = token()
    sales = make_vacancy(db, make_company(db, section="G"), f"Tenaga Penjualan {word}", kbji_code="5223")
    db.session.commit()
    assert keyword_search(["penjual", word], 5) == [sales.id]
    if is_postgresql(db):
        assert keyword_search(["menjual", word], 5) == [sales.id]
        assert keyword_search(["penjualannya", word], 5) == [sales.id]


def test_the_index_follows_every_change_of_a_vacancy_and_of_its_companys_name(app, db):
    from app.vacancies.search import keyword_search

    old, new, renamed = token(), token(), token()
    company = make_company(db)
    vacancy = make_vacancy(db, company, f"Juru las {old}")
    db.session.commit()
    assert keyword_search([old], 5) == [vacancy.id]
    vacancy.title = f"Juru las {new}"
    db.session.commit()
    assert keyword_search([old], 5) == [] and keyword_search([new], 5) == [vacancy.id]
    company.name = f"PT {renamed.title()} Abadi"
    db.session.commit()
    assert keyword_search([renamed], 5) == [vacancy.id]
    db.session.delete(vacancy)
    db.session.commit()
    assert keyword_search([new], 5) == []


def test_the_full_text_index_is_the_databases(app, db):
    """No LIKE: PostgreSQL matches the GIN-indexed tsvector (the plan uses the index when scans are off), SQLite
    the FTS5 table, whose triggers survive every migration to the head."""
    from sqlalchemy import text

    from sqlalchemy import select

    from app.vacancies.models import Vacancy
    from app.vacancies.search import matching

    query, _score = matching(select(Vacancy.id), ["operator"])
    sql = str(query.compile(db.engine)).lower()
    assert " like " not in sql
    with db.engine.connect() as conn:
        if is_postgresql(db):
            assert "@@" in sql and "to_tsquery" in sql
            assert conn.execute(text("SELECT cfgname FROM pg_ts_config WHERE cfgname = 'indonesian'")).scalar()
            conn.execute(text("SET enable_seqscan = off"))
            plan = "\n".join(conn.execute(text(
                "EXPLAIN SELECT id FROM vacancy WHERE search_document @@ to_tsquery('indonesian', 'operator')"
            )).scalars())
            assert "ix_vacancy_search_document" in plan
        else:
            assert "vacancy_fts match" in sql
            triggers = set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars())
            assert {"vacancy_fts_insert", "vacancy_fts_update", "vacancy_fts_delete",
                    "company_name_vacancy_fts"} <= triggers


# ---- filters ---------------------------------------------------------------------------------------------------

def test_each_filter_narrows_the_results(app, db):
    from app.core.models import utcnow

    word = token()
    factory, shop = make_company(db, section="C"), make_company(db, section="G")
    plain = make_vacancy(db, factory, f"Operator {word}", wage_min=4_800_000, wage_max=5_200_000,
                         education_ipk_code="3002")
    seller = make_vacancy(db, shop, f"Pramuniaga {word}", kbji_code="5223", work_kecamatan_code="36.03.02",
                          wage_min=4_000_000, wage_max=4_500_000)
    outside = make_vacancy(db, factory, f"Sales area {word}", kbji_code="5223", work_kecamatan_code=None,
                           work_location="Kota Serang")
    graduate = make_vacancy(db, factory, f"Programmer {word}", kbji_code="2512", education_ipk_code="6000",
                            wage_min=9_000_000, wage_max=None, disability_friendly=True)
    older = make_vacancy(db, factory, f"Operator lama {word}", published_at=utcnow() - timedelta(days=10))
    db.session.commit()
    client = app.test_client()

    def found(**filters):
        query = "&".join(f"{key}={value}" for key, value in {"q": word, **filters}.items())
        response = client.get(f"/lowongan?{query}", follow_redirects=True)
        assert response.status_code == 200, (query, response.status_code)
        assert "data-test=\"ignored\"" not in response.get_data(as_text=True), query
        return set(ids_of(response))

    everyone = {plain.id, seller.id, outside.id, graduate.id, older.id}
    assert found() == everyone
    assert found(kbji="8") == {plain.id, older.id}  # major group 8: operators
    assert found(kbji="52") == {seller.id, outside.id}  # sub-major group 52: sales workers
    assert found(kbji="2") == {graduate.id}
    assert found(sektor="G") == {seller.id}
    assert found(sektor="C") == everyone - {seller.id}
    assert found(kecamatan="36.03.02") == {seller.id}
    assert found(kecamatan="luar") == {outside.id}
    assert found(pendidikan="3000") == everyone - {graduate.id}  # SLTA: not the S1 vacancy; none asked counts
    assert found(pendidikan="6000") == everyone
    assert found(pendidikan="1000") == everyone - {graduate.id, plain.id}
    assert found(gaji="5.000.000") == {plain.id, graduate.id}  # an undisclosed wage is not promised
    assert found(gaji="Rp 9.000.000") == {graduate.id}
    assert found(baru="7") == everyone - {older.id}
    assert found(disabilitas="1") == {graduate.id}
    assert found(kbji="5", kecamatan="luar", baru="30") == {outside.id}  # together: all of them
    assert found(sektor="G", kecamatan="luar") == set()


def test_without_a_keyword_the_newest_come_first_and_pages_link_on(app, db):
    from app.core.models import utcnow
    from app.vacancies.search import Criteria, search

    # A sector no open vacancy has yet (demo data and other tests publish some): the filter isolates these rows.
    sector = next(s for s in "QPRSOMLKJIHGFEDBA" if search(Criteria(sector=s)).total == 0)
    company = make_company(db, section=sector)
    made = [make_vacancy(db, company, f"Perawat {n}", published_at=utcnow() - timedelta(minutes=n))
            for n in range(25)]
    db.session.commit()
    page = search(Criteria(sector=sector))
    newest = [v.id for v in made]
    assert [row.id for row in page.rows] == newest[:20] and page.total == 25 and page.pages == 2
    client = app.test_client()
    first = client.get(f"/lowongan?sektor={sector}")
    assert ids_of(first) == newest[:20]
    assert "terbaru lebih dulu" in text_of(first) and "25 lowongan" in text_of(first)
    next_link = re.search(r'href="([^"]+)" rel="next"', first.get_data(as_text=True)).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(next_link).query) == {"sektor": [sector], "hal": ["2"]}
    assert ids_of(client.get(next_link)) == newest[20:]
    assert ids_of(client.get(f"/lowongan?sektor={sector}&hal=40")) == newest[20:]  # past the end: the last page


def test_the_share_link_reproduces_the_search(app, db):
    word = token()
    company = make_company(db)
    wanted = make_vacancy(db, company, f"Operator {word}", wage_min=6_000_000, wage_max=7_000_000,
                          disability_friendly=True)
    make_vacancy(db, company, f"Operator {word} B", wage_min=3_000_000, wage_max=3_500_000)
    db.session.commit()
    client = app.test_client()
    response = client.get(f"/lowongan?q=++Operator+{word}+&kbji=81&kecamatan=36.03.01&pendidikan=&gaji=5.500.000"
                          "&baru=30&disabilitas=1", follow_redirects=True)
    assert ids_of(response) == [wanted.id]
    # What the filter form sent (empty fields, the wage as typed) became the link people share.
    assert response.request.path == "/lowongan" and "pendidikan" not in response.request.query_string.decode()
    share = re.search(r'data-test="share-link"', response.get_data(as_text=True))
    assert share
    link = re.search(r'value="([^"]+)" data-test="share-link"', response.get_data(as_text=True)).group(1)
    link = link.replace("&amp;", "&")
    assert parse_qs(urlsplit(link).query) == {"q": [f"Operator {word}"], "kbji": ["81"], "kecamatan": ["36.03.01"],
                                              "gaji": ["5500000"], "baru": ["30"], "disabilitas": ["1"]}
    parts = urlsplit(link)
    assert parts.path == "/lowongan"
    again = client.get(f"{parts.path}?{parts.query}")
    assert ids_of(again) == [wanted.id]
    # The form shows the search it made.
    html = again.get_data(as_text=True)
    assert f'value="Operator {word}"' in html and 'value="5.500.000"' in html
    assert '<option value="36.03.01" selected>' in html and 'name="disabilitas" value="1" checked' in html


# ---- what the public never sees ---------------------------------------------------------------------------------

def test_only_open_published_vacancies_are_listed_and_unpublished_ones_are_not_found(app, db):
    word = token()
    company = make_company(db)
    today = date.today()
    shown = make_vacancy(db, company, f"Terbuka {word}")
    unpublished = [make_vacancy(db, company, f"{status} {word}", status=status)
                   for status in ("submitted", "returned", "rejected")]
    closed = make_vacancy(db, company, f"Ditutup {word}", status="closed")
    filled = make_vacancy(db, company, f"Terpenuhi {word}", status="filled")
    lapsed = make_vacancy(db, company, f"Lewat {word}", valid_until=today - timedelta(days=1))  # job not run yet
    future = make_vacancy(db, company, f"Nanti {word}", valid_from=today + timedelta(days=3))
    db.session.commit()
    client = app.test_client()
    assert ids_of(client.get(f"/lowongan?q={word}")) == [shown.id]
    for vacancy in unpublished:
        assert client.get(f"/lowongan/{vacancy.id}").status_code == 404
    for vacancy, reason in ((closed, "ditutup perusahaan"), (filled, "Semua posisi telah terisi"),
                            (lapsed, "Masa berlakunya telah berakhir")):
        response = client.get(f"/lowongan/{vacancy.id}")
        assert response.status_code == 200
        assert "Lowongan ini sudah tidak menerima lamaran." in text_of(response) and reason in text_of(response)
        assert 'data-test="apply-panel"' not in response.get_data(as_text=True)
    not_yet = client.get(f"/lowongan/{future.id}")
    assert f"mulai menerima lamaran pada {(today + timedelta(days=3)).day}" in text_of(not_yet)
    assert 'data-test="apply-panel"' not in not_yet.get_data(as_text=True)
    # Signed in as a job seeker: still no form on a closed vacancy.
    seeker = _client_as(app, "pencaker")
    assert 'data-test="apply-form"' not in seeker.get(f"/lowongan/{closed.id}").get_data(as_text=True)


def _client_as(app, username):
    from tests.conftest import login

    return login(app, username)


def test_the_vacancy_page_reads_as_people_read_it(app, db):
    from app.seekers.models import Skill

    company = make_company(db)
    skills = []
    for name, must in ((f"Mengelas {unique()}", True), (f"Membaca gambar teknik {unique()}", False)):
        skill = Skill(name=name, approved=True)
        db.session.add(skill)
        skills.append((skill, must))
    db.session.flush()
    from app.vacancies.models import VacancySkill

    vacancy = make_vacancy(db, company, "Juru Las Listrik", description="Mengelas rangka baja.\nBekerja bergilir.",
                           wage_min=5_000_000, wage_max=6_500_000, age_min=20, age_max=35, slots_male=3, slots_any=1,
                           slots_female=0, sex_reason=None, education_ipk_code="3002", education_field="Teknik Las",
                           experience_years=2, work_type="kontrak", disability_friendly=True,
                           work_location="Jl. Industri Raya Blok C")
    for skill, must in skills:
        db.session.add(VacancySkill(vacancy_id=vacancy.id, company_id=company.id, skill_id=skill.id, must_have=must))
    secret = make_vacancy(db, company, "Kasir", wage_min=None, wage_max=None, work_kecamatan_code=None,
                          work_location="Kota Tangerang Selatan", education_ipk_code=None, slots_any=0,
                          slots_female=2, sex_reason="Melayani pelanggan di ruang ganti perempuan")
    db.session.commit()
    client = app.test_client()
    response = client.get(f"/lowongan/{vacancy.id}")
    html, page = response.get_data(as_text=True), text_of(response)
    assert response.status_code == 200
    from app.reference.models import Kbji

    for expected in ("Juru Las Listrik", company.name, f"8121 {db.session.get(Kbji, '8121').name}",
                     "Rp5.000.000 – Rp6.500.000 per bulan", "Kontrak (PKWT)", "4 orang: 3 laki-laki, 1 laki-laki/perempuan",
                     "Kec. Balaraja, Kabupaten Tangerang",
                     "Jl. Industri Raya Blok C", "Ramah penyandang disabilitas Ya", "20–35 tahun",
                     "Laki-laki atau perempuan", "minimal SMK, jurusan Teknik Las", "minimal 2 tahun",
                     skills[0][0].name, skills[1][0].name, "Masuk untuk melamar"):
        assert expected in page, expected
    assert page.index("Wajib:") < page.index(skills[0][0].name) < page.index("Diutamakan:") < page.index(
        skills[1][0].name)
    assert f'href="/perusahaan/{company.id}"' in html
    assert f'<meta property="og:title" content="Juru Las Listrik — {company.name}">' in html
    assert 'property="og:description"' in html and "Rp5.000.000 – Rp6.500.000" in html.split("og:description")[1][:300]
    login = re.search(r'href="([^"]+)" data-test="login-to-apply"', html).group(1)
    assert parse_qs(urlsplit(login.replace("&amp;", "&")).query) == {"next": [f"/lowongan/{vacancy.id}"]}
    for raw in ("None", "True", "False", str(date.today())):
        assert raw not in page, raw
    other = text_of(client.get(f"/lowongan/{secret.id}"))
    assert "Gaji Dirahasiakan" in other and "Kota Tangerang Selatan" in other
    assert "Perempuan (Melayani pelanggan di ruang ganti perempuan)" in other and "Semua jenjang" in other
    assert "Tidak disyaratkan" in other


def test_a_job_seeker_gets_the_apply_form_others_do_not(app, db):
    vacancy = make_vacancy(db, make_company(db), "Operator produksi")
    db.session.commit()
    seeker = _client_as(app, "pencaker")
    html = seeker.get(f"/lowongan/{vacancy.id}?bursa=7").get_data(as_text=True)
    form = re.search(r'<form method="post" action="([^"]+)" data-test="apply-form">(.*?)</form>', html, re.DOTALL)
    assert form.group(1) == f"/lowongan/{vacancy.id}/lamar"
    assert 'name="cover_note"' in form.group(2) and '<input type="hidden" name="fair_id" value="7">' in form.group(2)
    assert "Lamar sekarang" in form.group(2) and "Masuk untuk melamar" not in html
    plain = seeker.get(f"/lowongan/{vacancy.id}?bursa=abc").get_data(as_text=True)
    assert 'name="fair_id"' not in plain and 'data-test="apply-form"' in plain
    for username in ("operator", "petugas.ak"):
        html = _client_as(app, username).get(f"/lowongan/{vacancy.id}").get_data(as_text=True)
        assert 'data-test="apply-form"' not in html and "Masuk untuk melamar" not in html
        assert "Lamaran diajukan oleh pencari kerja" in html


def test_the_company_page_shows_a_verified_company_and_its_open_vacancies_only(app, db):
    company, other = make_company(db, section="C"), make_company(db)
    waiting = make_company(db, status="submitted")
    open_one = make_vacancy(db, company, "Operator forklift")
    closed = make_vacancy(db, company, "Operator crane", status="closed")
    draft = make_vacancy(db, company, "Operator bubut", status="submitted")
    elsewhere = make_vacancy(db, other, "Operator las")
    unverified_vacancy = make_vacancy(db, waiting, "Staf gudang")
    db.session.commit()
    client = app.test_client()
    response = client.get(f"/perusahaan/{company.id}")
    assert response.status_code == 200
    assert ids_of(response) == [open_one.id]
    assert not {closed.id, draft.id, elsewhere.id} & set(ids_of(response))
    page = text_of(response)
    assert company.name in page and "Kec. Balaraja, Kabupaten Tangerang" in page and "Industri Pengolahan" in page
    for private in (company.npwp, company.npwp_formatted, company.nib, company.phone, company.email,
                    company.contact_name, company.contact_phone, company.address, "321", "123"):
        assert private not in page, private
    assert client.get(f"/perusahaan/{waiting.id}").status_code == 404
    vacancy_page = client.get(f"/lowongan/{unverified_vacancy.id}").get_data(as_text=True)
    assert f"/perusahaan/{waiting.id}" not in vacancy_page
    for private in (company.npwp, company.nib, company.contact_phone, company.email):
        assert private not in client.get(f"/lowongan/{open_one.id}").get_data(as_text=True)


# ---- bad input -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("query", [
    "hal=abc", "hal=-1", "hal=0", "hal=99999999999999999999", "hal=1e3", "gaji=abc", "gaji=1e99",
    "gaji=99999999999999999999999", "gaji=-5", "kecamatan=36.99.99", "kecamatan=%27%3B--", "kbji=%3Cscript%3E",
    "kbji=8121", "sektor=ZZ", "pendidikan=9999", "baru=5", "baru=-1", "disabilitas=%00",
    "q=%00%00", "q=" + "a" * 5000, "q=(((+OR+AND+*+NEAR", "q=%22unterminated", "q=title%3Aoperator",
    "q=%E2%80%94%F0%9F%98%80", "q=a+b+c+d+e+f+g+h+i+j+k+l", "q=___", "q=operator&q=pengemudi",
])
def test_bad_parameters_are_ignored_with_a_message_never_a_500(app, query):
    response = app.test_client().get(f"/lowongan?{query}", follow_redirects=True)
    assert response.status_code == 200, (query, response.status_code)
    page = text_of(response)
    if query.split("=")[0] in ("gaji", "kecamatan", "kbji", "sektor", "pendidikan", "baru"):
        assert "diabaikan" in page, query


@pytest.mark.parametrize("path", ["/lowongan/0", "/lowongan/99999999999999", "/lowongan/abc", "/lowongan/-1",
                                  "/perusahaan/0", "/perusahaan/99999999999999", "/perusahaan/x"])
def test_a_vacancy_or_company_that_cannot_exist_is_not_found(app, path):
    assert app.test_client().get(path).status_code == 404


def test_visitors_and_job_seekers_find_the_portal_from_the_home_page_and_the_navbar(app):
    from tests.conftest import login

    anonymous = app.test_client().get("/").get_data(as_text=True)
    assert 'href="/lowongan"' in anonymous and 'data-test="portal-search"' in anonymous
    assert 'data-test="nav-vacancies"' in anonymous
    seeker_home = login(app, "pencaker").get("/").get_data(as_text=True)
    assert 'data-test="nav-vacancies"' in seeker_home
    officer_home = login(app, "petugas.ak").get("/").get_data(as_text=True)
    assert 'data-test="nav-vacancies"' not in officer_home


# ---- a phone --------------------------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed")
def test_a_visitor_searches_filters_and_opens_a_vacancy_on_a_phone(app, db, base_url, browser):  # noqa: F811
    from pathlib import Path

    from playwright.sync_api import expect

    word = token()
    company = make_company(db, name=f"PT Maju {word.title()}")
    target = make_vacancy(db, company, f"Operator Mesin Injeksi {word}", wage_min=5_100_000, wage_max=5_600_000,
                          description="Menjalankan mesin injeksi plastik tiga shift.", disability_friendly=True)
    make_vacancy(db, company, f"Admin gudang {word}", work_kecamatan_code=None, work_location="Kota Cilegon")
    db.session.commit()
    shots = Path("/tmp/shots/portal")
    shots.mkdir(parents=True, exist_ok=True)
    problems = []
    for width in (390, 1366):
        context = browser.new_context(base_url=base_url, locale="id-ID", viewport={"width": width, "height": 860})
        page = context.new_page()
        page.on("response", lambda r: r.status >= 500 and problems.append(f"{r.status} {r.url}"))
        page.on("pageerror", lambda error: problems.append(f"JS error: {error}"))
        page.goto("/")
        page.locator("[data-test=portal-search] input[name=q]").fill(word)
        page.locator("[data-test=portal-search] button").click()
        page.wait_for_load_state()
        expect(page.locator("[data-test=vacancy]")).to_have_count(2)
        filters = page.locator("[data-test=filters]")
        if width < 768:
            expect(filters).to_be_hidden()  # folded on a phone
            page.locator("[data-test=filter-toggle]").click()
        expect(filters).to_be_visible()
        page.locator("select[name=kecamatan]").select_option("36.03.01")
        page.locator("input[name=gaji]").fill("5.000.000")
        page.screenshot(path=shots / f"search-filters-{width}.png", full_page=True)
        page.get_by_role("button", name="Terapkan filter").click()
        page.wait_for_load_state()
        expect(page.locator("[data-test=vacancy]")).to_have_count(1)
        assert "gaji=5000000" in page.url and "kecamatan=36.03.01" in page.url and f"q={word}" in page.url
        page.screenshot(path=shots / f"search-results-{width}.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.locator("[data-test=vacancy] a").first.click()
        page.wait_for_load_state()
        assert page.url.endswith(f"/lowongan/{target.id}")
        expect(page.locator("[data-test=wage]")).to_contain_text("Rp5.100.000 – Rp5.600.000")
        expect(page.locator("[data-test=login-to-apply]")).to_be_visible()
        page.screenshot(path=shots / f"vacancy-{width}.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.locator("[data-test=company-link]").click()
        page.wait_for_load_state()
        expect(page.locator("[data-test=company-name]")).to_have_text(company.name)
        page.screenshot(path=shots / f"company-{width}.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # A job seeker signs in from the vacancy and comes back to the form.
        page.goto(f"/lowongan/{target.id}")
        page.locator("[data-test=login-to-apply]").click()
        page.locator("#username").fill("pencaker")
        from tests.conftest import DEMO_PASSWORD

        page.locator("#password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_load_state()
        assert page.url.endswith(f"/lowongan/{target.id}"), page.url
        expect(page.locator("[data-test=apply-form] textarea[name=cover_note]")).to_be_visible()
        page.screenshot(path=shots / f"vacancy-seeker-{width}.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        context.close()
    assert not problems, problems


def test_a_keyword_ranks_the_newest_matches_only_past_the_window(app, db, monkeypatch):
    """A common word can match tens of thousands of open vacancies: only the newest RANK_WINDOW of them are ranked
    (bench/portal.py --all-open), so an older, better match drops out of the ranking once newer ones fill it."""
    from app.core.models import utcnow
    from app.vacancies import search as portal_search
    from app.vacancies.search import Criteria, search

    word, company = token(), make_company(db)
    best_but_old = make_vacancy(db, company, f"Operator {word}", published_at=utcnow() - timedelta(days=3))
    newer = [make_vacancy(db, company, f"Staf Gudang {n}", description=f"Sesekali membantu bagian {word}.",
                          published_at=utcnow() - timedelta(hours=n)) for n in (1, 2)]
    db.session.commit()
    assert [row.id for row in search(Criteria(keyword=word)).rows] == [best_but_old.id] + [v.id for v in newer]
    monkeypatch.setattr(portal_search, "RANK_WINDOW", 2)
    assert [row.id for row in search(Criteria(keyword=word)).rows] == [v.id for v in newer]
