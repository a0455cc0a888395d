"""DKPTKA payments for a foreign worker's extension (PP 34/2021 art. 24; Permenaker 8/2021): what the operator
submits, the treasurer's confirmation that the money arrived, the TKA officer's validation with a receipt number,
and the service clock (1 working day from the money's arrival).

Model, workflow and service in one file: the rules themselves (amounts, rounding, where the money belongs, the
due day) are app.foreign_workers.rules, called from here and nowhere else."""
from datetime import date

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import relationship

from app.core.formatting import local, number, today_jakarta
from app.core.i18n import N_
from app.core.models import Model, TimestampMixin, utcnow
from app.core.numbering import NumberFormat
from app.core.validation import DomainError
from app.core.workflow import (
    Action,
    Notice,
    Workflow,
    WorkflowMixin,
    request_calendar,
    resubmit_action,
)
from app.extensions import db
from app.foreign_workers import rules

RESOURCE = "DkptkaPayment"
DEADLINE_KEY = "DEADLINE_DKPTKA_VALIDATE"  # config: working days to validate once the money arrived
PROOF_TYPES = {"pdf", "jpg", "png"}
EDITABLE = ("submitted", "returned")  # the operator may correct the payment until the treasurer confirms it
# DKPTKA/0001/2026: serial of the validation year, gap-free (app.core.numbering).
RECEIPT_NUMBERS = NumberFormat("dkptka", prefix="DKPTKA/", padding=4, suffix="/%Y", reset="year")

RETURN_REASONS = {  # the treasurer's closed list
    "belum_masuk": _l("Dana belum masuk ke rekening kas daerah"),
    "jumlah_berbeda": _l("Jumlah yang masuk berbeda dengan jumlah yang diajukan"),
}
REJECTION_REASONS = {  # the TKA officer's closed list
    "bukan_kewenangan": _l("Bukan kewenangan kabupaten (lokasi kerja di luar Kabupaten Tangerang)"),
    "rptka_tidak_sesuai": _l("Nomor atau masa RPTKA tidak sesuai"),
    "bukti_tidak_sah": _l("Bukti pembayaran tidak sah atau tidak terbaca"),
    "data_tka_tidak_sesuai": _l("Data TKA tidak sesuai"),
    "lainnya": _l("Lainnya"),
}

PAYMENT_WORKFLOW = Workflow(
    states={"submitted": _l("Menunggu konfirmasi bendahara"), "returned": _l("Dikembalikan bendahara"),
            "received": _l("Dana diterima, menunggu validasi"), "validated": _l("Tervalidasi"),
            "rejected": _l("Ditolak")},
    actions=[
        Action("receive", ("submitted",), "received", _l("Konfirmasi dana diterima"), permission="receive",
               stamps=("received_at",), style="success",
               notice=Notice("office", N_("DKPTKA menunggu validasi"),
                             N_("{subject}: dana telah diterima bendahara dan menunggu validasi."))),
        Action("return", ("submitted",), "returned", _l("Kembalikan (dana belum sesuai)"), permission="receive",
               reasons=RETURN_REASONS, needs_note=True, keeps_note=True, style="warning",
               notice=Notice("owner", N_("Pembayaran DKPTKA dikembalikan"),
                             N_("{subject} dikembalikan oleh bendahara. Catatan: {note}."))),
        resubmit_action("write", Notice("office", N_("Pembayaran DKPTKA diajukan ulang"),
                                        N_("{subject} telah diperbaiki dan diajukan ulang."))),
        Action("validate", ("received",), "validated", _l("Validasi pembayaran"), permission="validate",
               stamps=("validated_at",), deadline=DEADLINE_KEY, style="success",
               notice=Notice("owner", N_("Pembayaran DKPTKA tervalidasi"),
                             N_("{subject} tervalidasi dengan nomor {number}. Tanda terima validasi dapat "
                                "diunduh dari halaman pembayaran."))),
        Action("reject", ("received",), "rejected", _l("Tolak"), permission="validate", reasons=REJECTION_REASONS,
               keeps_note=True, style="danger",
               notice=Notice("owner", N_("Pembayaran DKPTKA ditolak"), N_("{subject} ditolak. Alasan: {note}."))),
    ],
    resource=RESOURCE, notice_kind="dkptka", note_column="note",
    subject=lambda p: f"Pembayaran DKPTKA {p.worker.full_name if p.worker else ''} ({p.company.name})",
    link=lambda p: f"/dkptkapaymentview/show/{p.id}",
)


