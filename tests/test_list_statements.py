"""Every list page of the app, as the administrator and as a company operator, sends at most CEILING SQL statements
per request, the user, role, permission and notification look-ups included: the shown relations load with the rows,
never one query per row or per relation, a relation filter's named row included, first page and page 500 alike."""
import pytest
from flask import url_for
from flask_appbuilder.baseviews import BaseCRUDView

from tests.conftest import ADMIN_PASSWORD, DEMO_PASSWORD

CEILING = 6


def _list_pages(app):
    """Each list page as first opened and at page 500 (the deep page reads its keys first)."""
    pages = []
    with app.test_request_context():
        for view in app.appbuilder.baseviews:
            if isinstance(view, BaseCRUDView) and f"{view.endpoint}.list" in app.view_functions:
                url = url_for(f"{view.endpoint}.list")
                pages += [url, f"{url}?page_{type(view).__name__}=499"]
    return pages


@pytest.mark.parametrize("username,password", [("admin", ADMIN_PASSWORD), ("operator", DEMO_PASSWORD)])
def test_every_list_page_sends_a_handful_of_statements(app, client_as, statements, username, password):
    client = client_as(username, password)
    too_many, opened = [], 0
    for url in _list_pages(app):
        statements.clear()
        response = client.get(url)
        if response.status_code != 200:
            continue  # not this user's page
        opened += 1
        if len(statements) > CEILING:
            too_many.append(f"{url}: {len(statements)} > {CEILING}\n    "
                            + "\n    ".join(s.split(" FROM ")[-1][:140].replace("\n", " ") for s in statements))
    assert opened > 5
    assert not too_many, "\n".join(too_many)


def test_the_api_lists_send_a_handful_of_statements(app, api_as, statements):
    api = api_as("operator", DEMO_PASSWORD)
    for url in ("/api/v1/pkwt/", "/api/v1/pkwt-submission/", "/api/v1/company/", "/api/v1/branch/"):
        statements.clear()
        response = api.get(url)
        assert response.status_code == 200, url
        assert len(statements) <= CEILING, (url, statements)


def test_a_list_filtered_by_a_relation_sends_a_handful_of_statements(app, client_as, db, statements):
    """The related row a filter names (a kecamatan) is read once, not once per query the filter builds."""
    from app.seekers.models import JobSeeker

    kecamatan = db.session.query(JobSeeker.kecamatan_code).filter(JobSeeker.kecamatan_code.isnot(None)).first()[0]
    client = client_as("admin", ADMIN_PASSWORD)
    statements.clear()
    response = client.get(f"/jobseekerview/list/?_flt_0_kecamatan={kecamatan}&_flt_0_status=active")
    assert response.status_code == 200
    assert len(statements) <= CEILING, statements


def _filtered_pages(app, db):
    """For every list view, a URL per search column, filtered by that column's first filter with a value of its
    type (a related row's key, a date, a word, a number, a flag)."""
    from sqlalchemy import inspect as sa_inspect

    pages = []
    with app.test_request_context():
        for view in app.appbuilder.baseviews:
            if not isinstance(view, BaseCRUDView) or f"{view.endpoint}.list" not in app.view_functions:
                continue
            model = view.datamodel
            for column in view.search_columns:
                if model.is_relation(column):
                    related = model.get_related_model(column)
                    row = db.session.query(related).first()
                    if row is None:
                        continue
                    value = sa_inspect(row).identity[0]
                elif model.is_date(column) or model.is_datetime(column):
                    value = "2026-01-01"
                elif model.is_boolean(column):
                    value = "y"
                elif model.is_integer(column) or model.is_float(column) or model.is_numeric(column):
                    value = "1"
                else:
                    value = "a"
                pages.append(url_for(f"{view.endpoint}.list", **{f"_flt_0_{column}": value}))
    return pages


@pytest.mark.parametrize("username,password", [("admin", ADMIN_PASSWORD), ("operator", DEMO_PASSWORD)])
def test_every_filtered_list_page_sends_a_handful_of_statements(app, db, client_as, statements, username, password):
    """A filter adds its condition to the same queries; a relation filter reads the row it names once."""
    client = client_as(username, password)
    too_many, opened = [], 0
    for url in _filtered_pages(app, db):
        statements.clear()
        response = client.get(url)
        if response.status_code != 200:
            continue
        opened += 1
        if len(statements) > CEILING:
            too_many.append(f"{url}: {len(statements)} > {CEILING}\n    "
                            + "\n    ".join(s.split(" FROM ")[-1][:140].replace("\n", " ") for s in statements))
    assert opened > 20
    assert not too_many, "\n".join(too_many)
