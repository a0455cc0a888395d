"""The officers' screens (resource "VacancyReport", read: Petugas Antarkerja, Kepala Dinas, Admin):
"Laporan Lowongan & Penempatan" — a month picker, both reports on screen, XLSX/PDF downloads and the Karirhub
exports — and "Perusahaan Tidak Lapor Lowongan" — the compliance list, its XLSX and a warning letter draft per
company. Thin: the numbers come from app.reporting, the documents from the renderers."""
from datetime import timedelta
from io import BytesIO

from flask import abort, current_app, redirect, request, send_file, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import gettext as _

from app.core.exports import XLSX_MIMETYPE, send_workbook
from app.core.formatting import today_jakarta
from app.core.i18n import N_
from app.core.menu import add_view
from app.core.validation import DomainError
from app.reporting import compliance, karirhub
from app.reporting.monthly import placement_report, vacancy_report
from app.reporting.tables import Month
from app.reporting.xlsx import render_xlsx
from app.security.tenancy import request_user, scope_for

RESOURCE = "VacancyReport"
CATEGORY = N_("Lowongan")
REPORTS = {"lowongan": vacancy_report, "penempatan": placement_report}


def _officer() -> bool:
    """Staff (not a company or a job seeker): the only context whose placement export carries NIK."""
    user = request_user()
    return user is not None and scope_for(user) is None


class VacancyReportView(BaseView):
    route_base = "/laporan-lowongan"
    default_view = "index"
    class_permission_name = RESOURCE
    base_permissions = ["can_read"]
    method_permission_name = {"index": "read", "document": "read", "karirhub": "read"}

    @expose("/")
    @has_access
    def index(self):
        try:
            month = self._month()
        except DomainError as error:
            return self._page(None, str(error)), 400
        return self._page(month)

    @expose("/<kind>.<fmt>")
    @has_access
    def document(self, kind, fmt):
        """The monthly report `kind` (lowongan | penempatan) as xlsx or pdf: a few GROUP BY queries whatever
        the month's size, so always at once."""
        if kind not in REPORTS or fmt not in ("xlsx", "pdf"):
            abort(404)
        try:
            month = self._month()
        except DomainError as error:
            return self._page(None, str(error)), 400
        report = REPORTS[kind](month)
        if fmt == "xlsx":
            content, mimetype = render_xlsx(report), XLSX_MIMETYPE
        else:
            from reports.vacancy_monthly import render_pdf

            content, mimetype = render_pdf(report), "application/pdf"
        return send_file(BytesIO(content), mimetype=mimetype, as_attachment=True, max_age=0,
                         download_name=f"{report.file_stem}.{fmt}")

    @expose("/karirhub/<kind>")
    @has_access
    def karirhub(self, kind):
        """The month's vacancies or placements in Karirhub's columns; a large month goes to a background job."""
        from app.tasks import enqueue

        if kind not in karirhub.EXPORTS:
            abort(404)
        try:
            month = self._month()
        except DomainError as error:
            return self._page(None, str(error)), 400
        if karirhub.count(kind, month) > current_app.config["REPORT_SYNC_MAX_ROWS"]:
            job_id = enqueue("app.reporting.tasks.karirhub_export", kind, month.value, _officer())
            return redirect(url_for("JobView.progress", job_id=job_id))
        headers, rows, name = karirhub.export(kind, month, _officer())
        return send_workbook(headers, rows, name)

    def _month(self) -> Month:
        """?bulan=TTTT-BB; the previous month when absent (a monthly report is made after the month ends)."""
        value = request.args.get("bulan")
        if value is None or value == "":
            previous = today_jakarta().replace(day=1) - timedelta(days=1)
            return Month(previous.year, previous.month)
        return Month.parse(value)

    def _page(self, month, error=None):
        reports = [vacancy_report(month), placement_report(month)] if month else []
        value = month.value if month else (request.args.get("bulan") or "")[:20]
        counts = {kind: karirhub.count(kind, month) for kind in karirhub.EXPORTS} if month else {}
        return self.render_template("reporting/vacancy_reports.html", reports=reports, month=value, error=error,
                                    counts=counts, title=_("Laporan Lowongan & Penempatan"),
                                    sync_max=current_app.config["REPORT_SYNC_MAX_ROWS"])


class ComplianceView(BaseView):
    route_base = "/laporan-lowongan/kepatuhan"
    default_view = "index"
    class_permission_name = RESOURCE
    base_permissions = ["can_read"]
    method_permission_name = {"index": "read", "xlsx": "read", "letter": "read"}

    @expose("/")
    @has_access
    def index(self):
        window = compliance.window()
        return self.render_template("reporting/compliance.html", findings=compliance.findings(window.as_of),
                                    window=window, note=compliance.note(window),
                                    title=_("Perusahaan Tidak Lapor Lowongan"))

    @expose("/xlsx")
    @has_access
    def xlsx(self):
        window = compliance.window()
        rows = compliance.xlsx_rows(compliance.findings(window.as_of))
        return send_workbook(compliance.HEADERS, rows, f"perusahaan-tidak-lapor-lowongan-{window.as_of:%Y%m%d}.xlsx")

    @expose("/<int:company_id>/surat")
    @has_access
    def letter(self, company_id):
        """The warning letter draft for a company on the list; a company not on it has no letter (404)."""
        from reports.warning_letter import render_letter

        window = compliance.window()
        found = compliance.findings(window.as_of, company_id=company_id)
        if not found:
            abort(404)
        content = render_letter(found[0], window, compliance.report_within_days())
        return send_file(BytesIO(content), mimetype="application/pdf", as_attachment=True, max_age=0,
                         download_name=f"draf-teguran-wajib-lapor-lowongan-{company_id}.pdf")


def register(appbuilder):
    add_view(appbuilder, VacancyReportView, N_("Laporan Lowongan & Penempatan"), CATEGORY, icon="fa-bar-chart",
             category_icon="fa-briefcase")
    add_view(appbuilder, ComplianceView, N_("Perusahaan Tidak Lapor Lowongan"), CATEGORY, icon="fa-exclamation",
             category_icon="fa-briefcase")
