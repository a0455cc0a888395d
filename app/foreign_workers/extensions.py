"""RPTKA extension requests (PP 34/2021 art. 21): the company asks, attaches the documents the article lists, the
TKA officer checks them for completeness, returns them for correction, and records the Ministry's outcome.

A request is late when made after ``rules.extension_due_by`` of the worker's RPTKA end (30 working days before
it); the day it was made, the last day it was due and the late flag are stored facts, never recomputed."""
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from flask_babel import gettext as _, lazy_gettext as _l
from sqlalchemy import Boolean, Column, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import relationship

from app.core.files import save_upload
from app.core.formatting import date_id, today_jakarta
from app.core.i18n import N_
from app.core.models import Model, TimestampMixin
from app.core.validation import DomainError
from app.core.workflow import Action, Input, Notice, Workflow, WorkflowMixin, request_calendar, resubmit_action, \
    return_action, users_allowed
from app.extensions import db
from app.foreign_workers import rules, services
from app.foreign_workers.models import ForeignWorker

RESOURCE = "TkaExtension"
NOTICE_KIND = "tka"
ALLOWED_TYPES = {"pdf", "jpg", "png"}
EDITABLE = ("submitted", "returned")  # the company may correct and attach while the officer has not checked it

# The attachments PP 34/2021 art. 21 lists: code -> (column, label).
ATTACHMENTS = {
    "rptka": ("rptka_file_id", N_("RPTKA yang masih berlaku")),
    "contract": ("contract_file_id", N_("Perjanjian kerja")),
    "passport": ("passport_file_id", N_("Paspor")),
    "social_security": ("social_security_file_id", N_("Bukti kepesertaan jaminan sosial")),
    "npwp_worker": ("npwp_worker_file_id", N_("NPWP TKA")),
    "npwp_employer": ("npwp_employer_file_id", N_("NPWP pemberi kerja")),
    "training": ("training_file_id", N_("Laporan pendidikan dan pelatihan tenaga kerja pendamping")),
}

REJECTION_REASONS = {
    "tidak_lengkap": _l("Lampiran tidak lengkap atau tidak sah"),
    "jabatan_terlarang": _l("Jabatan tertutup bagi tenaga kerja asing"),
    "pendamping_tidak_ada": _l("Tenaga kerja pendamping tidak ditunjuk atau tidak dilatih"),
    "ditolak_kementerian": _l("Tidak disetujui Kementerian Ketenagakerjaan"),
    "melewati_batas": _l("Masa perpanjangan melebihi ketentuan"),
    "lainnya": _l("Lainnya"),
}

EXTENSION_WORKFLOW = Workflow(
    states={"submitted": _l("Diajukan, menunggu pemeriksaan"), "returned": _l("Dikembalikan untuk perbaikan"),
            "checked": _l("Lengkap, menunggu keputusan"), "approved": _l("Disetujui"), "rejected": _l("Ditolak")},
    actions=[
        Action("check", ("submitted",), "checked", _l("Nyatakan lengkap"), permission="decide", style="success",
               stamps=("checked_at",),
               notice=Notice("owner", N_("Permohonan perpanjangan RPTKA lengkap"),
                             N_("{subject} telah diperiksa dan dinyatakan lengkap."))),
        return_action(Notice("owner", N_("Permohonan perpanjangan RPTKA perlu diperbaiki"),
                             N_("{subject} dikembalikan untuk diperbaiki. Catatan petugas: {note}.")),
                      permission="decide"),
        resubmit_action("write", Notice("office", N_("Permohonan perpanjangan RPTKA diajukan ulang"),
                                        N_("{subject} telah diperbaiki dan diajukan ulang."))),
        Action("approve", ("checked",), "approved", _l("Setujui perpanjangan"), permission="decide",
               style="success", stamps=("decided_at",),
               inputs=(Input("rptka_number", _l("Nomor RPTKA baru")),
                       Input("rptka_end", _l("RPTKA baru berakhir"), "date")),
               notice=Notice("owner", N_("Perpanjangan RPTKA disetujui"),
                             N_("{subject} disetujui. Nomor RPTKA baru: {number}."))),
        Action("reject", ("submitted", "returned", "checked"), "rejected", _l("Tolak"), permission="decide",
               reasons=REJECTION_REASONS, keeps_note=True, style="danger", stamps=("decided_at",),
               notice=Notice("owner", N_("Permohonan perpanjangan RPTKA ditolak"),
                             N_("{subject} ditolak. Alasan: {note}."))),
    ],
    resource=RESOURCE, notice_kind=NOTICE_KIND, note_column="note",
    subject=lambda req: f"Permohonan perpanjangan RPTKA {req.worker.full_name} ({req.company.name})",
    link=lambda req: f"/tkaextensionview/show/{req.id}",
)


