"""Vacancies (Perpres 57/2023), applications, placements and job fairs.

The monthly IPK report reads these as dated facts: a vacancy's submission, publication and closing dates; each
filled or removed slot as a row of `vacancy_slot_event`; each placement with the placed person's sex, age and
education as they were. Nothing here is recomputed later."""
from sqlalchemy import (Boolean, CheckConstraint, Column, Date, DateTime, Float, ForeignKey, Index, Integer, String,
                        Text, UniqueConstraint, text)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import deferred, relationship

from app.core.models import Model, TimestampMixin, trigram_indexes
from app.core.workflow import WorkflowMixin
from app.reference.lists import SEX_LABELS  # column labels
from app.vacancies.workflow import (APPLICATION_SOURCES, APPLICATION_WORKFLOW, FAIR_COMPANY_WORKFLOW,  # noqa: F401
                                    FAIR_MODES, PLACEMENT_TYPES, REFUSAL_REASONS, SLOT_REMOVAL_REASONS, SLOT_SEXES,
                                    VACANCY_WORKFLOW, WORK_TYPES)


class Vacancy(WorkflowMixin, TimestampMixin, Model):
    """A vacancy a company reports (or an officer records on its behalf): published once an officer verifies
    it, closed at the end of its validity, filled when its last slot is."""

    __tablename__ = "vacancy"
    __tenant__ = {"company": "company_id"}
    workflow = VACANCY_WORKFLOW
    __table_args__ = (
        Index("ix_vacancy_status_valid", "status", "valid_until"),
        CheckConstraint("slots_male >= 0 AND slots_female >= 0 AND slots_any >= 0", name="slots"),
        *trigram_indexes("vacancy", "title"),
        # The portal's full-text search (app.vacancies.search; migration 0014 keeps it by trigger)
        Index("ix_vacancy_search_document", "search_document", postgresql_using="gin").ddl_if(dialect="postgresql"),
        # The portal's newest open vacancies first (migration 0014): the published ones, a small part of the register
        Index("ix_vacancy_open_published_at", "published_at", postgresql_where=text("status = 'published'"),
              sqlite_where=text("status = 'published'")),
    )

    id = Column(Integer, primary_key=True)
    company_id = Column(Integer, ForeignKey("company.id"), nullable=False, index=True)
    company = relationship("Company", lazy="selectin")
    title = Column(String(150), nullable=False)  # the position
    kbji_code = Column(String(4), ForeignKey("kbji.code"), nullable=False, index=True)  # 4-digit unit group
    kbji = relationship("Kbji", lazy="selectin")
    description = Column(Text)  # duties and other information
    # Persons needed, by requested sex
    slots_male = Column(Integer, nullable=False, default=0)
    slots_female = Column(Integer, nullable=False, default=0)
    slots_any = Column(Integer, nullable=False, default=0)
    valid_from = Column(Date, nullable=False)
    valid_until = Column(Date, nullable=False, index=True)
    # Requirements
    age_min = Column(Integer)
    age_max = Column(Integer)
    sex_reason = Column(String(300))  # why the job lawfully requires the sex asked (slots of one sex only)
    education_ipk_code = Column(String(4), ForeignKey("education_level.ipk_code"))  # minimum level (IPK code)
    education_level = relationship("EducationLevel", lazy="selectin")
    education_field = Column(String(150))
    experience_years = Column(Integer, nullable=False, default=0)
    wage_min = Column(Integer, info={"money": True})  # rupiah per month; a fixed wage has min = max
    wage_max = Column(Integer, info={"money": True})
    work_kecamatan_code = Column(String(13), ForeignKey("region.code"), index=True)  # empty: outside the regency
    work_kecamatan = relationship("Region", lazy="selectin")
    work_location = Column(String(200))  # address, or the place outside the regency
    work_type = Column(String(12), nullable=False, default="penuh_waktu", info={"labels": WORK_TYPES})
    disability_friendly = Column(Boolean, nullable=False, default=False)
    recorded_by_office = Column(Boolean, nullable=False, default=False)  # an officer recorded it for the company
    # Facts
    status = Column(String(12), nullable=False, default="submitted", index=True)
    submitted_at = Column(DateTime(timezone=True), nullable=False)  # reported (Perpres 57/2023 art. 5)
    published_at = Column(DateTime(timezone=True), index=True)  # verified and published
    closed_at = Column(DateTime(timezone=True))  # expired, withdrawn or filled
    ipk_kbli_section = Column(String(1))  # the company's KBLI section when verified (IPK III/6), never recomputed
    note = Column(Text)  # the last return/rejection/closing note, for the operator
    # Title, company, education field and description as one tsvector (PostgreSQL; written by a trigger, never by
    # the application; on SQLite the FTS5 table vacancy_fts does the job and this stays empty): app.vacancies.search
    search_document = deferred(Column(TSVECTOR().with_variant(Text(), "sqlite")))

    skills = relationship("VacancySkill", back_populates="vacancy", cascade="all, delete-orphan", lazy="selectin")
    slot_events = relationship("VacancySlotEvent", back_populates="vacancy", order_by="VacancySlotEvent.id")

    @property
    def slots(self):
        return (self.slots_male or 0) + (self.slots_female or 0) + (self.slots_any or 0)

    def __repr__(self):
        return self.title


