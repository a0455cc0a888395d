"""DKPTKA payment validation (issue 12 part 3): the operator submits, the treasurer confirms the money arrived, the
TKA officer validates; the figures against an independent computation, the refusal of workers outside the regency,
the 1-working-day clock, the gap-free receipt number, the receipt's QR verification, tenancy and permissions."""
from datetime import date, datetime, timedelta, timezone
from io import BytesIO

import pytest
from dateutil.relativedelta import relativedelta

from tests.conftest import text_of, unique

HEAD_NAME, HEAD_NIP = "Drs. Hendra Wijaksana, M.Si.", "197205141998031005"
PROOF_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture()
def head_of_office(app, db):
    from app.office.services import office_profile

    profile = office_profile()
    kept = profile.head_name, profile.head_nip
    profile.head_name, profile.head_nip = HEAD_NAME, HEAD_NIP
    db.session.commit()
    yield
    profile = office_profile()
    profile.head_name, profile.head_nip = kept
    db.session.commit()


@pytest.fixture(autouse=True)
def remove_made_workers(app, db):
    """The workers a test makes go afterwards (with their payments): the demo operator's register keeps the rows
    other tests look for on its first page."""
    from app.foreign_workers.extensions import ExtensionRequest
    from app.foreign_workers.models import ForeignWorker
    from app.foreign_workers.payments import DkptkaPayment

    before = db.session.query(db.func.max(ForeignWorker.id)).scalar() or 0
    yield
    db.session.rollback()
    made = [w for (w,) in db.session.query(ForeignWorker.id).filter(ForeignWorker.id > before)
            .filter(ForeignWorker.full_name.like("Li Wei %"))]
    if made:
        db.session.query(DkptkaPayment).filter(DkptkaPayment.worker_id.in_(made)).delete(synchronize_session=False)
        db.session.query(ExtensionRequest).filter(ExtensionRequest.worker_id.in_(made)).delete(
            synchronize_session=False)
        for worker in db.session.query(ForeignWorker).filter(ForeignWorker.id.in_(made)):
            db.session.delete(worker)
        db.session.commit()


def company_of(app, username="operator"):
    return app.appbuilder.sm.find_user(username=username).company_id


def make_worker(app, db, username="operator", places=None):
    """A foreign worker of the user's company, by default working in two kecamatan of the regency."""
    from app.foreign_workers import services
    from app.foreign_workers.models import ForeignWorker
    from app.reference.models import Region

    if places is None:
        kec = db.session.query(Region).filter_by(level="kecamatan").order_by(Region.code).limit(2).all()
        places = [services.Place(kecamatan_code=k.code) for k in kec]
    worker = ForeignWorker(company_id=company_of(app, username), full_name="Li Wei " + unique(), sex="L",
                           birth_date=date(1985, 4, 12), nationality="CN", passport_number=unique("E"),
                           position="Manajer produksi", rptka_number="B.3/1/PK/2026", rptka_start=date(2026, 1, 1),
                           rptka_end=date(2026, 12, 31))
    services.set_locations(worker, places)
    db.session.add(worker)
    db.session.commit()
    return worker


def independent_idr(usd: int, rate: str) -> int:
    """Rupiah from the rate as written, in integers only: usd × rate to 1/10,000 rupiah, half a rupiah upwards."""
    whole, _, fraction = rate.partition(".")
    scaled = int(whole) * 10_000 + int((fraction + "0000")[:4])
    return (usd * scaled + 5_000) // 10_000


def form(worker, months=12, positions=1, rate="16250.50", **changes):
    usd = 100 * months * positions
    end = date(2027, 1, 1) + relativedelta(months=months) - timedelta(days=1)  # the period the months pay
    data = {"worker": str(worker.id), "rptka_number": "B.3/777/PK.04/2027", "rptka_start": "01-01-2027",
            "rptka_end": end.strftime("%d-%m-%Y"), "months": str(months), "positions": str(positions),
            "usd_amount": str(usd),
            "exchange_rate": rate, "rate_date": "27-11-2026", "idr_amount": str(independent_idr(usd, rate)),
            "billing_code": "8202611" + unique()[:6], "bank_reference": "BJB-" + unique(),
            "proof": (BytesIO(PROOF_PDF), "bukti.pdf")}
    data.update(changes)
    return data


