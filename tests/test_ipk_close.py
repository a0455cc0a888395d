"""Closing IPK months (issue 11 part 2): twelve consecutive months of generated facts (2032, a year no one else
uses) closed one by one: the carry-over is exact, the identity holds in every cell, editing a past record after
closing changes no later "sisa bulan lalu"; re-opening needs Admin and a reason, is audited and shows the
differences; closing goes in order, once."""
import random
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests import ipk_support as S
from tests.conftest import ADMIN_PASSWORD, text_of

MONTHS = [f"2032-{m:02d}" for m in range(1, 13)]
EDUCATION = ["1000", "2000", "3001", "3002", "3200", "5000", "6000", None]
SECTORS = ["A", "C", "G", "K", None]


def _month(value):
    from app.reporting.tables import Month

    return Month.parse(value)


def _user(db, username):
    from app.security.models import AppUser

    return db.session.query(AppUser).filter_by(username=username).one()


@pytest.fixture()
def after_2032(monkeypatch):
    """Today is 1 June 2033: every month of 2032 has ended."""
    monkeypatch.setattr("app.reporting.ipk.closing.today_jakarta", lambda: date(2033, 6, 1))


def _generate(db, rng):
    """Each month of 2032: 6–10 new cards (some renewals after expiry, some corrections), placements with and
    without a record, removals and expiries of earlier cards, two vacancies with filled and removed slots."""
    seeker, owner, cards = S.holder(db), S.company(db), []
    for value in MONTHS:
        month = _month(value)
        days = (month.last - month.first).days
        for _ in range(rng.randint(6, 10)):
            on = month.first + timedelta(days=rng.randint(0, days))
            kind = rng.choice(["baru", "baru", "baru", "perpanjangan", "perbaikan"])
            cards.append(S.card(db, seeker, on, rng.choice("LP"),
                                on - timedelta(days=rng.randint(15 * 365, 60 * 365)), rng.choice(EDUCATION),
                                rng.choice(["1", "3", "7", None]), rng.choice(SECTORS),
                                registration=kind != "perbaikan", kind=kind))
        earlier = [c for c in cards if c.ipk_from < month.first and _open(c)]
        for card in rng.sample(earlier, k=min(3, len(earlier))):
            on = month.first + timedelta(days=rng.randint(0, days))
            what = rng.choice(["placed", "placed", "removed", "expired"])
            setattr(card, f"{what}_at", on)
            if what == "placed" and rng.random() < 0.6:
                S.placement(db, card, on, rng.choice(["AKL", "AKAD", "AKAN"]), rng.choice(["PRIVATE", "GOV"]),
                            card.ipk_education_code)
        for _ in range(2):
            vacancy = S.vacancy(db, owner, S.wib(month.year, month.month, rng.randint(1, 28)),
                                rng.choice(["8211", "2411", "5223"]), rng.choice(["3002", "6000", None]),
                                rng.choice(["C", "G", None]), male=rng.randint(0, 3), female=rng.randint(0, 3),
                                either=rng.randint(1, 3))
            S.event(db, vacancy, "filled", "X", month.last)
            if month.month < 12:
                S.event(db, vacancy, "removed", "X", month.last + timedelta(days=5))
    db.session.commit()
    return cards


def _open(card):
    return not any((card.placed_at, card.removed_at, card.expired_at, card.closed_at))


def _split(cells, measure):
    return {cell.rsplit("|", 1)[0]: n for cell, n in cells.items() if cell.endswith("|" + measure)}


def _identity(cells):
    for row in {cell.rsplit("|", 1)[0] for cell in cells if not cell.startswith("III/8")}:
        get = lambda m, row=row: cells.get(f"{row}|{m}", 0)
        assert get("sisa_akhir") == get("sisa_lalu") + get("daftar") - get("tempat") - get("hapus"), row


def test_twelve_months_closed_one_by_one(db, after_2032):
    from app.reporting.ipk import closing
    from app.reporting.ipk.models import IpkMonth

    cards = _generate(db, random.Random(11))
    officer = _user(db, "petugas.ak")
    with pytest.raises(Exception, match="Tutup dulu laporan bulan Februari 2032"):
        closing.close(_month("2032-03"), officer)
    edited = None
    for index, value in enumerate(MONTHS):
        month = _month(value)
        open_figures = closing.figures(month)
        row = closing.close(month, officer)
        assert row.figures == open_figures.cells and row.closed_by_name == "Siti Rahmawati"
        frozen = closing.figures(month)
        assert frozen.cells == open_figures.cells
        _identity(frozen.cells)
        if index:
            before = closing.figures(_month(MONTHS[index - 1])).cells
            assert _split(frozen.cells, "sisa_lalu") == _split(before, "sisa_akhir"), value  # carry-over exact
            assert frozen.start_frozen
        if value == "2032-06":
            # An old record edited after its month was closed: March's card becomes a woman's, April's placement
            # date moves into May.
            edited = next(c for c in cards if c.ipk_from.month == 3 and c.ipk_registration)
            edited.ipk_sex = "P" if edited.ipk_sex == "L" else "L"
            db.session.commit()
            changed = closing.recompute(_month("2032-03")).cells
            assert changed != closing.figures(_month("2032-03")).cells  # the facts did change March …
    # … yet no closed month moved, and July's "sisa bulan lalu" is June's frozen end.
    assert edited is not None
    july = closing.figures(_month("2032-07")).cells
    assert _split(july, "sisa_lalu") == _split(closing.figures(_month("2032-06")).cells, "sisa_akhir")
    january_next = closing.figures(_month("2033-01"))
    assert january_next.start_frozen
    assert _split(january_next.cells, "sisa_lalu") == _split(closing.figures(_month("2032-12")).cells, "sisa_akhir")
    assert db.session.scalar(select(IpkMonth).where(IpkMonth.month == "2032-12")).status == "closed"
    with pytest.raises(Exception, match="sudah ditutup"):
        closing.close(_month("2032-12"), officer)  # the second close of a month loses


