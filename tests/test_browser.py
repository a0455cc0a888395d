"""The real application in a real browser: Debian's chromium driven by Playwright over HTTP.

The server is a second app made by create_app() with CSRF *enabled* on the test database, so the forms are
submitted exactly as in production (hidden csrf_token fields, logout as a POST form). Screenshots go to a
temporary directory (its path is in the captured output) — never into the repository."""
import os
import re
import shutil

import pytest

from tests.browser_server import serve
from tests.conftest import DEMO_PASSWORD, TEST_CONFIG, unique

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 10_000

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # reported by the `browser` fixture
    expect = sync_playwright = None
else:
    expect.set_options(timeout=TIMEOUT_MS)


def _browser_missing(reason):
    """Without a browser these tests skip, except in CI (REQUIRE_BROWSER=1) where they fail."""
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def base_url(app):
    """The app served over HTTP with CSRF on; `app` (the session fixture) has migrated and seeded the database."""
    from app import create_app

    csrf_app = create_app({**TEST_CONFIG, "WTF_CSRF_ENABLED": True})
    assert csrf_app.config["WTF_CSRF_ENABLED"]
    with serve(csrf_app) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        _browser_missing("Debian's chromium is not installed (apt-get install chromium); browser tests need it")
    if sync_playwright is None:
        _browser_missing("the playwright Python package is not installed (pip install -r requirements.txt)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser-screenshots")  # pytest keeps the last few runs' directories
    print(f"screenshots in {path}")
    return path


@pytest.fixture()
def new_page(browser, base_url):
    """new_page() -> a page in a fresh browser context (own cookies); fails the test on any 5xx or JS error."""
    contexts, problems = [], []

    def make():
        context = browser.new_context(base_url=base_url, locale="id-ID", viewport={"width": 1280, "height": 800})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on("response", lambda r: r.status >= 500 and problems.append(f"{r.status} {r.url}"))
        page.on("pageerror", lambda error: problems.append(f"JS error on {page.url}: {error}"))
        return page

    yield make
    for context in contexts:
        context.close()
    assert not problems, problems


def log_in(page, username, password=DEMO_PASSWORD):
    page.goto("/login/")
    page.locator("#username").fill(username)
    page.locator("#password").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()
    assert "/login" not in page.url, f"login as {username} failed: {page.locator('.alert').all_inner_texts()}"


def log_out(page):
    page.locator(".navbar-right .dropdown-toggle:has(.fa-user)").click()  # the user's dropdown
    logout = page.locator("[data-test=logout]")
    expect(logout).to_be_visible()
    expect(logout).to_have_text(re.compile("Keluar"))
    logout.click()
    page.wait_for_load_state()
    expect(page.locator(".navbar-right a[href='/login/']")).to_be_visible()  # signed out: "Masuk" in the bar
    expect(page.locator("[data-test=logout]")).to_have_count(0)


def menu(page):
    """{category: [item, ...]} of the navigation bar's menus (not the language and user dropdowns on the right)."""
    found = {}
    for category in page.locator(".navbar-nav:not(.navbar-right) > li.dropdown").all():
        name = category.locator("> a.dropdown-toggle").inner_text().strip()
        found[name] = [a.text_content().strip() for a in category.locator(".dropdown-menu a").all()]
    return found


def list_rows(page):
    return page.locator(".table-responsive table tbody tr")


def assert_redirected_to_login(page, path):
    page.goto(path)
    expect(page).to_have_url(re.compile(r"/login/"))
    expect(page.locator("#username")).to_be_visible()


def test_login_page_is_indonesian(new_page, shots):
    page = new_page()
    page.goto("/login/")
    page.screenshot(path=shots / "login.png", full_page=True)
    form = page.locator("form[name=login]")
    expect(form.locator("label[for=username]")).to_have_text("Nama Pengguna:")
    expect(form.locator("label[for=password]")).to_have_text("Kata Sandi:")
    expect(form.get_by_role("button", name="Masuk")).to_be_visible()
    expect(form).to_contain_text("Masukkan nama pengguna dan kata sandi Anda")
    assert form.locator("input[name=csrf_token]").get_attribute("value"), "the login form carries a CSRF token"

    page.locator("#username").fill("kadis")
    page.locator("#password").fill("salah-" + DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page).to_have_url(re.compile(r"/login/"))
    expect(page.locator(".alert")).to_contain_text("Gagal masuk. Silakan coba lagi.")


