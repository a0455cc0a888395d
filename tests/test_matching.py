"""Matching (issue 10 part 4): hard filters, the ranking on a hand-made case whose right answer is known,
congestion damping, the explanation, invitations, the daily digest, and who may see what."""
from datetime import UTC, date, datetime, timedelta

import pytest

from tests.conftest import DEMO_PASSWORD, text_of, unique
from tests.seekers_support import issued_card, make_seeker
from tests.test_browser import base_url, browser  # noqa: F401 (fixtures)

BALARAJA, JAYANTI, KOSAMBI = "36.03.01", "36.03.02", "36.03.14"  # Jayanti ~5 km from Balaraja, Kosambi ~35 km


@pytest.fixture()
def today():
    from app.core.formatting import today_jakarta

    return today_jakarta()


def kbji_group(db):
    """A fresh KBJI branch: unit groups SSd1 and SSd2 (the same minor group SSd) and TTd1 under another
    sub-major group TT of the same major group. Codes no other test uses, so that no other seeker wants them."""
    from app.reference.models import Kbji

    submajors = sorted(code for (code,) in db.session.query(Kbji.code).filter(Kbji.level == 2))
    for sub in submajors:
        others = [code for code in submajors if code[0] == sub[0] and code != sub]
        for digit in "0123456789":
            if not others:
                break
            minor, other = sub + digit, others[0] + digit
            if db.session.get(Kbji, minor) is None and db.session.get(Kbji, other) is None:
                for code, parent, level in ((minor, sub, 3), (minor + "1", minor, 4), (minor + "2", minor, 4),
                                            (other, others[0], 3), (other + "1", other, 4)):
                    db.session.add(Kbji(code=code, name=f"Jabatan uji {code}", level=level, parent_code=parent))
                db.session.commit()
                return {"unit": minor + "1", "sibling": minor + "2", "major": other + "1"}
    raise AssertionError("no free KBJI codes left for the test")


def skill(db, name=None):
    from app.seekers.models import Skill

    row = Skill(name=name or ("Keahlian " + unique()), approved=True)
    db.session.add(row)
    db.session.flush()
    return row


def company_of(db, username="operator"):
    from app.security.models import AppUser

    return db.session.query(AppUser).filter_by(username=username).one().company_id


def vacancy(db, kbji, company_id=None, kecamatan=BALARAJA, must=(), nice=(), **fields):
    from app.core.formatting import today_jakarta
    from app.vacancies.models import Vacancy, VacancySkill

    today = today_jakarta()
    now = datetime.now(UTC)
    values = dict(slots_any=2, valid_from=today - timedelta(days=3), valid_until=today + timedelta(days=30),
                  status="published", submitted_at=now - timedelta(days=4), published_at=now - timedelta(days=3),
                  work_kecamatan_code=kecamatan, experience_years=0)
    values.update(fields)
    row = Vacancy(company_id=company_id or company_of(db), title=fields.pop("title", "Lowongan " + unique()),
                  kbji_code=kbji, **{k: v for k, v in values.items() if k != "title"})
    db.session.add(row)
    db.session.flush()
    for item, must_have in [(s, True) for s in must] + [(s, False) for s in nice]:
        db.session.add(VacancySkill(vacancy_id=row.id, company_id=row.company_id, skill_id=item.id,
                                    must_have=must_have))
    db.session.commit()
    return row


def seeker(db, occupation=None, skills=(), kecamatan=BALARAJA, card=True, sex="L", birth=date(1998, 5, 17),
           education="SMA", locations=(), **fields):
    from app.seekers.models import SeekerPreference, SeekerSkill

    person = make_seeker(db, birth=birth, sex=sex, **fields)
    person.kecamatan_code = kecamatan
    person.education_level_code = education
    if occupation:
        db.session.add(SeekerPreference(job_seeker_id=person.id, kind="occupation", kbji_code=occupation))
    for place in locations:
        db.session.add(SeekerPreference(job_seeker_id=person.id, kind="location", kecamatan_code=place))
    for item in skills:
        db.session.add(SeekerSkill(job_seeker_id=person.id, skill_id=item.id))
    db.session.commit()
    if card:
        issued_card(db, person)
    return person


def ranked(matches):
    return [m.vacancy_id for m in matches]


def position(matches, vacancy_row):
    ids = ranked(matches)
    assert vacancy_row.id in ids, f"vacancy {vacancy_row.id} not among the matches {ids}"
    return ids.index(vacancy_row.id)