class VacancySkill(Model):
    __tablename__ = "vacancy_skill"
    __tenant__ = {"company": "company_id"}
    __table_args__ = (UniqueConstraint("vacancy_id", "skill_id"),)

    id = Column(Integer, primary_key=True)
    vacancy_id = Column(Integer, ForeignKey("vacancy.id", ondelete="CASCADE"), nullable=False, index=True)
    vacancy = relationship("Vacancy", back_populates="skills")
    company_id = Column(Integer, ForeignKey("company.id"), nullable=False)
    skill_id = Column(Integer, ForeignKey("skill.id"), nullable=False, index=True)
    skill = relationship("Skill", lazy="selectin")
    must_have = Column(Boolean, nullable=False, default=True)  # False: nice to have

    def __repr__(self):
        return str(self.skill)


class VacancySlotEvent(Model):
    """One dated fact about slots: `filled` (one slot, by a placement or reported by the company, art. 6) or
    `removed` (slots left unfilled when the vacancy closed, with the reason)."""

    __tablename__ = "vacancy_slot_event"
    __tenant__ = {"company": "company_id"}
    __table_args__ = (Index("ix_vacancy_slot_event_on", "on_date", "kind"),
                      CheckConstraint("count > 0", name="count"))

    id = Column(Integer, primary_key=True)
    vacancy_id = Column(Integer, ForeignKey("vacancy.id", ondelete="CASCADE"), nullable=False, index=True)
    vacancy = relationship("Vacancy", back_populates="slot_events")
    company_id = Column(Integer, ForeignKey("company.id"), nullable=False)
    kind = Column(String(8), nullable=False, info={"labels": {"filled": "Terisi", "removed": "Dihapuskan"}})
    slot_sex = Column(String(1), nullable=False, info={"labels": SLOT_SEXES})  # L | P | X (either)
    count = Column(Integer, nullable=False, default=1)
    on_date = Column(Date, nullable=False)
    placement_id = Column(Integer, ForeignKey("placement.id"), unique=True)
    ak1_card_id = Column(Integer, ForeignKey("ak1_card.id"))  # the placed seeker's card, where known
    filled_by_name = Column(String(150))  # the person hired, when not a registered seeker
    removal_reason = Column(String(12), info={"labels": SLOT_REMOVAL_REASONS})
    recorded_at = Column(DateTime(timezone=True), nullable=False)
    recorded_by_id = Column(Integer, ForeignKey("ab_user.id"))


class Application(WorkflowMixin, TimestampMixin, Model):
    """A job seeker's application to a published vacancy: one per seeker and vacancy."""

    __tablename__ = "application"
    __tenant__ = {"company": "company_id", "seeker": "job_seeker_id"}
    workflow = APPLICATION_WORKFLOW
    __table_args__ = (UniqueConstraint("vacancy_id", "job_seeker_id"),
                      Index("ix_application_vacancy_status", "vacancy_id", "status"))

    id = Column(Integer, primary_key=True)
    vacancy_id = Column(Integer, ForeignKey("vacancy.id"), nullable=False)
    vacancy = relationship("Vacancy", lazy="selectin")
    company_id = Column(Integer, ForeignKey("company.id"), nullable=False, index=True)  # the vacancy's
    job_seeker_id = Column(Integer, ForeignKey("job_seeker.id"), nullable=False, index=True)
    job_seeker = relationship("JobSeeker", lazy="selectin")
    ak1_card_id = Column(Integer, ForeignKey("ak1_card.id"), nullable=False)  # active when applying
    ak1_card = relationship("Ak1Card", lazy="selectin")
    fair_id = Column(Integer, ForeignKey("job_fair.id"), index=True)  # made at this job fair
    fair = relationship("JobFair", lazy="selectin")
    source = Column(String(10), nullable=False, default="portal", info={"labels": APPLICATION_SOURCES})
    cover_note = Column(Text)  # the seeker's message
    match_score = Column(Float)  # the matcher's score when applying, kept for measuring
    status = Column(String(12), nullable=False, default="new", index=True)
    applied_at = Column(DateTime(timezone=True), nullable=False)
    interview_at = Column(Date)
    decided_at = Column(DateTime(timezone=True))  # accepted, refused or withdrawn
    refusal_reason = Column(String(30), info={"labels": REFUSAL_REASONS})
    note = Column(Text)  # the company's last note, for the seeker

    def __repr__(self):
        return f"Lamaran #{self.id}"