class ExtensionRequest(WorkflowMixin, TimestampMixin, Model):
    """A company's request to extend a foreign worker's RPTKA, with the attachments art. 21 lists."""

    __tablename__ = "tka_extension_request"
    __tenant__ = {"company": "company_id"}
    __table_args__ = (Index("ix_tka_extension_request_company_status", "company_id", "status"),)
    workflow = EXTENSION_WORKFLOW

    id = Column(Integer, primary_key=True)
    company_id = Column(Integer, ForeignKey("company.id"), nullable=False, index=True)
    company = relationship("Company", lazy="selectin")
    worker_id = Column(Integer, ForeignKey("foreign_worker.id", ondelete="CASCADE"), nullable=False, index=True)
    worker = relationship("ForeignWorker", lazy="selectin")
    requested_on = Column(Date, nullable=False)  # the day the company asked (server's date)
    current_rptka_end = Column(Date, nullable=False)  # the RPTKA end the request was measured against
    due_by = Column(Date, nullable=False)  # last day to ask: rules.extension_due_by(current_rptka_end)
    late = Column(Boolean, nullable=False, default=False, index=True)
    period_start = Column(Date, nullable=False)
    period_end = Column(Date, nullable=False)
    months = Column(Integer, nullable=False)
    reason = Column(Text, nullable=False)
    status = Column(String(20), nullable=False, default="submitted", index=True)
    note = Column(Text)  # the officer's latest return or rejection note, for the company
    checked_at = Column(DateTime(timezone=True))
    decided_at = Column(DateTime(timezone=True))
    new_rptka_number = Column(String(60))
    new_rptka_end = Column(Date)
    released_at = Column(DateTime(timezone=True))  # a DKPTKA payment for it was validated: the extension is released
    rptka_file_id = Column(Integer, ForeignKey("stored_file.id"))
    contract_file_id = Column(Integer, ForeignKey("stored_file.id"))
    passport_file_id = Column(Integer, ForeignKey("stored_file.id"))
    social_security_file_id = Column(Integer, ForeignKey("stored_file.id"))
    npwp_worker_file_id = Column(Integer, ForeignKey("stored_file.id"))
    npwp_employer_file_id = Column(Integer, ForeignKey("stored_file.id"))
    training_file_id = Column(Integer, ForeignKey("stored_file.id"))

    @property
    def number(self):  # what the workflow's notices call {number}: the new RPTKA once approved
        return self.new_rptka_number

    @property
    def period_text(self):
        """The period asked as people read it: "1 Juli 2038 – 30 Juni 2039 (12 bulan)"."""
        if self.period_start is None or self.period_end is None:
            return "–"
        return _("%(start)s – %(end)s (%(months)s bulan)", start=date_id(self.period_start),
                 end=date_id(self.period_end), months=self.months)

    def __repr__(self):
        name = self.worker.full_name if self.worker else self.worker_id
        if self.period_start is None or self.period_end is None:
            return f"Perpanjangan RPTKA {name}"
        return (f"Perpanjangan RPTKA {name} ({self.period_start.strftime('%d-%m-%Y')} s.d. "
                f"{self.period_end.strftime('%d-%m-%Y')})")


# ---- the rules of a request --------------------------------------------------------------------------------

def period_months(start: date, end: date) -> int:
    """Months of an RPTKA period, a started month counted whole: 1 Jan–31 Dec is 12, 1 Jan–15 Feb is 2."""
    span = relativedelta(end + timedelta(days=1), start)
    return span.years * 12 + span.months + (1 if span.days else 0)