def rate_text(rate) -> str:
    """Rp16.250,5 per the rate as stated, with Indonesian separators (no trailing zeros)."""
    whole, _, fraction = f"{rate:.4f}".partition(".")
    fraction = fraction.rstrip("0")
    return "Rp" + number(int(whole)) + ("," + fraction if fraction else "")


class DkptkaPayment(WorkflowMixin, TimestampMixin, Model):
    """One DKPTKA payment for one foreign worker's RPTKA period, as the company paid it (facts as submitted)."""

    __tablename__ = "dkptka_payment"
    __tenant__ = {"company": "company_id"}
    __table_args__ = (UniqueConstraint("serial_year", "serial", name="uq_dkptka_payment_serial"),)
    workflow = PAYMENT_WORKFLOW

    id = Column(Integer, primary_key=True)
    company_id = Column(Integer, ForeignKey("company.id"), nullable=False, index=True)
    company = relationship("Company", lazy="selectin")
    worker_id = Column(Integer, ForeignKey("foreign_worker.id"), nullable=False, index=True)
    worker = relationship("ForeignWorker", lazy="selectin")
    # The extension request this payment is for (optional: a company may pay before recording its request here);
    # its validation releases that extension.
    extension_id = Column(Integer, ForeignKey("tka_extension_request.id"), index=True)
    extension = relationship("ExtensionRequest", lazy="selectin")
    rptka_number = Column(String(60), nullable=False)
    rptka_start = Column(Date, nullable=False)
    rptka_end = Column(Date, nullable=False)
    months = Column(Integer, nullable=False)
    positions = Column(Integer, nullable=False, default=1)
    usd_amount = Column(Integer, nullable=False)
    exchange_rate = Column(Numeric(14, 4), nullable=False)  # rupiah per USD on rate_date
    rate_date = Column(Date, nullable=False)
    idr_amount = Column(BigInteger, nullable=False, info={"money": True})
    billing_code = Column(String(40), nullable=False, index=True)
    bank_reference = Column(String(60), nullable=False)
    proof_file_id = Column(Integer, ForeignKey("stored_file.id"))
    work_locations = Column(Text)  # as they were when submitted: the receipt prints them
    status = Column(String(12), nullable=False, default="submitted", index=True)
    submitted_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    received_at = Column(DateTime(timezone=True))  # the treasurer confirmed the money arrived: the SLA starts
    validated_at = Column(DateTime(timezone=True))
    note = Column(Text)  # return note / rejection reason, for the operator
    number = Column(String(30), unique=True)  # receipt number, gap-free per year
    serial_year = Column(Integer)
    serial = Column(Integer)
    signed_by_name = Column(String(150))
    signed_by_rank = Column(String(100))
    signed_by_nip = Column(String(18))

    def __repr__(self):
        return self.number or f"DKPTKA #{self.id}"

    @property
    def usd_text(self) -> str:
        return f"USD {number(self.usd_amount)}" if self.usd_amount is not None else "–"

    @property
    def rate_text(self) -> str:
        return rate_text(self.exchange_rate) if self.exchange_rate is not None else "–"

    @property
    def validation_due(self) -> date | None:
        """The day validation is due: 1 working day after the money arrived (rules.validation_due)."""
        if self.received_at is None:
            return None
        return rules.validation_due(local(self.received_at).date(), request_calendar())

    @property
    def late(self) -> bool:
        """Validated after the due day, or still waiting past it."""
        due = self.validation_due
        if due is None:
            return False
        if self.validated_at is not None:
            return local(self.validated_at).date() > due
        return self.status == "received" and today_jakarta() > due


# ---- submitting --------------------------------------------------------------------------------------------

class AmountProblems(DomainError):
    """Every wrong figure, each with its field: the form shows them all at once."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__(problems[0][1], field=problems[0][0])
        self.problems = problems


# rules.check_payment_amounts names no field; its Indonesian messages start with the figure they are about.
_FIELD_OF = [("Jumlah bulan", "months"), ("Jumlah jabatan", "positions"), ("Jumlah USD", "usd_amount"),
             ("Kurs", "exchange_rate"), ("Jumlah rupiah", "idr_amount")]


def amount_problems(payment) -> list[tuple[str, str]]:
    """(field, message) of every wrong figure, the message in the reader's language."""
    args = (payment.months, payment.positions, payment.usd_amount, payment.exchange_rate, payment.idr_amount)
    shown = rules.check_payment_amounts(*args)
    with force_locale("id"):  # the msgids, to tell which field each message is about
        plain = rules.check_payment_amounts(*args)
    fields = [next((name for start, name in _FIELD_OF if text.startswith(start)), None) for text in plain]
    problems = list(zip(fields, shown))
    if "months" not in fields and payment.rptka_start and payment.rptka_end:
        from app.foreign_workers.extensions import period_months

        paid = period_months(payment.rptka_start, payment.rptka_end)  # a started month counts whole
        if int(payment.months) != paid:
            problems.insert(0, ("months", _("Jumlah bulan seharusnya %(months)s, sesuai masa RPTKA yang dibayar.",
                                            months=paid)))
    return problems


