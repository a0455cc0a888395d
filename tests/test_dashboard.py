"""The head of office's dashboard (issue 11 part 4): its numbers per month are the IPK facts' and the counts of the
lists it links to; who may open it; Chart.js served by the app itself.

Other tests share the database: the dataset lives in December 2034 – March 2035, months no one else uses, and
the assertions of exact numbers are about those months only."""
import re
import uuid
from datetime import date, datetime, time, timedelta, timezone
from html import unescape

import pytest
from sqlalchemy import func

from tests.conftest import text_of
from tests.seekers_support import make_seeker

LAST = "2035-03"
PERIOD = {"sampai": LAST, "dari": "2034-12"}
MONTHS = ["Desember 2034", "Januari 2035", "Februari 2035", "Maret 2035"]
EXPECTED = {  # measure -> its figure for each of MONTHS
    "seekers_registered": [1, 2, 1, 0],
    "seekers_placed": [0, 1, 0, 1],
    "vacancies_verified": [0, 1, 1, 0],
    "slots_filled": [0, 0, 1, 1],
    "pkwt_registered": [0, 0, 1, 1],
    "ak1_issued": [1, 2, 2, 0],
}


def wib(y, m, d, hh=9, mm=0):
    from app.core.formatting import JAKARTA

    return datetime.combine(date(y, m, d), time(hh, mm), JAKARTA).astimezone(timezone.utc)


def _card(db, ipk_from, registration=True, kecamatan="36.03.01", education="1102", placed=None, kind="baru"):
    from app.seekers.models import Ak1Card

    seeker = make_seeker(db, birth=date(1995, 3, 14), sex="P", account=False, complete=False)
    card = Ak1Card(job_seeker_id=seeker.id, application_type=kind, status="placed" if placed else "issued",
                   number=f"3603-140395-{uuid.uuid4().int % 10**6:06d}", issued_at=ipk_from,
                   valid_until=ipk_from + timedelta(days=730), placed_at=placed, ipk_from=ipk_from,
                   ipk_registration=registration, ipk_sex="P", ipk_birth_date=seeker.birth_date,
                   ipk_kecamatan_code=kecamatan, ipk_education_code=education)
    db.session.add(card)
    return card


_WORLD = {}  # built once per run: the browser test imports this fixture, which pytest would run again


@pytest.fixture(scope="module")
def world(app):
    """Cards: A baru 31 Dec 2034 (Balaraja, Tamat SD), placed 20 Jan; B baru 10 Jan (Balaraja, SMK), placed 5 Mar;
    C baru 31 Jan (Jayanti, SMK); D correction 1 Feb (not a registration); E baru 15 Feb (no kecamatan, no
    education). Vacancies: V1 published 31 Jan 23:30 WIB (January; Balaraja, KBLI C, 3 slots), V2 published
    1 Feb 00:10 WIB (31 Jan in UTC: February; Tigaraksa, KBLI G, 4 slots), V3 waiting. Slots filled 10 Feb and
    1 Mar (V1); 3 slots of V2 removed 31 Mar (not filled). PKWT registered 28 Feb and 1 Mar."""
    from app.contracts.models import PkwtSubmission
    from app.core.models import utcnow
    from app.extensions import db
    from app.vacancies.models import VacancySlotEvent
    from tests.test_vacancy_reports import _company, _division, _kbji, _vacancy

    if _WORLD:
        return _WORLD
    with app.app_context():
        _card(db, date(2034, 12, 31), placed=date(2035, 1, 20))
        _card(db, date(2035, 1, 10), education="3002", placed=date(2035, 3, 5))
        _card(db, date(2035, 1, 31), kecamatan="36.03.02", education="3002")
        _card(db, date(2035, 2, 1), registration=False, kind="perbaikan")
        _card(db, date(2035, 2, 15), kecamatan=None, education=None)
        kbji = _kbji(db, "8211", "Operator mesin jahit")
        company = _company(db, "PT Dasbor " + uuid.uuid4().hex[:6], _division(db, "C"))
        v1 = _vacancy(db, company, kbji, wib(2035, 1, 20), published=wib(2035, 1, 31, 23, 30), male=2, female=1)
        v2 = _vacancy(db, company, kbji, wib(2035, 1, 25), published=wib(2035, 2, 1, 0, 10), either=4)
        _vacancy(db, company, kbji, wib(2035, 2, 3), status="submitted", male=1)
        v1.ipk_kbli_section, v2.ipk_kbli_section, v2.work_kecamatan_code = "C", "G", "36.03.03"
        for vacancy, kind, sex, on, count in ((v1, "filled", "L", date(2035, 2, 10), 1),
                                              (v1, "filled", "P", date(2035, 3, 1), 1),
                                              (v2, "removed", "X", date(2035, 3, 31), 3)):
            db.session.add(VacancySlotEvent(vacancy_id=vacancy.id, company_id=company.id, kind=kind, slot_sex=sex,
                                            count=count, on_date=on, recorded_at=utcnow()))
        for number, day in (("PKWT-DASBOR-1", date(2035, 2, 28)), ("PKWT-DASBOR-2", date(2035, 3, 1))):
            db.session.add(PkwtSubmission(company_id=company.id, status="approved", submitted_at=wib(2035, 2, 1),
                                          number=f"{number}-{uuid.uuid4().hex[:6]}", registered_at=day))
        _WORLD["company"] = company.id
        db.session.commit()
    return _WORLD


