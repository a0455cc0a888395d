"""Referential integrity is the database's on both engines: a row others point at is not deleted from under them
(SQLite enforced nothing until app/extensions.py turned its foreign keys on), and ON DELETE CASCADE cascades."""
from datetime import date

from tests.conftest import ADMIN_PASSWORD, unique


def test_a_company_with_records_is_not_deleted_and_nothing_is_orphaned(app, db, api_as):
    from app.companies.models import Company
    from app.foreign_workers.models import ForeignWorker

    company = db.session.query(Company).join(ForeignWorker, ForeignWorker.company_id == Company.id).first()
    response = api_as("admin", ADMIN_PASSWORD).delete(f"/api/v1/company/{company.id}")
    assert response.status_code == 422 and "masih dirujuk" in response.get_json()["message"]
    db.session.expire_all()
    assert db.session.get(Company, company.id) is not None


def test_deleting_a_worker_cascades_to_its_locations_and_events(app, db):
    from app.companies.models import Company
    from app.foreign_workers.models import ForeignWorker, ForeignWorkerEvent, ForeignWorkerLocation

    company = db.session.query(Company).first()
    worker = ForeignWorker(company_id=company.id, full_name=unique("Kim "), sex="L", birth_date=date(1980, 1, 1),
                           nationality="KR", passport_number=unique("M")[:9].upper(), position="Insinyur",
                           rptka_number="R/1", rptka_start=date(2030, 1, 1), rptka_end=date(2030, 12, 31))
    worker.locations = [ForeignWorkerLocation(company_id=company.id, province_code="36", regency_code="36.03",
                                              regency_name="Kabupaten Tangerang")]
    db.session.add(worker)
    db.session.commit()
    worker_id = worker.id
    db.session.execute(db.delete(ForeignWorker).where(ForeignWorker.id == worker_id))  # SQL, not the ORM's cascade
    db.session.commit()
    assert db.session.query(ForeignWorkerLocation).filter_by(worker_id=worker_id).count() == 0
    assert db.session.query(ForeignWorkerEvent).filter_by(worker_id=worker_id).count() == 0


def test_the_screen_says_why_a_company_with_records_stays(app, db, client_as):
    from app.companies.models import Company
    from app.foreign_workers.models import ForeignWorker
    from tests.conftest import text_of

    company = db.session.query(Company).join(ForeignWorker, ForeignWorker.company_id == Company.id).first()
    admin = client_as("admin", ADMIN_PASSWORD)
    response = admin.post(f"/companyview/delete/{company.id}", follow_redirects=True)
    assert response.status_code == 200
    assert "masih dirujuk oleh data lain dan tidak dapat dihapus" in text_of(response)
    db.session.expire_all()
    assert db.session.get(Company, company.id) is not None