def checklist(req: ExtensionRequest) -> list[tuple[str, str, int | None]]:
    """Each attachment art. 21 lists: (code, label, stored file id or None when missing)."""
    return [(code, label, getattr(req, column)) for code, (column, label) in ATTACHMENTS.items()]


def missing(req: ExtensionRequest) -> list[str]:
    """Labels (Indonesian, untranslated) of the attachments not uploaded yet."""
    return [label for code, label, file_id in checklist(req) if file_id is None]


def set_period(req: ExtensionRequest, start: date | None, end: date | None, reason: str | None):
    """The period asked (after the current RPTKA, at most 2 years) and the reason; months follow."""
    rules.check_extension_period(start, end)
    worker = req.worker or db.session.get(ForeignWorker, req.worker_id)
    if start <= worker.rptka_end:
        raise DomainError(_("Masa perpanjangan dimulai sesudah RPTKA sekarang berakhir (%(end)s).",
                            end=worker.rptka_end.strftime("%d-%m-%Y")), field="period_start")
    reason = " ".join((reason or "").split())
    if not reason:
        raise DomainError(_("Alasan perpanjangan wajib diisi."), field="reason")
    req.period_start, req.period_end, req.months, req.reason = start, end, period_months(start, end), reason


def submit(req: ExtensionRequest, today: date | None = None, calendar=None):
    """A new request for a present worker of the company: dated today, measured against the worker's RPTKA end
    (late after rules.extension_due_by), and the office is told."""
    today = today or today_jakarta()
    calendar = calendar or request_calendar()
    worker = req.worker or (db.session.get(ForeignWorker, req.worker_id) if req.worker_id else None)
    if worker is None or (req.company_id is not None and worker.company_id != req.company_id):
        raise DomainError(_("Pilih TKA perusahaan ini."), field="worker")
    if worker.status != "present":
        raise DomainError(_("TKA ini sudah tercatat pulang: perpanjangan RPTKA tidak dapat diajukan."),
                          field="worker")
    open_request = db.session.query(ExtensionRequest.id).filter(
        ExtensionRequest.worker_id == worker.id, ExtensionRequest.status.in_(("submitted", "returned", "checked")),
        ExtensionRequest.id != req.id).first()
    if open_request is not None:
        raise DomainError(_("TKA ini sudah mempunyai permohonan perpanjangan yang sedang diproses."), field="worker")
    req.worker, req.company_id = worker, worker.company_id
    set_period(req, req.period_start, req.period_end, req.reason)
    req.requested_on, req.current_rptka_end = today, worker.rptka_end
    req.due_by = rules.extension_due_by(worker.rptka_end, calendar)
    req.late = today > req.due_by
    req.status = EXTENSION_WORKFLOW.initial


def notify_office(req: ExtensionRequest, except_user_id: int | None = None):
    """Tell the officers who decide that a new request arrived (the resubmission is told by the workflow); not the
    officer who filed it."""
    from app.core.notifications import notify

    title = "Permohonan perpanjangan RPTKA baru" + (" (terlambat)" if req.late else "")
    body = f"{EXTENSION_WORKFLOW.subject(req)} diajukan dan menunggu pemeriksaan."
    for user_id in users_allowed("decide", RESOURCE):
        if user_id != except_user_id:
            notify(user_id, NOTICE_KIND, f"tka_extension_request:{req.id}:submit:{user_id}", title, body,
                   EXTENSION_WORKFLOW.link(req))


def filed_by_office(user) -> bool:
    """Whether `user` files for a company from the office (an officer at the counter), not as its operator."""
    from app.security.tenancy import scope_for

    scope = scope_for(user) if user is not None else None
    return user is not None and (scope is None or scope.kind != "company")


# Stored in Indonesian (the company reads them in its inbox and e-mail), extracted for the catalogs.
FILED_TITLE = N_("Dinas mencatat permohonan perpanjangan RPTKA untuk perusahaan Anda")
FILED_BODY = N_("{subject} dicatat oleh petugas {name} atas nama perusahaan Anda. Periksa lampirannya dan "
                "lengkapi yang belum ada.")


