"""Every list page of every domain, as admin, side by side with Django admin over the same PostgreSQL tables.

    python bench/lists.py --scale 1 [--fresh] [--rounds 12] [--no-peer] [--only JobSeekerView,...] [--label ...]

It first runs bench/build.py's build (at --scale 1: 500k seekers, 40k companies, 1M PKWT; then ANALYZE; a database
already at that volume is only migrated and analyzed). Database: BENCH_DATABASE_URL (default
postgresql://postgres@127.0.0.1:5432/dnaker_bench); the Django peer runs with the interpreter BENCH_DJANGO_PYTHON
(default /tmp/djvenv/bin/python; see bench/README.md). The list pages are found in the app's
``appbuilder.baseviews``; each is requested default, filtered (its first relation or owner id, and status),
searched (contains on its first name-like text column), exact (NIK/NIB/number when it has one) and at page 500,
with values taken from random rows. Each request of ours is followed by the same request to Django admin (one sync
worker each, in-process WSGI calls: server time without the network). Per page: p50/p95, SQL statements, the raw
time of its SQL replayed through the driver (the slowest statement, "main", and all), and the ratios ours/Django
(p50) and ours/main SQL. Appends a table to bench/RESULTS.md."""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.build import ADMIN_PASSWORD, URL, arguments, prepare  # noqa: E402
from bench.common import ensure_database, p95  # noqa: E402

DJANGO_PYTHON = os.environ.get("BENCH_DJANGO_PYTHON", "/tmp/djvenv/bin/python")
# The app's list pages that have a Django admin twin (bench/django_peer/peer/admin.py).
PEER = {"JobSeekerView": "jobseeker", "CompanyView": "company", "BranchView": "branch",
        "PkwtContractView": "pkwtcontract", "PkwtSubmissionView": "pkwtsubmission", "Ak1CardView": "ak1card"}
EXACT_COLUMNS = ("nik", "nib", "npwp", "number")
CODE_COLUMNS = ("status", "sex", "kind", "application_type", "source")  # short codes: no text search


class Page:
    """One list page of one kind: a URL of ours (and Django's) per round, and what was measured."""

    def __init__(self, view, kind, ours, peer):
        self.view, self.kind, self.ours, self.peer = view, kind, ours, peer
        self.ours_ms, self.peer_ms, self.statuses = [], [], set()
        self.statements, self.peer_statements, self.last_sql = 0, None, []

    @property
    def name(self):
        return f"{self.view} {self.kind}"


def discover(app, rounds):
    """Every ModelView's list page, in each kind that its search columns allow."""
    from flask import url_for
    from flask_appbuilder import ModelView

    pages = []
    with app.test_request_context():
        for view in app.appbuilder.baseviews:
            if isinstance(view, ModelView):
                pages += view_pages(view, url_for(f"{view.endpoint}.list"), rounds)
    return pages


def view_pages(view, base, rounds):
    from app.extensions import db

    name, datamodel = type(view).__name__, view.datamodel
    search = datamodel.get_filters(view.search_columns or []).get_search_filters()
    rows = db.session.query(datamodel.obj).order_by(db.func.random()).limit(rounds).all() or [None]
    peer = PEER.get(name)

    def page(kind, conditions):
        """conditions: per row, [(column, FAB filter class name, value)], or None when the row has no value."""
        found = [c for c in map(conditions, rows) if c == [] or (c and all(v is not None for _, _, v in c))]
        if not found:
            return []
        found = (found * rounds)[:rounds]
        ours = [f"{base}?{urlencode(fab_args(search, name, c))}" if c else base for c in found]
        theirs = [f"/admin/peer/{peer}/?{urlencode(django_args(datamodel, c))}" for c in found] if peer else None
        return [Page(name, kind, ours, theirs)]

    relation = next((c for c in search if datamodel.is_relation_many_to_one(c) or c.endswith("_id")), None)
    filtered = [c for c in (relation, "status") if c in search]
    exact = next((c for c in EXACT_COLUMNS if c in search and datamodel.is_string(c)), None)
    text = [c for c in search if datamodel.is_string(c) and c not in EXACT_COLUMNS and c not in CODE_COLUMNS]
    text = sorted(text, key=lambda c: "name" not in c) or [exact] * bool(exact)
    pages = page("default", lambda row: [])
    if filtered:
        pages += page("filtered", lambda row: row and [
            (c, "FilterRelationOneToManyEqual" if datamodel.is_relation(c) else "FilterEqual", value_of(row, c))
            for c in filtered])
    if text:
        pages += page("searched", lambda row: row and getattr(row, text[0]) and [
            (text[0], "FilterContains", max(getattr(row, text[0]).split(), key=len))])
    if exact:
        pages += page("exact", lambda row: row and getattr(row, exact) and [
            (exact, "FilterEqual", getattr(row, exact))])
    pages += page("page 500", lambda row: [("page", None, 499)])  # FAB counts from 0
    return pages


