"""The dashboard screen ("Dasbor", resource "Dashboard": Kepala Dinas, Admin, Petugas Antarkerja) and the list
of filled vacancy slots its chart links to. Thin: the numbers come from app.reporting.dashboard; here each figure
gets the link to the list that shows exactly its rows (the same bounds, as the list's own URL filters)."""
from datetime import timedelta

from flask import request
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.models.sqla.filters import (FilterEqual, FilterGreater, FilterRelationOneToManyEqual,
                                                   FilterSmaller)
from flask_babel import gettext as _, lazy_gettext as _l

from app.core.formatting import today_jakarta
from app.core.i18n import N_
from app.core.menu import add_view
from app.core.validation import DomainError
from app.core.views import AppModelView
from app.home.links import list_url
from app.reporting import dashboard as data
from app.reporting.dashboard_map import Dot, legend, classes, svg
from app.reporting.tables import Month
from app.security.tenancy import TenantInterface
from app.vacancies.models import VacancySlotEvent

RESOURCE = "Dashboard"
CATEGORY = N_("Laporan")
COLOURS = ("#2c7fb8", "#f28e2b", "#59a14f", "#e15759")


# ---- the list behind each figure ----------------------------------------------------------------------------

def _dates(column, span):
    """first ≤ d < next_first with the lists' strict filters."""
    return [(column, FilterGreater, (span.first - timedelta(days=1)).isoformat()),
            (column, FilterSmaller, span.next_first.isoformat())]


def _instants(column, span):
    """start ≤ t < end (WIB month bounds, UTC instants), stored to the microsecond."""
    return [(column, FilterGreater, (span.start - timedelta(microseconds=1)).isoformat()),
            (column, FilterSmaller, span.end.isoformat())]


LISTS = {  # measure key -> (list view, filters for a span)
    "seekers_registered": ("Ak1CardView", lambda s: [("ipk_registration", FilterEqual, "y"), *_dates("ipk_from", s)]),
    "seekers_placed": ("Ak1CardView", lambda s: _dates("placed_at", s)),
    "vacancies_verified": ("VacancyView", lambda s: _instants("published_at", s)),
    "slots_filled": ("FilledSlotView", lambda s: _dates("on_date", s)),
    "pkwt_registered": ("PkwtSubmissionView", lambda s: _dates("registered_at", s)),
    "ak1_issued": ("Ak1CardView", lambda s: _dates("ipk_from", s)),
}
# A breakdown row's own filter, per measure: (column, filter class) with the row's code as the value.
ROW_FILTERS = {
    "kecamatan": {"seekers_registered": ("ipk_kecamatan_code", FilterEqual),
                  "vacancies_verified": ("work_kecamatan", FilterRelationOneToManyEqual)},
    "pendidikan": {"seekers_registered": ("ipk_education_code", FilterEqual)},
    "sektor": {"vacancies_verified": ("ipk_kbli_section", FilterEqual)},
}


def link(measure, span, *extra):
    view, filters = LISTS[measure]
    return list_url(view, *filters(span), *extra)


def row_link(breakdown, measure, code, span):
    if measure is None or code is None:
        return None  # slots (no list counts them) and the unknown row
    column, kind = ROW_FILTERS[breakdown][measure]
    return link(measure, span, (column, kind, code))


# ---- the page -----------------------------------------------------------------------------------------------

def _monthly(board):
    """The three monthly charts: labels, datasets with a link per point, and the table rows."""
    months = board.window.months
    charts = []
    for key, title, measures in data.CHARTS:
        datasets = []
        for index, measure in enumerate(measures):
            datasets.append({"label": _(data.MEASURES[measure].title), "data": board.series[measure],
                             "links": [link(measure, month) for month in months],
                             "color": COLOURS[index]})
        rows = [(month.label, [(ds["data"][i], ds["links"][i]) for ds in datasets]) for i, month in enumerate(months)]
        charts.append({"key": key, "title": _(title), "type": "bar", "labels": [data.short_label(m) for m in months],
                       "datasets": datasets, "rows": rows,
                       "totals": [sum(ds["data"]) for ds in datasets],
                       "total_links": [link(m, board.window) for m in measures]})
    return charts


def _breakdown_table(breakdown, span):
    rows = [(row.label, [(value, row_link(breakdown.key, breakdown.measures[i], row.code, span))
                         for i, value in enumerate(row.values)]) for row in breakdown.rows]
    totals = [(value, link(measure, span) if measure else None)
              for value, measure in zip(breakdown.totals, breakdown.measures)]
    return {"key": breakdown.key, "title": _(breakdown.title), "header": _(breakdown.header),
            "columns": [_(c) for c in breakdown.columns], "rows": rows, "totals": totals}


