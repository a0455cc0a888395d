"""PKWT screens: contracts (the register), submissions and their verification, the minimum-wage table."""
from flask import flash, g, redirect, request, url_for
from flask_appbuilder import expose, has_access
from flask_babel import gettext as _, lazy_gettext as _l, lazy_pgettext
from wtforms import FileField, SelectField
from wtforms.validators import DataRequired

from app.contracts import services
from app.contracts.models import MinimumWage, PkwtContract, PkwtSubmission, SectoralMinimumWage
from app.contracts.workflow import END_REASONS, KINDS, WAGE_PAYMENTS
from app.core.files import save_upload
from app.core.forms import parse_date
from app.core.formatting import rupiah
from app.core.i18n import N_
from app.core.menu import add_view
from app.core.validation import DomainError, FormCheck, non_negative
from app.core.decisions import DecisionViewMixin, add_queue, queue_view
from app.core.views import AppModelView
from app.reference.lists import SEX_CHOICES
from app.extensions import db
from app.security.tenancy import TenantInterface, get_owned_or_404

CATEGORY = N_("PKWT")  # menu category, a permission name: plain, translated when the menu renders
LABELS = {
    "submission": _l("Pengajuan"), "company": lazy_pgettext("column", "Perusahaan"), "nik": "NIK",
    "company_id": _l("ID perusahaan"),
    "passport_number": _l("Nomor paspor"), "full_name": _l("Nama pekerja"), "sex": _l("Jenis kelamin"),
    "birth_date": _l("Tanggal lahir"), "address": _l("Alamat"),
    "nationality": _l("Kewarganegaraan (kode negara)"), "position": _l("Jabatan"),
    "place_of_work": _l("Tempat kerja"), "wage": _l("Upah per bulan (Rp)"),
    "wage_payment": _l("Cara pembayaran upah"), "kind": _l("Jenis PKWT"), "kind_label": _l("Jenis PKWT"),
    "start_date": _l("Mulai"), "end_date": _l("Berakhir"),
    "completion_criterion": _l("Pekerjaan yang menjadi batas berakhir"), "sequence": _l("Perpanjangan ke-"),
    "previous_id": _l("ID PKWT sebelumnya (untuk perpanjangan)"), "signed_at": _l("Tanggal ditandatangani"),
    "late": _l("Terlambat dicatatkan"), "late_working_days": _l("Hari kerja keterlambatan"),
    "below_minimum_wage": _l("Upah di bawah UMK"),  # UMK or the sector's UMSK, whichever is higher
    "becomes_permanent": _l("Menjadi PKWTT (harian ≥ 21 hari × 3 bulan)"),
    "compensation": _l("Uang kompensasi saat berakhir"), "status_label": _l("Status"),
    "number": _l("Nomor pencatatan"), "registered_at": _l("Tanggal pencatatan"), "submitted_at": _l("Diajukan"),
    "source": _l("Cara pengajuan"), "note": _l("Catatan petugas"), "year": _l("Tahun"),
    "amount": _l("UMK (Rp/bulan)"), "basis": _l("Dasar penetapan"),
    "minimum_wage": _l("Upah minimum pembanding (Rp)"), "minimum_wage_missing": _l("UMK tahun mulai belum ada"),
    "unlinked_earlier": _l("Ada PKWT sebelumnya yang tidak disebut"), "ended_at": _l("Tanggal berakhir sebenarnya"),
    "end_reason": _l("Alasan berakhir"), "kbli_code": _l("Kode KBLI"), "sector": _l("Sektor"),
}
PkwtContract.kind_label = property(lambda self: _(KINDS[self.kind]) if self.kind in KINDS else self.kind)
PkwtContract.compensation = property(lambda self: rupiah(services.compensation_of(self)))
CONTRACT_FORM = ["nik", "passport_number", "full_name", "sex", "birth_date", "address", "nationality", "position",
                 "place_of_work", "wage", "wage_payment", "kind", "start_date", "end_date", "completion_criterion",
                 "previous_id", "signed_at"]


