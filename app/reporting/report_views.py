"""One shape for the report screens that show a period's report as a page and hand out the same report as XLSX
and PDF (PKWT recap, TKA recap, DKPTKA revenue): the period is read from the query string once, a wrong one is a
400 page with the message, and both files are the page's own figures."""
from io import BytesIO

from flask import send_file
from flask_appbuilder import BaseView, expose, has_access

from app.core.exports import XLSX_MIMETYPE
from app.core.validation import DomainError

MIMETYPES = {"xlsx": XLSX_MIMETYPE, "pdf": "application/pdf"}


class ReportPageView(BaseView):
    """A subclass defines `period()` (read from the query string; DomainError when wrong), `build(period)` (the
    report), `file_stem(period)`, `page(report, error)` (the screen) and either `render_pdf(report)` (a `Report`:
    the generic XLSX comes with it) or its own `document(extension, period, report)`."""

    default_view = "index"
    method_permission_name = {"index": "read", "xlsx": "read", "pdf": "read"}
    base_permissions = ["can_read"]

    @expose("/")
    @has_access
    def index(self):
        try:
            period = self.period()
        except DomainError as error:
            return self.page(None, str(error)), 400
        return self.page(self.build(period))

    @expose("/xlsx")
    @has_access
    def xlsx(self):
        return self._download("xlsx")

    @expose("/pdf")
    @has_access
    def pdf(self):
        return self._download("pdf")

    def _download(self, extension):
        try:
            period = self.period()
        except DomainError as error:
            return self.page(None, str(error)), 400
        data = self.document(extension, period, self.build(period))
        return send_file(BytesIO(data), mimetype=MIMETYPES[extension], as_attachment=True, max_age=0,
                         download_name=f"{self.file_stem(period)}.{extension}")

    def document(self, extension, period, report) -> bytes:
        """A `Report` (app/reporting/tables.py) as the generic XLSX, or as the PDF of `render_pdf()`."""
        if extension == "xlsx":
            from app.reporting.xlsx import render_xlsx

            return render_xlsx(report)
        return self.render_pdf(report)

