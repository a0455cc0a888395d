"""A DKPTKA payment in the browser: the operator submits it with its proof, the treasurer confirms the money
arrived, the TKA officer validates it, and the operator opens the receipt, at 1366 px and 390 px."""
import re

import pytest

from tests.conftest import unique
from tests.test_browser import base_url, browser, expect, log_in, new_page, shots  # noqa: F401
from tests.test_dkptka import (  # noqa: F401
    PROOF_PDF, extension_request, head_of_office, make_worker, remove_made_workers)

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


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_an_extension_is_paid_from_its_page_and_released_once_validated(app, db, new_page, shots, head_of_office,
                                                                         size):
    worker = make_worker(app, db)
    req = extension_request(db, worker)
    page = _as(new_page, "operator", size)
    page.goto(f"/tkaextensionview/show/{req.id}")
    expect(page.locator("[data-test=unpaid]")).to_contain_text("Belum ada pembayaran tervalidasi")
    page.locator("[data-test=pay]").click()
    page.wait_for_load_state()
    # The form comes filled from the request: only the rate, the rupiah, the bank's references and the proof.
    expect(page.locator("#rptka_start")).to_have_value("01-01-2027")
    expect(page.locator("#rptka_number")).to_have_value("B.3/888/PK.04/2027")
    expect(page.locator("#usd_amount")).to_have_value("1200")
    page.locator("#exchange_rate").fill("16250.50")
    page.locator("#rate_date").fill("27-11-2026")
    page.locator("#idr_amount").fill("19500600")
    page.locator("#billing_code").fill("8202611" + unique()[:6])
    page.locator("#bank_reference").fill("BJB-" + unique())
    page.locator("#proof").set_input_files({"name": "bukti.pdf", "mimeType": "application/pdf",
                                            "buffer": PROOF_PDF})
    page.screenshot(path=shots / f"dkptka-extension-form-{size}.png", full_page=True)
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/dkptkapaymentview/show/\d+"))
    url = page.url
    expect(page.locator("body")).to_contain_text("Perpanjangan RPTKA")
    expect(page.locator("[data-test=edit]")).to_be_visible()  # the operator may still correct it

    treasurer = _as(new_page, "bendahara", size)
    treasurer.goto(url)
    treasurer.locator("[data-test=decide-receive] button").click()
    treasurer.wait_for_load_state()
    officer = _as(new_page, "petugas.tka", size)
    officer.goto(url)
    officer.locator("[data-test=decide-validate] button").click()
    officer.wait_for_load_state()
    expect(officer.locator("[data-test=status]")).to_contain_text("Tervalidasi")

    page.goto(url)
    expect(page.locator("[data-test=edit]")).to_have_count(0)  # confirmed and validated: nothing to change
    page.goto(f"/tkaextensionview/show/{req.id}")
    expect(page.locator("[data-test=released]")).to_contain_text("perpanjangan dirilis")
    expect(page.locator("[data-test=payment]")).to_contain_text("DKPTKA/")
    expect(page.locator("[data-test=pay]")).to_have_count(0)
    _no_sideways_scroll(page, size)
    page.screenshot(path=shots / f"dkptka-extension-released-{size}.png", full_page=True)