class PkwtContractView(AppModelView):
    """The register of PKWT: operators see and submit their own company's, officers all."""

    datamodel = TenantInterface(PkwtContract)
    resource = "Pkwt"
    list_title = _l("Register PKWT")
    show_title = _l("Perjanjian Kerja Waktu Tertentu")
    add_title = _l("Ajukan pencatatan PKWT")
    edit_title = _l("Ubah PKWT")
    list_columns = ["full_name", "company", "position", "kind_label", "start_date", "end_date", "submission",
                    "late", "below_minimum_wage"]
    # By company id, not a dropdown of every company (thousands) loaded into each page.
    search_columns = ["company_id", "full_name", "nik", "kind", "sex", "start_date", "end_date", "late",
                      "below_minimum_wage", "minimum_wage_missing", "unlinked_earlier"]
    add_columns = CONTRACT_FORM + ["signed_document"]
    edit_columns = CONTRACT_FORM
    show_columns = ["submission", "company"] + CONTRACT_FORM + ["sequence", "late", "late_working_days",
                                                                "minimum_wage", "below_minimum_wage",
                                                                "becomes_permanent", "ended_at", "end_reason",
                                                                "compensation"]
    label_columns = LABELS
    base_order = ("id", "desc")
    show_template = "contracts/contract_show.html"
    method_permission_name = {"upload": "write", "days": "write", "end": "write"}
    validators_columns = {"wage": [FormCheck(non_negative)]}
    add_form_extra_fields = edit_form_extra_fields = {
        "sex": SelectField(_l("Jenis kelamin"), choices=SEX_CHOICES,
                           validators=[DataRequired()]),
        "kind": SelectField(_l("Jenis PKWT"), choices=[(key, _l(label)) for key, label in KINDS.items()],
                            validators=[DataRequired()]),
        "wage_payment": SelectField(_l("Cara pembayaran upah"), choices=list(WAGE_PAYMENTS.items())),
    }
    add_form_extra_fields = {**edit_form_extra_fields, "signed_document": FileField(
        _l("Dokumen PKWT yang ditandatangani (PDF)"),
        description=_l("Pindaian perjanjian yang sudah ditandatangani, PDF maksimal 5 MB; wajib sebelum disetujui."))}

    def pre_add(self, item):
        services.submit_one(item)
        document = request.files.get("signed_document")
        if document is not None and document.filename:
            try:
                stored = save_upload(document, "pkwt", {"pdf"}, company_id=item.company_id)
            except DomainError as error:
                raise DomainError(str(error), field="signed_document") from None
            db.session.flush()
            item.contract_file_id = stored.id

    def post_add(self, item):
        g.added_contract = item

    def post_add_redirect(self):
        """The operator lands on the submission: its status, its rule flags and what happens next."""
        added = g.pop("added_contract", None)
        if added is None:
            return super().post_add_redirect()
        return redirect(url_for("PkwtSubmissionView.show", pk=added.submission_id))

    def pre_update(self, item):
        services.update_one(item)

    def pre_delete(self, item):
        services.check_editable(item)

    def show_context(self, contract):
        return dict(contract=contract, chain=services.worker_contracts(contract), end_reasons=END_REASONS)

    @expose("/unggah/<pk>", methods=["POST"])
    @has_access
    def upload(self, pk):
        """The signed contract as a PDF."""
        def attach(contract):
            services.check_editable(contract)
            stored = save_upload(request.files.get("file"), "pkwt", {"pdf"}, company_id=contract.company_id)
            db.session.flush()
            contract.contract_file_id = stored.id

        return self.act(pk, attach, _("Dokumen PKWT tersimpan."))

    @expose("/hari-kerja/<pk>", methods=["POST"])
    @has_access
    def days(self, pk):
        """Days worked in a month by a daily worker."""
        def report(contract):
            services.report_days(contract, services.parse_month(request.form.get("month")),
                                 request.form.get("days", type=int, default=-1))

        return self.act(pk, report, _("Hari kerja tercatat."))

    @expose("/berakhir/<pk>", methods=["POST"])
    @has_access
    def end(self, pk):
        """The real end of a registered contract (date and reason): compensation is computed from it."""
        def record(contract):
            services.record_end(contract, parse_date(request.form.get("ended_at")),
                                request.form.get("end_reason"))

        return self.act(pk, record, _("Berakhirnya PKWT tercatat."))