def test_a_month_not_ended_cannot_be_closed(db):
    from app.core.formatting import today_jakarta
    from app.core.validation import DomainError
    from app.reporting.ipk import closing

    this = _month(today_jakarta().strftime("%Y-%m"))
    with pytest.raises(DomainError, match="belum berakhir"):
        closing.close(this, _user(db, "petugas.ak"))


def test_reopen_needs_admin_and_a_reason_and_shows_the_differences(app, client_as, db, after_2032):
    from app.audit.models import AuditEntry
    from app.reporting.ipk import closing
    from app.seekers.models import Ak1Card

    if closing.closed_figures(_month("2032-12")) is None:
        pytest.skip("runs after the twelve months are closed")
    officer, kadis = client_as("petugas.ak"), client_as("kadis")
    for client in (officer, kadis):
        response = client.post("/laporan-ipk/buka", data={"bulan": "2032-12", "alasan": "Data penempatan salah"})
        assert response.status_code in (302, 403) and closing.closed_figures(_month("2032-12")) is not None
    page = text_of(officer.get("/laporan-ipk/?bulan=2032-12"))
    assert "Ditutup oleh Siti Rahmawati" in page and "Buka kembali" not in page
    assert "angka beku bulan lalu" in page

    admin = client_as("admin", ADMIN_PASSWORD)
    refused = admin.post("/laporan-ipk/buka", data={"bulan": "2032-11", "alasan": "Data penempatan salah"})
    assert refused.status_code == 400 and "Buka kembali dulu laporan bulan Desember 2032" in text_of(refused)
    no_reason = admin.post("/laporan-ipk/buka", data={"bulan": "2032-12", "alasan": "  "})
    assert no_reason.status_code == 400 and "Tuliskan alasan" in text_of(no_reason)

    # A December card placed later than recorded: the recomputation differs in that card's cells.
    card = db.session.scalars(select(Ak1Card).where(Ak1Card.placed_at >= date(2032, 12, 1),
                                                    Ak1Card.placed_at <= date(2032, 12, 31))).first()
    card.placed_at = date(2033, 1, 3)
    db.session.commit()
    response = admin.post("/laporan-ipk/buka", data={"bulan": "2032-12",
                                                     "alasan": "Tanggal penempatan salah catat"})
    assert response.status_code == 302
    page = text_of(admin.get("/laporan-ipk/?bulan=2032-12"))
    assert "Dibuka kembali oleh" in page and "Tanggal penempatan salah catat" in page
    assert "Perbedaan angka beku dengan hitungan ulang" in page and "Ditempatkan bulan ini" in page
    changes = closing.differences(closing.record(_month("2032-12")).figures,
                                  closing.recompute(_month("2032-12")).cells)
    assert changes and all(c.frozen != c.now for c in changes)
    assert {c.form for c in changes} >= {"III/1", "III/8"}
    db.session.expire_all()
    audit = db.session.scalars(select(AuditEntry).where(AuditEntry.table_name == "ipk_month")
                               .order_by(AuditEntry.id.desc())).first()
    assert audit.action == "update" and "Tanggal penempatan salah catat" in audit.changes

    # Closed again by the head of office: the figures are the recomputation, the differences gone.
    closed = kadis.post("/laporan-ipk/tutup", data={"bulan": "2032-12", "konfirmasi": "ya"})
    assert closed.status_code == 302
    assert closing.closed_figures(_month("2032-12")) == closing.recompute(_month("2032-12")).cells
    assert "Perbedaan angka beku" not in text_of(kadis.get("/laporan-ipk/?bulan=2032-12"))
    again = kadis.post("/laporan-ipk/tutup", data={"bulan": "2032-12", "konfirmasi": "ya"})
    assert again.status_code == 400 and "sudah ditutup" in text_of(again)


def test_close_needs_the_confirmation(client_as, after_2032):
    response = client_as("petugas.ak").post("/laporan-ipk/tutup", data={"bulan": "2031-12"})
    assert response.status_code == 400 and "Centang konfirmasi" in text_of(response)
