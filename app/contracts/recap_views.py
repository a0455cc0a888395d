"""The monthly PKWT recap screen: a month picker, the tables, XLSX and PDF downloads (officers and the head)."""
from flask import request
from flask_babel import gettext as _

from app.contracts import recap
from app.core.formatting import today_jakarta
from app.core.i18n import N_
from app.reporting.report_views import ReportPageView

MENU = N_("Rekap Bulanan PKWT")  # a permission name: plain, translated when the menu renders


class RecapView(ReportPageView):
    route_base = "/pkwt/rekap"
    class_permission_name = "PkwtRecap"

    def period(self) -> tuple[int, int]:
        """?bulan=TTTT-BB; the current month when absent."""
        value = request.args.get("bulan")
        if value is None or value == "":
            today = today_jakarta()
            return today.year, today.month
        return recap.parse_period(value)

    def build(self, period):
        return recap.recap(*period)

    def document(self, extension, period, report):
        return (recap.recap_xlsx if extension == "xlsx" else recap.recap_pdf)(*period)

    def file_stem(self, period):
        return f"rekap-pkwt-{period[0]}-{period[1]:02d}"

    def page(self, data, error=None):
        month = f"{data['year']}-{data['month']:02d}" if data else (request.args.get("bulan") or "")[:20]
        return self.render_template("contracts/recap.html", data=data, error=error, month=month,
                                    title=self._title(data))

    @staticmethod
    def _title(data) -> str:
        """The recap's title (recap.title_of, in Indonesian in the documents) in the reader's language."""
        if not data:
            return _("Rekap Pencatatan PKWT")
        return _("Rekap Pencatatan PKWT — %(period)s", period=data["period"])


def register(appbuilder):
    from app.contracts import reminders  # noqa: F401 (its notification kind, for the preferences screen)

    appbuilder.add_view(RecapView, MENU, label=MENU, icon="fa-bar-chart", category=N_("PKWT"))
    appbuilder.menu_resources[MENU] = "PkwtRecap"
