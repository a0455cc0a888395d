"""The operator reports a foreign worker with two work locations and records the departure, at 1366 and 390 px;
the treasurer reads the register without a way to change it."""
import re
from datetime import date, timedelta

import pytest

from tests.conftest import unique
from tests.test_browser import base_url, browser, expect, log_in, new_page, shots  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

SIZES = {"desktop": {"width": 1366, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_operator_adds_a_worker_and_reports_the_departure(new_page, shots, size):
    page = new_page()
    page.set_viewport_size(SIZES[size])
    log_in(page, "operator")
    page.goto("/foreignworkerview/add")
    expect(page.locator("#company")).to_have_count(0)  # the company is the operator's own
    name = unique("Chen ")
    today = date.today()
    page.locator("#full_name").fill(name)
    page.locator("#sex").select_option("L")
    page.locator("#birth_place").fill("Shenzhen")
    page.locator("#birth_date").fill("12-04-1985")
    page.locator("#nationality").select_option("CN")
    page.locator("#passport_number").fill(unique("E"))
    page.locator("#passport_expires_on").fill("31-01-2031")
    page.locator("#position").fill("Manajer produksi")
    page.locator("#rptka_number").fill("B.3/555/PK.04/2026")
    page.locator("#rptka_start").fill((today - timedelta(days=60)).strftime("%d-%m-%Y"))
    page.locator("#rptka_end").fill((today + timedelta(days=300)).strftime("%d-%m-%Y"))
    page.locator("#permit_kind").select_option("kitas")
    page.locator("#permit_number").fill("2C21AB7654321")
    page.locator("#permit_expires_on").fill((today + timedelta(days=300)).strftime("%d-%m-%Y"))
    page.locator("#kecamatan_codes").select_option(["36.03.18", "36.03.03"])
    page.locator("#counterpart_name").fill("Budi Santoso")
    page.screenshot(path=shots / f"tka-add-{size}.png", full_page=True)
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/foreignworkerview/show/\d+"))
    expect(page.locator("[data-test=location]")).to_have_count(2)
    expect(page.locator("[data-test=locations]")).to_contain_text("Cikupa")
    expect(page.locator("[data-test=authority]")).to_contain_text("Disnaker Kabupaten Tangerang")
    expect(page.locator("body")).to_contain_text("Tiongkok")
    page.screenshot(path=shots / f"tka-show-{size}.png", full_page=True)

    form = page.locator("[data-test=event-form]")
    form.locator("#kind").select_option("departure")
    form.locator("#occurred_on").fill(today.strftime("%d-%m-%Y"))
    form.get_by_role("button", name="Catat peristiwa").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text("Peristiwa tercatat")
    expect(page.locator("[data-test=event-departure]")).to_have_count(1)
    expect(page.locator("body")).to_contain_text("Sudah pulang/keluar")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SIZES[size]["width"], f"the page scrolls sideways at {size}: {width} px"
    page.screenshot(path=shots / f"tka-departed-{size}.png", full_page=True)

    page.goto("/foreignworkerview/list/")
    expect(page.locator("table tbody tr", has_text=name)).to_contain_text("Sudah pulang/keluar")
    page.screenshot(path=shots / f"tka-list-{size}.png", full_page=True)


def test_treasurer_reads_the_register(new_page, shots):
    page = new_page()
    page.set_viewport_size(SIZES["desktop"])
    log_in(page, "bendahara")
    page.goto("/foreignworkerview/list/")
    expect(page.locator("table tbody tr").first).to_be_visible()
    page.locator("table tbody tr a[href*='/show/']").first.click()
    page.wait_for_load_state()
    expect(page.locator("[data-test=event-form]")).to_have_count(0)
    expect(page.locator("[data-test=edit]")).to_have_count(0)
    page.screenshot(path=shots / "tka-treasurer.png", full_page=True)
