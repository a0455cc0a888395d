"""Home pages in the browser: the job seeker's and the operator's pages at a phone's width (390 px) without
horizontal page overflow, the officers' navbar on one row at 1366 px, and a home count that opens its list."""
import re

import pytest

from tests.test_browser import base_url, browser, expect, log_in, new_page, shots  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 800}


def assert_fits(page, path, shots, name):
    page.goto(path)
    page.wait_for_load_state()
    width = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=shots / f"{name}.png", full_page=True)
    assert width <= PHONE["width"], f"{path} is {width} px wide at {PHONE['width']} px"
    assert page.evaluate("document.documentElement.lang") == "id"


def own_pages(page):
    """The pages the role's home and menus lead to (the first row's page of each list)."""
    links = page.locator(".app-home a[href^='/']").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return sorted({link for link in links if "/surat/" not in link and "/pdf/" not in link})


@pytest.mark.parametrize("username,pages", [
    ("pencaker", ["/profil-saya/", "/ak1cardview/list/", "/notifikasi/list/"]),
    ("operator", ["/pkwtsubmissionview/list/", "/pkwtcontractview/list/", "/pkwtcontractview/add", "/pkwt/batch/",
                  "/branchview/list/", "/notifikasi/list/"]),
])
def test_phone_width_has_no_horizontal_overflow(new_page, shots, username, pages):
    page = new_page()
    page.set_viewport_size(PHONE)
    log_in(page, username)
    assert_fits(page, "/", shots, f"{username}-home-390")
    expect(page.locator(".navbar-toggle")).to_be_visible()  # the menu is collapsed behind its button
    page.locator(".navbar-toggle").click()
    expect(page.locator(".navbar-collapse")).to_be_visible()
    for index, path in enumerate(own_pages(page) + pages):
        assert_fits(page, path, shots, f"{username}-{index}-390")
        first = page.locator(".table-responsive table tbody tr a[href*='/show/']").first
        if "/list/" in path and first.count():
            assert_fits(page, first.get_attribute("href"), shots, f"{username}-{index}-show-390")


def test_public_pages_fit_a_phone(new_page, shots):
    page = new_page()
    page.set_viewport_size(PHONE)
    for index, path in enumerate(["/", "/login/", "/daftar/pencari-kerja", "/daftar/perusahaan"]):
        assert_fits(page, path, shots, f"public-{index}-390")
    page.goto("/")
    expect(page.locator("[data-test=register-seeker]")).to_have_attribute("href", "/daftar/pencari-kerja")
    expect(page.locator("[data-test=register-company]")).to_have_attribute("href", "/daftar/perusahaan")


@pytest.mark.parametrize("username", ["admin", "kadis", "petugas.hi"])
def test_officer_navbar_is_one_row_at_1366(new_page, shots, username, app):
    from tests.conftest import ADMIN_PASSWORD

    page = new_page()
    page.set_viewport_size(DESKTOP)
    if username == "admin":
        page.goto("/login/")
        page.locator("#username").fill("admin")
        page.locator("#password").fill(ADMIN_PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_load_state()
    else:
        log_in(page, username)
    page.screenshot(path=shots / f"{username}-home-1366.png", full_page=True)
    height = page.locator(".navbar").first.evaluate("bar => bar.getBoundingClientRect().height")
    assert height < 70, f"navbar of {username} is {height} px high: more than one row"
    expect(page.locator(".navbar-nav > li.dropdown > a", has_text="Keamanan")).to_have_count(
        0 if username == "petugas.hi" else 1)
    # A count on the home page opens the list holding exactly that many rows.
    work = page.locator("[data-test^=work-]").first
    shown = int(work.locator(".app-count").inner_text())
    work.click()
    page.wait_for_load_state()
    counted = re.search(r"Jumlah Data:\s*(\d+)", page.locator("body").inner_text())
    assert (int(counted.group(1)) if counted else 0) == shown
