"""Issue 10's whole path, walked in Debian's chromium at 1366 and 390 px by the people who make it: a job seeker
with an AK-1 finds a published vacancy on the public portal by a word of its title, opens it and applies; the
company's operator finds the application on the home page, interviews and accepts the applicant; the seeker is
told, sees "Diterima" in "Lamaran saya", their AK-1 is closed as placed, and the vacancy's last slot is filled so
the portal says it is closed. (The operator's report and the officer's verification are walked in
tests/test_vacancies.py.) Screenshots in /tmp/shots/journey-vacancy/."""
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.applications_support import seeker_with_card, vacancy
from tests.conftest import DEMO_PASSWORD, unique
from tests.test_browser import base_url, browser  # noqa: F401 (fixtures)
from tests.test_journeys import WIDTHS, open_notification, people, sign_in  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

try:
    from playwright.sync_api import expect
except ImportError:
    expect = None


@pytest.fixture(scope="module")
def shots():
    path = Path("/tmp/shots/journey-vacancy")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_seeker_finds_applies_and_is_placed_company_decides(db, people, width):
    from app.seekers.models import Ak1Card
    from app.vacancies.models import Application, Vacancy

    word = "Pengelasan" + unique()[-5:]
    seeker, card = seeker_with_card(db, full_name="Rudi Hartono")
    vac = vacancy(db, title=f"Juru Las {word}", slots_any=1, wage_min=5_300_000, wage_max=5_600_000)

    person = people(width, "seeker")
    person.goto("/")
    person.locator("[data-test=portal-search] input[name=q]").fill(word)
    person.locator("[data-test=portal-search] button").click()
    expect(person.locator("[data-test=vacancy]")).to_have_count(1)
    person.shot("1-search")
    person.locator("[data-test=vacancy] a").first.click()
    expect(person.locator("[data-test=wage]")).to_contain_text("Rp5.300.000 – Rp5.600.000")
    person.locator("[data-test=login-to-apply]").click()
    person.locator("#username").fill(seeker.username)
    person.locator("#password").fill(DEMO_PASSWORD)
    person.get_by_role("button", name="Masuk").click()
    person.wait_for_load_state()
    expect(person).to_have_url(re.compile(rf"/lowongan/{vac.id}"))  # back on the vacancy after signing in
    person.locator("[name=cover_note]").fill("Saya bersertifikat las SMAW dan pernah 3 tahun di bengkel.")
    person.shot("2-apply")
    person.locator("[data-test=apply]").click()
    person.wait_for_load_state()
    made = db.session.query(Application).filter_by(vacancy_id=vac.id, job_seeker_id=seeker.id).one()
    expect(person).to_have_url(re.compile(rf"/applicationview/show/{made.id}"))
    expect(person.locator("[data-test=status]")).to_have_text("Baru")
    person.shot("3-applied")

    operator = people(width, "company")
    sign_in(operator, "operator")
    expect(operator.locator("[data-test=applications-new]")).to_be_visible()
    operator.goto(f"/applicationview/show/{made.id}")
    expect(operator.locator("[data-test=ak1-number]")).to_have_text(card.number)
    expect(operator.locator("body")).to_contain_text("bersertifikat las SMAW")
    operator.shot("4-application")
    form = operator.locator("[data-test=decide-interview]")
    form.locator("[name=interview_at]").fill((date.today() + timedelta(days=1)).strftime("%d-%m-%Y"))
    form.locator("[name=note]").fill("Wawancara dan tes las pukul 09.00 di pabrik.")
    form.locator("button").click()
    expect(operator.locator("[data-test=status]")).to_have_text("Wawancara")
    form = operator.locator("[data-test=decide-accept]")
    form.locator("[name=placed_on]").fill(date.today().strftime("%d-%m-%Y"))
    form.locator("button").click()
    expect(operator.locator("[data-test=status]")).to_have_text("Diterima")
    operator.shot("5-accepted")

    person.goto("/")
    open_notification(person, "Lamaran diterima")
    person.shot("6-notified")
    person.goto("/lamaran-saya/")
    expect(person.locator(f"[data-test=application-{made.id}] [data-test=status]")).to_have_text("Diterima")
    person.shot("7-mine")

    db.session.expire_all()
    assert db.session.get(Ak1Card, card.id).status == "placed"
    assert db.session.get(Ak1Card, card.id).placed_at == date.today()
    assert db.session.get(Vacancy, vac.id).status == "filled"
    visitor = people(width, "visitor")
    visitor.goto(f"/lowongan/{vac.id}")
    expect(visitor.locator("[data-test=closed-notice]")).to_be_visible()
    expect(visitor.locator("[data-test=apply-form]")).to_have_count(0)
    visitor.shot("8-filled")