def _board(**period):
    from app.reporting.dashboard import Span, dashboard
    from app.reporting.tables import Month

    first = period.get("dari")
    last = Month.parse(period.get("sampai", LAST))
    return dashboard(last, Span(Month.parse(first), last) if first else None)


def _last_four(series):
    return series[-4:]


# ---- the numbers ---------------------------------------------------------------------------------------------

def test_monthly_figures_are_the_known_answers(db, world):
    board = _board(**PERIOD)
    assert len(board.window.months) == 24 and board.window.months[-1].label == "Maret 2035"
    assert board.window.months[0].label == "April 2033"
    for key, expected in EXPECTED.items():
        assert _last_four(board.series[key]) == expected, key


def test_monthly_figures_equal_the_ipk_facts(db, world):
    """Each month, each figure: an independent COUNT with the facts' conditions."""
    from app.reporting.dashboard import shift
    from app.reporting.ipk import facts
    from app.reporting.tables import Month
    from app.seekers.models import Ak1Card
    from app.vacancies.models import Vacancy, VacancySlotEvent

    board = _board(**PERIOD)
    for offset in range(4):
        month = shift(Month(2034, 12), offset)
        q = db.session.query
        assert board.series["seekers_registered"][20 + offset] == q(func.count(Ak1Card.id)).filter(
            facts.seekers_registered(month.first, month.next_first)).scalar()
        assert board.series["seekers_placed"][20 + offset] == q(func.count(Ak1Card.id)).filter(
            facts.seekers_placed(month.first, month.next_first)).scalar()
        assert board.series["vacancies_verified"][20 + offset] == q(func.count(Vacancy.id)).filter(
            facts.vacancies_registered(month.start, month.end)).scalar()
        assert board.series["slots_filled"][20 + offset] == (q(func.sum(VacancySlotEvent.count)).filter(
            facts.slot_events("filled", month.first, month.next_first)).scalar() or 0)


def test_breakdowns_by_kecamatan_education_and_sector(db, world):
    board = _board(**PERIOD)
    area = {row.label: row.values for row in board.breakdowns["kecamatan"].rows}
    assert len(board.places) == 29 and all(p.lat and p.lng for p in board.places)
    assert area["Balaraja"] == [2, 1, 3] and area["Jayanti"] == [1, 0, 0] and area["Tigaraksa"] == [0, 1, 4]
    assert area["Di luar kabupaten / tidak diketahui"] == [1, 0, 0]
    education = {row.label: row.values for row in board.breakdowns["pendidikan"].rows}
    assert education == {"Tamat SD": [1], "SMK": [2], "Tidak diketahui": [1]}
    sector = {row.code: row.values for row in board.breakdowns["sektor"].rows}
    assert sector == {"C": [1, 3], "G": [1, 4]}
    assert board.breakdowns["sektor"].rows[0].label.startswith("C — ")


