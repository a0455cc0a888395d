"""PKWT (fixed-term employment contract) registration — PP 35/2021."""
from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKey, Index, Integer, String, Text, false, text,
                        UniqueConstraint)
from sqlalchemy.orm import relationship

from app.contracts.workflow import SUBMISSION_WORKFLOW
from app.contracts.workflow import END_REASONS, KINDS, WAGE_PAYMENTS  # column labels
from app.core.i18n import N_  # column labels
from app.core.models import Model, TimestampMixin, trigram_indexes
from app.core.workflow import WorkflowMixin
from app.reference.lists import SEX_LABELS  # column labels


class MinimumWage(Model):
    """The regency minimum wage (UMK) of a year, kept by Admin from the governor's decree."""

    __tablename__ = "minimum_wage"
    year = Column(Integer, primary_key=True)
    amount = Column(Integer, nullable=False, info={"money": True})  # rupiah per month
    basis = Column(String(200))  # e.g. Kepgub Banten No. …

    def __repr__(self):
        return f"UMK {self.year}"


class SectoralMinimumWage(Model):
    """A sectoral minimum wage (UMSK) of a year for the businesses of a KBLI code and the codes under it; a
    contract is compared against the higher of the UMK and the UMSK of its company's KBLI."""

    __tablename__ = "sectoral_minimum_wage"
    __table_args__ = (UniqueConstraint("year", "kbli_code", name="uq_sectoral_minimum_wage_year"),)
    id = Column(Integer, primary_key=True)
    year = Column(Integer, nullable=False)
    kbli_code = Column(String(5), nullable=False)  # a KBLI 2020 code; covers every code that starts with it
    sector = Column(String(20), nullable=False)  # the decree's sector, e.g. "I A"
    amount = Column(Integer, nullable=False, info={"money": True})  # rupiah per month
    basis = Column(String(200))  # e.g. Kepgub Banten No. 704 Tahun 2025

    def __repr__(self):
        return f"UMSK {self.year} {self.kbli_code}"


class PkwtSubmission(WorkflowMixin, TimestampMixin, Model):
    """What a company submits at once (one contract or a batch) and Disnaker registers under one number,
    with one registration letter listing its workers."""

    __tablename__ = "pkwt_submission"
    __tenant__ = {"company": "company_id"}
    workflow = SUBMISSION_WORKFLOW

    id = Column(Integer, primary_key=True)
    company_id = Column(Integer, ForeignKey("company.id"), nullable=False, index=True)
    company = relationship("Company", lazy="selectin")
    source = Column(String(10), nullable=False, default="form",
                    info={"labels": {"form": N_("Formulir"), "batch": N_("Unggah Excel")}})
    source_sha256 = Column(String(64))  # batch file: a re-upload of the same file creates nothing
    status = Column(String(12), nullable=False, default="submitted", index=True)
    submitted_at = Column(DateTime(timezone=True), nullable=False)
    note = Column(Text)  # return note / rejection reason, for the operator
    number = Column(String(40), unique=True)  # registration number, gap-free per year
    serial_year = Column(Integer)
    serial = Column(Integer)
    registered_at = Column(Date, index=True)  # approval date: the registration fact
    signed_by_name = Column(String(150))
    signed_by_nip = Column(String(18))

    contracts = relationship("PkwtContract", back_populates="submission", order_by="PkwtContract.id")

    __table_args__ = (UniqueConstraint("company_id", "source_sha256"), *trigram_indexes("pkwt_submission", "number"))

    def __repr__(self):
        return self.number or f"Pengajuan #{self.id}"


