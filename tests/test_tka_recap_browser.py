"""The Petugas TKA opens the foreign-worker recap from the TKA menu, picks a month and a date, at 1366 and 390 px."""
import pytest

from tests.test_browser import base_url, browser, expect, log_in, new_page, shots  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

SIZES = {"desktop": {"width": 1366, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_officer_reads_the_recap(new_page, shots, size):
    page = new_page()
    page.set_viewport_size(SIZES[size])
    log_in(page, "petugas.tka")
    page.goto("/tka/rekap/")
    expect(page.locator("h1, .panel-title").first).to_contain_text("Rekap TKA")
    page.locator("#bulan").fill("2026-10")
    page.locator("#tanggal").fill("2026-10-31")
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_load_state()
    expect(page.locator("body")).to_contain_text("TKA hadir pada 31 Oktober 2026")
    for key in ("kewarganegaraan", "jabatan", "perusahaan", "sektor", "kecamatan"):
        expect(page.locator(f"#rekap-{key}")).to_be_visible()
    expect(page.get_by_text("dihitung di setiap kecamatannya").first).to_be_visible()
    expect(page.get_by_role("link", name="Unduh XLSX")).to_be_visible()
    page.screenshot(path=str(shots / f"tka-recap-{size}.png"), full_page=True)