# ---- ranking on a known case ---------------------------------------------------------------------------------

def test_same_unit_group_beats_sibling_and_major_group(db):
    from app.vacancies.matching import candidates_for, vacancies_for

    codes = kbji_group(db)
    person = seeker(db, occupation=codes["unit"])
    same, sibling, major = (vacancy(db, codes["unit"]), vacancy(db, codes["sibling"]), vacancy(db, codes["major"]))
    matches = vacancies_for(person, limit=200)
    assert position(matches, same) < position(matches, sibling) < position(matches, major)
    levels = {m.vacancy_id: m.occupation_level for m in matches}
    assert (levels[same.id], levels[sibling.id], levels[major.id]) == (4, 3, 1)
    # The other way round: for the unit-group vacancy, the person who wants that unit group comes before one
    # who wants only a sibling unit group
    other = seeker(db, occupation=codes["sibling"])
    candidates = [m.job_seeker_id for m in candidates_for(same, limit=500)]
    assert candidates.index(person.id) < candidates.index(other.id)


def test_missing_must_have_skill_ranks_lower(db):
    from app.vacancies.matching import vacancies_for

    codes = kbji_group(db)
    welding, forklift = skill(db, "Las " + unique()), skill(db, "Forklift " + unique())
    person = seeker(db, occupation=codes["unit"], skills=[welding])
    has_it = vacancy(db, codes["unit"], must=[welding], nice=[forklift])
    lacks_it = vacancy(db, codes["unit"], must=[forklift], nice=[welding])
    matches = vacancies_for(person, limit=200)
    assert position(matches, has_it) < position(matches, lacks_it)
    by_id = {m.vacancy_id: m for m in matches}
    assert by_id[lacks_it.id].missing_must == [forklift.name]
    assert by_id[has_it.id].missing_must == [] and by_id[has_it.id].missing_nice == [forklift.name]
    # must-have counts twice: 2/3 covered against 1/3
    assert by_id[has_it.id].components["skills"] == pytest.approx(2 / 3)
    assert by_id[lacks_it.id].components["skills"] == pytest.approx(1 / 3)


def test_distance_between_kecamatan_matters(db):
    from app.vacancies.matching import vacancies_for

    codes = kbji_group(db)
    person = seeker(db, occupation=codes["unit"], kecamatan=BALARAJA)
    far, near, next_door = (vacancy(db, codes["unit"], kecamatan=KOSAMBI), vacancy(db, codes["unit"]),
                            vacancy(db, codes["unit"], kecamatan=JAYANTI))
    matches = vacancies_for(person, limit=200)
    assert position(matches, near) < position(matches, next_door) < position(matches, far)
    km = {m.vacancy_id: m.distance_km for m in matches}
    assert km[near.id] == pytest.approx(0.0)
    assert 2 < km[next_door.id] < 10 and km[far.id] > 25


# ---- hard filters ----------------------------------------------------------------------------------------------

def test_no_active_ak1_no_matches_either_way(db):
    from app.vacancies.matching import candidates_for, vacancies_for

    codes = kbji_group(db)
    person = seeker(db, occupation=codes["unit"], card=False)
    job = vacancy(db, codes["unit"])
    assert vacancies_for(person) == []
    assert person.id not in {m.job_seeker_id for m in candidates_for(job, limit=500)}


def test_hard_filters_exclude(db, today):
    from app.vacancies.matching import candidates_for, vacancies_for

    codes = kbji_group(db)
    person = seeker(db, occupation=codes["unit"], sex="L", birth=date(1990, 1, 10), education="SMA",
                    locations=[BALARAJA, JAYANTI])
    fits = vacancy(db, codes["unit"])
    graduate = vacancy(db, codes["unit"], education_ipk_code="6000")  # S1/D4 asked, SMA held
    smk_ok = vacancy(db, codes["unit"], education_ipk_code="3002")  # SMK: the same level as SMA
    young = vacancy(db, codes["unit"], age_min=18, age_max=25)
    women = vacancy(db, codes["unit"], slots_any=0, slots_female=3, sex_reason="Pemeriksa produk pakaian wanita")
    elsewhere = vacancy(db, codes["unit"], kecamatan=KOSAMBI)  # not among his places
    outside = vacancy(db, codes["unit"], kecamatan=None, work_location="Kota Serang")  # he would not leave
    closed = vacancy(db, codes["unit"], valid_until=today - timedelta(days=1))
    found = set(ranked(vacancies_for(person, limit=500)))
    assert {fits.id, smk_ok.id} <= found
    assert not found & {graduate.id, young.id, women.id, elsewhere.id, outside.id, closed.id}
    for excluded in (graduate, young, women, elsewhere, outside):
        assert person.id not in {m.job_seeker_id for m in candidates_for(excluded, limit=500)}
    assert person.id in {m.job_seeker_id for m in candidates_for(fits, limit=500)}
    assert candidates_for(closed) == []
    # willing to work outside the regency: the vacancy in Serang is his again
    person.willing_outside_regency = True
    db.session.commit()
    assert outside.id in ranked(vacancies_for(person, limit=500))
    assert person.id in {m.job_seeker_id for m in candidates_for(outside, limit=500)}


