"""The IPK page walked in Chromium: an officer opens a month and closes it, Admin re-opens it with a reason and sees
the differences; at 1366 px and at 390 px (screenshots in the captured output's directory)."""
from datetime import date

import pytest

from tests import ipk_support as S
from tests.conftest import ADMIN_PASSWORD
from tests.test_browser import base_url, browser, shots  # noqa: F401 (fixtures of the Chromium walk)
from tests.test_journeys import people, sign_in  # noqa: F401

pytestmark = pytest.mark.browser
MONTHS = {1366: (2034, 2), 390: (2034, 5)}  # the month before each has no movement


@pytest.mark.parametrize("width", [1366, 390])
def test_close_and_reopen(app, people, monkeypatch, width):  # noqa: F811
    from app.extensions import db
    from app.reporting.ipk import closing

    monkeypatch.setattr(closing, "today_jakarta", lambda: date(2035, 1, 1))
    year, month = MONTHS[width]
    value = f"{year}-{month:02d}"
    with app.app_context():
        seeker = S.holder(db)
        card = S.card(db, seeker, date(year, month, 3), "P", date(2000, 1, 1), "3002", "7", "C",
                      placed=date(year, month, 20))
        S.card(db, seeker, date(year, month, 4), "L", date(1990, 1, 1), "6000", "2", "K")
        db.session.commit()
        card_id = card.id

    officer = people(width, "ipk-petugas")
    sign_in(officer, "petugas.ak")
    officer.goto(f"/laporan-ipk/?bulan={value}")
    assert "dihitung dari data (bulan lalu belum ditutup)" in officer.inner_text("#ipk-state")
    officer.shot("1-open")
    officer.check("input[name=konfirmasi]")
    officer.click("#ipk-close button[type=submit]")
    officer.wait_for_load_state()
    assert "Ditutup oleh Siti Rahmawati" in officer.inner_text("#ipk-state")
    assert officer.locator("#ipk-reopen").count() == 0
    officer.shot("2-closed")

    with app.app_context():  # a record changed after closing
        from app.seekers.models import Ak1Card

        db.session.get(Ak1Card, card_id).placed_at = None
        db.session.commit()

    admin = people(width, "ipk-admin")
    sign_in(admin, "admin", ADMIN_PASSWORD)
    admin.goto(f"/laporan-ipk/?bulan={value}")
    admin.fill("#alasan", "Penempatan dibatalkan perusahaan")
    admin.click("#ipk-reopen button[type=submit]")
    admin.wait_for_load_state()
    assert "Dibuka kembali oleh" in admin.inner_text("#ipk-state")
    changes = admin.inner_text("#ipk-changes")
    assert "Ditempatkan bulan ini" in changes and "III/8" in changes
    admin.shot("3-reopened")
