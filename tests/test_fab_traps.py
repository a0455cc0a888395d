"""The known Flask-AppBuilder traps, handled: N+1 queries in lists, search forms over every column, page sizes,
and list filters shared between concurrent requests."""
import threading

from sqlalchemy import event

from tests.conftest import login, text_of


def _count_queries(db, call):
    statements = []
    engine = db.engine

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def test_list_queries_do_not_grow_with_rows(app, db, client_as):
    client = client_as("kadis")
    client.get("/companyview/list/")  # warm up
    for view, url in (("CompanyView", "/companyview/list/"), ("BranchView", "/branchview/list/")):
        small = _count_queries(db, lambda: client.get(f"{url}?psize_{view}=5"))
        large = _count_queries(db, lambda: client.get(f"{url}?psize_{view}=40"))
        assert large == small, f"{url}: {small} queries for 5 rows, {large} for 40"


def test_search_form_offers_only_the_declared_columns(client_as):
    page = client_as("kadis").get("/companyview/list/").get_data(as_text=True)
    # FAB's default searches every column: the desa relation alone would put 274 villages in the page.
    assert page.count("<option") < 150
    assert "Telepon narahubung" not in page.split("<table")[0]


def test_filters_are_not_shared_between_concurrent_requests(app, db):
    from app.companies.models import Company

    names = [c.name for c in db.session.query(Company).order_by(Company.id).limit(2)]
    clients = [login(app, "kadis"), login(app, "kadis")]
    results, barrier = {}, threading.Barrier(2)

    def search(i):
        barrier.wait()
        for _ in range(10):
            page = text_of(clients[i].get(f"/companyview/list/?_flt_3_name={names[i]}"))
            results.setdefault(i, set()).add((names[i] in page, names[1 - i] in page))

    threads = [threading.Thread(target=search, args=(i,)) for i in range(2)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert results == {0: {(True, False)}, 1: {(True, False)}}