def _bar(breakdown, table):
    """A horizontal bar chart of a breakdown's first column."""
    return {"key": breakdown.key, "type": "bar", "horizontal": True, "labels": [row.label for row in breakdown.rows],
            "datasets": [{"label": table["columns"][0], "data": [row.values[0] for row in breakdown.rows],
                          "links": [cells[0][1] for _label, cells in table["rows"]], "color": COLOURS[0]}]}


def _maps(board):
    area = board.breakdowns["kecamatan"]
    by_code = {row.code: row for row in area.rows}
    maps = []
    for index, (measure, unit) in enumerate((("seekers_registered", _("orang")),
                                             ("vacancies_verified", _("lowongan")))):
        dots = [Dot(p.code, p.name, p.lat, p.lng, by_code[p.code].values[index],
                    row_link("kecamatan", measure, p.code, board.period)) for p in board.places]
        title = _(area.columns[index])
        maps.append({"key": measure, "title": title, "svg": svg(dots, f"{title} — {board.period.label}", unit),
                     "legend": legend(classes(max([d.value for d in dots] or [0])))})
    return maps


class DashboardView(BaseView):
    route_base = "/dasbor"
    default_view = "index"
    class_permission_name = RESOURCE
    base_permissions = ["can_read"]
    method_permission_name = {"index": "read"}

    @expose("/")
    @has_access
    def index(self):
        try:
            last, period = self._period()
        except DomainError as error:
            return self._render(None, str(error)), 400
        return self._render(data.dashboard(last, period))

    def _period(self):
        """?sampai=TTTT-BB (the last month shown; this month by default) and ?dari=TTTT-BB (the breakdowns'
        first month; 11 months before `sampai` by default)."""
        today = today_jakarta()
        last_value, first_value = request.args.get("sampai") or "", request.args.get("dari") or ""
        last = Month.parse(last_value) if last_value else Month(today.year, today.month)
        if not first_value:
            return last, None
        first = Month.parse(first_value)
        if (first.year, first.month) > (last.year, last.month):
            raise DomainError(_("Bulan awal periode harus sebelum atau sama dengan bulan akhir."))
        period = data.Span(first, last)
        if len(period.months) > data.MAX_PERIOD_MONTHS:
            raise DomainError(_("Periode paling panjang %(months)s bulan.", months=data.MAX_PERIOD_MONTHS))
        return last, period

    def _render(self, board, error=None):
        context = {"title": _("Dasbor"), "error": error,
                   "sampai": (request.args.get("sampai") or "")[:7], "dari": (request.args.get("dari") or "")[:7]}
        if board is not None:
            monthly = _monthly(board)
            tables = {key: _breakdown_table(b, board.period) for key, b in board.breakdowns.items()}
            bars = [_bar(board.breakdowns[key], tables[key]) for key in ("pendidikan", "sektor")]
            charts = {c["key"]: {k: c[k] for k in ("type", "labels", "datasets") if k in c} | {
                "horizontal": c.get("horizontal", False)} for c in monthly + bars}
            context.update(board=board, monthly=monthly, tables=tables, maps=_maps(board),
                           chart_data={"locale": "id-ID", "charts": charts},
                           sampai=board.window.last_month.value, dari=board.period.first_month.value)
        return self.render_template("reporting/dashboard.html", **context)


class FilledSlotView(AppModelView):
    """Filled vacancy slots (the dated facts behind the dashboard's "slot terisi"): read-only, no menu entry."""

    datamodel = TenantInterface(VacancySlotEvent)
    resource = "Vacancy"
    route_base = "/slot-terisi"
    list_title = _l("Slot Lowongan Terisi")
    show_title = _l("Slot Lowongan Terisi")
    base_filters = [["kind", FilterEqual, "filled"]]
    list_columns = ["on_date", "vacancy", "slot_sex", "filled_by_name"]
    show_columns = ["on_date", "vacancy", "slot_sex", "filled_by_name", "recorded_at"]
    search_columns = ["on_date", "slot_sex"]
    label_columns = {"on_date": _l("Tanggal terisi"), "vacancy": _l("Lowongan"),
                     "slot_sex": _l("Jenis kelamin yang diminta"), "filled_by_name": _l("Diisi oleh (di luar AK/I)"),
                     "recorded_at": _l("Dicatat")}
    base_permissions = ["can_read"]
    base_order = ("on_date", "desc")
    exclude_route_methods = {"download", "add", "edit", "delete", "action", "action_post"}


def register(appbuilder):
    add_view(appbuilder, DashboardView, N_("Dasbor"), CATEGORY, icon="fa-dashboard", category_icon="fa-line-chart")
    appbuilder.add_view_no_menu(FilledSlotView)