class PkwtContract(TimestampMixin, Model):
    __tablename__ = "pkwt_contract"
    __tenant__ = {"company": "company_id"}
    __table_args__ = (Index("ix_pkwt_contract_company_end", "company_id", "end_date"),
                      Index("ix_pkwt_contract_worker", "company_id", "nik", "start_date"),
                      Index("ix_pkwt_contract_nik", "nik"),  # a worker's contracts at every company (0025)
                      # the few contracts whose wage waits for a UMK (home queue, list filter; 0025). The plain
                      # predicate: PostgreSQL reads FAB's "= true" as it, but not "IS TRUE".
                      Index("ix_pkwt_contract_minimum_wage_missing", "company_id",
                            postgresql_where=text("minimum_wage_missing"), sqlite_where=text("minimum_wage_missing")),
                      *trigram_indexes("pkwt_contract", "full_name", "nik"))

    id = Column(Integer, primary_key=True)
    submission_id = Column(Integer, ForeignKey("pkwt_submission.id", ondelete="CASCADE"), nullable=False, index=True)
    submission = relationship("PkwtSubmission", back_populates="contracts", lazy="selectin")
    company_id = Column(Integer, ForeignKey("company.id"), nullable=False, index=True)
    company = relationship("Company", lazy="selectin")
    # The worker
    nik = Column(String(16))  # Indonesians; foreign workers have a passport number instead
    passport_number = Column(String(20))
    full_name = Column(String(150), nullable=False)
    sex = Column(String(1), nullable=False, info={"labels": SEX_LABELS})
    birth_date = Column(Date, nullable=False)
    address = Column(String(300), nullable=False)
    nationality = Column(String(2), nullable=False, default="ID")  # ISO 3166 alpha-2
    # The work
    position = Column(String(150), nullable=False)
    place_of_work = Column(String(200), nullable=False)
    wage = Column(Integer, nullable=False, info={"money": True})  # rupiah per month: basic + fixed allowances
    wage_payment = Column(String(10), nullable=False, default="bulanan", info={"labels": WAGE_PAYMENTS})
    kind = Column(String(12), nullable=False, info={"labels": KINDS})
    start_date = Column(Date, nullable=False)
    end_date = Column(Date, index=True)  # none for completion of a job until known
    completion_criterion = Column(Text)  # kind "selesai": the job whose completion ends it
    sequence = Column(Integer, nullable=False, default=0)  # 0 initial, n: n-th extension
    previous_id = Column(Integer, ForeignKey("pkwt_contract.id"))
    signed_at = Column(Date, nullable=False)
    contract_file_id = Column(Integer, ForeignKey("stored_file.id"))
    # Flags set by the rules at submission, kept as facts
    late = Column(Boolean, nullable=False, default=False)
    late_working_days = Column(Integer)
    below_minimum_wage = Column(Boolean, nullable=False, default=False)
    minimum_wage = Column(Integer, info={"money": True})  # the higher of UMK and UMSK it was compared against
    minimum_wage_missing = Column(Boolean, nullable=False, default=False, server_default=false())  # no UMK row for the start year
    unlinked_earlier = Column(Boolean, nullable=False, default=False, server_default=false())  # earlier PKWT of the worker not named
    # The real end (PP 35/2021 art. 15–17): compensation is computed from it
    ended_at = Column(Date)
    end_reason = Column(String(20), info={"labels": END_REASONS})
    becomes_permanent = Column(Boolean, nullable=False, default=False)  # daily work ≥ 21 days × 3 months

    def __repr__(self):
        return f"{self.full_name} — {self.position}"


class DailyWorkReport(Model):
    """Days worked in a month by a daily worker (PKWT harian), reported by the company."""

    __tablename__ = "pkwt_daily_report"
    __tenant__ = {"company": "company_id"}
    __table_args__ = (UniqueConstraint("contract_id", "month"),)

    id = Column(Integer, primary_key=True)
    contract_id = Column(Integer, ForeignKey("pkwt_contract.id", ondelete="CASCADE"), nullable=False, index=True)
    contract = relationship("PkwtContract", lazy="selectin")
    company_id = Column(Integer, ForeignKey("company.id"), nullable=False, index=True)
    month = Column(Date, nullable=False)  # first day of the month
    days = Column(Integer, nullable=False)