def submit(db, client, worker, **changes):
    from app.foreign_workers.payments import DkptkaPayment

    data = form(worker, **changes)
    response = client.post("/dkptkapaymentview/add", data=data, content_type="multipart/form-data")
    assert response.status_code == 302, text_of(response)[:3000]
    db.session.expire_all()
    return db.session.query(DkptkaPayment).filter_by(billing_code=data["billing_code"]).one()


def decide(client, payment, action, **fields):
    return client.post(f"/dkptkapaymentview/decide/{payment.id}", data={"action": action, **fields})


def validated(app, db, client_as, worker=None):
    worker = worker or make_worker(app, db)
    payment = submit(db, client_as("operator"), worker)
    assert decide(client_as("bendahara"), payment, "receive").status_code == 302
    response = decide(client_as("petugas.tka"), payment, "validate")
    assert response.status_code == 302, text_of(response)[:2000]
    db.session.expire_all()
    return payment


# ---- figures -----------------------------------------------------------------------------------------------

RATES = ["15000", "15999.99", "16250.50", "16250.005", "16387.1234", "14999.5", "16000.0001", "17123.45"]


def test_amounts_against_an_independent_computation_for_many_rates_and_periods(app, db, api_as):
    worker = make_worker(app, db)
    api = api_as("operator")
    cases = [(months, positions, rate) for months in (1, 5, 12, 24) for positions in (1, 2) for rate in RATES]
    for index, (months, positions, rate) in enumerate(cases):  # a period each: a month is paid once
        start = date(2100 + 3 * index, 1, 1)
        end = start + relativedelta(months=months) - timedelta(days=1)
        usd = 100 * months * positions
        idr = independent_idr(usd, rate)
        body = {"worker_id": worker.id, "rptka_number": "B.3/9", "rptka_start": start.isoformat(),
                "rptka_end": end.isoformat(), "months": months, "positions": positions, "usd_amount": usd,
                "exchange_rate": rate, "rate_date": "2026-11-27", "billing_code": unique(),
                "bank_reference": unique()}
        for wrong in (idr - 1, idr + 1):
            refused = api.post("/api/v1/dkptka/", json={**body, "idr_amount": wrong})
            assert refused.status_code == 422, (months, positions, rate, wrong)
            assert "idr_amount" in refused.get_json()["message"]
        response = api.post("/api/v1/dkptka/", json={**body, "idr_amount": idr})
        assert response.status_code == 201, (months, positions, rate, response.get_json())
        assert response.get_json()["result"]["idr_amount"] == idr