# ---- congestion damping ----------------------------------------------------------------------------------------

def _applications(db, job, count):
    """`count` applications from other people with cards (rows, as the application service stores them)."""
    from app.seekers.models import Ak1Card, JobSeeker
    from app.vacancies.models import Application

    now = datetime.now(UTC)
    for _ in range(count):
        other = JobSeeker(nik=f"36039{unique()[:7]}".ljust(16, "0")[:16], full_name="Pelamar " + unique(),
                          full_name_key=unique(), birth_place="Tangerang", birth_date=date(1999, 1, 1), sex="L",
                          registered_at=date.today())
        db.session.add(other)
        db.session.flush()
        card = Ak1Card(job_seeker_id=other.id, status="issued", issued_at=date.today(),
                       valid_until=date.today() + timedelta(days=700))
        db.session.add(card)
        db.session.flush()
        db.session.add(Application(vacancy_id=job.id, company_id=job.company_id, job_seeker_id=other.id,
                                   ak1_card_id=card.id, status="new", applied_at=now))
    db.session.commit()


def test_congestion_damping_sends_seekers_elsewhere(db):
    from app.vacancies.matching import vacancies_for

    codes = kbji_group(db)
    person = seeker(db, occupation=codes["unit"], kecamatan=BALARAJA)
    crowded = vacancy(db, codes["unit"], slots_any=1)  # in his own kecamatan: the better fit on paper
    quiet = vacancy(db, codes["unit"], slots_any=1, kecamatan=JAYANTI)
    _applications(db, crowded, 2)  # under the free allowance (3 per slot): no damping yet
    matches = vacancies_for(person, limit=200)
    assert position(matches, crowded) < position(matches, quiet)
    assert {m.vacancy_id: m.damping for m in matches}[crowded.id] == 1.0
    _applications(db, crowded, 6)  # 8 applications for 1 slot: 5 over the allowance
    damped = vacancies_for(person, limit=200)
    assert position(damped, quiet) < position(damped, crowded)
    busy = {m.vacancy_id: m for m in damped}[crowded.id]
    assert busy.damping == pytest.approx(1 / (1 + 0.25 * 5)) and busy.applications == 8
    assert busy.score == pytest.approx(busy.raw_score * busy.damping)
    undamped = vacancies_for(person, limit=200, damping=False)
    assert position(undamped, crowded) < position(undamped, quiet)  # the damping alone turned it


# ---- explanation ---------------------------------------------------------------------------------------------

def test_explanation_names_skills_distance_and_main_reason(db):
    from app.vacancies.matching import vacancies_for

    codes = kbji_group(db)
    sewing, cutting, pattern = (skill(db, "Menjahit " + unique()), skill(db, "Memotong kain " + unique()),
                                skill(db, "Membuat pola " + unique()))
    person = seeker(db, occupation=codes["unit"], skills=[sewing], kecamatan=BALARAJA)
    job = vacancy(db, codes["unit"], must=[sewing, cutting], nice=[pattern], kecamatan=JAYANTI)
    _applications(db, job, 9)  # 9 for 2 slots: damped
    match = {m.vacancy_id: m for m in vacancies_for(person, limit=200)}[job.id]
    lines = match.explanation()
    assert lines[0] == "Paling menentukan: jabatan."
    assert "Jabatan: jabatan yang sama (golongan KBJI 4 digit)." in lines
    assert f"Keterampilan yang cocok: {sewing.name}." in lines
    assert f"Keterampilan wajib yang belum dimiliki: {cutting.name}." in lines
    assert f"Keterampilan tambahan yang belum dimiliki: {pattern.name}." in lines
    distance = [line for line in lines if line.startswith("Jarak antar-kecamatan sekitar ")]
    assert distance and distance[0].endswith(" km.") and "," in distance[0]
    assert any(line.startswith("Sudah ada 9 pelamar untuk 2 lowongan tersisa: nilai dikurangi ") for line in lines)
    assert 0 < match.score < match.raw_score <= 1


