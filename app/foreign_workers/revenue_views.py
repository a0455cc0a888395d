"""The treasurer's "Pendapatan DKPTKA" screen: a year, one row per month (app/foreign_workers/revenue.py), XLSX
and PDF downloads. Resource "DkptkaRevenue": the treasurer, the TKA officers, the head of office and Admin read
it; operators do not (it counts every company's payments)."""
from flask import request
from flask_babel import gettext as _

from app.core.formatting import today_jakarta
from app.core.i18n import N_
from app.core.menu import add_view
from app.foreign_workers import revenue
from app.foreign_workers.views import CATEGORY
from app.reporting.report_views import ReportPageView

MENU = N_("Pendapatan DKPTKA")  # a permission name: plain, translated when the menu renders


class DkptkaRevenueView(ReportPageView):
    route_base = "/dkptka/pendapatan"
    class_permission_name = revenue.RESOURCE

    def period(self) -> int:
        return revenue.parse_year(request.args.get("tahun"), today_jakarta())

    def build(self, year):
        return revenue.revenue_report(year)

    def render_pdf(self, report):
        from reports.vacancy_monthly import render_pdf

        return render_pdf(report)

    def file_stem(self, year):
        return revenue.file_stem(year)

    def page(self, report, error=None):
        year = report.year if report else (request.args.get("tahun") or "")[:4]
        title = _("Pendapatan DKPTKA — Tahun %(year)s", year=report.year) if report else _("Pendapatan DKPTKA")
        return self.render_template("foreign_workers/revenue.html", report=report, error=error, year=year,
                                    title=title)


def register(appbuilder):
    add_view(appbuilder, DkptkaRevenueView, MENU, CATEGORY, icon="fa-line-chart", category_icon="fa-globe")
