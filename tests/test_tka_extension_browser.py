"""An RPTKA extension request walked in the browser at 1366 px and 390 px: the operator asks with some of the
art. 21 attachments, sees what is missing and uploads it from the request's page; the TKA officer finds it in the
queue and on the home page, returns it with a note; the operator reads the notification, corrects and resubmits;
the officer declares it complete and records the Ministry's new RPTKA, which the worker's page then shows. And the
office filing a request for a company that brought its papers to the counter.

Screenshots go to $SHOTS_DIR when set (e.g. /tmp/shots/walk), else to pytest's temporary directory."""
import os
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import unique
from tests.test_browser import base_url, browser, expect, log_in, new_page  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

SIZES = {"desktop": {"width": 1366, "height": 800}, "phone": {"width": 390, "height": 844}}
PREFIX = "Walk "  # the workers this module makes, removed afterwards
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
RPTKA_END = date(2038, 6, 30)  # far from the other tests' dates
NEW_END = date(2039, 6, 30)


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    path = Path(os.environ["SHOTS_DIR"]) if os.environ.get("SHOTS_DIR") else \
        tmp_path_factory.mktemp("browser-screenshots")
    path.mkdir(parents=True, exist_ok=True)
    print(f"screenshots in {path}")
    return path


@pytest.fixture(autouse=True)
def remove_made_workers(app, db):
    from app.foreign_workers.extensions import ExtensionRequest
    from app.foreign_workers.models import ForeignWorker

    before = db.session.query(db.func.max(ForeignWorker.id)).scalar() or 0
    yield
    db.session.rollback()
    made = [w for (w,) in db.session.query(ForeignWorker.id).filter(ForeignWorker.id > before,
                                                                     ForeignWorker.full_name.like(PREFIX + "%"))]
    if made:
        from app.core.workflow import TransitionLog

        requests = [str(r) for (r,) in db.session.query(ExtensionRequest.id)
                    .filter(ExtensionRequest.worker_id.in_(made))]
        # Their history too: SQLite hands a deleted row's id to the next row, which would inherit it.
        db.session.query(TransitionLog).filter(TransitionLog.table_name == ExtensionRequest.__tablename__,
                                               TransitionLog.row_id.in_(requests)).delete(synchronize_session=False)
        db.session.query(ExtensionRequest).filter(ExtensionRequest.worker_id.in_(made)) \
            .delete(synchronize_session=False)
        for worker in db.session.query(ForeignWorker).filter(ForeignWorker.id.in_(made)):
            db.session.delete(worker)
        db.session.commit()


def make_worker(app, db, username="operator", rptka_end=RPTKA_END):
    from app.foreign_workers import services
    from app.foreign_workers.models import ForeignWorker

    worker = ForeignWorker(company_id=app.appbuilder.sm.find_user(username=username).company_id,
                           full_name=PREFIX + unique(), sex="L", birth_date=date(1984, 5, 6), nationality="JP",
                           passport_number=unique("TK"), position="Insinyur mesin", rptka_number="B.3/2036/LAMA",
                           rptka_start=rptka_end.replace(year=rptka_end.year - 2) + timedelta(days=1),
                           rptka_end=rptka_end)
    services.set_locations(worker, [services.Place(regency_code="36.71")])
    db.session.add(worker)
    db.session.commit()
    return worker


def _dmy(day):
    return day.strftime("%d-%m-%Y")


def _pdf(name):
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF}


def _as(new_page, username, size):
    page = new_page()
    page.set_viewport_size(SIZES[size])
    log_in(page, username)
    return page


def _no_sideways_scroll(page, size):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SIZES[size]["width"], f"{page.url} scrolls sideways at {size}: {width} px"


def _snap(page, shots, name, size):
    _no_sideways_scroll(page, size)
    page.screenshot(path=shots / f"{name}-{size}.png", full_page=True)


def choose_worker(page, worker):
    """The worker list: a plain list when short, else a searchable list asking the server (type the name)."""
    select = page.locator("#worker")
    if "app-remote" in (select.get_attribute("class") or ""):
        page.locator("#worker + .select2-container").click()
        page.locator(".select2-container--open .select2-search__field").fill(worker.full_name)
        page.locator(".select2-results__option", has_text=worker.full_name).first.click()
    else:
        select.select_option(str(worker.id), force=True)


def fill_request(page, worker, start, end, reason):
    choose_worker(page, worker)
    for field, day in (("#period_start", start), ("#period_end", end)):
        page.locator(field).fill(_dmy(day))
        page.locator(field).press("Escape")  # typed, not picked: the calendar closes
    page.locator("#reason").fill(reason)