class Invitation(Model):
    """An officer invites a candidate to apply to a vacancy (matching, candidates for a vacancy)."""

    __tablename__ = "vacancy_invitation"
    __tenant__ = {"company": "company_id", "seeker": "job_seeker_id"}
    __table_args__ = (UniqueConstraint("vacancy_id", "job_seeker_id"),)

    id = Column(Integer, primary_key=True)
    vacancy_id = Column(Integer, ForeignKey("vacancy.id", ondelete="CASCADE"), nullable=False, index=True)
    vacancy = relationship("Vacancy", lazy="selectin")
    company_id = Column(Integer, ForeignKey("company.id"), nullable=False)
    job_seeker_id = Column(Integer, ForeignKey("job_seeker.id"), nullable=False, index=True)
    job_seeker = relationship("JobSeeker", lazy="selectin")
    invited_at = Column(DateTime(timezone=True), nullable=False)
    invited_by_id = Column(Integer, ForeignKey("ab_user.id"))
    note = Column(Text)
    score = Column(Float)  # the match score the officer saw


class Placement(TimestampMixin, Model):
    """A job seeker placed in work (IPK III/8): from an accepted application, or recorded directly by an officer
    or the employer. Closes the seeker's AK-1 as placed and fills a slot of the vacancy, if any. The person's sex,
    birth date and education are kept as they were on the day."""

    __tablename__ = "placement"
    __tenant__ = {"company": "company_id", "seeker": "job_seeker_id"}
    __table_args__ = (Index("ix_placement_placed_on", "placed_on", "placement_type"),)

    id = Column(Integer, primary_key=True)
    job_seeker_id = Column(Integer, ForeignKey("job_seeker.id"), nullable=False, index=True)
    job_seeker = relationship("JobSeeker", lazy="selectin")
    ak1_card_id = Column(Integer, ForeignKey("ak1_card.id"), nullable=False, unique=True)  # one placement closes it
    ak1_card = relationship("Ak1Card", lazy="selectin")
    company_id = Column(Integer, ForeignKey("company.id"), index=True)  # empty: an employer not registered here
    company = relationship("Company", lazy="selectin")
    employer_name = Column(String(200), nullable=False)
    employer_type_code = Column(String(10), ForeignKey("employer_type.code"), nullable=False)
    employer_type = relationship("EmployerType", lazy="selectin")
    vacancy_id = Column(Integer, ForeignKey("vacancy.id"), index=True)
    vacancy = relationship("Vacancy", lazy="selectin")
    application_id = Column(Integer, ForeignKey("application.id"), unique=True)
    position = Column(String(150), nullable=False)
    kbji_code = Column(String(4), ForeignKey("kbji.code"), nullable=False)
    kbji = relationship("Kbji", lazy="selectin")
    placed_on = Column(Date, nullable=False)
    placement_type = Column(String(4), nullable=False, info={"labels": PLACEMENT_TYPES})
    destination = Column(String(200))  # AKAD: the region; AKAN: the country
    fair_id = Column(Integer, ForeignKey("job_fair.id"), index=True)
    # The person as they were on the day (IPK III/8 by education; age and sex for III/1)
    sex = Column(String(1), nullable=False, info={"labels": SEX_LABELS})
    birth_date = Column(Date, nullable=False)
    education_ipk_code = Column(String(4), ForeignKey("education_level.ipk_code"))
    recorded_by = Column(String(10), nullable=False,
                         info={"labels": {"lamaran": "Lamaran diterima", "petugas": "Petugas",
                                          "perusahaan": "Perusahaan"}})

    def __repr__(self):
        return f"Penempatan #{self.id}"


