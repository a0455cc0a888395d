"""Job seekers (pencari kerja), their profile, and the AK-1 card (Permenaker 39/2016)."""
from flask_babel import gettext as _
from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKey, Index, Integer, String, Text,
                        UniqueConstraint, text)
from sqlalchemy.orm import relationship

from app.core.i18n import N_
from app.core.models import Model, TimestampMixin, trigram_indexes
from app.core.workflow import WorkflowMixin
from app.reference.lists import SEX_LABELS  # column labels
from app.seekers.workflow import AK1_WORKFLOW
from app.seekers.workflow import APPLICATION_TYPES, REJECTION_REASONS, REMOVAL_REASONS  # column labels

# Plain Indonesian: the printed AK-1 card (reports/ak1_card.py) uses them as they are; screens translate them.
WORK_TIMES = {"penuh": N_("Penuh waktu"), "paruh": N_("Paruh waktu")}  # column labels
SEEKER_STATUSES = {"active": N_("Aktif"), "merged": N_("Digabung ke data lain")}  # column labels
LANGUAGE_LEVELS = {"dasar": N_("Dasar"), "menengah": N_("Menengah"), "mahir": N_("Mahir")}  # column labels
PREFERENCE_KINDS = {"occupation": N_("Jabatan yang diinginkan"), "sector": N_("Sektor usaha"),  # column labels
                    "location": N_("Kecamatan")}
REPORT_CHANNELS = {"online": N_("Daring"), "loket": N_("Loket")}  # column labels


class JobSeeker(TimestampMixin, Model):
    __tablename__ = "job_seeker"
    __tenant__ = {"seeker": "id"}
    __table_args__ = (
        Index("ix_job_seeker_name_birth", "full_name_key", "birth_date"),
        # Name search in the seeker list is "contains" (ILIKE '%…%'): a trigram index keeps it fast (migration 0002).
        Index("ix_job_seeker_full_name_trgm", "full_name", postgresql_using="gin",
              postgresql_ops={"full_name": "gin_trgm_ops"}).ddl_if(dialect="postgresql"),
        *trigram_indexes("job_seeker", "nik"),  # migration 0012
        # Matching's hard filters read these for thousands of people per vacancy: from the index alone (0015)
        Index("ix_job_seeker_match", "id", "status", "sex", "education_level_code", "birth_date", "kecamatan_code",
              "willing_outside_regency"),
        # The officers' list by kecamatan and status counts up to 10,001 rows from the index alone (0025)
        Index("ix_job_seeker_kecamatan_status", "kecamatan_code", "status"),
    )

    id = Column(Integer, primary_key=True)
    nik = Column(String(16), nullable=False, unique=True)
    full_name = Column(String(150), nullable=False)
    full_name_key = Column(String(150), nullable=False, index=True)  # lower-case, single spaces: search, duplicates
    birth_place = Column(String(100), nullable=False)
    birth_date = Column(Date, nullable=False)
    sex = Column(String(1), nullable=False, info={"labels": SEX_LABELS})
    email = Column(String(120))
    phone = Column(String(20), index=True)
    religion_code = Column(Integer, ForeignKey("religion.code"))
    religion = relationship("Religion", lazy="selectin")
    marital_status_code = Column(Integer, ForeignKey("marital_status.code"))
    marital_status = relationship("MaritalStatus", lazy="selectin")
    address = Column(String(300))
    kecamatan_code = Column(String(13), ForeignKey("region.code"))
    kecamatan = relationship("Region", foreign_keys=[kecamatan_code], lazy="selectin")
    desa_code = Column(String(13), ForeignKey("region.code"))
    desa = relationship("Region", foreign_keys=[desa_code], lazy="selectin")
    height_cm = Column(Integer)
    weight_kg = Column(Integer)
    disability = Column(String(200))  # none when empty
    # Preferences
    expected_wage = Column(Integer, info={"money": True})  # rupiah per month
    work_time = Column(String(10), info={"labels": WORK_TIMES})
    willing_outside_regency = Column(Boolean, nullable=False, default=False)
    willing_abroad = Column(Boolean, nullable=False, default=False)
    # Documents (stored files, checked by content)
    photo_file_id = Column(Integer, ForeignKey("stored_file.id"))
    ktp_file_id = Column(Integer, ForeignKey("stored_file.id"))
    diploma_file_id = Column(Integer, ForeignKey("stored_file.id"))
    # Highest formal education, kept by the service when educations change (search, reports)
    education_level_code = Column(String(4), ForeignKey("school_level.code"), index=True)
    education_level = relationship("SchoolLevel", lazy="selectin")
    # Facts for the monthly report, never recomputed
    registered_at = Column(Date, nullable=False, index=True)
    status = Column(String(10), nullable=False, default="active", index=True, info={"labels": SEEKER_STATUSES})
    merged_into_id = Column(Integer, ForeignKey("job_seeker.id"))

    educations = relationship("Education", back_populates="job_seeker",
                              order_by="Education.year_graduated", cascade="all, delete-orphan")
    trainings = relationship("Training", back_populates="job_seeker",
                             order_by="Training.year", cascade="all, delete-orphan")
    experiences = relationship("Experience", back_populates="job_seeker",
                               order_by="Experience.start_date", cascade="all, delete-orphan")

    @property
    def sex_label(self):
        return _(SEX_LABELS[self.sex]) if self.sex in SEX_LABELS else self.sex

    def __repr__(self):
        return self.full_name


