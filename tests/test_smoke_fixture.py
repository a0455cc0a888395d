from tests.conftest import text_of


def test_operator_lists_only_own_company(client_as, db):
    from app.security.models import AppUser
    from app.companies.models import Company

    own = db.session.query(AppUser).filter_by(username="operator").one().company
    other = db.session.query(Company).filter(Company.id != own.id).first()
    page = text_of(client_as("operator").get("/companyview/list/"))
    assert own.name in page and other.name not in page