def test_the_page_is_a_few_group_by_queries(app, client_as, world, statements):
    client = client_as("kadis")
    client.get("/")  # the user's session and permissions are warm
    statements.clear()
    assert client.get("/dasbor/", query_string=PERIOD).status_code == 200
    grouped = [s for s in statements if "GROUP BY" in s.upper()]
    assert len(grouped) == 8, grouped  # six monthly figures, seekers and vacancies of the period
    assert len(statements) <= 16, statements  # + the kecamatan, education and KBLI names, the user's look-ups


# ---- the screen: figures, tables and the lists they open --------------------------------------------------

def _page(client, **query):
    response = client.get("/dasbor/", query_string=query or PERIOD)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def _table(html, key):
    """{row label: [(number text, href or None), ...]} of the table data-test="table-<key>"."""
    body = re.search(rf'data-test="table-{key}".*?</table>', html, re.S).group(0)
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        if not cells or "<th" in row and "Jumlah" not in cells[0]:
            continue
        label = re.sub(r"<[^>]+>", "", cells[0]).strip()
        values = []
        for cell in cells[1:]:
            href = re.search(r'href="([^"]+)"', cell)
            values.append((re.sub(r"<[^>]+>", "", cell).strip(), unescape(href.group(1)) if href else None))
        rows[label] = values
    return rows


def _list_count(client, href):
    response = client.get(href)
    assert response.status_code == 200, href
    found = re.search(r"Jumlah Data:\s*([\d.]+)", text_of(response))
    assert found, href
    return int(found.group(1).replace(".", ""))


def test_each_monthly_figure_opens_a_list_with_as_many_rows(client_as, world):
    client = client_as("kadis")
    html = _page(client)
    for chart, measures in (("seekers", ("seekers_registered", "seekers_placed")),
                            ("vacancies", ("vacancies_verified", "slots_filled")),
                            ("documents", ("pkwt_registered", "ak1_issued"))):
        table = _table(html, chart)
        for index, measure in enumerate(measures):
            for month, expected in zip(MONTHS, EXPECTED[measure]):
                shown, href = table[month][index]
                assert shown == str(expected), (measure, month)
                if expected:
                    assert href, (measure, month)
                    assert _list_count(client, href) == expected, (measure, month, href)


def test_each_breakdown_row_opens_a_list_with_as_many_rows(client_as, world):
    client = client_as("kadis")
    html = _page(client)
    area = _table(html, "kecamatan")
    assert area["Balaraja"][0][0] == "2" and _list_count(client, area["Balaraja"][0][1]) == 2
    assert area["Balaraja"][1][0] == "1" and _list_count(client, area["Balaraja"][1][1]) == 1
    assert area["Tigaraksa"][1][0] == "1" and _list_count(client, area["Tigaraksa"][1][1]) == 1
    assert area["Tigaraksa"][2] == ("4", None)  # slots: no list counts them
    education = _table(html, "pendidikan")
    assert education["SMK"][0][0] == "2" and _list_count(client, education["SMK"][0][1]) == 2
    assert education["Tidak diketahui"][0] == ("1", None)
    sector = _table(html, "sektor")
    label_g = next(label for label in sector if label.startswith("G — "))
    assert _list_count(client, sector[label_g][0][1]) == 1


