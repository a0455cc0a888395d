"""The company's and the job seeker's application journeys walked in Debian's chromium at 1366 px and 390 px:
the operator goes from the home page's "Lamaran baru" to the application, reads the applicant's summary, invites
to an interview and accepts (the placement); the seeker follows the status in "Lamaran saya" and withdraws
another application. Screenshots in /tmp/shots/applications/."""
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.applications_support import applied, seeker_with_card, vacancy
from tests.test_browser import base_url, browser  # noqa: F401 (fixtures)
from tests.test_journeys import WIDTHS, people, sign_in  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

try:
    from playwright.sync_api import expect
except ImportError:
    expect = None


@pytest.fixture(scope="module")
def shots():
    path = Path("/tmp/shots/applications")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_company_and_seeker_application_journeys(db, people, width):
    seeker, card = seeker_with_card(db, full_name="Dewi Anggraini")
    vac = vacancy(db, title=f"Operator Gudang {width}", slots_any=2)
    made = applied(db, seeker, vac, cover_note="Saya pernah bekerja di gudang selama 2 tahun.")
    other = applied(db, seeker, vacancy(db, title=f"Admin Produksi {width}"))

    operator = people(width, "company")
    sign_in(operator, "operator")
    expect(operator.locator("[data-test=applications-new]")).to_be_visible()
    operator.shot("home")
    operator.locator("[data-test=applications-new] a").first.click()
    operator.wait_for_load_state()
    operator.shot("list")
    operator.goto(f"/applicationview/show/{made.id}")
    expect(operator.locator("[data-test=ak1-number]")).to_have_text(card.number)
    expect(operator.locator("[data-test=nik]")).to_have_count(0)
    operator.shot("application")
    operator.locator("[data-test=decide-review] button").click()
    expect(operator.locator("[data-test=status]")).to_have_text("Diperiksa")
    form = operator.locator("[data-test=decide-interview]")
    form.locator("[name=interview_at]").fill((date.today() + timedelta(days=2)).strftime("%d-%m-%Y"))
    form.locator("[name=note]").fill("Datang pukul 09.00, bawa ijazah asli.")
    form.locator("button").click()
    expect(operator.locator("[data-test=status]")).to_have_text("Wawancara")
    operator.shot("interview")
    form = operator.locator("[data-test=decide-accept]")
    form.locator("[name=placed_on]").fill("01-01-2020")  # before the card was issued: refused, value kept
    form.locator("button").click()
    expect(operator.locator("[data-test=decision-error]")).to_contain_text("sebelum kartu AK/I terbit")
    expect(operator.locator("[data-test=decide-accept] [name=placed_on]")).to_have_value("01-01-2020")
    operator.shot("accept-error")
    form = operator.locator("[data-test=decide-accept]")
    form.locator("[name=placed_on]").fill(date.today().strftime("%d-%m-%Y"))
    form.locator("button").click()
    expect(operator.locator("[data-test=status]")).to_have_text("Diterima")
    expect(operator.locator("[data-test=placement]")).to_be_visible()
    operator.shot("accepted")
    operator.locator("[data-test=placement] a").click()
    operator.wait_for_load_state()
    expect(operator.locator("body")).to_contain_text("AKL (antarkerja lokal)")
    operator.shot("placement")

    person = people(width, "seeker")
    sign_in(person, seeker.username)
    expect(person.locator("[data-test=applications-mine]")).to_be_visible()
    person.shot("home")
    person.locator("[data-test=my-applications-link]").click()
    expect(person.locator(f"[data-test=application-{made.id}] [data-test=status]")).to_have_text("Diterima")
    person.shot("mine")
    person.on("dialog", lambda dialog: dialog.accept())
    person.locator(f"[data-test=withdraw-{other.id}] button").click()
    person.wait_for_load_state()
    expect(person).to_have_url(re.compile(rf"/applicationview/show/{other.id}"))
    expect(person.locator("[data-test=status]")).to_have_text("Dibatalkan pelamar")
    person.shot("withdrawn")
