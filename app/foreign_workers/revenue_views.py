"""The treasurer's "Pendapatan DKPTKA" screen: a year, one row per month (app/foreign_workers/revenue.py), XLSX
and PDF downloads. Resource "DkptkaRevenue": the treasurer, the TKA officers, the head of office and Admin read
it; operators do not (it counts every company's payments)."""
from io import BytesIO

from flask import request, send_file
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import gettext as _

from app.core.exports import XLSX_MIMETYPE
from app.core.formatting import today_jakarta
from app.core.i18n import N_
from app.core.menu import add_view
from app.core.validation import DomainError
from app.foreign_workers import revenue
from app.foreign_workers.views import CATEGORY
from app.reporting.xlsx import render_xlsx

MENU = N_("Pendapatan DKPTKA")  # a permission name: plain, translated when the menu renders


class DkptkaRevenueView(BaseView):
    route_base = "/dkptka/pendapatan"
    default_view = "index"
    class_permission_name = revenue.RESOURCE
    method_permission_name = {"index": "read", "xlsx": "read", "pdf": "read"}
    base_permissions = ["can_read"]

    @expose("/")
    @has_access
    def index(self):
        try:
            year = revenue.parse_year(request.args.get("tahun"), today_jakarta())
        except DomainError as error:
            return self._page(None, str(error)), 400
        return self._page(revenue.revenue_report(year))

    @expose("/xlsx")
    @has_access
    def xlsx(self):
        return self._download(render_xlsx, "xlsx", XLSX_MIMETYPE)

    @expose("/pdf")
    @has_access
    def pdf(self):
        from reports.vacancy_monthly import render_pdf

        return self._download(render_pdf, "pdf", "application/pdf")

    def _download(self, render, extension, mimetype):
        try:
            year = revenue.parse_year(request.args.get("tahun"), today_jakarta())
        except DomainError as error:
            return self._page(None, str(error)), 400
        return send_file(BytesIO(render(revenue.revenue_report(year))), mimetype=mimetype, as_attachment=True,
                         max_age=0, download_name=f"{revenue.file_stem(year)}.{extension}")

    def _page(self, report, error=None):
        year = report.year if report else (request.args.get("tahun") or "")[:4]
        title = _("Pendapatan DKPTKA — Tahun %(year)s", year=report.year) if report else _("Pendapatan DKPTKA")
        return self.render_template("foreign_workers/revenue.html", report=report, error=error, year=year,
                                    title=title)


def register(appbuilder):
    add_view(appbuilder, DkptkaRevenueView, MENU, CATEGORY, icon="fa-line-chart", category_icon="fa-globe")