def check_payment(payment, today: date | None = None):
    """Refuse what cannot be validated here: another company's worker, a worker who does not work only in
    Kabupaten Tangerang (the sentence says where the payment belongs), an RPTKA period that is not one, a rate
    dated in the future, wrong figures."""
    from app.foreign_workers.models import ForeignWorker
    from app.security.tenancy import scope_query

    today = today or today_jakarta()
    worker = None
    if payment.worker_id is not None or payment.worker is not None:
        worker_id = payment.worker.id if payment.worker is not None else payment.worker_id
        worker = scope_query(db.session.query(ForeignWorker), ForeignWorker).filter(
            ForeignWorker.id == worker_id).one_or_none()
    if worker is None:
        raise DomainError(_("Pilih tenaga kerja asing perusahaan Anda."), field="worker")
    payment.worker, payment.worker_id, payment.company_id = worker, worker.id, worker.company_id
    authority = rules.payment_authority(worker.locations)
    if authority.level != rules.KABUPATEN:
        raise DomainError(authority.sentence, field="worker")
    payment.work_locations = "; ".join(str(location) for location in worker.locations)
    payment.rptka_number = (payment.rptka_number or "").strip()
    if not payment.rptka_number:
        raise DomainError(_("Nomor RPTKA wajib diisi."), field="rptka_number")
    rules.check_extension_period(payment.rptka_start, payment.rptka_end)
    _check_extension(payment, worker)
    for column in ("billing_code", "bank_reference"):
        setattr(payment, column, " ".join((getattr(payment, column) or "").split()) or None)
    if not payment.billing_code:
        raise DomainError(_("Kode billing wajib diisi."), field="billing_code")
    if not payment.bank_reference:
        raise DomainError(_("Nomor referensi bank wajib diisi."), field="bank_reference")
    if payment.rate_date is None or payment.rate_date > today:
        raise DomainError(_("Tanggal kurs wajib diisi dan tidak boleh sesudah hari ini."), field="rate_date")
    problems = amount_problems(payment)
    if problems:
        raise AmountProblems(problems)
    _check_not_paid_twice(payment)


def _check_extension(payment, worker):
    """A payment for an extension request: a request of this worker that was not refused, and a period inside
    the one asked (or the one the Ministry approved)."""
    from app.foreign_workers.extensions import ExtensionRequest
    from app.security.tenancy import scope_query

    extension_id = payment.extension.id if payment.extension is not None else payment.extension_id
    if extension_id is None:
        return
    extension = scope_query(db.session.query(ExtensionRequest), ExtensionRequest).filter(
        ExtensionRequest.id == extension_id).one_or_none()
    if extension is None or extension.worker_id != worker.id:
        raise DomainError(_("Pilih permohonan perpanjangan RPTKA dari TKA yang sama."), field="extension")
    if extension.status == "rejected":
        raise DomainError(_("Permohonan perpanjangan ini ditolak: pembayaran tidak dapat dikaitkan dengannya."),
                          field="extension")
    end = extension.new_rptka_end or extension.period_end
    if payment.rptka_start < extension.period_start or payment.rptka_end > end:
        raise DomainError(_("Masa RPTKA yang dibayar harus di dalam masa perpanjangan %(start)s s.d. %(end)s.",
                            start=extension.period_start.strftime("%d-%m-%Y"), end=end.strftime("%d-%m-%Y")),
                          field="rptka_start")
    payment.extension, payment.extension_id = extension, extension.id


def _check_not_paid_twice(payment):
    """One payment per month of a worker's RPTKA: another payment of the worker (not rejected) whose period
    overlaps this one is refused, so a month is never paid or validated twice."""
    other = db.session.query(DkptkaPayment.number, DkptkaPayment.id).filter(
        DkptkaPayment.worker_id == payment.worker_id, DkptkaPayment.status != "rejected",
        DkptkaPayment.rptka_start <= payment.rptka_end, DkptkaPayment.rptka_end >= payment.rptka_start)
    if payment.id is not None:
        other = other.filter(DkptkaPayment.id != payment.id)
    found = other.first()
    if found is not None:
        raise DomainError(_("Masa ini sudah dibayar atau diajukan dalam pembayaran DKPTKA lain (%(ref)s).",
                            ref=found.number or f"#{found.id}"), field="rptka_start")