class Education(Model):
    __tablename__ = "seeker_education"
    __tenant__ = {"seeker": "job_seeker_id"}
    __table_args__ = tuple(trigram_indexes("seeker_education", "school", "major"))

    id = Column(Integer, primary_key=True)
    job_seeker_id = Column(Integer, ForeignKey("job_seeker.id", ondelete="CASCADE"), nullable=False, index=True)
    job_seeker = relationship("JobSeeker", back_populates="educations", lazy="selectin")
    level_code = Column(String(4), ForeignKey("school_level.code"), nullable=False)
    level = relationship("SchoolLevel", lazy="selectin")
    ipk_code = Column(String(4), ForeignKey("education_level.ipk_code"), nullable=False)  # e.g. SMK field 3200
    school = Column(String(150), nullable=False)
    major = Column(String(150))
    year_graduated = Column(Integer)
    grade = Column(String(10))  # as written on the diploma: 85,50 or 3,45

    def __repr__(self):
        return f"{self.level_code} {self.school}"


class Training(Model):
    __tablename__ = "seeker_training"
    __tenant__ = {"seeker": "job_seeker_id"}
    __table_args__ = tuple(trigram_indexes("seeker_training", "kind", "institution"))

    id = Column(Integer, primary_key=True)
    job_seeker_id = Column(Integer, ForeignKey("job_seeker.id", ondelete="CASCADE"), nullable=False, index=True)
    job_seeker = relationship("JobSeeker", back_populates="trainings", lazy="selectin")
    kind = Column(String(150), nullable=False)
    institution = Column(String(150), nullable=False)
    year = Column(Integer)

    def __repr__(self):
        return self.kind


class Experience(Model):
    __tablename__ = "seeker_experience"
    __tenant__ = {"seeker": "job_seeker_id"}
    __table_args__ = (*trigram_indexes("seeker_experience", "company_name", "position"),
                      Index("ix_seeker_experience_kbji_seeker", "kbji_code", "job_seeker_id"))  # matching, 0015

    id = Column(Integer, primary_key=True)
    job_seeker_id = Column(Integer, ForeignKey("job_seeker.id", ondelete="CASCADE"), nullable=False, index=True)
    job_seeker = relationship("JobSeeker", back_populates="experiences", lazy="selectin")
    position = Column(String(150), nullable=False)
    kbji_code = Column(String(4), ForeignKey("kbji.code"))
    kbji = relationship("Kbji", lazy="selectin")
    company_name = Column(String(150), nullable=False)
    kbli_id = Column(Integer, ForeignKey("kbli.id"))  # the employer's sector (IPK III/7)
    kbli = relationship("Kbli", lazy="selectin")
    start_date = Column(Date, nullable=False)
    end_date = Column(Date)  # empty: still working there

    def __repr__(self):
        return f"{self.position} — {self.company_name}"


