"""The foreign-worker recap screen (officers, the head, Admin): a month and an "as of" date, the tables, XLSX and
PDF downloads. Operators have no "TkaRecap" permission: it counts every company."""
from io import BytesIO

from flask import request, send_file
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import gettext as _

from app.core.exports import XLSX_MIMETYPE
from app.core.forms import parse_date
from app.core.formatting import today_jakarta
from app.core.i18n import N_
from app.core.menu import add_view
from app.core.validation import DomainError
from app.foreign_workers import recap
from app.foreign_workers.views import CATEGORY
from app.reporting.tables import Month
from app.reporting.xlsx import render_xlsx

MENU = N_("Rekap TKA")  # a permission name: plain, translated when the menu renders


class TkaRecapView(BaseView):
    route_base = "/tka/rekap"
    default_view = "index"
    class_permission_name = "TkaRecap"
    method_permission_name = {"index": "read", "xlsx": "read", "pdf": "read"}
    base_permissions = ["can_read"]

    @expose("/")
    @has_access
    def index(self):
        try:
            month, as_of = self._params()
        except DomainError as error:
            return self._page(None, str(error)), 400
        return self._page(recap.tka_report(month, as_of))

    @expose("/xlsx")
    @has_access
    def xlsx(self):
        return self._download(render_xlsx, "xlsx", XLSX_MIMETYPE)

    @expose("/pdf")
    @has_access
    def pdf(self):
        from reports.tka_recap import render_pdf

        return self._download(render_pdf, "pdf", "application/pdf")

    def _params(self) -> tuple[Month, object]:
        """?bulan=TTTT-BB (default: this month) and ?tanggal= the day counted "present" (default: the month's last
        day, or today in the current month)."""
        today = today_jakarta()
        value = request.args.get("bulan") or ""
        month = Month.parse(value) if value else Month(today.year, today.month)
        text = (request.args.get("tanggal") or "").strip()
        if text:
            as_of = parse_date(text)
            if as_of is None:
                raise DomainError(_("Tanggal tidak valid: tulis hari-bulan-tahun, misalnya 12-03-2026."))
        else:
            as_of = min(month.last, today) if month.first <= today else month.last
        return month, as_of

    def _download(self, render, extension, mimetype):
        try:
            month, as_of = self._params()
        except DomainError as error:
            return self._page(None, str(error)), 400
        return send_file(BytesIO(render(recap.tka_report(month, as_of))), mimetype=mimetype, as_attachment=True,
                         max_age=0, download_name=f"{recap.file_stem(month)}.{extension}")

    def _page(self, report, error=None):
        month = report.month.value if report else (request.args.get("bulan") or "")[:7]
        as_of = report.as_of.isoformat() if report else ""
        title = _("Rekap TKA — %(period)s", period=report.period) if report else _("Rekap TKA")
        return self.render_template("foreign_workers/recap.html", report=report, error=error, month=month,
                                    as_of=as_of, title=title)


def register(appbuilder):
    from app.foreign_workers import reminders  # noqa: F401 (its notification kind, for the preferences screen)

    add_view(appbuilder, TkaRecapView, MENU, CATEGORY, icon="fa-bar-chart", category_icon="fa-globe")
