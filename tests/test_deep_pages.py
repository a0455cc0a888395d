"""A deep list page, and a page searched by a text pattern, chooses its keys first, then reads those rows
(app/security/tenancy.py, DEFERRED_JOIN_FROM): the rows and their order are exactly those of the plain OFFSET
page, for each order, a relation's order included, and for an operator's own rows."""
import re

import pytest

from tests.conftest import ADMIN_PASSWORD

PAGES = [
    ("admin", "PkwtContractView", "/pkwtcontractview/list/", ""),
    ("admin", "PkwtContractView", "/pkwtcontractview/list/", "&_oc_PkwtContractView=end_date&_od_PkwtContractView=asc"),
    ("admin", "CompanyView", "/companyview/list/", "&_oc_CompanyView=name&_od_CompanyView=desc"),
    ("operator", "PkwtContractView", "/pkwtcontractview/list/", "&_oc_PkwtContractView=full_name&_od_PkwtContractView=asc"),
    ("admin", "JobSeekerView", "/jobseekerview/list/", ""),
]


def shown_rows(response, route):
    return re.findall(re.escape(route.replace("/list/", "/show/")) + r"(\d+)", response.get_data(as_text=True))


@pytest.mark.parametrize("username,view,route,order", PAGES)
def test_a_deep_page_shows_the_rows_of_the_plain_page(client_as, monkeypatch, username, view, route, order):
    from app.security import tenancy

    client = client_as(username, ADMIN_PASSWORD) if username == "admin" else client_as(username)
    url = f"{route}?psize_{view}=5&page_{view}=2{order}"
    monkeypatch.setattr(tenancy, "DEFERRED_JOIN_FROM", 10 ** 9)
    plain = shown_rows(client.get(url), route)
    monkeypatch.setattr(tenancy, "DEFERRED_JOIN_FROM", 1)
    deep = shown_rows(client.get(url), route)
    assert len(plain) == 5 and deep == plain


@pytest.mark.parametrize("order", ["", "&_oc_PkwtContractView=full_name&_od_PkwtContractView=asc"])
def test_a_name_search_reads_its_keys_first_and_shows_the_rows_of_the_plain_page(client_as, monkeypatch,
                                                                                 statements, order):
    """A text pattern would sort every match, all its columns, to keep a page: its keys are read first too."""
    from app.security import tenancy

    client = client_as("admin", ADMIN_PASSWORD)
    route = "/pkwtcontractview/list/"
    url = f"{route}?psize_PkwtContractView=5&_flt_2_full_name=a{order}"
    keys_first = shown_rows(client.get(url), route)
    assert any(re.search(r"WHERE pkwt_contract\.id IN \(SELECT anon_\d+\.id", s) for s in statements)
    monkeypatch.setattr(tenancy, "searched_by_pattern", lambda filters: False)
    plain = shown_rows(client.get(url), route)
    assert len(plain) == 5 and keys_first == plain
