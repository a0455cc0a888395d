"""Companies (the employers Disnaker serves) and their branches."""
from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import relationship

from app.core.models import Model, TimestampMixin, trigram_indexes
from app.companies.workflow import COMPANY_WORKFLOW, REJECTION_REASONS  # noqa: F401 (re-exported)
from app.core.workflow import WorkflowMixin


class Company(WorkflowMixin, TimestampMixin, Model):
    __tablename__ = "company"
    __tenant__ = {"company": "id"}
    __table_args__ = tuple(trigram_indexes("company", "name", "nib", "npwp"))
    workflow = COMPANY_WORKFLOW

    id = Column(Integer, primary_key=True)
    name = Column(String(200), nullable=False, index=True)
    legal_form_code = Column(String(12), ForeignKey("legal_form.code"), nullable=False)
    legal_form = relationship("LegalForm", lazy="selectin")
    nib = Column(String(13), nullable=False, unique=True)
    npwp = Column(String(16), nullable=False, unique=True)  # digits only; formatted for display
    kbli_id = Column(Integer, ForeignKey("kbli.id"))
    kbli = relationship("Kbli", lazy="selectin")
    employer_type_code = Column(String(10), ForeignKey("employer_type.code"), nullable=False)
    employer_type = relationship("EmployerType", lazy="selectin")
    address = Column(String(300), nullable=False)
    kecamatan_code = Column(String(13), ForeignKey("region.code"), nullable=False, index=True)
    kecamatan = relationship("Region", foreign_keys=[kecamatan_code], lazy="selectin")
    desa_code = Column(String(13), ForeignKey("region.code"), nullable=False)
    desa = relationship("Region", foreign_keys=[desa_code], lazy="selectin")
    postal_code = Column(String(5))
    phone = Column(String(20))
    email = Column(String(120))
    contact_name = Column(String(120))
    contact_phone = Column(String(20))
    headcount_male = Column(Integer, nullable=False, default=0)
    headcount_female = Column(Integer, nullable=False, default=0)
    bpjs_tk_number = Column(String(20))
    status = Column(String(20), nullable=False, default="submitted", index=True)
    verified_at = Column(DateTime(timezone=True))
    status_note = Column(Text)  # the last return/rejection reason, for the operator to read

    branches = relationship("Branch", back_populates="company", cascade="all, delete-orphan")

    @property
    def headcount(self):
        return (self.headcount_male or 0) + (self.headcount_female or 0)

    @property
    def npwp_formatted(self):
        from app.core.identifiers import format_npwp

        return format_npwp(self.npwp)

    def __repr__(self):
        return self.name


class Branch(TimestampMixin, Model):
    __tablename__ = "branch"
    __tenant__ = {"company": "company_id"}
    __table_args__ = tuple(trigram_indexes("branch", "name"))

    id = Column(Integer, primary_key=True)
    company_id = Column(Integer, ForeignKey("company.id", ondelete="CASCADE"), nullable=False, index=True)
    company = relationship("Company", back_populates="branches", lazy="selectin")
    name = Column(String(200), nullable=False)
    address = Column(String(300), nullable=False)
    kecamatan_code = Column(String(13), ForeignKey("region.code"), nullable=False)
    kecamatan = relationship("Region", foreign_keys=[kecamatan_code], lazy="selectin")
    desa_code = Column(String(13), ForeignKey("region.code"))
    desa = relationship("Region", foreign_keys=[desa_code], lazy="selectin")
    phone = Column(String(20))
    headcount = Column(Integer, nullable=False, default=0)

    def __repr__(self):
        return f"{self.name}"
