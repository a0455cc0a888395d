"""List counts that do not grow with the table: exact up to LIST_EXACT_COUNT_LIMIT rows, beyond it "lebih dari
N" with previous/next paging, on screens and in the API; the count never reads more than the limit + 1 rows.
Exports keep their exact count (tests/test_exports.py)."""
import re

import pytest

from tests.conftest import ADMIN_PASSWORD, text_of
from tests.test_browser import base_url, browser, new_page, shots  # noqa: F401  (fixtures)

REGIONS = "/regionview/list/"  # hundreds of rows in the reference data


@pytest.fixture()
def limit(app, monkeypatch):
    monkeypatch.setitem(app.config, "LIST_EXACT_COUNT_LIMIT", 50)
    return 50


def test_a_large_list_says_more_than_the_limit_and_pages_by_previous_and_next(client_as, limit):
    client = client_as("admin", ADMIN_PASSWORD)
    page = text_of(client.get(REGIONS))
    assert "lebih dari 50" in page
    assert "Berikutnya" in page
    html = client.get(REGIONS).get_data(as_text=True)
    assert 'class="pagination' not in html  # no page-number row that would need the exact count
    second = client.get(REGIONS + "?page_RegionView=1").get_data(as_text=True)
    assert "Sebelumnya" in text_of(client.get(REGIONS + "?page_RegionView=1"))
    assert "page_RegionView=0" in second and "page_RegionView=2" in second


def test_a_small_result_keeps_its_exact_count_and_page_numbers(client_as, limit):
    client = client_as("admin", ADMIN_PASSWORD)
    page = text_of(client.get(REGIONS + "?_flt_0_level=kecamatan"))
    assert "lebih dari" not in page
    count = int(re.search(r"Jumlah Data: (\d+)|Record Count: (\d+)", page).group(1) or 0)
    assert 0 < count <= limit


def test_a_text_search_counts_to_its_own_lower_limit(client_as, api_as, app, monkeypatch):
    """Each "contains" match is checked in the table, not the index: a name search counts to
    LIST_SEARCH_COUNT_LIMIT, a filter by a value to LIST_EXACT_COUNT_LIMIT."""
    monkeypatch.setitem(app.config, "LIST_SEARCH_COUNT_LIMIT", 5)
    client = client_as("admin", ADMIN_PASSWORD)
    assert "lebih dari 5" in text_of(client.get(REGIONS + "?_flt_2_name=a"))  # contains "a": hundreds
    page = text_of(client.get(REGIONS + "?_flt_3_level=kecamatan"))  # equal: every kecamatan, counted
    assert "lebih dari" not in page
    assert int(re.search(r"(?:Jumlah Data|Record Count): (\d+)", page).group(1)) > 5
    monkeypatch.setitem(app.config, "LIST_SEARCH_COUNT_LIMIT", 1)
    api = api_as("admin", ADMIN_PASSWORD)
    body = api.get("/api/v1/company/?q=(filters:!((col:name,opr:ct,value:PT)))").get_json()
    assert body["count"] == 1 and body["count_is_estimate"] is True and len(body["result"]) > 1


def test_the_count_reads_at_most_the_limit_plus_one_rows(client_as, limit, statements):
    client = client_as("admin", ADMIN_PASSWORD)
    client.get(REGIONS)
    counts = [s for s in statements if "count(" in s.lower() and "region" in s]
    assert counts and all(re.search(r"LIMIT", s) for s in counts), counts


def test_the_api_says_when_its_count_is_only_a_lower_bound(api_as, app, limit):
    api = api_as("admin", ADMIN_PASSWORD)
    from app.extensions import db
    from app.companies.models import Company

    with app.app_context():
        companies = db.session.query(Company).count()
    app.config["LIST_EXACT_COUNT_LIMIT"] = companies + 5
    body = api.get("/api/v1/company/").get_json()
    assert body["count"] == companies and body["count_is_estimate"] is False
    app.config["LIST_EXACT_COUNT_LIMIT"] = companies - 1
    body = api.get("/api/v1/company/").get_json()
    assert body["count"] == companies - 1 and body["count_is_estimate"] is True


