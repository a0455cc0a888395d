"""DKPTKA payment screens: the operator submits (and corrects a returned payment), the treasurer confirms the money
arrived, the TKA officer validates; two queues with the service clock; the validation receipt PDF."""
from io import BytesIO

from flask import flash, g, redirect, request, send_file, url_for
from flask_appbuilder import expose, has_access
from flask_appbuilder.models.sqla.filters import FilterEqual, FilterNotEqual
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from wtforms import FileField

from app.core.decisions import DecisionViewMixin, add_queue, queue_view
from app.core.forms import form_error
from app.core.i18n import N_
from app.core.menu import add_view
from app.core.views import AppModelView
from app.extensions import db
from app.foreign_workers import payments, rules
from app.foreign_workers.extensions import ExtensionRequest
from app.foreign_workers.payments import DkptkaPayment
from app.foreign_workers.views import CATEGORY
from app.security.tenancy import TenantInterface, get_owned_or_404

LABELS = {
    "company": lazy_pgettext("column", "Perusahaan"), "company_id": _l("ID perusahaan"),
    "worker": _l("Tenaga kerja asing"), "rptka_number": _l("Nomor RPTKA"), "rptka_start": _l("RPTKA mulai"),
    "rptka_end": _l("RPTKA berakhir"), "months": _l("Jumlah bulan"), "positions": _l("Jumlah jabatan"),
    "usd_amount": _l("Jumlah USD"), "exchange_rate": _l("Kurs (rupiah per USD)"), "rate_date": _l("Tanggal kurs"),
    "idr_amount": _l("Jumlah rupiah"), "billing_code": _l("Kode billing"), "bank_reference": _l("Referensi bank"),
    "proof": _l("Bukti pembayaran"), "status_label": _l("Status"), "status": _l("Status"),
    "submitted_at": _l("Diajukan"), "received_at": _l("Dana diterima"), "validated_at": _l("Divalidasi"),
    "number": _l("Nomor tanda terima"), "note": _l("Catatan"), "work_locations": _l("Lokasi kerja"),
    "validation_due": _l("Batas validasi"), "late": _l("Terlambat"), "usd_text": _l("Jumlah USD"),
    "rate_text": _l("Kurs (rupiah per USD)"), "extension": _l("Permohonan perpanjangan RPTKA"),
}
FORM = ["worker", "extension", "rptka_number", "rptka_start", "rptka_end", "months", "positions", "usd_amount",
        "exchange_rate", "rate_date", "idr_amount", "billing_code", "bank_reference"]
PROOF_FIELD = FileField(_l("Bukti pembayaran (PDF, JPG atau PNG)"),
                        description=_l("Bukti setor dari bank, maksimal 5 MB; diperiksa dari isinya."))


