"""The three journeys of issue 7, walked in Debian's chromium as the people who make them, at desktop width and
at a phone's 390 px: a company registers, is returned, corrects, is verified and its operator signs in; a job
seeker registers, completes the profile from its tabs, applies, is verified and issued, sees the notification
and downloads the card; an operator submits a PKWT with a rule error (values kept) and then correctly, the
officer approves it from the home queue, the operator is told and downloads the letter.

Officers work at desktop width only; job seekers, operators and the public also at 390 px, where no page may
scroll sideways. Screenshots go to the directory printed in the captured output."""
import re
import uuid
from datetime import date, timedelta

import pytest

from tests.conftest import DEMO_PASSWORD, unique
from tests.test_browser import CHROMIUM_ARGS, TIMEOUT_MS, base_url, browser, shots  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture reports it
    expect = None

WIDTHS = {"desktop": 1366, "phone": 390}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture()
def people(browser, base_url, shots):  # noqa: F811 (fixtures imported above)
    """people(width, name) -> a page in its own browser context. Every page fails the test on a 5xx or a JS
    error; page.shot(step) takes the step's screenshot and, on a phone, fails when the page is wider than the
    screen."""
    contexts, problems = [], []

    def make(width, name):
        context = browser.new_context(base_url=base_url, locale="id-ID", viewport={"width": width, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on("response", lambda r: r.status >= 500 and problems.append(f"{r.status} {r.url}"))
        page.on("pageerror", lambda error: problems.append(f"JS error on {page.url}: {error}"))

        def shot(step):
            page.wait_for_load_state()
            page.screenshot(path=shots / f"{name}-{width}-{step}.png", full_page=True)
            wide = page.evaluate("document.documentElement.scrollWidth")
            if wide > width:
                problems.append(f"{step}: {page.url} is {wide} px wide at {width} px")

        page.shot = shot
        return page

    yield make
    for context in contexts:
        context.close()
    assert not problems, problems


def sign_in(page, username, password=DEMO_PASSWORD):
    page.goto("/login/")
    page.locator("#username").fill(username)
    page.locator("#password").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()


def field(page, name):
    return page.locator(f"[name={name}]")


def choose(page, name, value):
    """A <select>, searchable (select2) or not."""
    page.locator(f"select[name={name}]").select_option(value, force=True)
    page.locator(f"select[name={name}]").dispatch_event("change")


def open_notification(page, title):
    """From the unread badge in the navbar to the notification and on to its record."""
    toggle = page.locator(".navbar-toggle")
    if toggle.is_visible():  # a phone: the menu is folded
        toggle.click()
        # Bootstrap slides it open (.collapsing) for 0.35 s: a tap during the slide lands on nothing
        expect(page.locator(".navbar-collapse.in")).to_be_visible()
    badge = page.locator("[data-test=notification-badge]")
    expect(badge.locator(".badge")).to_be_visible()
    badge.click()
    expect(page).to_have_url(re.compile(r"/notifikasi/list/"))
    page.locator("tr", has_text=title).first.get_by_role("link", name="Buka").click()
    page.wait_for_load_state()


# ---- PKWT -------------------------------------------------------------------------------------------------

def _nik(birth: date, sex="L"):
    from tests.seekers_support import nik_for

    return nik_for(birth, sex)


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_operator_submits_a_pkwt_the_officer_approves_it_from_the_home_queue(people, tmp_path, width):
    today = date.today()
    worker = "Rudi " + unique()
    operator = people(width, "pkwt-operator")
    sign_in(operator, "operator")
    operator.goto("/pkwtcontractview/add")
    values = {"nik": _nik(date(1996, 3, 12)), "full_name": worker, "birth_date": "12-03-1996",
              "address": "Kp. Bitung RT 01/02", "position": "Teknisi mesin", "place_of_work": "Pabrik Cikupa",
              "wage": "5.300.000", "start_date": f"{today:%d-%m-%Y}",
              "end_date": f"{today - timedelta(days=1):%d-%m-%Y}", "signed_at": f"{today:%d-%m-%Y}"}
    for name, value in values.items():
        field(operator, name).fill(value)
    choose(operator, "sex", "L")
    choose(operator, "wage_payment", "bulanan")
    choose(operator, "kind", "jangka_waktu")
    operator.get_by_role("button", name=re.compile("Simpan")).click()
    # The rule error comes back on the same form, beside "Berakhir", with everything typed still there.
    expect(operator.locator(".has-error", has_text="Tanggal berakhir harus sesudah tanggal mulai")).to_be_visible()
    operator.shot("rule-error")
    for name, value in values.items():
        expect(field(operator, name)).to_have_value(value)
    expect(field(operator, "sex")).to_have_value("L")

    field(operator, "end_date").fill(f"{today + timedelta(days=180):%d-%m-%Y}")
    contract_pdf = tmp_path / "pkwt-ditandatangani.pdf"
    contract_pdf.write_bytes(PDF)
    field(operator, "signed_document").set_input_files(str(contract_pdf))
    operator.get_by_role("button", name=re.compile("Simpan")).click()
    expect(operator).to_have_url(re.compile(r"/pkwtsubmissionview/show/\d+"))
    expect(operator.locator("[data-test=status]")).to_have_text("Diajukan")
    submission_url = operator.url.removeprefix(operator.url.split("/pkwtsubmissionview")[0])
    operator.shot("submitted")

    officer = people(WIDTHS["desktop"], "pkwt-officer")
    sign_in(officer, "petugas.hi")
    officer.locator("[data-test=work] a", has_text="PKWT").first.click()  # the home page's work queue
    submission_id = submission_url.rsplit("/", 1)[1]
    officer.locator(f"table a[href$='/show/{submission_id}']").first.click()  # its row in the queue
    expect(officer.locator("[data-test=contract-review]")).to_contain_text(worker)
    document = officer.locator("[data-test=contract-document]")
    document.locator("summary").click()
    expect(document.locator("iframe")).to_be_visible()  # the signed contract, inline
    frame = document.locator("iframe").element_handle().content_frame()
    frame.wait_for_load_state()
    assert "/files/" in frame.url, frame.url  # our own pages may frame it (a refused frame shows chrome-error:)
    officer.shot("review")
    document.locator("summary").click()
    with officer.expect_navigation():
        officer.locator("[data-test=decide-approve] button").click()
    officer.shot("approved")
    expect(officer.locator("[data-test=decision-error]")).to_have_count(0)
    expect(officer.locator("[data-test=status]")).to_have_text("Tercatat")

    operator.goto("/")
    open_notification(operator, "PKWT tercatat")
    expect(operator).to_have_url(re.compile(re.escape(submission_url)))
    letter = operator.locator("[data-test=letter]")
    expect(letter).to_be_visible()
    response = operator.request.get(letter.get_attribute("href"))
    assert response.status == 200 and response.body().startswith(b"%PDF")
    operator.shot("letter")


# ---- job seeker and AK-1 ----------------------------------------------------------------------------------

def pick(page, name, value):
    """Choose in a searchable list (select2 keeps the real <select> hidden) and tell the page it changed. A long
    list (.app-remote) holds only the chosen option: add it as Select2 documents for a programmatic choice."""
    page.wait_for_function(f"document.querySelector('select[name={name}] option[value=\"{value}\"]') !== null"
                           f" || document.querySelector('select.app-remote[name={name}]') !== null")
    page.evaluate(f"""(() => {{ const select = window.jQuery('select[name={name}]');
        if (!select.find('option[value="{value}"]').length) {{ select.append(new Option('{value}', '{value}')); }}
        select.val('{value}').trigger('change'); }})()""")


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_job_seeker_registers_completes_the_profile_and_gets_the_card(people, tmp_path, width):
    from io import BytesIO

    from PIL import Image

    birth = date(1999, 7, 14)
    name = "Siti Journey " + unique()
    username = "js" + unique()
    seeker = people(width, "seeker")
    seeker.goto("/")
    seeker.get_by_role("link", name=re.compile("pencari kerja", re.I)).first.click()
    expect(seeker).to_have_url(re.compile(r"/daftar/pencari-kerja"))
    for key, value in {"nik": _nik(birth, "P"), "full_name": name, "birth_place": "Tangerang",
                       "birth_date": f"{birth:%d-%m-%Y}", "email": f"{username}@contoh.id", "phone": "081298765432",
                       "username": username, "password": "Pencari-Kerja-2026", "confirm": "Pencari-Kerja-2026"}.items():
        field(seeker, key).fill(value)
    choose(seeker, "sex", "P")
    seeker.shot("registration")
    seeker.locator("form button[type=submit], form input[type=submit]").last.click()
    seeker.wait_for_load_state()
    sign_in(seeker, username, "Pencari-Kerja-2026")
    expect(seeker.locator("[data-test=checklist] [data-test=missing]").first).to_be_visible()
    seeker.shot("home-checklist")
    seeker.locator("[data-test=profile-link]").click()
    expect(seeker.locator("[data-test=ak1-apply] [data-test=missing]")).to_contain_text("pas foto")

    # Personal data and address, through the profile's edit form.
    seeker.locator("[data-test=edit]").click()
    pick(seeker, "religion", "1")
    pick(seeker, "marital_status", "1")
    field(seeker, "address").fill("Jl. Anggrek No. 7 RT 003/RW 002")
    pick(seeker, "kecamatan", "36.03.01")
    pick(seeker, "desa", "36.03.01.2003")  # the desa list follows the kecamatan
    seeker.shot("edit")
    seeker.get_by_role("button", name=re.compile("Simpan")).click()
    expect(seeker).to_have_url(re.compile(r"/jobseekerview/show/"))

    # Photo and KTP scan, in the Dokumen table.
    image = BytesIO()
    Image.new("RGB", (300, 400), (40, 90, 160)).save(image, "JPEG")
    for kind, filename in (("photo", "foto.jpg"), ("ktp", "ktp.jpg")):
        (tmp_path / filename).write_bytes(image.getvalue())
        row = seeker.locator("[data-test=documents] form", has=seeker.locator(f"input[name=kind][value={kind}]"))
        row.locator("input[type=file]").set_input_files(str(tmp_path / filename))
        row.get_by_role("button", name="Unggah").click()
        seeker.wait_for_load_state()

    # Education, from its tab: "+" opens the form and saving comes back to the profile.
    seeker.locator(".nav-tabs a", has_text="Pendidikan").click()
    seeker.locator(".tab-pane.active a[href*='/educationview/add']").click()
    pick(seeker, "level", "SMK")
    field(seeker, "school").fill("SMK Negeri 1 Balaraja")
    field(seeker, "major").fill("Teknik Pemesinan")
    field(seeker, "year_graduated").fill("2017")
    seeker.get_by_role("button", name=re.compile("Simpan")).click()
    expect(seeker).to_have_url(re.compile(r"/jobseekerview/show/"))
    seeker.locator(".nav-tabs a", has_text="Pendidikan").click()
    expect(seeker.locator(".tab-pane.active")).to_contain_text("SMK Negeri 1 Balaraja")
    seeker.shot("profile-complete")

    seeker.locator("[data-test=apply]").click()
    expect(seeker.locator("[data-test=status]")).to_have_text("Diajukan")
    card_url = seeker.url

    officer = people(WIDTHS["desktop"], "seeker-officer")
    sign_in(officer, "petugas.ak")
    officer.locator("[data-test=work] a", has_text="AK/I").first.click()
    card_id = card_url.rsplit("/", 1)[1]
    officer.locator(f"table a[href$='/show/{card_id}']").first.click()
    review = officer.locator("[data-test=ak1-review]")
    expect(review).to_contain_text(name)
    expect(review.locator("[data-test=photo]")).to_be_visible()
    expect(review).to_contain_text("Data yang dicetak pada kartu lengkap")
    officer.shot("review")
    officer.locator("[data-test=decide-verify] button").click()
    expect(officer.locator("[data-test=status]")).to_have_text("Terverifikasi")
    officer.locator("[data-test=decide-issue] button").click()
    expect(officer.locator("[data-test=status]")).to_have_text("Berlaku")

    seeker.goto("/")
    open_notification(seeker, "Kartu AK/I Anda telah terbit")
    expect(seeker).to_have_url(re.compile(re.escape(card_url.split("//", 1)[1].split("/", 1)[1])))
    pdf = seeker.locator("[data-test=card-pdf]")
    response = seeker.request.get(pdf.get_attribute("href"))
    assert response.status == 200 and response.body().startswith(b"%PDF")
    seeker.shot("card")


# ---- company registration -----------------------------------------------------------------------------------

@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_company_registers_is_returned_corrects_is_verified_and_its_operator_signs_in(people, width):
    from tests.test_companies import _nib, _valid_npwp

    company_name = "PT Journey " + unique()
    username, password = "op" + unique(), "Pabrik-Kuat-2026"
    public = people(width, "company")
    public.goto("/")
    public.get_by_role("link", name=re.compile("perusahaan", re.I)).first.click()
    expect(public).to_have_url(re.compile(r"/daftar/perusahaan"))
    for key, value in {"name": company_name, "nib": _nib(), "npwp": _valid_npwp(uuid.uuid4().int % 10**7),
                       "address": "Jl. Raya Serang Km 12", "phone": "021-5951234", "headcount_male": "120",
                       "headcount_female": "80", "contact_name": "Rina Wulandari",
                       "email": f"{username}@pabrik.co.id", "contact_phone": "081234567890",
                       "username": username, "password": password, "confirm": password}.items():
        field(public, key).fill(value)
    choose(public, "legal_form_code", "PT")
    choose(public, "employer_type_code", "PRIVATE")
    pick(public, "kecamatan_code", "36.03.01")
    pick(public, "desa_code", "36.03.01.2003")
    public.shot("registration")
    public.locator("form button[type=submit], form input[type=submit]").last.click()
    expect(public.locator("body")).to_contain_text("menunggu verifikasi")

    officer = people(WIDTHS["desktop"], "company-officer")
    sign_in(officer, "petugas.hi")
    officer.locator("[data-test=work] a", has_text="perusahaan").first.click()
    officer.locator("tr", has_text=company_name).locator("a[href*='/show/']").first.click()
    expect(officer.locator("[data-test=company-review]")).to_contain_text(username)  # the account it activates
    officer.shot("review")
    form = officer.locator("[data-test=decide-return]")
    form.locator("textarea[name=note]").fill("Alamat harus sesuai NIB: lengkapi RT/RW.")
    form.locator("button").click()
    expect(officer.locator("[data-test=status]")).to_have_text("Dikembalikan untuk perbaikan")

    operator = people(width, "company-operator")
    sign_in(operator, username, password)
    expect(operator).to_have_url(re.compile(r"/daftar/perbaikan"))
    expect(operator.locator("[data-test=officer-note]")).to_contain_text("lengkapi RT/RW")
    expect(field(operator, "name")).to_have_value(company_name)  # the registration as it was sent
    field(operator, "address").fill("Jl. Raya Serang Km 12 RT 001/RW 004")
    operator.shot("correction")
    operator.locator("form button[type=submit], form input[type=submit]").last.click()
    expect(operator.locator("body")).to_contain_text("diajukan ulang")

    officer.goto("/")
    officer.locator("[data-test=work] a", has_text="perusahaan").first.click()
    officer.locator("tr", has_text=company_name).locator("a[href*='/show/']").first.click()
    officer.locator("[data-test=decide-verify] button").click()
    expect(officer.locator("[data-test=status]")).to_have_text("Terverifikasi")

    sign_in(operator, username, password)
    expect(operator.locator("[data-test=company-status]")).to_contain_text("Terverifikasi")
    operator.shot("home")
