"""Operator A cannot read, change, delete, act on, download or export anything of company B — through
screens or the API — for every model that has an owner. The owner is set by the server."""
import pytest
from flask_appbuilder.baseviews import AbstractViewApi

from app.core.views import AppModelView, AppRestApi
from tests.conftest import text_of, unique


def _company_of(db, username):
    from app.security.models import AppUser

    return db.session.query(AppUser).filter_by(username=username).one().company


@pytest.fixture()
def foreign_rows(db):
    """One row of every company-owned model, belonging to company B (operator2's)."""
    from app.companies.models import Branch

    company_b = _company_of(db, "operator2")
    branch = Branch(company_id=company_b.id, name="Cabang B " + unique(), address="Jl. B",
                    kecamatan_code=company_b.kecamatan_code, headcount=3)
    db.session.add(branch)
    db.session.commit()
    from tests.pkwt_support import approved, contract

    submission = approved(db, contract(kind="harian", wage_payment="harian"), username="operator2")
    from datetime import date

    from app.contracts.services import report_days

    report = report_days(submission.contracts[0], date(2026, 1, 1), 20)
    db.session.commit()
    # Issue 10: a vacancy of company B with an application, a placement and a job-fair participation.
    from app.core.models import utcnow
    from app.vacancies.models import FairCompany, JobFair, Placement
    from app.vacancies.placements import record_placement
    from tests.applications_support import applied, seeker_with_card, vacancy

    vacancy_b = vacancy(db, username="operator2", slots_any=3)
    application = applied(db, seeker_with_card(db)[0], vacancy_b)
    placed, card = seeker_with_card(db)
    placement = record_placement(placed, card, company=company_b, vacancy=vacancy_b, placed_on=date.today(),
                                 placement_type="AKL", position=vacancy_b.title, kbji_code=vacancy_b.kbji_code)
    fair = JobFair(name="Bursa " + unique(), slug="bursa-" + unique().lower(), mode="daring",
                   starts_on=date.today(), ends_on=date.today(), online_url="https://contoh.id/bursa")
    db.session.add(fair)
    db.session.flush()
    participation = FairCompany(fair_id=fair.id, company_id=company_b.id, submitted_at=utcnow())
    db.session.add(participation)
    db.session.commit()
    assert isinstance(placement, Placement)
    from app.vacancies.models import VacancySlotEvent

    filled = db.session.query(VacancySlotEvent.id).filter_by(placement_id=placement.id).scalar()  # the slot it filled
    # Issue 12: a foreign worker of company B with a location and an event.
    from app.foreign_workers import services as tka
    from app.foreign_workers.models import ForeignWorker

    worker = ForeignWorker(company_id=company_b.id, full_name="TKA B " + unique(), sex="L",
                           birth_date=date(1980, 1, 1), nationality="CN", passport_number=unique("B"),
                           position="Manajer", rptka_number="B.3/1", rptka_start=date(2026, 1, 1),
                           rptka_end=date(2027, 12, 31))
    tka.set_locations(worker, [tka.Place(regency_code="36.71")])
    db.session.add(worker)
    db.session.flush()
    event = tka.record_event(worker, "arrival", date(2026, 1, 5))
    from app.foreign_workers.payments import DkptkaPayment

    payment = DkptkaPayment(company_id=company_b.id, worker_id=worker.id, rptka_number="B.3/2",
                            rptka_start=date(2028, 1, 1), rptka_end=date(2028, 12, 31), months=12, positions=1,
                            usd_amount=1200, exchange_rate=16000, rate_date=date(2026, 1, 5), idr_amount=19200000,
                            billing_code="8201", bank_reference="REF-B", submitted_at=utcnow())
    db.session.add(payment)
    db.session.commit()
    # Issue 12 part 2: an RPTKA extension request of that worker.
    from app.foreign_workers.extensions import ExtensionRequest

    extension = ExtensionRequest(company_id=company_b.id, worker_id=worker.id, requested_on=date(2026, 6, 1),
                                 current_rptka_end=worker.rptka_end, due_by=date(2027, 11, 15), late=False,
                                 period_start=date(2028, 1, 1), period_end=date(2028, 12, 31), months=12,
                                 reason="Proyek berlanjut", status="submitted")
    db.session.add(extension)
    db.session.commit()
    tka_rows = {"foreign_worker": worker.id, "foreign_worker_location": worker.locations[0].id,
                "foreign_worker_event": event.id, "tka_extension_request": extension.id,
                "dkptka_payment": payment.id}
    return {**tka_rows, "company": company_b.id, "branch": branch.id, "pkwt_submission": submission.id,
            "pkwt_contract": submission.contracts[0].id, "pkwt_daily_report": report.id, "vacancy": vacancy_b.id,
            "application": application.id, "placement": placement.id, "fair_company": participation.id,
            "vacancy_slot_event": filled}