def _searched_text():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "migrations" / "versions" / "0012_list_search_indexes.py"
    spec = importlib.util.spec_from_file_location("migration_0012", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [(table, column) for table, columns in module.SEARCHED_TEXT.items() for column in columns]


@pytest.mark.parametrize("table,column", _searched_text())
def test_a_contains_search_reads_the_trigram_index_on_postgresql(db, table, column):
    from sqlalchemy import text

    if db.engine.dialect.name != "postgresql":
        pytest.skip("trigram indexes are PostgreSQL's")
    with db.engine.connect() as conn:
        conn.execute(text("SET enable_seqscan = off"))
        plan = "\n".join(conn.execute(text(f"EXPLAIN SELECT * FROM {table} WHERE {column} ILIKE :term"),
                                      {"term": "%ahmad%"}).scalars())
    assert f"ix_{table}_{column}_trgm" in plan, plan


def test_the_worker_name_search_of_the_pkwt_register_is_a_trigram_search(client_as, statements, db):
    """The register's name filter is the ILIKE the index serves (FAB's "contains")."""
    client = client_as("admin", ADMIN_PASSWORD)
    assert client.get("/pkwtcontractview/list/?_flt_2_full_name=ahmad").status_code == 200
    assert any(re.search(r"lower\(pkwt_contract\.full_name\) LIKE lower|pkwt_contract\.full_name I?LIKE", s)
               for s in statements), statements


def test_a_first_page_that_is_not_full_is_its_own_count(client_as, limit, statements):
    """A NIK looked up or a narrow filter: every match is on the first page, so no count statement is sent."""
    client = client_as("admin", ADMIN_PASSWORD)
    statements.clear()
    page = text_of(client.get(REGIONS + "?_flt_3_code=36.03"))  # the regency itself: one row
    assert not [s for s in statements if "count(" in s.lower() and "region" in s], statements
    assert re.search(r"(Jumlah Data|Record Count): 1\b", page), page
    statements.clear()
    text_of(client.get(REGIONS + "?_flt_3_code=36.03&page_RegionView=1"))  # past the matches: counted
    assert [s for s in statements if "count(" in s.lower() and "region" in s]


@pytest.mark.parametrize("table,where,index", [
    ("job_seeker", "kecamatan_code = '36.03.08' AND status = 'active'", "ix_job_seeker_kecamatan_status"),
    ("pkwt_contract", "nik = '3603020106852355'", "ix_pkwt_contract_nik"),
    ("pkwt_contract", "minimum_wage_missing = true", "ix_pkwt_contract_minimum_wage_missing"),  # FAB's filter
    ("pkwt_contract", "minimum_wage_missing", "ix_pkwt_contract_minimum_wage_missing"),  # the home queue
    ("ak1_card", "status = 'issued' AND issued_at BETWEEN '2026-01-01' AND '2026-02-01'", "ix_ak1_card_status_issued"),
])
def test_the_officers_lookups_read_an_index_on_postgresql(db, table, where, index):
    """Seekers by kecamatan and status (counted from the index alone), a worker's contracts at every company, the
    contracts waiting for a UMK, the AK-1 re-reports due (home queues)."""
    from sqlalchemy import text

    if db.engine.dialect.name != "postgresql":
        pytest.skip("the plan is PostgreSQL's")
    with db.engine.connect() as conn:
        conn.execute(text("SET enable_seqscan = off"))
        plan = "\n".join(conn.execute(text(f"EXPLAIN SELECT count(*) FROM {table} WHERE {where}")).scalars())
    assert index in plan, plan


def test_the_big_lists_searched_columns_keep_a_finer_histogram_on_postgresql(db):
    """With the default histogram PostgreSQL took a common name for 3 % of a million contracts and counted its
    matches by reading the table from the start (100 ms) instead of through the trigram index (migration 0025)."""
    from sqlalchemy import text

    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's planner statistics")
    with db.engine.connect() as conn:
        targets = dict(conn.execute(text(
            "SELECT attrelid::regclass::text || '.' || attname, attstattarget FROM pg_attribute "
            "WHERE attrelid IN ('pkwt_contract'::regclass, 'job_seeker'::regclass, 'company'::regclass)"
            " AND attname IN ('full_name', 'name')")).all())
    assert targets == {"pkwt_contract.full_name": 1000, "job_seeker.full_name": 1000, "company.name": 1000}


@pytest.mark.browser
@pytest.mark.parametrize("width", [1366, 390])
def test_an_officer_pages_through_a_name_search_by_next_and_previous(new_page, shots, width):
    """More matches than a search counts (LIST_SEARCH_COUNT_LIMIT, 100): "lebih dari 100", then
    Berikutnya/Sebelumnya instead of page numbers (the demo register has a few hundred names with an "a")."""
    from tests.test_browser import expect, list_rows, log_in

    more = re.compile(r"lebih dari 100\b")
    page = new_page()
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, "petugas.ak")
    page.goto("/jobseekerview/list/?_flt_2_full_name=a&psize_JobSeekerView=10")
    expect(page.get_by_text(more)).to_be_visible()
    assert not page.locator("ul.pagination").count()  # no page numbers: they would need the exact count
    first = list_rows(page).all_inner_texts()
    assert len(first) == 10 and all("a" in row.lower() for row in first)
    page.get_by_role("link", name=re.compile("Berikutnya")).click()
    expect(page.get_by_text("(halaman 2)")).to_be_visible()
    second = list_rows(page).all_inner_texts()
    assert second and not set(second) & set(first)
    assert "_flt_2_full_name=a" in page.url  # the search stays
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # the table scrolls in its own box
    page.screenshot(path=shots / f"search-next-{width}.png", full_page=True)
    page.get_by_role("link", name=re.compile("Sebelumnya")).click()
    expect(page.get_by_text(more)).to_be_visible()
    assert list_rows(page).all_inner_texts() == first