def test_officer_sees_menus_and_company_list(new_page, shots):
    page = new_page()
    log_in(page, "kadis")
    menus = menu(page)
    assert "Perusahaan" in menus.get("Perusahaan", []), menus
    assert "Akun Operator" in menus.get("Perusahaan", []), menus
    assert "Jejak Audit" in menus.get("Keamanan", []), menus
    assert "Data Referensi" not in menus, menus  # reference tables are Admin's menu (roles.MENU_ROLES)

    page.locator(".navbar-nav > li.dropdown > a", has_text="Keamanan").click()
    audit = page.locator(".navbar-nav .dropdown-menu a", has_text="Jejak Audit")
    expect(audit).to_be_visible()
    page.screenshot(path=shots / "officer-menu.png")
    audit.click()
    expect(page.locator(".panel-title").first).to_be_visible()
    expect(list_rows(page).first).to_be_visible()  # seeding the demo data left audit entries

    page.goto("/companyview/list/")
    table = page.locator(".table-responsive table")
    expect(table.locator("thead th", has_text="Nama perusahaan")).to_be_visible()
    assert list_rows(page).count() >= 3
    expect(page.locator(".panel-title").first).to_contain_text("Daftar Perusahaan")
    page.screenshot(path=shots / "officer-companies.png", full_page=True)

    log_out(page)
    assert_redirected_to_login(page, "/companyview/list/")


def test_operator_sees_own_company_and_adds_a_branch(new_page, shots):
    page = new_page()
    log_in(page, "operator")
    menus = menu(page)
    assert {"Perusahaan", "Cabang Perusahaan"} <= set(menus.get("Perusahaan", [])), menus
    items = [item for children in menus.values() for item in children]
    assert "Jejak Audit" not in items and "Akun Operator" not in items, menus
    assert "Keamanan" not in menus, menus
    expect(page.locator(".navbar")).not_to_contain_text("Jejak Audit")

    page.goto("/companyview/list/")
    expect(page.locator("thead th", has_text="Nama perusahaan")).to_be_visible()
    expect(list_rows(page)).to_have_count(1)
    own_company = list_rows(page).locator("td").nth(1).inner_text().strip()
    assert own_company

    # From the menu to the branch list, "+" to the add form, its select2 dropdowns driven as a user does.
    page.locator(".navbar-nav > li.dropdown > a", has_text="Perusahaan").click()
    page.locator(".navbar-nav .dropdown-menu a", has_text="Cabang Perusahaan").click()
    expect(page).to_have_url(re.compile(r"/branchview/list/"))
    page.locator("a[href*='/branchview/add']").first.click()
    expect(page).to_have_url(re.compile(r"/branchview/add"))
    expect(page.locator(".panel-title").first).to_have_text("Tambah cabang")
    assert page.locator("#model_form input[name=csrf_token]").get_attribute("value")
    expect(page.locator("#company")).to_have_value(re.compile(r"\d+"))  # their own company, the only choice
    assert page.locator("#company option").count() == 1
    name = unique("Cabang Uji ")
    page.locator("#name").fill(name)
    page.locator("#address").fill("Jl. Raya Serang Km 12")
    page.locator("#kecamatan + .select2-container").click()
    page.locator(".select2-container--open .select2-search__field").fill("Cikupa")
    page.locator(".select2-results__option", has_text="Cikupa").first.click()
    expect(page.locator("#kecamatan")).to_have_value("36.03.18")
    # The optional desa left empty reads "— Pilih —", not its value "__None".
    desa = page.locator("#desa + .select2-container .select2-selection__rendered")
    expect(desa).to_have_text("— Pilih —")
    expect(desa).not_to_contain_text("__None")
    page.locator("#phone").fill("0215960000")
    page.locator("#headcount").fill("42")
    page.screenshot(path=shots / "operator-branch-form.png", full_page=True)
    page.get_by_role("button", name="Simpan").click()

    expect(page).to_have_url(re.compile(r"/branchview/list/"))  # back where the user came from
    expect(page.locator(".alert-success")).to_contain_text("Data berhasil ditambahkan")
    row = list_rows(page).filter(has_text=name)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Cikupa")
    expect(row).to_contain_text(own_company)
    expect(row).to_contain_text("42")
    page.screenshot(path=shots / "operator-branches.png", full_page=True)

    # A required field left empty: the browser blocks it (required attribute) ...
    page.goto("/branchview/add")
    page.locator("#address").fill("Jl. Tanpa Nama")
    page.get_by_role("button", name="Simpan").click()
    expect(page).to_have_url(re.compile(r"/branchview/add"))
    assert page.locator("#name").evaluate("el => el.validity.valueMissing")
    # ... and the server too, in Indonesian, keeping what was typed, when the browser's check is bypassed.
    page.locator("#model_form").evaluate("form => form.noValidate = true")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Simpan").click()
    assert posted.value.status == 200  # the form again, not a 500 nor a redirect
    expect(page).to_have_url(re.compile(r"/branchview/add"))
    expect(page.locator("tr:has(#name) .alert-danger")).to_have_text("Kolom ini wajib diisi.")
    expect(page.locator("#address")).to_have_value("Jl. Tanpa Nama")
    page.screenshot(path=shots / "operator-branch-error.png", full_page=True)

    log_out(page)
    assert_redirected_to_login(page, "/companyview/list/")
    assert_redirected_to_login(page, "/branchview/add")


def test_forms_without_csrf_token_are_refused(new_page):
    page = new_page()
    log_in(page, "operator")
    response = page.request.post("/branchview/add", form={"name": unique("Tanpa Token "), "address": "x",
                                                           "kecamatan": "36.03.18", "headcount": "1"})
    assert response.status == 400
    assert "Sesi formulir sudah kedaluwarsa" in response.text()