def _label(row):
    """What a list or export shows of the row."""
    return getattr(row, "name", None) or getattr(row, "full_name", None) or getattr(row, "number", None)


def _owned_views(app, kind):
    return [v for v in app.appbuilder.baseviews
            if isinstance(v, AbstractViewApi) and getattr(v, "datamodel", None) is not None
            and "company" in (getattr(v.datamodel.obj, "__tenant__", None) or {})
            and isinstance(v, kind)]


def test_every_owned_screen_hides_company_b(app, db, client_as, foreign_rows):
    client = client_as("operator")
    views = _owned_views(app, AppModelView)
    assert {v.datamodel.obj.__tablename__ for v in views} >= {"company", "branch"}
    for view in views:
        table = view.datamodel.obj.__tablename__
        pk = foreign_rows[table]
        base = view.route_base
        assert client.get(f"{base}/show/{pk}").status_code == 404, base
        assert client.get(f"{base}/edit/{pk}").status_code in (403, 404), base  # no right, or not found
        assert client.post(f"{base}/edit/{pk}", data={"name": "diambil alih"}).status_code in (403, 404)
        assert client.post(f"{base}/delete/{pk}").status_code in (403, 404)  # no right, or not found
        listing = client.get(f"{base}/list/?psize_{type(view).__name__}=100")
        assert f"/show/{pk}\"" not in listing.get_data(as_text=True), f"{base} lists a row of company B"
        export = client.get(f"{base}/export/")
        if export.status_code == 200:
            from io import BytesIO
            from openpyxl import load_workbook

            cells = {str(c.value) for row in load_workbook(BytesIO(export.data)).active.iter_rows() for c in row}
            row = db.session.get(view.datamodel.obj, pk)
            assert _label(row) not in cells, f"{base} exports a row of company B"
        for name in view.actions:
            response = client.post(f"{base}/action_post", data={"action": name, "rowid": [str(pk)]})
            assert response.status_code in (302, 403, 404)
    db.session.expire_all()
    from app.companies.models import Branch, Company

    assert db.session.get(Branch, foreign_rows["branch"]) is not None
    assert db.session.get(Company, foreign_rows["company"]).name != "diambil alih"


def test_every_owned_api_hides_company_b(app, db, api_as, foreign_rows):
    api = api_as("operator")
    apis = _owned_views(app, AppRestApi)
    assert {a.datamodel.obj.__tablename__ for a in apis} >= {"company", "branch"}
    for resource in apis:
        base = f"/api/v1/{resource.resource_name}"
        pk = foreign_rows[resource.datamodel.obj.__tablename__]
        assert api.get(f"{base}/{pk}").status_code == 404
        # no right, no such method on a read-only resource, or not found
        assert api.put(f"{base}/{pk}", json={"name": "diambil alih"}).status_code in (403, 404, 405)
        assert api.delete(f"{base}/{pk}").status_code in (403, 404, 405)
        listed = api.get(f"{base}/?q=(page_size:100)").get_json()
        assert pk not in listed["ids"]
    from app.companies.models import Branch

    db.session.expire_all()
    assert db.session.get(Branch, foreign_rows["branch"]) is not None


def test_owner_is_set_by_the_server_and_cannot_be_moved(db, api_as, foreign_rows):
    from app.companies.models import Branch

    company_a = _company_of(db, "operator")
    api = api_as("operator")
    # No owner given: the server sets it.
    created = api.post("/api/v1/branch/", json={"name": "Cabang A " + unique(), "address": "Jl. A",
                                                "kecamatan_code": company_a.kecamatan_code, "headcount": 1})
    assert created.status_code == 201 and created.get_json()["result"]["company_id"] == company_a.id
    # Creating straight into company B is refused and stores nothing.
    before = db.session.query(Branch).count()
    refused = api.post("/api/v1/branch/", json={"name": "Titipan", "address": "Jl. A", "headcount": 1,
                                                "kecamatan_code": company_a.kecamatan_code,
                                                "company_id": foreign_rows["company"]})
    assert refused.status_code == 404
    assert db.session.query(Branch).count() == before
    # Moving an own row to company B is refused.
    branch_id = created.get_json()["id"]
    assert api.put(f"/api/v1/branch/{branch_id}", json={"company_id": foreign_rows["company"]}).status_code == 404
    db.session.expire_all()
    assert db.session.get(Branch, branch_id).company_id == company_a.id


def test_related_choices_offer_only_own_rows(db, client_as, foreign_rows):
    page = client_as("operator").get("/branchview/add").get_data(as_text=True)
    company_a, company_b = _company_of(db, "operator"), _company_of(db, "operator2")
    assert company_a.name in page and company_b.name not in page


def test_staff_see_all_companies(db, client_as, foreign_rows):
    page = text_of(client_as("petugas.ak").get(f"/companyview/show/{foreign_rows['company']}"))
    assert _company_of(db, "operator2").name in page