class DkptkaPaymentView(DecisionViewMixin, AppModelView):
    """Payments of DKPTKA: the operator's own company's, every company's for the treasurer and the officers."""

    datamodel = TenantInterface(DkptkaPayment)
    resource = payments.RESOURCE
    list_title = _l("Pembayaran DKPTKA")
    show_title = _l("Pembayaran DKPTKA")
    add_title = _l("Ajukan validasi pembayaran DKPTKA")
    edit_title = _l("Perbaiki pembayaran DKPTKA")
    list_columns = ["worker", "company", "rptka_number", "idr_amount", "status_label", "submitted_at",
                    "validation_due", "number"]
    search_columns = ["company_id", "number", "billing_code", "status", "rptka_number", "submitted_at"]
    add_columns = FORM + ["proof"]
    edit_columns = FORM + ["proof"]
    show_columns = ["number", "company", "worker", "extension", "work_locations", "rptka_number", "rptka_start",
                    "rptka_end", "months", "positions", "usd_text", "rate_text", "rate_date", "idr_amount",
                    "billing_code", "bank_reference", "status_label", "submitted_at", "received_at",
                    "validation_due", "validated_at", "note"]
    label_columns = LABELS
    base_permissions = ["can_read", "can_create", "can_write"]
    method_permission_name = {"receipt": "read"}
    base_order = ("id", "desc")
    show_template = "foreign_workers/payment_show.html"
    add_form_extra_fields = {"proof": PROOF_FIELD}
    edit_form_extra_fields = {"proof": FileField(_l("Bukti pembayaran baru (kosongkan jika tidak diganti)"))}
    add_form_query_rel_fields = edit_form_query_rel_fields = {
        "worker": [["status", FilterEqual, "present"]], "extension": [["status", FilterNotEqual, "rejected"]]}
    description_columns = {
        "worker": _l("Semua lokasi kerja TKA harus di Kabupaten Tangerang: selain itu DKPTKA dibayar ke provinsi "
                     "atau Kementerian."),
        "extension": _l("Permohonan perpanjangan yang dibayar (jika sudah diajukan di sini); validasi pembayaran "
                        "membuka perpanjangannya."),
        "usd_amount": _l("USD 100 × jumlah bulan × jumlah jabatan."),
        "idr_amount": _l("Jumlah USD × kurs, dibulatkan ke rupiah terdekat (setengah rupiah ke atas)."),
        "exchange_rate": _l("Kurs pada tanggal pembayaran, misalnya 16250,50."),
    }

    # Every wrong figure at its field at once (rules.check_payment_amounts); FAB's hook shows one.
    @staticmethod
    def _store(form, item, rule, save):
        extra = []

        def checked(row):
            try:
                rule(row)
            except payments.AmountProblems as error:
                extra.extend(error.problems[1:])
                raise
        stored = AppModelView._store(form, item, checked, save)
        for field, message in extra:
            form_error(form, message, field)
        return stored

    def prefill_add(self, form):
        """Opened from an extension request ("Ajukan pembayaran DKPTKA", ?perpanjangan=<id>): its worker, the period
        asked (or approved) and the new RPTKA number, to be checked and completed."""
        extension = get_owned_or_404(db.session, ExtensionRequest, request.args["perpanjangan"]) \
            if request.args.get("perpanjangan", "").isdigit() else None
        if extension is None:
            return
        form.worker.data, form.extension.data = extension.worker, extension
        form.rptka_start.data = extension.period_start
        form.rptka_end.data = extension.new_rptka_end or extension.period_end
        form.months.data, form.positions.data = extension.months, 1
        form.usd_amount.data = rules.usd_amount(extension.months, 1)
        form.rptka_number.data = extension.new_rptka_number or extension.worker.rptka_number

    def row_editable(self, payment):
        return payment.status in payments.EDITABLE

    def pre_add(self, item):
        payments.submit(item, request.files.get("proof"))

    def post_add(self, item):
        g.added_payment = item

    def post_add_redirect(self):
        added = g.pop("added_payment", None)
        if added is None:
            return super().post_add_redirect()
        return redirect(url_for("DkptkaPaymentView.show", pk=added.id))

    def pre_update(self, item):
        payments.check_editable(item)
        payments.check_payment(item)
        upload = request.files.get("proof")
        if upload is not None and upload.filename:
            payments.attach_proof(item, upload)

    def pre_delete(self, item):
        payments.check_editable(item)

    def show_context(self, payment):
        return dict(payment=payment)

    @expose("/tanda-terima/<pk>")
    @has_access
    def receipt(self, pk):
        """The validation receipt (PDF, inline): the operator, the treasurer and the officers print it."""
        from reports.dkptka_receipt import render_receipt_bytes

        payment = get_owned_or_404(db.session, DkptkaPayment, pk)  # another company's: 404
        if payment.status != "validated" or not payment.number:
            flash(_("Tanda terima tersedia setelah pembayaran divalidasi."), "warning")
            return redirect(url_for(".show", pk=pk))
        return send_file(BytesIO(render_receipt_bytes(payment)), mimetype="application/pdf",
                         download_name=f"Tanda-Terima-DKPTKA-{payment.number.replace('/', '-')}.pdf")


_QUEUE_EXCLUDED = {"add", "edit", "delete"}
DkptkaReceiveQueueView = queue_view(DkptkaPaymentView, "DkptkaReceiveQueueView", "submitted",
                                    _l("Antrean Konfirmasi Dana DKPTKA"))
DkptkaValidationQueueView = queue_view(DkptkaPaymentView, "DkptkaValidationQueueView", "received",
                                       _l("Antrean Validasi DKPTKA"))
for _queue in (DkptkaReceiveQueueView, DkptkaValidationQueueView):  # deciding only: no add/edit links
    _queue.base_permissions = ["can_read"]
    _queue.exclude_route_methods = DkptkaPaymentView.exclude_route_methods | _QUEUE_EXCLUDED | {"receipt"}
# The queues show what the person deciding compares, and the kit's clock (received → due → overdue).
DkptkaReceiveQueueView.list_columns = ["worker", "company", "billing_code", "bank_reference", "idr_amount",
                                       "waiting_since", "waiting_days"]
DkptkaValidationQueueView.list_columns = ["worker", "company", "rptka_number", "idr_amount", "waiting_since",
                                          "waiting_days", "deadline_date", "overdue"]


def register(appbuilder):
    from app.foreign_workers import payment_api

    payments.register_documents()
    add_view(appbuilder, DkptkaPaymentView, N_("Pembayaran DKPTKA"), CATEGORY, icon="fa-money",
             category_icon="fa-globe")
    add_queue(appbuilder, DkptkaReceiveQueueView, N_("Antrean Konfirmasi Dana DKPTKA"), CATEGORY)
    add_queue(appbuilder, DkptkaValidationQueueView, N_("Antrean Validasi DKPTKA"), CATEGORY)
    appbuilder.add_api(payment_api.DkptkaPaymentApi)
