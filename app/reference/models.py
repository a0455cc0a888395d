"""Reference tables loaded from seed/data (see seed/data/SOURCES.md). Read by all, edited by Admin."""
from sqlalchemy import Boolean, Column, Date, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import relationship

from app.core.models import Model


class Region(Model):
    """Kabupaten Tangerang, its kecamatan and desa/kelurahan (Kemendagri codes)."""

    __tablename__ = "region"
    code = Column(String(13), primary_key=True)  # 36.03 / 36.03.01 / 36.03.01.2003
    name = Column(String(100), nullable=False)
    level = Column(String(10), nullable=False, index=True)  # kabupaten | kecamatan | desa | kelurahan
    parent_code = Column(String(13), ForeignKey("region.code"), index=True)
    lat = Column(Float)
    lng = Column(Float)
    postal_code = Column(String(5))
    parent = relationship("Region", remote_side=[code], lazy="selectin")

    def __repr__(self):
        if self.level in ("desa", "kelurahan") and self.parent is not None:
            return f"{self.name} — {self.parent.name}"  # 274 villages: say which kecamatan
        return self.name


class EducationLevel(Model):
    """Education codes of the IPK report (1000 SD … 8000 S3, with SMK fields)."""

    __tablename__ = "education_level"
    code = Column(String(10), primary_key=True)  # a short key, e.g. SMK_TIK
    ipk_code = Column(String(4), nullable=False, unique=True)
    name = Column(String(100), nullable=False)
    parent_code = Column(String(10), ForeignKey("education_level.code"))
    sort_order = Column(Integer, nullable=False, default=0)

    def __repr__(self):
        return f"{self.ipk_code} {self.name}"


class SchoolLevel(Model):
    """The simple levels used on forms (SD … S3) and the IPK code each one counts under."""

    __tablename__ = "school_level"
    code = Column(String(4), primary_key=True)  # SD, SMP, SMA, SMK, D1 … S3
    name = Column(String(50), nullable=False)
    ipk_code = Column(String(4), ForeignKey("education_level.ipk_code"), nullable=False)
    sort_order = Column(Integer, nullable=False, default=0)

    def __repr__(self):
        return self.name


class Kbji(Model):
    """KBJI 2014 occupation groups."""

    __tablename__ = "kbji"
    code = Column(String(4), primary_key=True)
    name = Column(String(200), nullable=False)
    level = Column(Integer, nullable=False)
    parent_code = Column(String(4), ForeignKey("kbji.code"))

    def __repr__(self):
        return f"{self.code} {self.name}"


class Kbli(Model):
    """KBLI business classification, versioned (2020 now; a 2025 revision exists)."""

    __tablename__ = "kbli"
    __table_args__ = (UniqueConstraint("version", "code"),)
    id = Column(Integer, primary_key=True)
    version = Column(String(4), nullable=False, default="2020")
    code = Column(String(5), nullable=False)
    name = Column(String(250), nullable=False)
    level = Column(String(10), nullable=False)  # section | division
    parent_code = Column(String(5))

    def __repr__(self):
        return f"{self.code} {self.name}"


class Religion(Model):
    __tablename__ = "religion"
    code = Column(Integer, primary_key=True)
    name = Column(String(50), nullable=False)

    def __repr__(self):
        return self.name


class MaritalStatus(Model):
    __tablename__ = "marital_status"
    code = Column(Integer, primary_key=True)
    name = Column(String(50), nullable=False)

    def __repr__(self):
        return self.name


class EmployerType(Model):
    """Kind of employer, as the IPK III/8 placement table splits them."""

    __tablename__ = "employer_type"
    code = Column(String(10), primary_key=True)
    name = Column(String(100), nullable=False)
    ipk_label = Column(String(100))

    def __repr__(self):
        return self.name


class LegalForm(Model):
    __tablename__ = "legal_form"
    code = Column(String(12), primary_key=True)
    name = Column(String(100), nullable=False)

    def __repr__(self):
        return self.name


class CollectiveLeaveDay(Model):
    """Cuti bersama and local non-working days; national public holidays come from `holidays`."""

    __tablename__ = "collective_leave_day"
    day = Column(Date, primary_key=True)
    name = Column(String(200), nullable=False)
    basis = Column(String(200))
    is_working_day = Column(Boolean, nullable=False, default=False)  # True: a holiday moved to a working day

    def __repr__(self):
        return f"{self.day} {self.name}"
