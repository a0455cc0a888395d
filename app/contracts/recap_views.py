"""The monthly PKWT recap screen: a month picker, the tables, XLSX and PDF downloads (officers and the head)."""
from io import BytesIO

from flask import request, send_file
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import gettext as _

from app.contracts import recap
from app.core.exports import XLSX_MIMETYPE
from app.core.formatting import today_jakarta
from app.core.i18n import N_
from app.core.validation import DomainError

MENU = N_("Rekap Bulanan PKWT")  # a permission name: plain, translated when the menu renders


class RecapView(BaseView):
    route_base = "/pkwt/rekap"
    default_view = "index"
    class_permission_name = "PkwtRecap"
    method_permission_name = {"index": "read", "xlsx": "read", "pdf": "read"}
    base_permissions = ["can_read"]

    @expose("/")
    @has_access
    def index(self):
        try:
            year, month = self._period()
        except DomainError as error:
            return self._page(None, str(error)), 400
        return self._page(recap.recap(year, month))

    @expose("/xlsx")
    @has_access
    def xlsx(self):
        return self._download(recap.recap_xlsx, "xlsx", XLSX_MIMETYPE)

    @expose("/pdf")
    @has_access
    def pdf(self):
        return self._download(recap.recap_pdf, "pdf", "application/pdf")

    def _period(self) -> tuple[int, int]:
        """?bulan=TTTT-BB; the current month when absent."""
        value = request.args.get("bulan")
        if value is None or value == "":
            today = today_jakarta()
            return today.year, today.month
        return recap.parse_period(value)

    def _download(self, render, extension, mimetype):
        try:
            year, month = self._period()
        except DomainError as error:
            return self._page(None, str(error)), 400
        return send_file(BytesIO(render(year, month)), mimetype=mimetype, as_attachment=True, max_age=0,
                         download_name=f"rekap-pkwt-{year}-{month:02d}.{extension}")

    def _page(self, data, error=None):
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