def test_every_wrong_figure_is_shown_at_its_field_and_the_input_is_kept(app, db, client_as):
    worker = make_worker(app, db)
    data = form(worker, months=3, usd_amount="400", idr_amount="123", billing_code="TETAP-" + unique())
    response = client_as("operator").post("/dkptkapaymentview/add", data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    page = text_of(response)
    assert "Jumlah USD seharusnya 300" in page and "Jumlah rupiah seharusnya 6.500" in page
    assert data["billing_code"] in response.get_data(as_text=True)  # what was typed stays


def test_a_half_rupiah_is_rounded_upwards_on_the_screen(app, db, client_as):
    worker = make_worker(app, db)
    # USD 100 × 15.005 = 1,500.5 rupiah → 1,501 (half up), never 1,500 (half even or truncated)
    payment = submit(db, client_as("operator"), worker, months=1, rate="15.005", idr_amount="1501")
    assert payment.idr_amount == 1501
    response = client_as("operator").post("/dkptkapaymentview/add", content_type="multipart/form-data",
                                          data=form(worker, months=1, rate="15.005", idr_amount="1500"))
    assert response.status_code == 200 and "Jumlah rupiah seharusnya 1.501" in text_of(response)


# ---- where the payment belongs -----------------------------------------------------------------------------

def test_a_worker_outside_the_regency_is_refused_with_where_it_belongs(app, db, client_as, api_as):
    from app.foreign_workers import services

    kec = make_worker(app, db).locations[0].kecamatan_code
    two_regencies = make_worker(app, db, places=[services.Place(kecamatan_code=kec),
                                                 services.Place(regency_code="36.71")])
    response = client_as("operator").post("/dkptkapaymentview/add", data=form(two_regencies),
                                          content_type="multipart/form-data")
    assert response.status_code == 200
    assert "Provinsi Banten" in text_of(response) and "bukan di sini" in text_of(response)
    two_provinces = make_worker(app, db, places=[services.Place(kecamatan_code=kec),
                                                 services.Place(regency_code="31.74", regency_name="Jakarta Selatan")])
    body = {"worker_id": two_provinces.id, "rptka_number": "B.3/9", "rptka_start": "2027-01-01",
            "rptka_end": "2027-12-31", "months": 12, "positions": 1, "usd_amount": 1200, "exchange_rate": "16000",
            "rate_date": "2026-11-27", "idr_amount": 19200000, "billing_code": unique(), "bank_reference": unique()}
    refused = api_as("operator").post("/api/v1/dkptka/", json=body)
    assert refused.status_code == 422 and "Kementerian" in str(refused.get_json()["message"])


# ---- the flow, the receipt and its number ------------------------------------------------------------------

def test_submit_receive_validate_and_the_receipt(app, db, client_as, head_of_office):
    from pypdf import PdfReader

    from app.core.documents import document_token

    payment = validated(app, db, client_as)
    assert payment.status == "validated" and payment.received_at and payment.validated_at
    year = payment.validated_at.year
    assert payment.number == f"DKPTKA/{payment.serial:04d}/{year}"
    response = client_as("operator").get(f"/dkptkapaymentview/tanda-terima/{payment.id}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.data)).pages)
    assert payment.number in text and HEAD_NAME in text and HEAD_NIP in text
    assert "Rp" + f"{payment.idr_amount:,}".replace(",", ".") in text and "USD 1.200" in text
    for username in ("bendahara", "petugas.tka", "kadis"):
        assert client_as(username).get(f"/dkptkapaymentview/tanda-terima/{payment.id}").status_code == 200
    # The QR's link verifies; a forged or altered token does not.
    public = app.test_client()
    with app.app_context():
        token = document_token("dkptka", payment.id)
    page = public.get(f"/verify/{token}")
    assert page.status_code == 200 and payment.number in text_of(page) and "Tervalidasi" in text_of(page)
    assert public.get(f"/verify/{token[:-2]}xx").status_code == 404
    from itsdangerous import URLSafeSerializer

    forged = URLSafeSerializer("not-the-secret", salt="dnaker-document").dumps(["dkptka", payment.id])
    assert public.get(f"/verify/{forged}").status_code == 404


def test_receipt_numbers_are_gap_free_even_when_a_validation_is_refused(app, db, client_as, head_of_office):
    from app.foreign_workers import services

    first = validated(app, db, client_as)
    # A worker moved out of the regency after submitting: validation refused, no number drawn.
    moved = make_worker(app, db)
    payment = submit(db, client_as("operator"), moved)
    assert decide(client_as("bendahara"), payment, "receive").status_code == 302
    moved = db.session.merge(moved)
    services.set_locations(moved, [services.Place(regency_code="36.71")])
    db.session.commit()
    refused = decide(client_as("petugas.tka"), payment, "validate")
    assert refused.status_code == 422 and "Kota Tangerang" in text_of(refused)
    second, third = validated(app, db, client_as), validated(app, db, client_as)
    assert [first.serial + 1, first.serial + 2] == [second.serial, third.serial]
    assert third.number == f"DKPTKA/{third.serial:04d}/{third.validated_at.year}"
    db.session.expire_all()
    assert db.session.get(type(payment), payment.id).number is None


def test_the_treasurer_returns_and_the_operator_resubmits(app, db, client_as):
    payment = submit(db, client_as("operator"), make_worker(app, db))
    treasurer = client_as("bendahara")
    missing = decide(treasurer, payment, "return", note="")
    assert missing.status_code == 422
    assert decide(treasurer, payment, "return", reason="jumlah_berbeda", note="Masuk Rp100 kurang").status_code == 302
    operator = client_as("operator")
    page = text_of(operator.get(f"/dkptkapaymentview/show/{payment.id}"))
    assert "Dikembalikan bendahara" in page and "Masuk Rp100 kurang" in page
    assert decide(operator, payment, "resubmit").status_code == 302
    db.session.expire_all()
    assert db.session.get(type(payment), payment.id).status == "submitted"


def test_the_officer_rejects_with_a_listed_reason(app, db, client_as):
    payment = submit(db, client_as("operator"), make_worker(app, db))
    decide(client_as("bendahara"), payment, "receive")
    officer = client_as("petugas.tka")
    assert decide(officer, payment, "reject", reason="bukan-dari-daftar").status_code == 422
    assert decide(officer, payment, "reject", reason="bukti_tidak_sah").status_code == 302
    db.session.expire_all()
    assert db.session.get(type(payment), payment.id).status == "rejected"


# ---- the service clock -------------------------------------------------------------------------------------

def _received_on(db, payment, day):
    at = datetime(day.year, day.month, day.day, 3, 0, tzinfo=timezone.utc)  # 10.00 WIB
    payment.status, payment.received_at, payment.status_changed_at = "received", at, at
    db.session.commit()


def test_validation_is_due_one_working_day_after_the_money_arrived(app, db, client_as):
    from app.reference.calendar import WorkingCalendar

    payment = submit(db, client_as("operator"), make_worker(app, db))
    calendar = WorkingCalendar()
    with app.test_request_context():
        _received_on(db, payment, date(2026, 11, 13))  # a Friday: the weekend does not count
        assert payment.validation_due == date(2026, 11, 16)
        assert not calendar.is_working_day(date(2026, 8, 17))  # Independence Day, a Monday
        _received_on(db, payment, date(2026, 8, 14))  # Friday before it: Tuesday
        assert payment.validation_due == date(2026, 8, 18)
        _received_on(db, payment, date(2026, 11, 18))  # a Wednesday: Thursday
        assert payment.validation_due == date(2026, 11, 19)


def test_a_late_validation_is_flagged_on_the_queue_and_the_home_page(app, db, client_as):
    payment = submit(db, client_as("operator"), make_worker(app, db))
    _received_on(db, payment, date.today() - timedelta(days=10))
    officer = client_as("petugas.tka")
    queue = officer.get("/dkptkavalidationqueueview/list/?psize_DkptkaValidationQueueView=100")
    assert queue.status_code == 200 and f"/show/{payment.id}" in queue.get_data(as_text=True)
    home = officer.get("/").get_data(as_text=True)
    assert 'data-test="overdue-dkptka_validate"' in home
    treasurer_home = text_of(client_as("bendahara").get("/"))
    assert "Pembayaran DKPTKA menunggu konfirmasi dana" in treasurer_home
    decide(officer, payment, "validate")  # without a signatory it may be refused; the flag is what counts here


# ---- tenancy and permissions -------------------------------------------------------------------------------

def test_another_company_sees_nothing(app, db, client_as, api_as, head_of_office):
    payment = validated(app, db, client_as)
    other = client_as("operator2")
    for url in (f"/dkptkapaymentview/show/{payment.id}", f"/dkptkapaymentview/tanda-terima/{payment.id}",
                f"/files/{payment.proof_file_id}"):
        assert other.get(url).status_code == 404, url
    assert decide(other, payment, "resubmit").status_code in (403, 404)
    listing = other.get("/dkptkapaymentview/list/").get_data(as_text=True)
    assert f"/show/{payment.id}\"" not in listing
    api = api_as("operator2")
    assert api.get(f"/api/v1/dkptka/{payment.id}").status_code == 404
    assert api.post(f"/api/v1/dkptka/{payment.id}/proof",
                    data={"file": (BytesIO(PROOF_PDF), "b.pdf")}).status_code == 404
    worker = make_worker(app, db)  # operator's worker, named by another company's operator
    body = {"worker_id": worker.id, "rptka_number": "B.3/9", "rptka_start": "2027-01-01",
            "rptka_end": "2027-12-31", "months": 12, "positions": 1, "usd_amount": 1200, "exchange_rate": "16000",
            "rate_date": "2026-11-27", "idr_amount": 19200000, "billing_code": unique(), "bank_reference": unique()}
    assert api.post("/api/v1/dkptka/", json=body).status_code in (404, 422)


def test_each_role_takes_only_its_own_decision(app, db, client_as, api_as):
    payment = submit(db, client_as("operator"), make_worker(app, db))
    assert decide(client_as("operator"), payment, "receive").status_code == 403
    assert decide(client_as("petugas.tka"), payment, "receive").status_code == 403
    assert decide(client_as("kadis"), payment, "receive").status_code == 403
    assert api_as("petugas.tka").post(f"/api/v1/dkptka/{payment.id}/receive").status_code == 403
    assert decide(client_as("bendahara"), payment, "receive").status_code == 302
    assert decide(client_as("bendahara"), payment, "validate").status_code == 403
    assert client_as("bendahara").get("/dkptkapaymentview/add").status_code in (302, 403)
    assert client_as("kadis").get("/dkptkapaymentview/list/").status_code == 200
    assert client_as("pencaker").get("/dkptkapaymentview/list/").status_code in (302, 403)


def test_a_proof_that_is_not_a_pdf_or_image_is_refused(app, db, client_as):
    """Checked by content: an executable named .pdf is refused, and nothing is stored."""
    worker = make_worker(app, db)
    data = form(worker, proof=(BytesIO(b"MZ\x90\x00 not a pdf"), "bukti.pdf"))
    response = client_as("operator").post("/dkptkapaymentview/add", data=data, content_type="multipart/form-data")
    assert response.status_code == 200 and "Berkas harus berformat JPG, PDF atau PNG" in text_of(response)
    from app.foreign_workers.payments import DkptkaPayment

    assert db.session.query(DkptkaPayment).filter_by(billing_code=data["billing_code"]).count() == 0


# ---- a payment for an extension request -------------------------------------------------------------------

def extension_request(db, worker, status="approved", start=date(2027, 1, 1), end=date(2027, 12, 31)):
    from app.foreign_workers.extensions import ExtensionRequest

    req = ExtensionRequest(company_id=worker.company_id, worker_id=worker.id, requested_on=date(2026, 10, 1),
                           current_rptka_end=worker.rptka_end, due_by=date(2026, 11, 18), late=False,
                           period_start=start, period_end=end, months=12, reason="Proyek berlanjut", status=status,
                           new_rptka_number="B.3/888/PK.04/2027" if status == "approved" else None)
    db.session.add(req)
    db.session.commit()
    return req


def test_a_payment_opened_from_its_extension_request_is_prefilled_and_its_validation_releases_it(
        app, db, client_as, head_of_office):
    worker = make_worker(app, db)
    req = extension_request(db, worker)
    operator = client_as("operator")
    page = operator.get(f"/tkaextensionview/show/{req.id}")
    assert "Belum ada pembayaran tervalidasi" in text_of(page) and f"/dkptkapaymentview/add?perpanjangan={req.id}" \
        in page.get_data(as_text=True)
    form_page = operator.get(f"/dkptkapaymentview/add?perpanjangan={req.id}").get_data(as_text=True)
    assert f'<option selected value="{worker.id}"' in form_page or f'value="{worker.id}" selected' in form_page
    assert 'value="01-01-2027"' in form_page and 'value="31-12-2027"' in form_page
    assert 'value="B.3/888/PK.04/2027"' in form_page  # the Ministry's new RPTKA number
    payment = submit(db, operator, worker, extension=str(req.id))
    assert payment.extension_id == req.id
    assert payment.number is None and "Belum ada pembayaran tervalidasi" in text_of(
        operator.get(f"/tkaextensionview/show/{req.id}"))
    assert decide(client_as("bendahara"), payment, "receive").status_code == 302
    assert decide(client_as("petugas.tka"), payment, "validate").status_code == 302
    db.session.expire_all()
    page = text_of(operator.get(f"/tkaextensionview/show/{req.id}"))
    assert db.session.get(type(req), req.id).released_at is not None
    assert "Tervalidasi, perpanjangan dirilis" in page and db.session.get(type(payment), payment.id).number in page
    assert "Ajukan pembayaran DKPTKA" not in page  # released: nothing more to pay


def test_a_payment_must_fit_its_extension_request_and_no_month_is_paid_twice(app, db, client_as, api_as):
    worker, other = make_worker(app, db), make_worker(app, db)
    operator = client_as("operator")
    others_request = extension_request(db, other)
    refused = operator.post("/dkptkapaymentview/add", content_type="multipart/form-data",
                            data=form(worker, extension=str(others_request.id)))
    assert refused.status_code == 200 and "dari TKA yang sama" in text_of(refused)
    rejected = extension_request(db, worker, status="rejected")
    refused = operator.post("/dkptkapaymentview/add", content_type="multipart/form-data",
                            data=form(worker, extension=str(rejected.id)))
    assert refused.status_code == 200 and "Pilihan tidak valid" in text_of(refused)  # not offered on the form
    short = extension_request(db, worker, status="submitted", end=date(2027, 6, 30))
    refused = operator.post("/dkptkapaymentview/add", content_type="multipart/form-data",
                            data=form(worker, extension=str(short.id)))
    assert refused.status_code == 200 and "di dalam masa perpanjangan 01-01-2027 s.d. 30-06-2027" in text_of(refused)
    refused = operator.post("/dkptkapaymentview/add", content_type="multipart/form-data",
                            data={**form(worker), "months": "11"})
    assert refused.status_code == 200 and "Jumlah bulan seharusnya 12" in text_of(refused)
    first = submit(db, operator, worker)
    again = operator.post("/dkptkapaymentview/add", content_type="multipart/form-data", data=form(worker))
    assert again.status_code == 200 and f"#{first.id}" in text_of(again)  # the same months again: refused
    body = {"worker_id": worker.id, "extension_id": others_request.id, "rptka_number": "B.3/9",
            "rptka_start": "2028-01-01", "rptka_end": "2028-12-31", "months": 12, "positions": 1,
            "usd_amount": 1200, "exchange_rate": "16000", "rate_date": "2026-11-27", "idr_amount": 19200000,
            "billing_code": unique(), "bank_reference": unique()}
    response = api_as("operator").post("/api/v1/dkptka/", json=body)
    assert response.status_code == 422 and "dari TKA yang sama" in response.get_json()["message"]
    response = api_as("operator").post("/api/v1/dkptka/", json={**body, "extension_id": rejected.id})
    assert response.status_code == 422 and "ditolak" in response.get_json()["message"]
    assert db.session.query(type(first)).filter_by(billing_code=body["billing_code"]).count() == 0


def test_another_companys_extension_request_cannot_open_a_payment_form(app, db, client_as):
    theirs = extension_request(db, make_worker(app, db, username="operator2"))
    assert client_as("operator").get(f"/dkptkapaymentview/add?perpanjangan={theirs.id}").status_code == 404


def test_a_payment_the_treasurer_confirmed_offers_no_change(app, db, client_as):
    payment = submit(db, client_as("operator"), make_worker(app, db))
    operator = client_as("operator")
    assert 'data-test="edit"' in operator.get(f"/dkptkapaymentview/show/{payment.id}").get_data(as_text=True)
    assert decide(client_as("bendahara"), payment, "receive").status_code == 302
    page = operator.get(f"/dkptkapaymentview/show/{payment.id}").get_data(as_text=True)
    assert 'data-test="edit"' not in page
    refused = operator.post(f"/dkptkapaymentview/edit/{payment.id}", content_type="multipart/form-data",
                            data=form(payment.worker))
    assert "tidak dapat diubah" in text_of(refused)
