"""A DKPTKA payment in the browser: the operator submits it with its proof, the treasurer confirms the money
arrived, the TKA officer validates it, and the operator opens the receipt, at 1366 px and 390 px."""
import re

import pytest

from tests.conftest import unique
from tests.test_browser import base_url, browser, expect, log_in, new_page, shots  # noqa: F401
from tests.test_dkptka import PROOF_PDF, head_of_office, make_worker, remove_made_workers  # noqa: F401

pytestmark = pytest.mark.browser

SIZES = {"desktop": {"width": 1366, "height": 800}, "phone": {"width": 390, "height": 844}}


def _no_sideways_scroll(page, size):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SIZES[size]["width"], f"the page scrolls sideways at {size}: {width} px"


def _as(new_page, username, size):
    """A browser of its own per person (on a phone the account menu is folded away)."""
    page = new_page()
    page.set_viewport_size(SIZES[size])
    log_in(page, username)
    return page


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_submit_receive_validate_receipt(app, db, new_page, shots, head_of_office, size):
    worker = make_worker(app, db)
    page = new_page()
    page.set_viewport_size(SIZES[size])
    log_in(page, "operator")
    page.goto("/dkptkapaymentview/add")
    page.locator("#worker").select_option(str(worker.id), force=True)
    page.locator("#rptka_number").fill("B.3/888/PK.04/2027")
    page.locator("#rptka_start").fill("01-01-2027")
    page.locator("#rptka_end").fill("31-12-2027")
    page.locator("#months").fill("12")
    page.locator("#positions").fill("1")
    page.locator("#usd_amount").fill("1200")
    page.locator("#exchange_rate").fill("16250.50")
    page.locator("#rate_date").fill("27-11-2026")
    page.locator("#idr_amount").fill("19500000")  # wrong: 19.500.600
    billing = "8202611" + unique()[:6]
    page.locator("#billing_code").fill(billing)
    page.locator("#bank_reference").fill("BJB-" + unique())
    page.locator("#proof").set_input_files({"name": "bukti.pdf", "mimeType": "application/pdf",
                                            "buffer": PROOF_PDF})
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_load_state()
    expect(page.locator("body")).to_contain_text("Jumlah rupiah seharusnya 19.500.600")
    expect(page.locator("#billing_code")).to_have_value(billing)  # what was typed stays
    page.screenshot(path=shots / f"dkptka-refused-{size}.png", full_page=True)
    page.locator("#idr_amount").fill("19500600")
    page.locator("#proof").set_input_files({"name": "bukti.pdf", "mimeType": "application/pdf",
                                            "buffer": PROOF_PDF})
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/dkptkapaymentview/show/\d+"))
    url = page.url
    expect(page.locator("[data-test=status]")).to_contain_text("Menunggu konfirmasi bendahara")
    expect(page.locator("body")).to_contain_text("Rp19.500.600")
    _no_sideways_scroll(page, size)
    page.screenshot(path=shots / f"dkptka-submitted-{size}.png", full_page=True)

    page = _as(new_page, "bendahara", size)
    page.goto("/dkptkareceivequeueview/list/")
    expect(page.locator("table.table-bordered")).to_contain_text(worker.full_name)
    page.screenshot(path=shots / f"dkptka-treasurer-queue-{size}.png", full_page=True)
    page.goto(url)
    page.locator("[data-test=decide-receive] button").click()
    page.wait_for_load_state()
    expect(page.locator("[data-test=status]")).to_contain_text("Dana diterima")
    expect(page.locator("[data-test=sla]")).to_contain_text("Batas validasi")

    page = _as(new_page, "petugas.tka", size)
    page.goto("/dkptkavalidationqueueview/list/")
    expect(page.locator("table.table-bordered")).to_contain_text(worker.full_name)
    _no_sideways_scroll(page, size)
    page.screenshot(path=shots / f"dkptka-officer-queue-{size}.png", full_page=True)
    page.goto(url)
    page.locator("[data-test=decide-validate] button").click()
    page.wait_for_load_state()
    expect(page.locator("[data-test=status]")).to_contain_text("Tervalidasi")
    expect(page.locator("[data-test=receipt]")).to_be_visible()
    page.screenshot(path=shots / f"dkptka-validated-{size}.png", full_page=True)

    page = _as(new_page, "operator", size)
    page.goto(url)
    href = page.locator("[data-test=receipt]").get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200 and response.body().startswith(b"%PDF")
    (shots / f"dkptka-receipt-{size}.pdf").write_bytes(response.body())
    expect(page.locator("body")).to_contain_text("DKPTKA/")
    _no_sideways_scroll(page, size)
    page.screenshot(path=shots / f"dkptka-operator-validated-{size}.png", full_page=True)