def value_of(row, column):
    """The value a filter of `column` takes for this row: a related row's primary key, or the column's value."""
    from sqlalchemy import inspect

    value = getattr(row, column)
    if value is not None and hasattr(type(value), "__table__"):
        return inspect(value).identity[0]
    return value


def fab_args(search, view_name, conditions):
    """FAB's list arguments: `_flt_<index of the filter among the column's>_<column>`, `page_<view>`."""
    args = {}
    for column, filter_name, value in conditions:
        if column == "page":
            args[f"page_{view_name}"] = value
            continue
        kinds = [{cls.__name__ for cls in type(f).__mro__} for f in search[column]]
        index = next((i for i, names in enumerate(kinds) if filter_name in names), None)
        if index is None:
            raise SystemExit(f"{view_name}.{column} has no {filter_name} filter any more: adapt bench/lists.py")
        args[f"_flt_{index}_{column}"] = value
    return args


def django_args(datamodel, conditions):
    """The same conditions as Django admin lookups (fields named as in the app's models)."""
    args = {}
    for column, filter_name, value in conditions:
        if column == "page":
            args["p"] = value + 1  # Django counts pages from 1
        elif datamodel.is_relation(column):
            target = datamodel.get_related_model(column).__mapper__.primary_key[0].name
            args[f"{column}__{target}__exact"] = value
        elif column.endswith("_id"):
            args[f"{column[:-3]}__id__exact"] = value
        else:
            args[f"{column}__{'icontains' if filter_name == 'FilterContains' else 'exact'}"] = value
    return args


