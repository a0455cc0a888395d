"""Home pages in the browser: the job seeker's and the operator's menu folded at a phone's width (390 px), the
public home's links, the officers' navbar on one row at 1366 px, and a home count that opens its list."""
import re

import pytest

from tests.test_browser import base_url, browser, expect, log_in, new_page, shots  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 800}


@pytest.mark.parametrize("username", ["pencaker", "operator"])
def test_phone_menu_folds_behind_its_button(new_page, shots, username):
    """(That no page of theirs is wider than the phone is tests/test_crawl_browser.py's check.)"""
    page = new_page()
    page.set_viewport_size(PHONE)
    log_in(page, username)
    page.screenshot(path=shots / f"{username}-home-390.png", full_page=True)
    expect(page.locator(".navbar-toggle")).to_be_visible()  # the menu is collapsed behind its button
    page.locator(".navbar-toggle").click()
    expect(page.locator(".navbar-collapse")).to_be_visible()


def test_public_home_links_the_registrations(new_page):
    page = new_page()
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