class PkwtSubmissionView(DecisionViewMixin, AppModelView):
    datamodel = TenantInterface(PkwtSubmission)
    resource = "Pkwt"
    list_title = _l("Pengajuan Pencatatan PKWT")
    show_title = _l("Pengajuan PKWT")
    add_title, edit_title = _l("Ajukan pencatatan PKWT"), _l("Ubah pengajuan PKWT")
    list_columns = ["number", "company", "status_label", "submitted_at", "registered_at", "source"]
    search_columns = ["number", "company_id", "status", "registered_at"]
    show_columns = ["number", "company", "status_label", "submitted_at", "registered_at", "source", "note"]
    label_columns = LABELS
    base_permissions = ["can_read", "can_verify"]
    method_permission_name = {"letter": "read"}
    base_order = ("id", "desc")
    related_views = [PkwtContractView]
    show_template = "contracts/submission_show.html"

    def show_context(self, submission):
        return dict(submission=submission, contracts=[services.chain_review(c) for c in submission.contracts],
                    problems=services.missing_for_approval(submission) if submission.status == "submitted" else [])

    @expose("/surat/<pk>")
    @has_access
    def letter(self, pk):
        """Bukti Pencatatan PKWT (PDF, inline): the company's operators print it, officers reprint it."""
        from io import BytesIO

        from flask import send_file

        from reports.pkwt_letter import render_letter_bytes

        submission = get_owned_or_404(db.session, PkwtSubmission, pk)  # another company's: 404
        if submission.status != "approved" or not submission.number:
            flash(_("Bukti pencatatan PKWT tersedia setelah pengajuan disetujui dan tercatat."), "warning")
            return redirect(url_for(".show", pk=pk))
        return send_file(BytesIO(render_letter_bytes(submission)), mimetype="application/pdf",
                         download_name=f"Bukti-Pencatatan-PKWT-{submission.id}.pdf")


PkwtQueueView = queue_view(PkwtSubmissionView, "PkwtQueueView", "submitted", _l("Antrean Verifikasi PKWT"))


class SectoralMinimumWageView(AppModelView):
    """UMSK by KBLI code from the governor's decree; a contract is compared against the higher of UMK and UMSK."""

    datamodel = TenantInterface(SectoralMinimumWage)
    resource = "Reference"
    list_title = show_title = _l("Upah Minimum Sektoral Kabupaten (UMSK)")
    add_title, edit_title = _l("Tambah UMSK"), _l("Ubah UMSK")
    list_columns = add_columns = edit_columns = show_columns = ["year", "kbli_code", "sector", "amount", "basis"]
    search_columns = ["year", "kbli_code"]
    label_columns = {**LABELS, "amount": _l("UMSK (Rp/bulan)")}
    base_order = ("year", "desc")
    validators_columns = {"amount": [FormCheck(non_negative)]}


class MinimumWageView(AppModelView):
    datamodel = TenantInterface(MinimumWage)
    resource = "Reference"
    list_title = show_title = _l("Upah Minimum Kabupaten (UMK)")
    add_title, edit_title = _l("Tambah UMK"), _l("Ubah UMK")
    list_columns = add_columns = edit_columns = show_columns = ["year", "amount", "basis"]
    search_columns = ["year"]
    label_columns = LABELS
    base_order = ("year", "desc")
    validators_columns = {"amount": [FormCheck(non_negative)]}

    def post_add(self, item):
        services.check_unchecked_wages(item.year)
        db.session.commit()

    post_update = post_add


def register(appbuilder):
    from app.contracts import api, documents

    documents.register_documents()

    add_view(appbuilder, PkwtContractView, N_("Register PKWT"), CATEGORY, icon="fa-file-text-o",
             category_icon="fa-handshake-o")
    add_view(appbuilder, PkwtSubmissionView, N_("Pengajuan PKWT"), CATEGORY, icon="fa-inbox",
             category_icon="fa-handshake-o")
    add_queue(appbuilder, PkwtQueueView, N_("Antrean Verifikasi PKWT"), CATEGORY)
    add_view(appbuilder, MinimumWageView, N_("UMK"), N_("Data Referensi"), icon="fa-money", category_icon="fa-book")
    add_view(appbuilder, SectoralMinimumWageView, N_("UMSK"), N_("Data Referensi"), icon="fa-money",
             category_icon="fa-book")
    appbuilder.add_api(api.PkwtContractApi)
    appbuilder.add_api(api.PkwtSubmissionApi)
    from app.contracts import batch_views
    batch_views.register(appbuilder)
    from app.contracts import recap_views
    recap_views.register(appbuilder)