def notify_filed(req: ExtensionRequest, user):
    """A new request: the officers are told; when the office filed it for the company (papers brought to the
    counter), the company's operators are told too, with the officer's name."""
    from app.core.notifications import notify
    from app.core.workflow import owner_accounts

    office = filed_by_office(user)
    notify_office(req, except_user_id=user.id if office else None)
    if not office:
        return
    title = FILED_TITLE + (" (terlambat)" if req.late else "")
    body = FILED_BODY.format(subject=EXTENSION_WORKFLOW.subject(req), name=user.get_full_name())
    for user_id in owner_accounts(req):
        notify(user_id, NOTICE_KIND, f"tka_extension_request:{req.id}:filed:{user_id}", title, body,
               EXTENSION_WORKFLOW.link(req))


def filed_by(req: ExtensionRequest) -> dict | None:
    """Who recorded the request, from the audit trail: {"name", "office" (bool), "at"}; None when unknown."""
    from app.audit.models import AuditEntry
    from app.security.models import AppUser

    entry = (db.session.query(AuditEntry.user_id, AuditEntry.username, AuditEntry.at)
             .filter_by(table_name=ExtensionRequest.__tablename__, row_id=str(req.id), action="insert")
             .order_by(AuditEntry.id.desc()).first())  # the latest: a deleted row's id may come back (SQLite)
    if entry is None:
        return None
    user = db.session.get(AppUser, entry.user_id) if entry.user_id else None
    if user is None:
        return {"name": entry.username, "office": False, "at": entry.at}
    return {"name": user.get_full_name(), "office": filed_by_office(user), "at": entry.at}


def check_editable(req: ExtensionRequest):
    if req.status not in EDITABLE:
        raise DomainError(_("Permohonan ini sudah diperiksa petugas dan tidak dapat diubah lagi."))


def attach(req: ExtensionRequest, code: str, file_storage):
    """An attachment of art. 21 (PDF, JPEG or PNG, checked by content), replacing the earlier one."""
    check_editable(req)
    if code not in ATTACHMENTS:
        raise DomainError(_("Jenis lampiran tidak dikenal."), field="attachment")
    if file_storage is None or not file_storage.filename:
        raise DomainError(_("Pilih berkas yang akan diunggah."), field=code)
    try:
        stored = save_upload(file_storage, "tka_extension", ALLOWED_TYPES, company_id=req.company_id)
    except DomainError as error:
        raise DomainError(f"{_(ATTACHMENTS[code][1])}: {error}", field=code) from None
    db.session.flush()
    setattr(req, ATTACHMENTS[code][0], stored.id)
    return stored


def attach_many(req: ExtensionRequest, uploads: dict) -> int:
    """Several attachments at once ({code: file}, files not chosen left out): all stored or, on the first refusal,
    none (the caller rolls back). Returns how many."""
    chosen = {code: upload for code, upload in uploads.items() if upload is not None and upload.filename}
    if not chosen:
        check_editable(req)
        raise DomainError(_("Pilih berkas yang akan diunggah."), field="attachment")
    for code, upload in chosen.items():
        attach(req, code, upload)
    return len(chosen)


@EXTENSION_WORKFLOW.hook("check")
def _complete(req, user, decision):
    absent = missing(req)
    if absent:
        raise DomainError(_("Lampiran belum lengkap: %(items)s.", items=", ".join(_(label) for label in absent)))


@EXTENSION_WORKFLOW.hook("approve")
def _record_extension(req, user, decision):
    """The Ministry's new RPTKA, recorded on the request and as an "extension" event of the worker."""
    number = (decision.data.get("rptka_number") or "").strip()
    end = decision.data.get("rptka_end")
    if isinstance(end, str):
        end = None
    services.record_event(req.worker, "extension", today_jakarta(), user, rptka_number=number,
                          rptka_start=req.period_start, rptka_end=end,
                          note=f"Permohonan perpanjangan #{req.id}")
    req.new_rptka_number, req.new_rptka_end = number, end


def _register_notice_kind():
    from app.core.notifications import register_kind

    register_kind(NOTICE_KIND, _l("Tenaga kerja asing"))


_register_notice_kind()