def test_page_shows_indonesian_months_dotted_numbers_and_the_map(client_as, world):
    client = client_as("kadis")
    html = _page(client)
    assert "Januari 2035" in html and "Maret 2035" in html and "Jan 2035" in html
    assert "None" not in text_of_html(html)
    # The map: 29 kecamatan, each a circle with a tooltip and a link; a legend
    seekers_map = re.search(r'data-test="map-seekers_registered".*?</ul>', html, re.S).group(0)
    assert seekers_map.count("<circle") == 29 and seekers_map.count("data-kecamatan=") == 29
    assert "<title>Balaraja: 2 orang</title>" in seekers_map
    assert 'data-kecamatan="36.03.01" data-value="2"' in seekers_map
    assert seekers_map.count("<a href=") == 29 and "dashboard-legend" in seekers_map
    # the chart data for dashboard.js, in a JSON block (no inline script)
    assert '<script type="application/json" id="dashboard-data">' in html
    assert "/static/vendor/chartjs/chart.umd.min.js" in html and "/static/app/dashboard.js" in html


def text_of_html(html):
    return re.sub(r"\s+", " ", re.sub(r"<script.*?</script>|<[^>]+>", " ", html, flags=re.S))


def test_numbers_have_dots(db, world):
    from app.reporting.dashboard_map import classes, legend

    assert legend(classes(12_500))[-1] == ("#253494", "10.001–12.500")


def test_no_external_url_and_chartjs_is_served(client_as, world):
    client = client_as("kadis")
    html = _page(client)
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html) + re.findall(r'<link[^>]*href="([^"]+)"', html)
    assert scripts and not [src for src in scripts if src.startswith(("http:", "https:", "//"))], scripts
    served = client.get("/static/vendor/chartjs/chart.umd.min.js")
    assert served.status_code == 200 and b"Chart.js v4.5.0" in served.data[:200]
    assert client.get("/static/app/dashboard.js").status_code == 200


@pytest.mark.parametrize("query", [{"sampai": "2035-13"}, {"sampai": "abc"}, {"sampai": "2035-03", "dari": "2035-04"},
                                   {"sampai": "2035-03", "dari": "2020-01"}])
def test_bad_period_is_a_clear_message(client_as, query):
    response = client_as("kadis").get("/dasbor/", query_string=query)
    assert response.status_code == 400
    assert 'data-test="dashboard-error"' in response.get_data(as_text=True)


def test_default_period_is_the_current_month(client_as):
    from app.core.formatting import MONTHS, today_jakarta

    today = today_jakarta()
    html = _page(client_as("kadis"), sampai="")
    assert f"{MONTHS[today.month - 1]} {today.year}" in html


# ---- who sees it ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("username", ["kadis", "admin", "petugas.ak"])
def test_head_admin_and_placement_officers_see_it(app, client_as, world, username):
    from tests.conftest import ADMIN_PASSWORD, DEMO_PASSWORD

    client = client_as(username, ADMIN_PASSWORD if username == "admin" else DEMO_PASSWORD)
    assert client.get("/dasbor/", query_string=PERIOD).status_code == 200
    assert 'href="/dasbor/"' in client.get("/").get_data(as_text=True)  # menu (and the head's home link)


def test_head_of_office_home_links_to_the_dashboard(client_as):
    html = client_as("kadis").get("/").get_data(as_text=True)
    assert 'data-test="dashboard-link"' in html


@pytest.mark.parametrize("username", ["operator", "pencaker"])
def test_operators_and_job_seekers_do_not(client_as, world, username):
    client = client_as(username)
    response = client.get("/dasbor/", query_string=PERIOD)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/dasbor" not in response.headers["Location"]
    assert 'href="/dasbor/"' not in client.get("/").get_data(as_text=True)
    assert client.get("/slot-terisi/list/").status_code in (200, 302, 403)  # a company's own slots at most


def test_filled_slots_list_is_the_companys_own_for_an_operator(client_as, world):
    """The list behind "slot terisi" goes through tenancy: the operator of another company sees none of them."""
    query = "_flt_1_on_date=2035-02-09&_flt_2_on_date=2035-03-02"
    assert _list_count(client_as("kadis"), f"/slot-terisi/list/?{query}") == 2
    response = client_as("operator").get(f"/slot-terisi/list/?{query}")
    assert response.status_code == 200 and "Jumlah Data: 0" in text_of(response)


def test_anonymous_is_sent_to_login(app):
    response = app.test_client().get("/dasbor/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