class Skill(Model):
    """The managed list of skills; entries proposed by job seekers wait for an officer."""

    __tablename__ = "skill"
    id = Column(Integer, primary_key=True)
    name = Column(String(100), nullable=False, unique=True)
    approved = Column(Boolean, nullable=False, default=False)

    def __repr__(self):
        return self.name


class SeekerSkill(Model):
    __tablename__ = "seeker_skill"
    __tenant__ = {"seeker": "job_seeker_id"}
    __table_args__ = (UniqueConstraint("job_seeker_id", "skill_id"),)

    id = Column(Integer, primary_key=True)
    job_seeker_id = Column(Integer, ForeignKey("job_seeker.id", ondelete="CASCADE"), nullable=False, index=True)
    job_seeker = relationship("JobSeeker", lazy="selectin")
    skill_id = Column(Integer, ForeignKey("skill.id"), nullable=False)
    skill = relationship("Skill", lazy="selectin")

    def __repr__(self):
        return str(self.skill)


class SeekerLanguage(Model):
    __tablename__ = "seeker_language"
    __tenant__ = {"seeker": "job_seeker_id"}
    __table_args__ = tuple(trigram_indexes("seeker_language", "language"))

    id = Column(Integer, primary_key=True)
    job_seeker_id = Column(Integer, ForeignKey("job_seeker.id", ondelete="CASCADE"), nullable=False, index=True)
    job_seeker = relationship("JobSeeker", lazy="selectin")
    language = Column(String(50), nullable=False)
    level = Column(String(20), nullable=False, info={"labels": LANGUAGE_LEVELS})


class SeekerPreference(Model):
    """Desired occupations (KBJI), sectors (KBLI) and places of work, one row each."""

    __tablename__ = "seeker_preference"
    __tenant__ = {"seeker": "job_seeker_id"}
    # Matching: the seekers who want an occupation of these codes (candidates for a vacancy), migration 0015
    # (an index-only scan: the kind, the code and the person are all in the index)
    __table_args__ = (Index("ix_seeker_preference_kind_kbji", "kind", "kbji_code", "job_seeker_id"),)

    id = Column(Integer, primary_key=True)
    job_seeker_id = Column(Integer, ForeignKey("job_seeker.id", ondelete="CASCADE"), nullable=False, index=True)
    job_seeker = relationship("JobSeeker", lazy="selectin")
    kind = Column(String(10), nullable=False, info={"labels": PREFERENCE_KINDS})
    kbji_code = Column(String(4), ForeignKey("kbji.code"))
    kbji = relationship("Kbji", lazy="selectin")
    kbli_id = Column(Integer, ForeignKey("kbli.id"))
    kbli = relationship("Kbli", lazy="selectin")
    kecamatan_code = Column(String(13), ForeignKey("region.code"))
    kecamatan = relationship("Region", lazy="selectin")

    @property
    def choice(self):
        return self.kbji or self.kbli or self.kecamatan