def payments_of(extension) -> list:
    """The DKPTKA payments made for an extension request, newest first (tenancy: the request's own company)."""
    return db.session.query(DkptkaPayment).filter(DkptkaPayment.extension_id == extension.id).order_by(
        DkptkaPayment.id.desc()).all()


def attach_proof(payment, upload):
    """The bank's proof of payment, PDF, JPEG or PNG checked by its content."""
    from app.core.files import save_upload

    if upload is None or not getattr(upload, "filename", None):
        raise DomainError(_("Unggah bukti pembayaran (PDF, JPG atau PNG)."), field="proof")
    try:
        stored = save_upload(upload, "dkptka", PROOF_TYPES, company_id=payment.company_id)
    except DomainError as error:
        raise DomainError(str(error), field="proof") from None
    db.session.flush()
    payment.proof_file_id = stored.id


def submit(payment, upload, today=None):
    """A new payment from the operator (screen or API): checked, its proof stored, waiting for the treasurer."""
    check_payment(payment, today)
    attach_proof(payment, upload)
    payment.status, payment.submitted_at = "submitted", utcnow()


def check_editable(payment):
    if payment.status not in EDITABLE:
        raise DomainError(_("Pembayaran yang sudah diterima bendahara tidak dapat diubah."))


# ---- validation: the receipt number and its signatory ------------------------------------------------------

@PAYMENT_WORKFLOW.hook("receive")
def _check_proof(payment, treasurer, decision):
    """The treasurer compares the bank's statement with the proof: none uploaded (API), nothing to compare."""
    if payment.proof_file_id is None:
        raise DomainError(_("Bukti pembayaran belum diunggah."))


@PAYMENT_WORKFLOW.hook("validate")
def _number_receipt(payment, officer, decision):
    """The receipt number of the validation year and the head of office who signs it (office profile). The
    workers' locations are checked again: a transfer since submission may have moved the payment elsewhere."""
    from app.office.services import signatory

    if payment.proof_file_id is None:
        raise DomainError(_("Bukti pembayaran belum diunggah."))
    authority = rules.payment_authority(payment.worker.locations)
    if authority.level != rules.KABUPATEN:
        raise DomainError(authority.sentence)
    signer = signatory()
    on = local(decision.at).date()
    number = RECEIPT_NUMBERS.issue(on)
    payment.serial_year, payment.serial, payment.number = on.year, number.serial, number.text
    payment.signed_by_name, payment.signed_by_rank, payment.signed_by_nip = signer.name, signer.rank, signer.nip
    if payment.extension is not None and payment.extension.released_at is None:
        payment.extension.released_at = decision.at  # the money is validated: the extension is released


def _register_notice_kind():
    from app.core.notifications import register_kind

    register_kind("dkptka", _l("Pembayaran DKPTKA"))


_register_notice_kind()


# ---- the validation receipt as a verifiable document ------------------------------------------------------

DOCUMENT_KIND = "dkptka"
_documents_registered = False


def resolve_receipt(ref_id):
    """What /verify/<token> shows for a receipt: loaded without the tenancy filter (the page is public); the
    company, the number, the amount and the date, the worker's name masked."""
    from app.core.documents import Verification, mask_name
    from app.core.formatting import date_id, rupiah

    try:
        payment = db.session.get(DkptkaPayment, int(ref_id))
    except (TypeError, ValueError):
        return None
    if payment is None or not payment.number:
        return None
    valid = payment.status == "validated"
    return Verification(
        title=_l("Tanda Terima Validasi DKPTKA"), number=payment.number, status="valid" if valid else "revoked",
        status_label=_l("Tervalidasi") if valid else _l("Tidak berlaku"), is_valid=valid,
        facts=[(_l("Perusahaan"), payment.company.name if payment.company else "-"),
               (_l("Tenaga kerja asing"), mask_name(payment.worker.full_name if payment.worker else "")),
               (_l("Jumlah"), rupiah(payment.idr_amount)),
               (_l("Tanggal validasi"), date_id(local(payment.validated_at).date()))])


def register_documents():
    """Called from the views' register(appbuilder) and before a receipt is drawn; safe to call again."""
    global _documents_registered
    if not _documents_registered:
        from app.core.documents import register_kind

        register_kind(DOCUMENT_KIND, resolve_receipt)
        _documents_registered = True