# ---- screens, invitations, permissions -------------------------------------------------------------------------

def test_seeker_sees_own_matches_only(app, db, client_as):
    codes = kbji_group(db)
    person = seeker(db, occupation=codes["unit"])
    other = seeker(db, occupation=codes["unit"])
    job = vacancy(db, codes["unit"], title="Operator Produksi " + unique())
    own = client_as(person.username)
    page = own.get("/lowongan-cocok/")
    assert page.status_code == 200
    text = text_of(page)
    assert "Lowongan cocok untuk saya" in text and job.title in text and "Paling menentukan" in text
    assert f'href="/lowongan/{job.id}"' in page.get_data(as_text=True)
    assert "%" in text and "None" not in text
    assert own.get(f"/lowongan-cocok/pencari/{person.id}").status_code == 200
    assert own.get(f"/lowongan-cocok/pencari/{other.id}").status_code == 404
    assert own.get(f"/kandidat/{job.id}").status_code in (302, 403, 404)  # no right to the officers' page
    officer = client_as("petugas.ak")
    assert job.title in text_of(officer.get(f"/lowongan-cocok/pencari/{other.id}"))


def test_seeker_without_card_is_told_why(db, client_as):
    person = seeker(db, card=False)
    text = text_of(client_as(person.username).get("/lowongan-cocok/"))
    assert "kartu AK/I yang masih berlaku" in text


