"""RPTKA extension request screens: the list with the late flag, the add form with the art. 21 attachments, the
show page with the checklist and the decision panel, and the officer's queue."""
from datetime import timedelta

from flask import flash, g, make_response, redirect, request, url_for
from flask_appbuilder import expose, has_access
from flask_appbuilder.models.filters import BaseFilter
from flask_appbuilder.models.sqla.filters import FilterEqual
from flask_babel import gettext as _, lazy_gettext as _l, lazy_pgettext
from markupsafe import Markup
from wtforms import FileField, SelectField

from app.core.decisions import QUEUE_COLUMNS, QUEUE_LABELS, DecisionViewMixin
from app.core.i18n import N_
from app.core.menu import add_view
from app.core.validation import DomainError
from app.core.views import AppModelView
from app.extensions import db
from app.foreign_workers import extensions
from app.foreign_workers.extensions import ATTACHMENTS, EXTENSION_WORKFLOW, ExtensionRequest
from app.foreign_workers.views import CATEGORY
from app.security.tenancy import TenantInterface, get_owned_or_404, request_user

LABELS = {
    "company": lazy_pgettext("column", "Perusahaan"), "company_id": _l("ID perusahaan"), "worker": _l("TKA"),
    "worker_id": _l("ID TKA"), "requested_on": _l("Tanggal permohonan"),
    "current_rptka_end": _l("RPTKA sekarang berakhir"), "due_by": _l("Batas akhir permohonan"),
    "late": _l("Terlambat"), "period_start": _l("Perpanjangan mulai"), "period_end": _l("Perpanjangan berakhir"),
    "months": _l("Jumlah bulan"), "reason": _l("Alasan perpanjangan"), "status": _l("Status"),
    "status_label": _l("Status"), "note": _l("Catatan petugas"), "checked_at": _l("Dinyatakan lengkap"),
    "decided_at": _l("Diputuskan"), "new_rptka_number": _l("Nomor RPTKA baru"),
    "new_rptka_end": _l("RPTKA baru berakhir"), "period_text": _l("Masa perpanjangan"),
    "status_flagged": _l("Status"),
}
FILE_FIELDS = {f"file_{code}": code for code in ATTACHMENTS}


def _late_flag(late):
    if not late:
        return Markup('<span class="text-muted">%s</span>') % _("Tidak")
    return Markup('<span class="label label-danger" data-test="late">%s</span>') % _("Terlambat")


def _file_fields():
    return {field: FileField(_l(ATTACHMENTS[code][1]), description=_l("PDF, JPEG atau PNG, maksimal 5 MB."))
            for field, code in FILE_FIELDS.items()}


def _status_flagged(value):
    """The status with the late flag beside it: one column on the lists, so that a narrow "Terlambat" column does
    not break its header in two."""
    label, late = value
    return Markup("%s %s") % (label, _late_flag(True) if late else "")


# The lists' status cell: (label, late), rendered by _status_flagged; the export keeps the two columns apart.
ExtensionRequest.status_flagged = property(lambda req: (req.status_label, req.late))
EXPORT_COLUMNS = ["worker", "company", "requested_on", "late", "period_text", "status_label"]


class AwaitingOfficerFilter(BaseFilter):
    """Requests the TKA officer has to act on: to check for completeness, or checked and waiting for the outcome."""

    name = _l("Menunggu petugas")

    def apply(self, query, value):
        return query.filter(ExtensionRequest.status.in_(("submitted", "checked")))