class JobFair(TimestampMixin, Model):
    """A job fair (bursa kerja) the office runs: online, on site or both."""

    __tablename__ = "job_fair"
    __table_args__ = (CheckConstraint("ends_on >= starts_on", name="dates"),)

    id = Column(Integer, primary_key=True)
    name = Column(String(200), nullable=False)
    slug = Column(String(80), nullable=False, unique=True)  # public address /bursa/<slug>
    mode = Column(String(8), nullable=False, info={"labels": FAIR_MODES})
    starts_on = Column(Date, nullable=False)
    ends_on = Column(Date, nullable=False)
    venue = Column(String(300))  # on site
    kecamatan_code = Column(String(13), ForeignKey("region.code"))
    kecamatan = relationship("Region", lazy="selectin")
    online_url = Column(String(300))  # online
    description = Column(Text)
    registration_open = Column(Boolean, nullable=False, default=True)
    booth_capacity = Column(Integer)

    companies = relationship("FairCompany", back_populates="fair", order_by="FairCompany.id")

    def __repr__(self):
        return self.name


class FairCompany(WorkflowMixin, TimestampMixin, Model):
    """A company's request to join a fair, with its booth and vacancies; an officer approves it."""

    __tablename__ = "fair_company"
    __tenant__ = {"company": "company_id"}
    workflow = FAIR_COMPANY_WORKFLOW
    # A booth code is given once per fair (two officers approving at once cannot hand out the same one).
    __table_args__ = (UniqueConstraint("fair_id", "company_id"), UniqueConstraint("booth", "fair_id"))

    id = Column(Integer, primary_key=True)
    fair_id = Column(Integer, ForeignKey("job_fair.id", ondelete="CASCADE"), nullable=False, index=True)
    fair = relationship("JobFair", back_populates="companies", lazy="selectin")
    company_id = Column(Integer, ForeignKey("company.id"), nullable=False, index=True)
    company = relationship("Company", lazy="selectin")
    booth = Column(String(20))  # assigned at approval
    status = Column(String(12), nullable=False, default="submitted", index=True)
    submitted_at = Column(DateTime(timezone=True), nullable=False)
    approved_at = Column(DateTime(timezone=True))
    note = Column(Text)

    vacancies = relationship("FairVacancy", back_populates="participation", cascade="all, delete-orphan",
                             lazy="selectin")

    def __repr__(self):
        return f"{self.company} — {self.fair}"


class FairVacancy(Model):
    """A vacancy a company brings to a fair and the number of people it means to take there."""

    __tablename__ = "fair_vacancy"
    __tenant__ = {"company": "company_id"}
    __table_args__ = (UniqueConstraint("participation_id", "vacancy_id"), CheckConstraint("quota > 0", name="quota"))

    id = Column(Integer, primary_key=True)
    participation_id = Column(Integer, ForeignKey("fair_company.id", ondelete="CASCADE"), nullable=False, index=True)
    participation = relationship("FairCompany", back_populates="vacancies")
    company_id = Column(Integer, ForeignKey("company.id"), nullable=False)
    vacancy_id = Column(Integer, ForeignKey("vacancy.id"), nullable=False, index=True)
    vacancy = relationship("Vacancy", lazy="selectin")
    quota = Column(Integer, nullable=False)


class FairRegistration(Model):
    """A job seeker registered for a fair: a ticket with a QR code, checked in at the door."""

    __tablename__ = "fair_registration"
    __tenant__ = {"seeker": "job_seeker_id"}
    __table_args__ = (UniqueConstraint("fair_id", "job_seeker_id"),)

    id = Column(Integer, primary_key=True)
    fair_id = Column(Integer, ForeignKey("job_fair.id", ondelete="CASCADE"), nullable=False, index=True)
    fair = relationship("JobFair", lazy="selectin")
    job_seeker_id = Column(Integer, ForeignKey("job_seeker.id"), nullable=False, index=True)
    job_seeker = relationship("JobSeeker", lazy="selectin")
    ticket_code = Column(String(12), nullable=False, unique=True)  # typed at the door when the QR cannot be read
    registered_at = Column(DateTime(timezone=True), nullable=False)
    checked_in_at = Column(DateTime(timezone=True))
    checked_in_by_id = Column(Integer, ForeignKey("ab_user.id"))

    def __repr__(self):
        return self.ticket_code
