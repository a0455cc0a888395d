"""One display for every value: lists, show pages and exports read the same, never a raw value."""
import io
import re
from datetime import date, datetime, timezone

import openpyxl

from tests.conftest import text_of
from tests.pkwt_support import approved, contract

RAW = re.compile(r"\b(None|True|False)\b|\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}|jangka_waktu|\bbulanan\b")


def test_values_read_as_people_read_them(ctx):
    from app.contracts.workflow import KINDS
    from app.core.formatting import display

    assert display(None) == display("") == display([]) == "–"
    assert (display(True), display(False)) == ("Ya", "Tidak")
    assert display(date(2026, 11, 29)) == "29 November 2026"
    assert display(datetime(2026, 11, 29, 2, 42, 35, 131393, tzinfo=timezone.utc)) == "29 November 2026 09.42 WIB"
    assert display(datetime(2026, 11, 29, 2, 42)) == "29 November 2026 09.42 WIB"  # naive: stored UTC (SQLite)
    assert display(6_600_000, money=True) == "Rp6.600.000" and display(6_600_000) == "6600000"
    assert display("jangka_waktu", labels=KINDS) == "Jangka waktu"
    assert display("unknown", labels=KINDS) == "unknown"


def test_codes_are_labelled_once_on_the_model_column(ctx):
    from app.contracts.models import MinimumWage, PkwtContract, PkwtSubmission
    from app.core.formatting import formatter_for
    from app.seekers.models import Ak1Card, JobSeeker

    assert formatter_for(PkwtContract, "kind")("selesai") == "Selesainya suatu pekerjaan"
    assert formatter_for(PkwtContract, "wage_payment")("bulanan") == "Bulanan"
    assert formatter_for(PkwtContract, "sex")("P") == "Perempuan"
    assert formatter_for(PkwtContract, "wage")(6_600_000) == "Rp6.600.000"
    assert formatter_for(MinimumWage, "amount")(4_900_000) == "Rp4.900.000"
    assert formatter_for(PkwtSubmission, "source")("batch") == "Unggah Excel"
    assert formatter_for(PkwtSubmission, "status")("approved") == "Tercatat"  # the workflow's label
    assert formatter_for(JobSeeker, "status")("active") == "Aktif"
    assert formatter_for(Ak1Card, "application_type")("perpanjangan") == "Perpanjangan"


def test_list_and_show_pages_print_no_raw_value(db, client_as):
    submission = approved(db, contract(wage=6_600_000, kind="jangka_waktu", wage_payment="bulanan"))
    item = submission.contracts[0]
    officer = client_as("petugas.hi")

    shown = text_of(officer.get(f"/pkwtcontractview/show/{item.id}"))
    for expected in ("Rp6.600.000", "Bulanan", "Laki-laki", "Jangka waktu", "10 Juni 1996"):
        assert expected in shown, expected
    listed = text_of(officer.get(f"/pkwtcontractview/list/?_flt_0_full_name={item.full_name}"))
    assert item.full_name in listed and "Tidak" in listed  # late / below UMK as Ya/Tidak
    submissions = text_of(officer.get(f"/pkwtsubmissionview/show/{submission.id}"))
    assert "Formulir" in submissions and "WIB" in submissions
    for page in (shown, listed, submissions):
        assert not RAW.search(page), RAW.search(page)


def test_export_shows_the_same_labels_and_money_as_a_number(db, client_as):
    from app.contracts.models import MinimumWage

    approved(db, contract())
    admin_like = client_as("petugas.hi")
    workbook = openpyxl.load_workbook(io.BytesIO(admin_like.get("/pkwtsubmissionview/export/").data))
    header, *rows = list(workbook["Data"].iter_rows(values_only=True))
    sources = {row[header.index("Cara pengajuan")] for row in rows}
    assert sources <= {"Formulir", "Unggah Excel"} and sources

    from tests.conftest import ADMIN_PASSWORD

    wage = db.session.query(MinimumWage).order_by(MinimumWage.year.desc()).first()
    sheet = openpyxl.load_workbook(io.BytesIO(client_as("admin", ADMIN_PASSWORD).get(
        "/minimumwageview/export/").data))["Data"]
    cells = [row for row in sheet.iter_rows(min_row=2) if row[0].value == wage.year][0]
    assert cells[1].value == wage.amount and "Rp" in cells[1].number_format