class ExtensionView(DecisionViewMixin, AppModelView):
    """Extension requests: the company's operators ask for their own workers, the TKA officer checks and decides."""

    datamodel = TenantInterface(ExtensionRequest)
    resource = extensions.RESOURCE
    route_base = "/tkaextensionview"
    list_title = _l("Permohonan Perpanjangan RPTKA")
    show_title = _l("Permohonan Perpanjangan RPTKA")
    add_title = _l("Ajukan perpanjangan RPTKA")
    edit_title = _l("Ubah permohonan perpanjangan RPTKA")
    add_row_message = _l("Permohonan perpanjangan RPTKA tercatat. Lampiran yang belum ada dapat diunggah di bawah.")
    list_columns = ["worker", "company", "requested_on", "period_text", "status_flagged"]
    export_columns = EXPORT_COLUMNS
    order_columns = ["requested_on", "due_by", "period_start"]
    search_columns = ["company_id", "status", "late", "requested_on", "period_end"]
    add_columns = ["worker", "period_start", "period_end", "reason", *FILE_FIELDS]
    add_fieldsets = [
        (_l("Permohonan"), {"fields": ["worker", "period_start", "period_end", "reason"]}),
        (_l("Lampiran (PP 34/2021 pasal 21)"), {"fields": list(FILE_FIELDS)}),
    ]
    add_template = "foreign_workers/extension_add.html"
    edit_columns = ["period_start", "period_end", "reason"]
    show_columns = ["worker", "company", "status_label", "note", "requested_on", "current_rptka_end", "due_by",
                    "late", "period_start", "period_end", "months", "reason", "checked_at", "decided_at",
                    "new_rptka_number", "new_rptka_end"]
    label_columns = LABELS
    formatters_columns = {"late": _late_flag, "status_flagged": _status_flagged}
    base_order = ("id", "desc")
    base_permissions = ["can_read", "can_create", "can_write"]
    method_permission_name = {"attach": "write"}
    show_template = "foreign_workers/extension_show.html"
    add_form_extra_fields = _file_fields()
    add_form_query_rel_fields = {"worker": [["status", FilterEqual, "present"]]}
    search_form_extra_fields = {
        "status": SelectField(_l("Status"), choices=list(EXTENSION_WORKFLOW.states.items())),
    }
    description_columns = {
        "worker": _l("TKA yang masih bekerja dan RPTKA-nya akan diperpanjang. Ketik namanya untuk mencari."),
        "period_start": _l("Hari sesudah RPTKA sekarang berakhir, DD-MM-YYYY."),
        "period_end": _l("Paling lama 2 tahun sejak awal perpanjangan (PP 34/2021 pasal 21)."),
    }

    def prefill_add(self, form):
        """Opened from a worker's page (?worker=<id>): that worker chosen, the period starting the day after the
        current RPTKA ends."""
        if request.args.get("worker", "").isdigit():
            worker = form.worker.choices.get_many([request.args["worker"]])
            if worker:
                form.worker.data = worker[0]
                if worker[0].rptka_end and not form.period_start.data:
                    form.period_start.data = worker[0].rptka_end + timedelta(days=1)

    def pre_add(self, item):
        item.company_id = None  # the worker's company, whoever files it (an officer at the counter too)
        extensions.submit(item)
        for field, code in FILE_FIELDS.items():
            upload = request.files.get(field)
            item.__dict__.pop(field, None)
            if upload is not None and upload.filename:
                extensions.attach(item, code, upload)

    def post_add(self, item):
        extensions.notify_filed(item, request_user())
        db.session.commit()
        g.added_extension = item

    def post_add_redirect(self):
        added = g.pop("added_extension", None)
        if added is None:
            return super().post_add_redirect()
        return redirect(url_for("ExtensionView.show", pk=added.id))

    def pre_update(self, item):
        extensions.check_editable(item)
        extensions.set_period(item, item.period_start, item.period_end, item.reason)

    def row_editable(self, req):
        return req.status in extensions.EDITABLE

    def show_context(self, req):
        from app.foreign_workers.payments import RESOURCE as PAYMENTS, payments_of

        sm = self.appbuilder.sm
        may_write = sm.has_access("can_write", extensions.RESOURCE)
        return dict(req=req, checklist=[(code, _(label), file_id) for code, label, file_id in
                                        extensions.checklist(req)],
                    may_attach=may_write and req.status in extensions.EDITABLE,
                    payments=payments_of(req) if sm.has_access("can_read", PAYMENTS) else None,
                    may_pay=sm.has_access("can_create", PAYMENTS) and req.status != "rejected"
                    and req.released_at is None,
                    filed_by=extensions.filed_by(req))

    @expose("/lampiran/<pk>", methods=["POST"])
    @has_access
    def attach(self, pk):
        """Upload (or replace) attachments from the request's page: every file chosen (`file_<code>`) at once, or
        one (`code` and `file`)."""
        if request.form.get("code"):
            uploads = {request.form["code"]: request.files.get("file")}
        else:
            uploads = {code: request.files.get(field) for field, code in FILE_FIELDS.items()}
        req = get_owned_or_404(db.session, ExtensionRequest, pk)
        try:
            count = extensions.attach_many(req, uploads)
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "danger")
            if sum(1 for upload in uploads.values() if upload is not None and upload.filename) > 1:
                # Nothing was kept, and the browser has forgotten the chosen files too.
                flash(_("Tidak ada lampiran yang tersimpan: pilih lagi berkas-berkasnya, kecuali yang ditolak."),
                      "warning")
            return make_response(self.show(pk), 422)
        flash(_("%(count)s lampiran tersimpan.", count=count), "success")
        return redirect(url_for(".show", pk=pk))


class ExtensionQueueView(ExtensionView):
    """The TKA officer's queue: requests to check or to decide, oldest first, late ones flagged."""

    list_title = _l("Antrean Perpanjangan RPTKA")
    route_base = "/tkaextensionqueueview"
    base_filters = [["status", AwaitingOfficerFilter, None]]
    base_order = ("status_changed_at", "asc")
    list_columns = ["worker", "company", "requested_on", "status_flagged", QUEUE_COLUMNS[1]]
    export_columns = [*EXPORT_COLUMNS, QUEUE_COLUMNS[1]]
    label_columns = {**LABELS, **QUEUE_LABELS}
    base_permissions = ["can_read"]
    exclude_route_methods = ExtensionView.exclude_route_methods | {"add", "edit", "delete", "attach"}


QUEUE_MENU = N_("Antrean Perpanjangan RPTKA")


def register(appbuilder):
    from app.foreign_workers import extension_api

    add_view(appbuilder, ExtensionView, N_("Perpanjangan RPTKA"), CATEGORY, icon="fa-calendar-plus-o",
             category_icon="fa-globe")
    queue = add_view(appbuilder, ExtensionQueueView, QUEUE_MENU, CATEGORY, icon="fa-inbox",
                     category_icon="fa-globe")
    appbuilder.menu_resources[QUEUE_MENU] = (queue.class_permission_name, "decide")
    appbuilder.add_api(extension_api.ExtensionApi)
