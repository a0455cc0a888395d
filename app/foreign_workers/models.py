"""Foreign workers (TKA) a company reports (laporan keberadaan TKA), where they work, and what happened to them."""
from sqlalchemy import Column, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import relationship

from app.core.i18n import N_  # column labels
from app.core.models import Model, TimestampMixin, trigram_indexes
from app.reference.lists import SEX_LABELS  # column labels

STATUSES = {"present": N_("Masih bekerja"), "departed": N_("Sudah pulang/keluar")}
PERMIT_KINDS = {"kitas": N_("KITAS"), "kitap": N_("KITAP")}
EVENT_KINDS = {"arrival": N_("Kedatangan"), "extension": N_("Perpanjangan RPTKA"),
               "transfer": N_("Pindah lokasi kerja"), "departure": N_("Kepulangan/keluar")}


class ForeignWorker(TimestampMixin, Model):
    """One foreign worker of a company, as the company reports them; dates that reports count are stored facts."""

    __tablename__ = "foreign_worker"
    __tenant__ = {"company": "company_id"}
    __table_args__ = (Index("ix_foreign_worker_company_status", "company_id", "status"),
                      *trigram_indexes("foreign_worker", "full_name", "passport_number"))

    id = Column(Integer, primary_key=True)
    company_id = Column(Integer, ForeignKey("company.id"), nullable=False, index=True)
    company = relationship("Company", lazy="selectin")
    full_name = Column(String(150), nullable=False)
    sex = Column(String(1), nullable=False, info={"labels": SEX_LABELS})
    birth_place = Column(String(100))
    birth_date = Column(Date, nullable=False)
    nationality = Column(String(2), nullable=False, index=True)  # ISO 3166-1 alpha-2
    passport_number = Column(String(20), nullable=False)
    passport_expires_on = Column(Date, index=True)
    position = Column(String(150), nullable=False)
    kbji_code = Column(String(4), ForeignKey("kbji.code"), index=True)  # 4-digit unit group
    kbji = relationship("Kbji", lazy="selectin")
    rptka_number = Column(String(60), nullable=False)
    rptka_start = Column(Date, nullable=False)
    rptka_end = Column(Date, nullable=False, index=True)
    permit_kind = Column(String(5), info={"labels": PERMIT_KINDS})  # izin tinggal: KITAS or KITAP
    permit_number = Column(String(40))
    permit_expires_on = Column(Date, index=True)
    counterpart_name = Column(String(150))  # tenaga kerja pendamping (Indonesian)
    counterpart_nik = Column(String(16))
    status = Column(String(10), nullable=False, default="present", info={"labels": STATUSES})
    arrived_on = Column(Date)
    departed_on = Column(Date)

    locations = relationship("ForeignWorkerLocation", back_populates="worker", cascade="all, delete-orphan",
                             order_by="ForeignWorkerLocation.id", lazy="selectin")
    events = relationship("ForeignWorkerEvent", back_populates="worker", cascade="all, delete-orphan",
                          order_by="(ForeignWorkerEvent.occurred_on, ForeignWorkerEvent.id)")

    def __repr__(self):
        return f"{self.full_name} ({self.passport_number})"


class ForeignWorkerLocation(Model):
    """A place the worker works: a kecamatan of Kabupaten Tangerang, or a regency elsewhere (code and name)."""

    __tablename__ = "foreign_worker_location"
    __tenant__ = {"company": "company_id"}

    id = Column(Integer, primary_key=True)
    worker_id = Column(Integer, ForeignKey("foreign_worker.id", ondelete="CASCADE"), nullable=False, index=True)
    worker = relationship("ForeignWorker", back_populates="locations")
    company_id = Column(Integer, ForeignKey("company.id"), nullable=False, index=True)
    kecamatan_code = Column(String(13), ForeignKey("region.code"))  # inside the regency
    kecamatan = relationship("Region", lazy="selectin")
    province_code = Column(String(2), nullable=False)
    regency_code = Column(String(5), nullable=False, index=True)  # "dd.dd"
    regency_name = Column(String(100), nullable=False)

    def __repr__(self):
        if self.kecamatan is not None:
            return f"Kec. {self.kecamatan.name}, {self.regency_name}"
        return self.regency_name


class ForeignWorkerEvent(Model):
    """A dated fact about a worker: arrival, RPTKA extension, transfer of location, departure."""

    __tablename__ = "foreign_worker_event"
    __tenant__ = {"company": "company_id"}

    id = Column(Integer, primary_key=True)
    worker_id = Column(Integer, ForeignKey("foreign_worker.id", ondelete="CASCADE"), nullable=False, index=True)
    worker = relationship("ForeignWorker", back_populates="events", lazy="selectin")
    company_id = Column(Integer, ForeignKey("company.id"), nullable=False, index=True)
    kind = Column(String(10), nullable=False, info={"labels": EVENT_KINDS})
    occurred_on = Column(Date, nullable=False)
    rptka_number = Column(String(60))  # extension: the new RPTKA
    rptka_start = Column(Date)
    rptka_end = Column(Date)
    locations = Column(Text)  # transfer: the locations after it, as read at the time
    note = Column(Text)
    recorded_by_id = Column(Integer, ForeignKey("ab_user.id"))
    recorded_by = relationship("AppUser", lazy="selectin")
    recorded_at = Column(DateTime(timezone=True), nullable=False)

    def __repr__(self):
        return f"{self.kind} {self.occurred_on}"