class Peer:
    """The Django admin process (bench/django_peer/serve.py): one path in, one JSON measure out."""

    def __init__(self):
        if not Path(DJANGO_PYTHON).exists():
            raise SystemExit(f"no Django venv at {DJANGO_PYTHON}: see bench/README.md (or run with --no-peer)")
        self.process = subprocess.Popen([DJANGO_PYTHON, str(ROOT / "bench" / "django_peer" / "serve.py")],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                        env={**os.environ, "BENCH_DATABASE_URL": URL})
        assert json.loads(self.process.stdout.readline())["ready"]

    def get(self, path):
        self.process.stdin.write(path + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def run(app, pages, rounds, peer):
    """Round after round, every page of ours then the same page of Django's; the first round only warms."""
    from sqlalchemy import event

    from app import WARM_AFTER_REQUESTS
    from app.extensions import db

    captured = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute",
                     lambda conn, cursor, statement, parameters, context, many: captured.append((statement,
                                                                                                 parameters)))
    client = app.test_client()
    response = client.post("/login/", data={"username": "admin", "password": ADMIN_PASSWORD})
    assert response.status_code == 302 and "/login" not in response.headers["Location"], "admin login failed"
    # A worker freezes its warm caches out of the garbage collector after its first requests (app/__init__.py):
    # once in its life, a 150 ms collection. Measured is the worker after that, as it serves from then on.
    for _ in range(WARM_AFTER_REQUESTS // len(pages) + 1):
        for page in pages:
            client.get(page.ours[0])
    for round_ in range(rounds):
        for page in pages:
            captured.clear()
            began = time.perf_counter()
            response = client.get(page.ours[round_])
            ms = (time.perf_counter() - began) * 1000
            page.statuses.add(response.status_code)
            page.statements, page.last_sql = len(captured), list(captured)
            if round_:
                page.ours_ms.append(ms)
            if peer and page.peer:
                answer = peer.get(page.peer[round_])
                page.statuses.add(f"django {answer['status']}")
                page.peer_statements = answer["statements"]
                if round_:
                    page.peer_ms.append(answer["ms"])
        print(f"round {round_ + 1}/{rounds} done", file=sys.stderr, flush=True)


def replay(app, page, repeats=5):
    """The page's last statements run again straight through the driver: (slowest, all) in ms, medians."""
    from app.extensions import db

    times = []
    with app.app_context(), db.engine.connect() as conn:
        for statement, parameters in page.last_sql:
            samples = []
            for _ in range(repeats):
                began = time.perf_counter()
                result = conn.exec_driver_sql(statement, parameters)
                if result.returns_rows:
                    result.fetchall()
                samples.append((time.perf_counter() - began) * 1000)
            times.append(statistics.median(samples))
        conn.rollback()
    return (max(times), sum(times)) if times else (0.0, 0.0)


def report(app, pages, scale, built, label):
    from app.companies.models import Company
    from app.contracts.models import PkwtContract
    from app.extensions import db
    from app.seekers.models import JobSeeker

    with app.app_context():
        volume = (f"{db.session.query(JobSeeker).count():,} job seekers, {db.session.query(Company).count():,} "
                  f"companies, {db.session.query(PkwtContract).count():,} PKWT contracts")
    head = ("| page | stmts ours / Django | ours p50 | ours p95 | Django p50 | ours / Django | main SQL | "
            "ours / main SQL | all SQL | status |")
    lines = [f"## {date.today()} — {platform.node()} ({os.cpu_count()} cores, Python {platform.python_version()}): "
             f"every list page vs Django admin{' — ' + label if label else ''}",
             f"- database: PostgreSQL, scale {scale}: {volume} (set-up {built:.0f} s); as admin; "
             f"{len(pages[0].ours_ms)} measured requests per page (ms, server time in-process, one worker each, "
             f"interleaved); load average over the last 5 minutes {os.getloadavg()[1]:.1f} on {os.cpu_count()} cores "
             "(above that, other work shared the machine: p95 suffers first)", "", head,
             "|" + "---|" * (head.count("|") - 1)]
    for page in pages:
        ours = statistics.median(page.ours_ms)
        main_sql, all_sql = replay(app, page)
        theirs = statistics.median(page.peer_ms) if page.peer_ms else None
        lines.append(
            f"| {page.name} | {page.statements} / {page.peer_statements if theirs else '–'} | {ours:.1f} | "
            f"{p95(page.ours_ms):.1f} | {f'{theirs:.1f}' if theirs else '–'} | "
            f"{f'{ours / theirs:.2f}' if theirs else '–'} | {main_sql:.1f} | {ours / max(main_sql, 0.01):.1f} | "
            f"{all_sql:.1f} | {', '.join(map(str, sorted(page.statuses, key=str)))} |")
    text = "\n".join(lines)
    print(text)
    with open(ROOT / "bench" / "RESULTS.md", "a") as results:
        results.write(text + "\n\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments(parser)
    parser.add_argument("--rounds", type=int, default=12, help="requests per page, the first one only warms")
    parser.add_argument("--no-peer", action="store_true", help="ours only, without Django admin")
    parser.add_argument("--only", help="comma-separated view names")
    parser.add_argument("--label", default="", help="a note for the heading in RESULTS.md")
    args = parser.parse_args()
    if args.rounds < 3:
        parser.error("--rounds: at least 3 (one warms, p95 needs two)")
    app, built = prepare(args.scale, args.fresh)
    with app.app_context():
        pages = discover(app, args.rounds)
    if args.only:
        pages = [p for p in pages if p.view in args.only.split(",")]
    if not args.no_peer:
        ensure_database(URL + "_django")  # Django's own users and sessions
    peer = None if args.no_peer else Peer()
    try:
        run(app, pages, args.rounds, peer)
    finally:
        if peer:
            peer.close()
    report(app, pages, args.scale, built, args.label)


if __name__ == "__main__":
    main()
