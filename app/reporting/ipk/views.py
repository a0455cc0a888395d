"""The IPK screen (resource "IpkReport"): "/laporan-ipk/?bulan=TTTT-BB" shows the eight forms of the month, its
state (open / closed / re-opened), the close button (read + "close": Petugas Antarkerja, Kepala Dinas, Admin), the
re-open form (Admin: "reopen") and, for a re-opened month, what a recomputation changes; each form and the full set
as PDF and XLSX. Thin: the numbers come from compute/closing, the files from documents."""
from io import BytesIO

from flask import abort, flash, redirect, request, send_file, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import gettext as _

from app.core.i18n import N_
from app.core.menu import add_view
from app.core.validation import DomainError
from app.reporting.ipk import closing, documents
from app.reporting.ipk import layouts as L
from app.reporting.ipk.grids import grids
from app.reporting.ipk.models import CLOSED
from app.reporting.tables import Month
from app.reporting.views import VacancyReportView
from app.security.tenancy import request_user

RESOURCE = "IpkReport"
CATEGORY = N_("Laporan")


class IpkReportView(BaseView):
    route_base = "/laporan-ipk"
    default_view = "index"
    class_permission_name = RESOURCE
    base_permissions = ["can_read", "can_close", "can_reopen"]
    method_permission_name = {"index": "read", "document": "read", "close": "close", "reopen": "reopen"}

    @expose("/")
    @has_access
    def index(self):
        try:
            month = self._month()
        except DomainError as error:
            return self._page(None, str(error)), 400
        return self._page(month)

    @expose("/<name>.<fmt>")
    @has_access
    def document(self, name, fmt):
        """One form (iii-1 … iii-8) or the whole set ("semua") as pdf or xlsx; "nasional": the flat export."""
        if fmt not in ("pdf", "xlsx") or (name not in ("semua", "nasional") and L.form(name) is None) or \
                (name == "nasional" and fmt != "xlsx"):
            abort(404)
        try:
            month = self._month()
        except DomainError as error:
            return self._page(None, str(error)), 400
        preparer = self._preparer(month)
        if name == "nasional":
            filename, mimetype, content = documents.national_file(month)
        else:
            forms = L.FORMS if name == "semua" else (L.form(name),)
            filename, mimetype, content = documents.render(month, fmt, forms, preparer)
        return send_file(BytesIO(content), mimetype=mimetype, as_attachment=True, max_age=0, download_name=filename)

    @expose("/tutup", methods=["POST"])
    @has_access
    def close(self):
        try:
            month = Month.parse(request.form.get("bulan"))
        except DomainError as error:
            return self._page(None, str(error)), 400
        if request.form.get("konfirmasi") != "ya":
            return self._page(month, _("Centang konfirmasi untuk menutup laporan bulan ini.")), 400
        try:
            closing.close(month, request_user())
        except DomainError as error:
            return self._page(month, str(error)), 400
        flash(_("Laporan IPK %(month)s ditutup: angkanya dibekukan.", month=month.label), "success")
        return redirect(url_for("IpkReportView.index", bulan=month.value))

    @expose("/buka", methods=["POST"])
    @has_access
    def reopen(self):
        try:
            month = Month.parse(request.form.get("bulan"))
        except DomainError as error:
            return self._page(None, str(error)), 400
        try:
            closing.reopen(month, request_user(), request.form.get("alasan", ""))
        except DomainError as error:
            return self._page(month, str(error), reason=request.form.get("alasan", "")), 400
        flash(_("Laporan IPK %(month)s dibuka kembali.", month=month.label), "warning")
        return redirect(url_for("IpkReportView.index", bulan=month.value))

    _month = VacancyReportView._month  # ?bulan=TTTT-BB, the previous month when absent

    def _preparer(self, month) -> str:
        row = closing.record(month)
        if row is not None and row.status == CLOSED:
            return row.closed_by_name
        return closing._user_name(request_user())

    def _page(self, month, error=None, reason=""):
        sm, user = self.appbuilder.sm, request_user()
        context = {"month": month.value if month else (request.args.get("bulan") or "")[:20], "error": error,
                   "title": _("Laporan IPK (III/1–III/8)"), "reason": reason, "forms": [], "row": None,
                   "changes": None, "start_frozen": False, "reason_min": closing.REASON_MIN,
                   "can_close": sm.has_access("can_close", RESOURCE),
                   "can_reopen": sm.has_access("can_reopen", RESOURCE)}
        if month is not None:
            figures = closing.figures(month)
            row = closing.record(month)
            context.update(label=month.label, forms=grids(figures), row=row, start_frozen=figures.start_frozen,
                           user=user)
            if row is not None and row.status != CLOSED:
                context["changes"] = closing.differences(row.figures, figures.cells)
        return self.render_template("reporting/ipk.html", **context)


def register(appbuilder):
    add_view(appbuilder, IpkReportView, N_("Laporan IPK"), CATEGORY, icon="fa-table", category_icon="fa-bar-chart")
