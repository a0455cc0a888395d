"""RPTKA extension requests (PP 34/2021 art. 21): the late rule in working days, the 2-year cap, the attachments
checked by content with their checklist, the workflow through the screens and the API, tenancy, roles."""
from datetime import date, timedelta
from io import BytesIO

import pytest

from tests.conftest import text_of, unique

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png():
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


def _company_of(db, username):
    from app.security.models import AppUser

    return db.session.query(AppUser).filter_by(username=username).one().company


def worker_of(db, username="operator", rptka_end=None):
    from app.foreign_workers import services
    from app.foreign_workers.models import ForeignWorker

    today = date.today()
    worker = ForeignWorker(company_id=_company_of(db, username).id, full_name="Chen " + unique(), sex="L",
                           birth_date=date(1980, 1, 1), nationality="CN", passport_number=unique("E"),
                           position="Manajer", rptka_number="B.3/LAMA", rptka_start=today - timedelta(days=300),
                           rptka_end=rptka_end or today + timedelta(days=120))
    services.set_locations(worker, [services.Place(regency_code="36.71")])
    db.session.add(worker)
    db.session.commit()
    return worker


def _dmy(day):
    return day.strftime("%d-%m-%Y")


def form(worker, months=12, files=True, **changes):
    start = worker.rptka_end + timedelta(days=1)
    end = start.replace(year=start.year + months // 12) - timedelta(days=1) if months % 12 == 0 else None
    data = {"worker": str(worker.id), "period_start": _dmy(start), "period_end": _dmy(end),
            "reason": "Proyek pemasangan mesin berlanjut " + unique()}
    if files:
        from app.foreign_workers.extensions import ATTACHMENTS

        for code in ATTACHMENTS:
            data[f"file_{code}"] = (BytesIO(PDF), f"{code}.pdf")
    data.update(changes)
    return data


def add_request(db, client, worker, **changes):
    from app.foreign_workers.extensions import ExtensionRequest

    response = client.post("/tkaextensionview/add", data=form(worker, **changes), content_type="multipart/form-data")
    assert response.status_code == 302, text_of(response)[:3000]
    db.session.expire_all()
    return db.session.query(ExtensionRequest).filter_by(worker_id=worker.id).order_by(ExtensionRequest.id.desc()) \
        .first()


def decide(client, req, action, **fields):
    return client.post(f"/tkaextensionview/decide/{req.id}", data={"action": action, "seen": req.status, **fields})


# ---- the rules ---------------------------------------------------------------------------------------------

class Calendar:
    """Monday–Friday minus the given holidays (the interface of app.reference.calendar.WorkingCalendar)."""

    def __init__(self, holidays=()):
        self.holidays = set(holidays)

    def is_working_day(self, day):
        return day.weekday() < 5 and day not in self.holidays


def test_months_are_counted_with_a_started_month_whole():
    from app.foreign_workers.extensions import period_months

    assert period_months(date(2027, 1, 1), date(2027, 12, 31)) == 12
    assert period_months(date(2027, 1, 1), date(2028, 12, 31)) == 24
    assert period_months(date(2027, 1, 1), date(2027, 2, 15)) == 2
    assert period_months(date(2027, 1, 15), date(2027, 2, 14)) == 1


def test_late_flag_follows_working_days_across_weekends_and_holidays(db):
    """RPTKA ends Wednesday 31 March 2027; with three holidays (17 February, 1 and 2 March) the 30th working day
    before it is Friday 12 February. Asking on that Friday is in time; asking on Saturday the 13th is late
    although no working day has passed."""
    from app.foreign_workers.extensions import ExtensionRequest, submit

    calendar = Calendar({date(2027, 3, 1), date(2027, 3, 2), date(2027, 2, 17)})
    worker = worker_of(db, rptka_end=date(2027, 3, 31))
    for today, late in [(date(2027, 2, 12), False), (date(2027, 2, 13), True), (date(2027, 2, 15), True),
                        (date(2027, 1, 4), False)]:
        req = ExtensionRequest(worker_id=worker.id, period_start=date(2027, 4, 1), period_end=date(2028, 3, 31),
                               reason="Proyek berlanjut")
        submit(req, today=today, calendar=calendar)
        assert (req.due_by, req.late) == (date(2027, 2, 12), late), today
        assert req.months == 12 and req.requested_on == today
    db.session.rollback()


def test_a_request_made_too_close_to_the_end_is_flagged_on_list_show_and_queue(db, client_as):
    operator = client_as("operator")
    late_worker = worker_of(db, rptka_end=date.today() + timedelta(days=10))
    timely_worker = worker_of(db, rptka_end=date.today() + timedelta(days=150))
    late = add_request(db, operator, late_worker)
    timely = add_request(db, operator, timely_worker)
    assert late.late is True and timely.late is False
    page = text_of(operator.get(f"/tkaextensionview/show/{late.id}"))
    assert "Permohonan terlambat" in page and "30 hari kerja sebelum RPTKA berakhir" in page
    assert "Permohonan terlambat" not in text_of(operator.get(f"/tkaextensionview/show/{timely.id}"))
    listing = operator.get("/tkaextensionview/list/?psize_ExtensionView=100").get_data(as_text=True)
    row = next(r for r in listing.split("<tr") if late_worker.full_name in r)
    assert 'data-test="late"' in row
    row = next(r for r in listing.split("<tr") if timely_worker.full_name in r)
    assert 'data-test="late"' not in row
    queue = client_as("petugas.tka").get("/tkaextensionqueueview/list/?psize_ExtensionQueueView=100")
    row = next(r for r in queue.get_data(as_text=True).split("<tr") if late_worker.full_name in r)
    assert 'data-test="late"' in row


def test_the_period_is_capped_at_24_months_and_the_form_keeps_what_was_typed(db, client_as):
    operator = client_as("operator")
    worker = worker_of(db)
    start = worker.rptka_end + timedelta(days=1)
    too_long = form(worker, period_end=_dmy(start.replace(year=start.year + 2)), reason="Alasan yang diketik")
    response = operator.post("/tkaextensionview/add", data=too_long, content_type="multipart/form-data")
    assert response.status_code == 200
    assert "paling lama 2 tahun" in text_of(response) and "Alasan yang diketik" in response.get_data(as_text=True)
    exactly_two_years = add_request(db, operator, worker, months=24)
    assert exactly_two_years.months == 24


def test_a_period_that_does_not_follow_the_current_rptka_is_refused(db, client_as):
    worker = worker_of(db)
    response = client_as("operator").post(
        "/tkaextensionview/add", content_type="multipart/form-data",
        data=form(worker, period_start=_dmy(worker.rptka_end - timedelta(days=30))))
    assert response.status_code == 200 and "sesudah RPTKA sekarang berakhir" in text_of(response)


# ---- attachments -------------------------------------------------------------------------------------------

def test_attachments_are_checked_by_content_and_the_checklist_shows_what_is_missing(db, client_as):
    operator = client_as("operator")
    worker = worker_of(db)
    renamed = form(worker, files=False, file_passport=(BytesIO(b"just text, not a PDF"), "paspor.pdf"))
    response = operator.post("/tkaextensionview/add", data=renamed, content_type="multipart/form-data")
    assert response.status_code == 200 and "Berkas harus berformat JPG, PDF atau PNG" in text_of(response)

    req = add_request(db, operator, worker, files=False, file_rptka=(BytesIO(PDF), "rptka.pdf"),
                      file_passport=(BytesIO(_png()), "paspor.png"))
    assert req.rptka_file_id and req.passport_file_id and req.contract_file_id is None
    page = operator.get(f"/tkaextensionview/show/{req.id}").get_data(as_text=True)
    assert "5 belum ada" in page
    checklist = page.split('data-test="checklist"')[1]
    assert 'data-test="attachment-rptka"' in checklist
    for code in ("contract", "social_security", "npwp_worker", "npwp_employer", "training"):
        assert 'data-test="missing"' in checklist.split(f'data-test="attachment-{code}"')[1].split("</li>")[0]

    officer = client_as("petugas.tka")
    response = decide(officer, req, "check")
    assert response.status_code == 422 and "Lampiran belum lengkap" in text_of(response)
    assert "Perjanjian kerja" in text_of(response)

    response = operator.post(f"/tkaextensionview/lampiran/{req.id}", content_type="multipart/form-data",
                             data={"code": "contract", "file": (BytesIO(b"MZ\x90\x00 renamed exe"), "kontrak.pdf")})
    assert response.status_code == 422 and "Berkas harus berformat" in text_of(response)
    for code in ("contract", "social_security", "npwp_worker", "npwp_employer", "training"):
        response = operator.post(f"/tkaextensionview/lampiran/{req.id}", content_type="multipart/form-data",
                                 data={"code": code, "file": (BytesIO(PDF), f"{code}.pdf")})
        assert response.status_code == 302
    assert 'data-test="complete"' in operator.get(f"/tkaextensionview/show/{req.id}").get_data(as_text=True)
    db.session.expire_all()
    assert decide(officer, req, "check").status_code == 302
    # Checked: the company can no longer swap a document.
    response = operator.post(f"/tkaextensionview/lampiran/{req.id}", content_type="multipart/form-data",
                             data={"code": "contract", "file": (BytesIO(PDF), "lain.pdf")})
    assert response.status_code == 422 and "tidak dapat diubah lagi" in text_of(response)


# ---- the workflow ------------------------------------------------------------------------------------------

def _notifications(db, username):
    from app.core.notifications import Notification
    from app.security.models import AppUser

    user = db.session.query(AppUser).filter_by(username=username).one()
    return [n.title for n in db.session.query(Notification).filter_by(user_id=user.id)]


def test_workflow_through_the_screens_records_the_extension_on_the_worker(db, client_as):
    operator, officer = client_as("operator"), client_as("petugas.tka")
    worker = worker_of(db)
    before = len(_notifications(db, "petugas.tka"))
    req = add_request(db, operator, worker)
    assert req.status == "submitted" and req.months == 12
    assert len(_notifications(db, "petugas.tka")) == before + 1

    home = officer.get("/").get_data(as_text=True)
    assert 'data-test="work-tka_extension"' in home or "Permohonan perpanjangan RPTKA menunggu" in home

    response = decide(officer, req, "return")
    assert response.status_code == 422 and "Catatan wajib diisi" in text_of(response)
    assert decide(officer, req, "return", note="Paspor buram, unggah ulang").status_code == 302
    db.session.expire_all()
    assert req.status == "returned" and "Paspor buram" in req.note
    assert "Permohonan perpanjangan RPTKA perlu diperbaiki" in _notifications(db, "operator")
    assert "Paspor buram" in text_of(operator.get(f"/tkaextensionview/show/{req.id}"))

    assert decide(operator, req, "resubmit").status_code == 302
    db.session.expire_all()
    assert req.status == "submitted"
    assert decide(officer, req, "check").status_code == 302
    db.session.expire_all()
    assert req.status == "checked" and req.checked_at is not None

    new_end = req.period_end
    response = decide(officer, req, "approve", rptka_number="B.3/BARU/2027", rptka_end=_dmy(new_end))
    assert response.status_code == 302, text_of(response)[:2000]
    db.session.expire_all()
    assert req.status == "approved" and req.new_rptka_number == "B.3/BARU/2027" and req.new_rptka_end == new_end
    assert (worker.rptka_number, worker.rptka_end) == ("B.3/BARU/2027", new_end)
    assert [e.kind for e in worker.events] == ["extension"] and worker.events[0].rptka_number == "B.3/BARU/2027"
    assert "Perpanjangan RPTKA disetujui" in _notifications(db, "operator")
    page = text_of(operator.get(f"/tkaextensionview/show/{req.id}"))
    assert "B.3/BARU/2027" in page and "Disetujui" in page


def test_the_operator_cannot_decide_and_the_officer_rejects_with_a_listed_reason(db, client_as):
    operator, officer = client_as("operator"), client_as("petugas.tka")
    req = add_request(db, operator, worker_of(db))
    assert decide(operator, req, "check").status_code == 403
    response = decide(officer, req, "reject", reason="semaunya")
    assert response.status_code == 422 and "Pilih alasan dari daftar" in text_of(response)
    assert decide(officer, req, "reject", reason="jabatan_terlarang").status_code == 302
    db.session.expire_all()
    assert req.status == "rejected" and "Jabatan tertutup" in req.note
    assert "Permohonan perpanjangan RPTKA ditolak" in _notifications(db, "operator")


def test_one_open_request_per_worker(db, client_as):
    operator = client_as("operator")
    worker = worker_of(db)
    add_request(db, operator, worker)
    response = operator.post("/tkaextensionview/add", data=form(worker), content_type="multipart/form-data")
    assert response.status_code == 200 and "sedang diproses" in text_of(response)


def test_workflow_through_the_api(db, api_as):
    operator, officer = api_as("operator"), api_as("petugas.tka")
    worker = worker_of(db)
    start = worker.rptka_end + timedelta(days=1)
    body = {"worker_id": worker.id, "period_start": start.isoformat(),
            "period_end": (start.replace(year=start.year + 2)).isoformat(), "reason": "Proyek"}
    response = operator.post("/api/v1/tkaextension/", json=body)
    assert response.status_code == 422 and "paling lama 2 tahun" in response.get_json()["message"]
    body["period_end"] = (start.replace(year=start.year + 1) - timedelta(days=1)).isoformat()
    response = operator.post("/api/v1/tkaextension/", json=body)
    assert response.status_code == 201, response.get_json()
    pk = response.get_json()["id"]
    result = response.get_json()["result"]
    assert result["months"] == 12 and result["status"] == "submitted" and result["late"] is False

    response = operator.post(f"/api/v1/tkaextension/{pk}/lampiran/passport",
                             data={"file": (BytesIO(b"plain text"), "paspor.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 422 and "Berkas harus berformat" in response.get_json()["message"]
    assert officer.post(f"/api/v1/tkaextension/{pk}/check").status_code == 422  # attachments missing
    from app.foreign_workers.extensions import ATTACHMENTS

    for code in ATTACHMENTS:
        response = operator.post(f"/api/v1/tkaextension/{pk}/lampiran/{code}",
                                 data={"file": (BytesIO(PDF), f"{code}.pdf")}, content_type="multipart/form-data")
        assert response.status_code == 200, response.get_json()
    assert operator.post(f"/api/v1/tkaextension/{pk}/check").status_code == 403
    assert officer.post(f"/api/v1/tkaextension/{pk}/check").status_code == 200
    assert officer.post(f"/api/v1/tkaextension/{pk}/check").status_code == 409  # already checked
    response = officer.post(f"/api/v1/tkaextension/{pk}/approve",
                            json={"rptka_number": "B.3/API/2027", "rptka_end": body["period_end"]})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["result"]["new_rptka_number"] == "B.3/API/2027"
    db.session.expire_all()
    assert worker.rptka_number == "B.3/API/2027"


# ---- tenancy and roles -------------------------------------------------------------------------------------

def test_another_company_neither_sees_nor_touches_a_request(db, client_as, api_as):
    req = add_request(db, client_as("operator"), worker_of(db))
    other = client_as("operator2")
    assert other.get(f"/tkaextensionview/show/{req.id}").status_code == 404
    assert req.worker.full_name not in other.get("/tkaextensionview/list/").get_data(as_text=True)
    response = other.post(f"/tkaextensionview/lampiran/{req.id}", content_type="multipart/form-data",
                          data={"code": "contract", "file": (BytesIO(PDF), "x.pdf")})
    assert response.status_code == 404
    assert other.get(f"/files/{req.rptka_file_id}").status_code == 404
    api = api_as("operator2")
    assert api.get(f"/api/v1/tkaextension/{req.id}").status_code == 404
    assert api.post(f"/api/v1/tkaextension/{req.id}/resubmit").status_code == 404
    assert api.post(f"/api/v1/tkaextension/{req.id}/lampiran/contract", content_type="multipart/form-data",
                    data={"file": (BytesIO(PDF), "x.pdf")}).status_code == 404
    # Asking for a worker of another company: refused, whatever the body says.
    worker_b = worker_of(db, "operator2")
    start = worker_b.rptka_end + timedelta(days=1)
    response = api_as("operator").post("/api/v1/tkaextension/", json={
        "worker_id": worker_b.id, "period_start": start.isoformat(),
        "period_end": (start + timedelta(days=200)).isoformat(), "reason": "x"})
    assert response.status_code == 404


@pytest.mark.parametrize("username,reads,adds,decides", [
    ("operator", True, True, False),
    ("petugas.tka", True, True, True),  # files for a company at the counter
    ("kadis", True, False, False),
    ("bendahara", True, False, False),
    ("admin", True, True, True),
    ("petugas.hi", False, False, False),
])
def test_permissions_per_role(db, client_as, username, reads, adds, decides):
    from tests.conftest import ADMIN_PASSWORD, DEMO_PASSWORD

    req = add_request(db, client_as("operator"), worker_of(db))
    client = client_as(username, ADMIN_PASSWORD if username == "admin" else DEMO_PASSWORD)
    ok = client.get(f"/tkaextensionview/show/{req.id}")
    assert (ok.status_code == 200) is reads, ok.status_code
    page = client.get("/tkaextensionview/add")
    assert (page.status_code == 200) is adds, page.status_code
    response = decide(client, req, "check")
    assert (response.status_code in (302, 422)) is decides, response.status_code


# ---- the office filing for a company ---------------------------------------------------------------------------

def _audit_insert(db, req):
    from app.audit.models import AuditEntry

    return db.session.query(AuditEntry).filter_by(table_name="tka_extension_request", row_id=str(req.id),
                                                  action="insert").one()


def _notices(db, username, req):
    from app.core.notifications import Notification
    from app.security.models import AppUser

    user = db.session.query(AppUser).filter_by(username=username).one()
    return db.session.query(Notification).filter(Notification.user_id == user.id,
                                                 Notification.link == f"/tkaextensionview/show/{req.id}").all()


def test_the_officer_files_for_a_company_and_the_company_is_told(db, client_as):
    """Papers brought to the counter: the officer picks any company's worker (the list loads on demand), the
    request belongs to the worker's company, its operators are notified, the audit trail names the officer, and
    the company then sees it, corrects and attaches as if it had filed it."""
    officer = client_as("petugas.tka")
    worker = worker_of(db, "operator2")
    page = officer.get("/tkaextensionview/add").get_data(as_text=True)
    assert 'id="worker"' in page
    choices = officer.get(f"/pilihan/ExtensionView/worker?form=add&q={worker.full_name}").get_json()
    assert [c["id"] for c in choices["results"]] == [str(worker.id)]
    # The worker page's button opens the form with the worker chosen and the period's start filled in.
    prefilled = officer.get(f"/tkaextensionview/add?worker={worker.id}").get_data(as_text=True)
    assert f'value="{worker.id}" selected' in prefilled or f'selected value="{worker.id}"' in prefilled
    assert _dmy(worker.rptka_end + timedelta(days=1)) in prefilled

    req = add_request(db, officer, worker, files=False, file_rptka=(BytesIO(PDF), "rptka.pdf"))
    company_b = _company_of(db, "operator2")
    assert req.company_id == company_b.id and req.status == "submitted" and req.rptka_file_id
    assert _audit_insert(db, req).username == "petugas.tka"

    told = _notices(db, "operator2", req)
    assert len(told) == 1 and "Dinas mencatat permohonan" in told[0].title and "petugas" in told[0].body
    assert _notices(db, "petugas.tka", req) == []  # not told of what they did themselves
    assert _notices(db, "operator", req) == []  # another company hears nothing

    page = text_of(officer.get(f"/tkaextensionview/show/{req.id}"))
    assert "Dicatat oleh petugas" in page and company_b.name in page
    company = client_as("operator2")
    page = text_of(company.get(f"/tkaextensionview/show/{req.id}"))
    assert "Dicatat oleh petugas" in page and "6 belum ada" in page
    response = company.post(f"/tkaextensionview/lampiran/{req.id}", content_type="multipart/form-data",
                            data={"code": "contract", "file": (BytesIO(PDF), "kontrak.pdf")})
    assert response.status_code == 302
    assert client_as("operator").get(f"/tkaextensionview/show/{req.id}").status_code == 404


def test_an_operator_cannot_file_for_another_company_through_the_form(db, client_as):
    worker_b = worker_of(db, "operator2")
    operator = client_as("operator")
    assert operator.get(f"/pilihan/ExtensionView/worker?form=add&q={worker_b.full_name}").get_json()["results"] == []
    response = operator.post("/tkaextensionview/add", data=form(worker_b), content_type="multipart/form-data")
    assert response.status_code == 200 and "Pilihan tidak valid" in text_of(response)


def test_an_operator_filing_tells_the_office_not_the_company(db, client_as):
    req = add_request(db, client_as("operator"), worker_of(db))
    assert len(_notices(db, "petugas.tka", req)) == 1
    assert _notices(db, "operator", req) == []
    assert "Diajukan oleh" in text_of(client_as("petugas.tka").get(f"/tkaextensionview/show/{req.id}"))


def test_the_officer_files_for_a_company_through_the_api(db, api_as):
    worker = worker_of(db, "operator2")
    start = worker.rptka_end + timedelta(days=1)
    body = {"worker_id": worker.id, "period_start": start.isoformat(),
            "period_end": (start + timedelta(days=364)).isoformat(), "reason": "Berkas dibawa ke loket"}
    officer = api_as("petugas.tka")
    response = officer.post("/api/v1/tkaextension/", json=body)
    assert response.status_code == 201, response.get_json()
    from app.foreign_workers.extensions import ExtensionRequest

    req = db.session.get(ExtensionRequest, response.get_json()["id"])
    assert req.company_id == _company_of(db, "operator2").id
    assert _audit_insert(db, req).username == "petugas.tka"
    assert len(_notices(db, "operator2", req)) == 1
    response = officer.post(f"/api/v1/tkaextension/{req.id}/lampiran/passport",
                            data={"file": (BytesIO(PDF), "paspor.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 200
    # The treasurer reads but does not file.
    assert api_as("bendahara").post("/api/v1/tkaextension/", json=body).status_code == 403


def test_several_attachments_at_once_from_the_page_all_or_none(db, client_as):
    operator = client_as("operator")
    req = add_request(db, operator, worker_of(db), files=False)
    response = operator.post(f"/tkaextensionview/lampiran/{req.id}", content_type="multipart/form-data", data={})
    assert response.status_code == 422 and "Pilih berkas yang akan diunggah" in text_of(response)
    bad = {"file_contract": (BytesIO(PDF), "kontrak.pdf"), "file_passport": (BytesIO(b"not a pdf"), "paspor.pdf")}
    response = operator.post(f"/tkaextensionview/lampiran/{req.id}", content_type="multipart/form-data", data=bad)
    page = text_of(response)
    assert response.status_code == 422 and "Paspor: Berkas harus berformat" in page
    assert "Tidak ada lampiran yang tersimpan: pilih lagi" in page
    db.session.expire_all()
    assert req.contract_file_id is None and req.passport_file_id is None
    good = {"file_contract": (BytesIO(PDF), "kontrak.pdf"), "file_passport": (BytesIO(_png()), "paspor.png"),
            "file_training": (BytesIO(b""), "")}  # a row left empty
    response = operator.post(f"/tkaextensionview/lampiran/{req.id}", content_type="multipart/form-data", data=good)
    assert response.status_code == 302
    db.session.expire_all()
    assert req.contract_file_id and req.passport_file_id and req.training_file_id is None
    assert "2 lampiran tersimpan" in text_of(operator.get(f"/tkaextensionview/show/{req.id}"))