def submit_form(page):
    page.locator("form#model_form button[type=submit], form button[type=submit]").last.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_extension_request_journey(app, db, new_page, shots, size):
    worker = make_worker(app, db)
    start = RPTKA_END + timedelta(days=1)
    reason = "Pemasangan mesin cetak tahap dua " + unique()

    # The operator: menu -> list -> add form.
    page = _as(new_page, "operator", size)
    page.goto("/tkaextensionview/list/")
    _snap(page, shots, "01-list", size)
    page.locator("a[href*='/tkaextensionview/add']").first.click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/tkaextensionview/add"))
    _snap(page, shots, "02-add", size)

    # Refused (more than 2 years): what was typed stays, the files must be chosen again and the form says so.
    fill_request(page, worker, start, start.replace(year=start.year + 3), reason)
    page.locator("#file_rptka").set_input_files(_pdf("rptka.pdf"))
    submit_form(page)
    expect(page.locator("body")).to_contain_text("paling lama 2 tahun")
    expect(page.locator("#reason")).to_have_value(reason)
    expect(page.locator("#period_start")).to_have_value(_dmy(start))
    expect(page.locator("[data-test=files-again]")).to_contain_text("rptka.pdf")  # chosen files: choose again
    _snap(page, shots, "03-add-refused", size)

    page.locator("#period_end").fill(_dmy(NEW_END))
    page.locator("#period_end").press("Escape")
    page.locator("#file_rptka").set_input_files(_pdf("rptka.pdf"))
    page.locator("#file_passport").set_input_files(_pdf("paspor.pdf"))
    submit_form(page)
    expect(page).to_have_url(re.compile(r"/tkaextensionview/show/\d+"))
    url = page.url
    expect(page.locator("[data-test=missing-count]")).to_contain_text("5 belum ada")
    expect(page.locator("[data-test=late-alert]")).to_have_count(0)
    expect(page.locator("[data-test=filed-by]")).to_contain_text("Diajukan oleh")
    _snap(page, shots, "04-submitted", size)
    page.goto("/tkaextensionview/list/")
    expect(page.locator("table.table-bordered")).to_contain_text(worker.full_name)
    _snap(page, shots, "04b-list", size)
    page.goto(url)

    # The missing contract, uploaded from the request's page.
    page.locator("[data-test=attachment-contract] input[type=file]").set_input_files(_pdf("kontrak.pdf"))
    page.locator("[data-test=attach-submit]").click()
    page.wait_for_load_state()
    expect(page.locator("[data-test=missing-count]")).to_contain_text("4 belum ada")
    expect(page.locator("[data-test=attachment-contract] [data-test=present]")).to_be_visible()
    _snap(page, shots, "05-attached", size)

    # The officer: home page, queue, request; returned with a note.
    officer = _as(new_page, "petugas.tka", size)
    expect(officer.locator("[data-test=work-tka_extension]")).to_be_visible()
    _snap(officer, shots, "06-officer-home", size)
    officer.locator("[data-test=work-tka_extension]").click()
    officer.wait_for_load_state()
    expect(officer.locator("body")).to_contain_text("Antrean Perpanjangan RPTKA")
    expect(officer.locator("table.table-bordered")).to_contain_text(worker.full_name)
    _snap(officer, shots, "07-officer-queue", size)
    officer.goto(url)
    _snap(officer, shots, "08-officer-request", size)
    form = officer.locator("[data-test=decide-return]")
    form.locator("textarea[name=note]").fill("NPWP dan laporan pelatihan pendamping belum ada")
    form.locator("button[type=submit]").click()
    officer.wait_for_load_state()
    expect(officer.locator("[data-test=status]")).to_contain_text("Dikembalikan")

    # The operator: the notification leads to the request; the rest uploaded; resubmitted.
    page.goto("/notifikasi/list/")
    expect(page.locator("body")).to_contain_text("perlu diperbaiki")
    _snap(page, shots, "09-operator-notifications", size)
    page.goto(url)
    expect(page.locator("[data-test=owner-note]")).to_contain_text("NPWP dan laporan pelatihan")
    _snap(page, shots, "10-operator-returned", size)
    for code in ("social_security", "npwp_worker", "npwp_employer", "training"):  # four at once
        page.locator(f"[data-test=attachment-{code}] input[type=file]").set_input_files(_pdf(f"{code}.pdf"))
    page.locator("[data-test=attach-submit]").click()
    page.wait_for_load_state()
    expect(page.locator("body")).to_contain_text("4 lampiran tersimpan")
    expect(page.locator("[data-test=complete]")).to_be_visible()
    expect(page.locator("[data-test=attach-form]")).to_be_visible()  # returned: still the company's to correct
    page.locator("[data-test=decide-resubmit] button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("[data-test=status]")).to_contain_text("Diajukan")
    _snap(page, shots, "11-operator-resubmitted", size)

    # The officer: complete, then the Ministry's new RPTKA.
    officer.goto(url)
    officer.locator("[data-test=decide-check] button[type=submit]").click()
    officer.wait_for_load_state()
    expect(officer.locator("[data-test=status]")).to_contain_text("Lengkap")
    _snap(officer, shots, "12-officer-checked", size)
    form = officer.locator("[data-test=decide-approve]")
    form.locator("input[name=rptka_number]").fill("B.3/2038/BARU")
    form.locator("input[name=rptka_end]").fill(_dmy(NEW_END))
    form.locator("button[type=submit]").click()
    officer.wait_for_load_state()
    expect(officer.locator("[data-test=status]")).to_contain_text("Disetujui")
    _snap(officer, shots, "13-officer-approved", size)

    # The worker's page: the new RPTKA end and the extension event.
    page.goto(url)
    page.locator("[data-test=worker-link]").click()
    page.wait_for_load_state()
    expect(page.locator("body")).to_contain_text("30 Juni 2039")
    expect(page.locator("[data-test=event-extension]")).to_contain_text("B.3/2038/BARU")
    requests = page.locator("[data-test=extension-request]")
    expect(requests).to_have_count(1)
    expect(requests).to_contain_text("Disetujui")
    _snap(page, shots, "14-worker", size)
    requests.click()  # and back to the request
    expect(page).to_have_url(url)


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_late_request_is_flagged(app, db, new_page, shots, size):
    from app.core.formatting import today_jakarta

    end = today_jakarta() + timedelta(days=14)
    worker = make_worker(app, db, rptka_end=end)
    start = end + timedelta(days=1)
    page = _as(new_page, "operator", size)
    page.goto(f"/foreignworkerview/show/{worker.id}")
    page.locator("[data-test=ask-extension]").click()  # from the worker's page: worker and start filled in
    page.wait_for_load_state()
    expect(page.locator("#period_start")).to_have_value(_dmy(start))
    page.locator("#period_end").fill(_dmy(start.replace(year=start.year + 1) - timedelta(days=1)))
    page.locator("#period_end").press("Escape")
    page.locator("#reason").fill("Proyek berlanjut")
    _snap(page, shots, "19-late-form", size)
    submit_form(page)
    expect(page).to_have_url(re.compile(r"/tkaextensionview/show/\d+"))
    expect(page.locator("[data-test=late-alert]")).to_contain_text("Permohonan terlambat")
    expect(page.locator("[data-test=missing-count]")).to_contain_text("7 belum ada")
    _snap(page, shots, "20-late", size)


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_officer_files_for_a_company_at_the_counter(app, db, new_page, shots, size):
    """The officer's worker list holds every company's present workers, searched on the server as typed."""
    worker = make_worker(app, db, "operator2")
    start = RPTKA_END + timedelta(days=1)
    officer = _as(new_page, "petugas.tka", size)
    officer.goto("/tkaextensionview/list/")
    officer.locator("a[href*='/tkaextensionview/add']").first.click()
    officer.wait_for_load_state()
    assert officer.locator("#worker").input_value() in ("", "__None")  # nobody chosen beforehand
    from app.core.choices import SMALL_LIST
    from app.foreign_workers.models import ForeignWorker

    present = db.session.query(ForeignWorker).filter_by(status="present").count()  # every company's
    remote = "app-remote" in (officer.locator("#worker").get_attribute("class") or "")
    assert remote is (present > SMALL_LIST), (present, remote)  # a long list loads on demand as typed
    fill_request(officer, worker, start, NEW_END, "Berkas dibawa ke loket oleh HRD")
    officer.locator("#file_rptka").set_input_files(_pdf("rptka.pdf"))
    _snap(officer, shots, "30-officer-add", size)
    submit_form(officer)
    expect(officer).to_have_url(re.compile(r"/tkaextensionview/show/\d+"))
    url = officer.url
    expect(officer.locator("[data-test=filed-by]")).to_contain_text("Dicatat oleh petugas")
    expect(officer.locator("[data-test=missing-count]")).to_contain_text("6 belum ada")
    _snap(officer, shots, "31-officer-filed", size)

    company = _as(new_page, "operator2", size)
    company.goto("/notifikasi/list/")
    expect(company.locator("body")).to_contain_text("Dinas mencatat permohonan perpanjangan RPTKA")
    _snap(company, shots, "32-company-notified", size)
    company.goto(url)
    expect(company.locator("[data-test=filed-by]")).to_contain_text("Dicatat oleh petugas")
    company.locator("[data-test=attachment-contract] input[type=file]").set_input_files(_pdf("kontrak.pdf"))
    company.locator("[data-test=attach-submit]").click()
    company.wait_for_load_state()
    expect(company.locator("[data-test=missing-count]")).to_contain_text("5 belum ada")
    _snap(company, shots, "33-company-attached", size)