def test_officer_invites_once_and_seeker_is_notified(app, db, client_as):
    from app.core.notifications import Notification
    from app.security.models import AppUser
    from app.vacancies.models import Invitation

    codes = kbji_group(db)
    person = seeker(db, occupation=codes["unit"])
    job = vacancy(db, codes["unit"])
    officer = client_as("petugas.ak")
    page = officer.get(f"/kandidat/{job.id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert person.full_name in html and "Undang melamar" in html
    assert person.nik not in html and person.nik[:4] + "••••••••" + person.nik[-4:] in html  # NIK masked
    for _ in range(2):
        response = officer.post(f"/kandidat/{job.id}/undang/{person.id}", data={"score": "0.9"})
        assert response.status_code == 302
    db.session.expire_all()
    invitations = db.session.query(Invitation).filter_by(vacancy_id=job.id, job_seeker_id=person.id).all()
    assert len(invitations) == 1 and invitations[0].company_id == job.company_id
    user = db.session.query(AppUser).filter_by(job_seeker_id=person.id).one()
    notes = db.session.query(Notification).filter_by(user_id=user.id, kind="vacancy_invitation").all()
    assert len(notes) == 1 and notes[0].link == f"/lowongan/{job.id}" and job.title in notes[0].body
    assert "Sudah diundang" in text_of(officer.get(f"/kandidat/{job.id}"))


def test_operator_sees_counts_for_own_vacancy_only(db, client_as):
    from app.vacancies.models import Invitation

    codes = kbji_group(db)
    person = seeker(db, occupation=codes["unit"])
    mine = vacancy(db, codes["unit"], company_id=company_of(db, "operator"))
    theirs = vacancy(db, codes["unit"], company_id=company_of(db, "operator2"))
    operator = client_as("operator")
    page = operator.get(f"/kandidat/{mine.id}")
    assert page.status_code == 200
    text = text_of(page)
    assert "pencari kerja cocok" in text and "tidak ditampilkan kepada perusahaan" in text
    assert person.full_name not in text and person.nik[-4:] + " " not in text
    assert operator.get(f"/kandidat/{theirs.id}").status_code == 404
    assert operator.post(f"/kandidat/{mine.id}/undang/{person.id}").status_code == 404
    assert db.session.query(Invitation).filter_by(vacancy_id=mine.id).count() == 0


# ---- the daily digest ------------------------------------------------------------------------------------------

def test_digest_once_a_day_new_matches_only_and_opt_out(app, db, today):
    from app.core.notifications import Notification, set_preference
    from app.security.models import AppUser
    from app.vacancies.matching import send_match_digests

    app.config["MAIL_ENABLED"] = False
    codes = kbji_group(db)
    reader = seeker(db, occupation=codes["unit"])
    quiet = seeker(db, occupation=codes["unit"])
    nothing = seeker(db)  # no occupation wanted or done: no digest of this group
    users = {p.id: db.session.query(AppUser).filter_by(job_seeker_id=p.id).one().id for p in (reader, quiet, nothing)}
    set_preference(users[quiet.id], "match_digest", in_app=False, email=False)
    db.session.commit()
    job = vacancy(db, codes["unit"], title="Penjahit " + unique(), published_at=datetime.now(UTC))

    def digests(person):
        return db.session.query(Notification).filter_by(user_id=users[person.id], kind="match_digest").all()

    send_match_digests(today)
    sent = digests(reader)
    assert len(sent) == 1 and job.title in sent[0].body and f"/lowongan/{job.id}" in sent[0].body
    assert sent[0].link == "/lowongan-cocok/"
    assert digests(quiet) == []  # switched off
    assert not any(job.title in n.body for n in digests(nothing))
    send_match_digests(today)  # a re-run the same day
    assert len(digests(reader)) == 1
    send_match_digests(today + timedelta(days=1))  # nothing published since: no message
    assert len(digests(reader)) == 1
    newer = vacancy(db, codes["unit"], title="Penjahit " + unique(), published_at=datetime.now(UTC))
    send_match_digests(today + timedelta(days=1))
    latest = digests(reader)
    assert len(latest) == 2
    body = max(latest, key=lambda n: n.id).body
    assert newer.title in body and job.title not in body


def test_digest_is_scheduled_daily():
    from app.tasks.schedule import SCHEDULE

    cron = {task: expression for expression, task in SCHEDULE}
    assert cron["app.vacancies.matching.send_match_digests"].split()[2:] == ["*", "*", "*"]



# ---- walked in Chromium ----------------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("width", [1366, 390])
def test_officer_invites_and_seeker_reads_matches_in_chromium(app, db, browser, base_url, width):  # noqa: F811
    from pathlib import Path

    from tests.test_browser import TIMEOUT_MS

    shots = Path("/tmp/shots/matching")
    shots.mkdir(parents=True, exist_ok=True)
    codes = kbji_group(db)
    sewing, cutting = skill(db, "Menjahit " + unique()), skill(db, "Memotong kain " + unique())
    person = seeker(db, occupation=codes["unit"], skills=[sewing], full_name="Sari Wulandari " + unique()[:4])
    job = vacancy(db, codes["unit"], title="Penjahit Garmen " + unique()[:4], must=[sewing, cutting],
                  kecamatan=JAYANTI, wage_min=4_800_000, wage_max=5_200_000)
    problems = []

    def page_as(username):
        context = browser.new_context(base_url=base_url, locale="id-ID", viewport={"width": width, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        page.on("response", lambda r: r.status >= 500 and problems.append(f"{r.status} {r.url}"))
        page.goto("/login/")
        page.locator("#username").fill(username)
        page.locator("#password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_load_state()
        return page

    def shot(page, name):
        page.screenshot(path=shots / f"{name}-{width}.png", full_page=True)
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, f"{name} is {wide} px wide at {width} px"

    officer = page_as("petugas.ak")
    officer.goto(f"/kandidat/{job.id}")
    card = officer.locator(f"[data-test=candidate][data-seeker='{person.id}']")
    assert "Keterampilan wajib yang belum dimiliki: " + cutting.name in card.inner_text()
    shot(officer, "officer-candidates")
    card.locator("[data-test=invite]").click()
    officer.wait_for_load_state()
    assert "diundang melamar" in officer.locator("body").inner_text()
    assert officer.locator(f"[data-test=candidate][data-seeker='{person.id}'] [data-test=invited]").count() == 1
    shot(officer, "officer-invited")

    own = page_as(person.username)
    own.goto("/lowongan-cocok/")
    match = own.locator(f"[data-test=match][data-vacancy='{job.id}']")
    text = match.inner_text()
    assert job.title in text and "%" in text and "Jarak antar-kecamatan sekitar" in text
    shot(own, "seeker-matches")
    assert match.locator("[data-test=vacancy-link]").get_attribute("href") == f"/lowongan/{job.id}"
    assert not problems, problems

