""""Arsip Laporan" (resource "ReportArchive"): the registry's reports the user may read, each with a month picker
and "Buat" / "Buat ulang" (a background job and its progress page), and the archive of generated files, filtered
to the reports the user may read. Each report's files download for the readers of its resource only, here and
on /files/<id> (the file kind maps to that resource). Thin: the rules live in app/reporting/archive.py."""
from flask import abort, current_app, flash, redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import gettext as _

from app.core.files import _human_size as human_size
from app.core.files import send_stored_file
from app.core.i18n import N_
from app.core.menu import add_view
from app.core.validation import DomainError
from app.reporting import archive, registry
from app.reporting.tables import Month

RESOURCE = "ReportArchive"
MENU = N_("Arsip Laporan")
CATEGORY = N_("Laporan")
PER_PAGE = 50


def _may_read(declaration) -> bool:
    return declaration is not None and current_app.appbuilder.sm.has_access("can_read", declaration.resource)


def readable():
    return registry.readable(current_app.appbuilder.sm.has_access)


class ReportArchiveView(BaseView):
    route_base = "/arsip-laporan"
    default_view = "index"
    class_permission_name = RESOURCE
    base_permissions = ["can_read"]
    # Making a report the user may read is reading it (as the reports' own screens draw it on demand).
    method_permission_name = {"index": "read", "generate": "read", "download": "read"}

    @expose("/")
    @has_access
    def index(self):
        return self._page()

    @expose("/buat", methods=["POST"])
    @has_access
    def generate(self):
        """Buat: the archived files when there are some, else a job; Buat ulang: always a job."""
        from app.tasks import enqueue

        key = request.form.get("laporan", "")
        regenerate = request.form.get("buat_ulang") == "1"
        declaration = registry.get(key)
        if declaration is not None and not _may_read(declaration):
            abort(403)
        try:
            declaration, month, parameters_json = archive.resolve(key, request.form.get("bulan"), request.form)
        except DomainError as error:
            return self._page(str(error))
        title = _(declaration.title)
        if not regenerate:
            done = archive.current(key, month.value, parameters_json)
            if done is not None:
                flash(_("%(title)s %(month)s sudah ada di arsip. Pilih \"Buat ulang\" untuk membuat berkas baru.",
                        title=title, month=month.label), "info")
                return redirect(url_for(".index", laporan=key, bulan=month.value))
        job_id = enqueue("app.reporting.archive.generate", key, month.value,
                         declaration.parse_parameters(request.form), regenerate)
        return redirect(url_for("JobView.progress", job_id=job_id))

    @expose("/berkas/<int:file_id>")
    @has_access
    def download(self, file_id):
        archived = archive.file_of(file_id)
        if archived is None:
            abort(404)
        if not _may_read(archived.generation.declaration):
            abort(404)  # as every row one may not see (and /files/<id>): its existence is not told either
        return send_stored_file(archived.stored_file)

    def _page(self, error=None):
        """The reports to make and the archive (filters ?laporan=&bulan=&halaman=); 400 with `error`."""
        reports = readable()
        key = request.args.get("laporan") or None
        period = request.args.get("bulan") or None
        page = request.args.get("halaman", "1")
        page = max(1, min(int(page), 10_000)) if page.isdigit() else 1
        if key and key not in {r.key for r in reports}:
            error, key = error or _("Laporan tidak dikenal."), None
        if period:
            try:
                period = Month.parse(period).value
            except DomainError as problem:
                error, period = error or str(problem), None
        generations, more = archive.listing([r.key for r in reports], period, key, page, PER_PAGE)
        html = self.render_template(
            "reporting/archive.html", title=_("Arsip Laporan"), reports=reports, generations=generations,
            more=more, page=page, key=key or "", period=period or "", error=error,
            default_month=archive.previous_month().value, shown_status=archive.shown_status,
            month_label=archive.month_label, parameters_label=archive.parameters_label,
            statuses=archive.STATUSES, human_size=human_size, form_month=request.form.get("bulan", "")[:20],
            form_key=request.form.get("laporan", ""))
        return (html, 400) if error else html


def register(appbuilder):
    add_view(appbuilder, ReportArchiveView, MENU, CATEGORY, icon="fa-archive", category_icon="fa-bar-chart")