class Ak1Card(WorkflowMixin, TimestampMixin, Model):
    """One AK-1 application and, once issued, the card. A correction keeps the number of the card it
    corrects; a renewal gets a new number. `snapshot` is the data printed on the card, so each version's
    before and after are kept."""

    __tablename__ = "ak1_card"
    __tenant__ = {"seeker": "job_seeker_id"}
    workflow = AK1_WORKFLOW
    __table_args__ = (Index("ix_ak1_card_status_valid", "status", "valid_until"),
                      Index("ix_ak1_card_status_issued", "status", "issued_at"),  # re-reports due, from the index (0025)
                      Index("ix_ak1_card_seeker_active", "job_seeker_id", "status", "valid_until"),  # matching, 0015
                      # registrations by day, kecamatan and education from the index alone (dashboard, 0020)
                      Index("ix_ak1_card_registered", "ipk_from", "ipk_kecamatan_code", "ipk_education_code",
                            postgresql_where=text("ipk_registration IS TRUE"),
                            sqlite_where=text("ipk_registration IS TRUE")),
                      *trigram_indexes("ak1_card", "number"))

    id = Column(Integer, primary_key=True)
    job_seeker_id = Column(Integer, ForeignKey("job_seeker.id"), nullable=False, index=True)
    job_seeker = relationship("JobSeeker", lazy="selectin")
    application_type = Column(String(12), nullable=False, default="baru", info={"labels": APPLICATION_TYPES})
    previous_id = Column(Integer, ForeignKey("ak1_card.id"))
    status = Column(String(12), nullable=False, default="submitted", index=True)
    number = Column(String(20), index=True)  # 3603-DDMMYY-NNNNNN; shared by a card and its corrections
    serial_year = Column(Integer)
    serial = Column(Integer)
    snapshot = Column(Text)  # JSON of the printed data at issue
    note = Column(Text)  # last revision note or rejection reason, for the seeker
    rejection_reason = Column(String(30), info={"labels": REJECTION_REASONS})
    submitted_at = Column(DateTime(timezone=True))
    verified_at = Column(DateTime(timezone=True))
    issued_at = Column(Date, index=True)
    valid_until = Column(Date, index=True)
    signed_by_name = Column(String(150))
    signed_by_nip = Column(String(18))
    placed_at = Column(Date, index=True)
    placement_employer = Column(String(200))
    removed_at = Column(Date, index=True)
    removal_reason = Column(String(30), info={"labels": REMOVAL_REASONS})
    expired_at = Column(Date, index=True)
    closed_at = Column(Date)  # superseded by a correction or renewal
    # IPK facts, recorded when the card comes into force and never recomputed (app/reporting/ipk/facts.py):
    # the day it entered the register (a correction's or renewal's own day, not the first card's), whether that
    # counts as a new registration, and the holder's data that day.
    ipk_from = Column(Date, index=True)
    ipk_registration = Column(Boolean)
    ipk_sex = Column(String(1))
    ipk_birth_date = Column(Date)
    ipk_education_code = Column(String(4))  # IPK education code of the highest schooling
    ipk_kbji_code = Column(String(4))  # the occupation sought, else the last job's
    ipk_kbli_section = Column(String(1))  # sector of the last job; empty: never worked (or not told)
    ipk_kecamatan_code = Column(String(13))

    reports = relationship("Ak1Report", back_populates="card", lazy="selectin", order_by="Ak1Report.sequence",
                           cascade="all, delete-orphan")

    def __repr__(self):
        return self.number or f"Permohonan #{self.id}"


class Ak1Report(Model):
    """A re-report (lapor ulang) at 6, 12 or 18 months."""

    __tablename__ = "ak1_report"
    __tenant__ = {"seeker": "job_seeker_id"}
    __table_args__ = (UniqueConstraint("card_id", "sequence"),)

    id = Column(Integer, primary_key=True)
    card_id = Column(Integer, ForeignKey("ak1_card.id", ondelete="CASCADE"), nullable=False, index=True)
    card = relationship("Ak1Card", back_populates="reports")
    job_seeker_id = Column(Integer, ForeignKey("job_seeker.id"), nullable=False, index=True)
    sequence = Column(Integer, nullable=False)  # 1, 2, 3
    due_date = Column(Date, nullable=False)
    reported_at = Column(Date, nullable=False)
    channel = Column(String(10), nullable=False, info={"labels": REPORT_CHANNELS})
    officer_name = Column(String(150))
