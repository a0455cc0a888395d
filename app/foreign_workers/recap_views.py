"""The foreign-worker recap screen (officers, the head, Admin): a month and an "as of" date, the tables, XLSX and
PDF downloads. Operators have no "TkaRecap" permission: it counts every company."""
from flask import request
from flask_babel import gettext as _

from app.core.forms import parse_date
from app.core.formatting import today_jakarta
from app.core.i18n import N_
from app.core.menu import add_view
from app.core.validation import DomainError
from app.foreign_workers import recap
from app.foreign_workers.views import CATEGORY
from app.reporting.report_views import ReportPageView
from app.reporting.tables import Month

MENU = N_("Rekap TKA")  # a permission name: plain, translated when the menu renders


class TkaRecapView(ReportPageView):
    route_base = "/tka/rekap"
    class_permission_name = "TkaRecap"

    def period(self) -> tuple[Month, object]:
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

    def build(self, period):
        return recap.tka_report(*period)

    def render_pdf(self, report):
        from reports.tka_recap import render_pdf

        return render_pdf(report)

    def file_stem(self, period):
        return recap.file_stem(period[0])

    def page(self, report, error=None):
        month = report.month.value if report else (request.args.get("bulan") or "")[:7]
        as_of = report.as_of.isoformat() if report else ""
        title = _("Rekap TKA — %(period)s", period=report.period) if report else _("Rekap TKA")
        return self.render_template("foreign_workers/recap.html", report=report, error=error, month=month,
                                    as_of=as_of, title=title)


def register(appbuilder):
    from app.foreign_workers import reminders  # noqa: F401 (its notification kind, for the preferences screen)

    add_view(appbuilder, TkaRecapView, MENU, CATEGORY, icon="fa-bar-chart", category_icon="fa-globe")
