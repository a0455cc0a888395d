"""Job fairs (bursa kerja): the office's event, the companies that join it with their vacancies and quotas, the job
seekers who register (a ticket with a QR code) and are checked in at the door, and the outcome per fair.

Rules only: views and the API call these, nothing here knows HTTP. Every function changes rows without
committing; the caller commits.

Registration does NOT require an active AK-1: attending a fair is an information and counselling service open to
every registered job seeker (many come to a fair precisely before they hold a card, and the office runs an AK-1
counter there). The AK-1 is required where Permenaker 39/2016 places it: applying (``applications.apply``) and
placement. The ticket page says so and shows the card's state."""
import re
import secrets
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import String, cast, exists, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from app.core.formatting import date_id, datetime_id, today_jakarta
from app.core.models import utcnow
from app.core.validation import DomainError
from app.core.workflow import TransitionLog, decide, users_allowed
from app.extensions import db
from app.vacancies.models import (Application, FairCompany, FairRegistration, FairVacancy, JobFair, Placement,
                                  Vacancy)
from app.vacancies.slots import is_open, remaining_slots
from app.vacancies.workflow import FAIR_COMPANY_WORKFLOW, FAIR_MODES

ON_SITE = ("luring", "hybrid")
ONLINE = ("daring", "hybrid")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
# Ticket codes: no 0/O, 1/I/L look-alikes; 8 characters = 40 bits, drawn by `secrets` (not guessable).
TICKET_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
TICKET_LENGTH = 8
BOOTH = re.compile(r"^[A-Z0-9][A-Z0-9 .\-/]{0,19}$")


# ---- the fair ---------------------------------------------------------------------------------------------

def check_fair(fair: JobFair):
    """A fair the public can rely on: a usable address, dates in order, a place for an on-site fair, a link for
    an online one. Normalises what it can (slug in lower case, blanks to None)."""
    for name in ("name", "slug", "venue", "online_url", "description"):
        value = getattr(fair, name)
        setattr(fair, name, value.strip() or None if isinstance(value, str) else value)
    if fair.slug:
        fair.slug = fair.slug.lower()
    if not fair.name:
        raise DomainError(_("Nama bursa kerja wajib diisi."), field="name")
    if not fair.slug or not SLUG.match(fair.slug):
        raise DomainError(_("Alamat halaman (slug) hanya boleh huruf kecil, angka dan tanda hubung di antaranya, "
                            "misalnya bursa-kerja-tigaraksa-2026."), field="slug")
    taken = db.session.query(JobFair.id).filter(JobFair.slug == fair.slug)
    if fair.id is not None:
        taken = taken.filter(JobFair.id != fair.id)
    if taken.first():
        raise DomainError(_("Alamat halaman %(slug)s sudah dipakai bursa kerja lain.", slug=fair.slug), field="slug")
    if fair.mode not in FAIR_MODES:
        raise DomainError(_("Pilih bentuk bursa kerja: daring, luring atau hybrid."), field="mode")
    if fair.starts_on is None:
        raise DomainError(_("Tanggal mulai wajib diisi."), field="starts_on")
    if fair.ends_on is None:
        raise DomainError(_("Tanggal selesai wajib diisi."), field="ends_on")
    if fair.ends_on < fair.starts_on:
        raise DomainError(_("Tanggal selesai (%(end)s) tidak boleh sebelum tanggal mulai (%(start)s).",
                            end=date_id(fair.ends_on), start=date_id(fair.starts_on)), field="ends_on")
    if fair.mode in ON_SITE:
        if not fair.venue:
            raise DomainError(_("Bursa kerja luring/hybrid wajib mencantumkan tempat penyelenggaraan."), field="venue")
        if not fair.kecamatan_code:
            raise DomainError(_("Bursa kerja luring/hybrid wajib mencantumkan kecamatan tempat penyelenggaraan."),
                              field="kecamatan")
    if fair.mode in ONLINE:
        if not fair.online_url:
            raise DomainError(_("Bursa kerja daring/hybrid wajib mencantumkan tautan acara daring."),
                              field="online_url")
    if fair.online_url and not URL.match(fair.online_url):
        raise DomainError(_("Tautan acara daring harus diawali http:// atau https://."), field="online_url")
    if fair.booth_capacity is not None and fair.booth_capacity < 1:
        raise DomainError(_("Kapasitas stan minimal 1 (kosongkan bila tidak dibatasi)."), field="booth_capacity")
    if fair.id is not None and fair.booth_capacity is not None:
        approved = approved_count(fair)
        if fair.booth_capacity < approved:
            raise DomainError(_("Kapasitas stan tidak boleh kurang dari %(count)s perusahaan yang sudah disetujui.",
                                count=approved), field="booth_capacity")


def approved_count(fair: JobFair) -> int:
    return db.session.query(func.count(FairCompany.id)).filter(FairCompany.fair_id == fair.id,
                                                               FairCompany.status == "approved").scalar() or 0


def is_running(fair: JobFair, today: date | None = None) -> bool:
    today = today or today_jakarta()
    return fair.starts_on <= today <= fair.ends_on


def public_fairs(today: date | None = None):
    """Fairs taking place now or later, soonest first (the public list)."""
    today = today or today_jakarta()
    return (db.session.query(JobFair).filter(JobFair.ends_on >= today)
            .order_by(JobFair.starts_on, JobFair.id).all())


def _accepting(fair: JobFair, today: date | None = None):
    today = today or today_jakarta()
    if fair.ends_on < today:
        raise DomainError(_("Bursa kerja %(name)s sudah berakhir pada %(date)s.", name=fair.name,
                            date=date_id(fair.ends_on)))
    if not fair.registration_open:
        raise DomainError(_("Pendaftaran bursa kerja %(name)s sedang ditutup.", name=fair.name))


# ---- companies joining ------------------------------------------------------------------------------------

def open_vacancies(company_id: int, today: date | None = None) -> list:
    """The company's vacancies people can apply to now, each with its remaining slots: what it may bring."""
    today = today or today_jakarta()
    rows = (db.session.query(Vacancy).filter(Vacancy.company_id == company_id, Vacancy.status == "published",
                                             Vacancy.valid_from <= today, Vacancy.valid_until >= today)
            .order_by(Vacancy.title, Vacancy.id).all())
    return [(vacancy, sum(max(0, n) for n in remaining_slots(vacancy).values())) for vacancy in rows]


def _check_lines(company_id: int, quotas: dict) -> list:
    """{vacancy_id: quota} -> [(vacancy, quota)], each an open vacancy of this company and a quota of 1 up to its
    remaining slots. Raises DomainError naming the vacancy."""
    if not quotas:
        raise DomainError(_("Pilih minimal satu lowongan yang tayang untuk dibawa ke bursa kerja."),
                          field="vacancies")
    lines = []
    for vacancy_id, quota in quotas.items():
        vacancy = db.session.get(Vacancy, vacancy_id)
        if vacancy is None or vacancy.company_id != company_id:
            raise DomainError(_("Lowongan tidak ditemukan di antara lowongan perusahaan Anda."), field="vacancies")
        if not is_open(vacancy):
            raise DomainError(_("Lowongan %(title)s tidak sedang tayang: hanya lowongan terverifikasi yang masih "
                                "berlaku dapat dibawa ke bursa kerja.", title=vacancy.title), field="vacancies")
        left = sum(max(0, n) for n in remaining_slots(vacancy).values())
        if quota is None or not isinstance(quota, int) or quota < 1 or quota > left:
            raise DomainError(_("Kuota untuk %(title)s harus antara 1 dan %(left)s (sisa formasi lowongan).",
                                title=vacancy.title, left=left), field=f"quota_{vacancy.id}")
        lines.append((vacancy, quota))
    return lines


def _set_lines(participation: FairCompany, lines):
    wanted = {vacancy.id: quota for vacancy, quota in lines}
    for line in list(participation.vacancies):
        if line.vacancy_id not in wanted:
            participation.vacancies.remove(line)
        else:
            line.quota = wanted.pop(line.vacancy_id)
    for vacancy_id, quota in wanted.items():
        participation.vacancies.append(FairVacancy(vacancy_id=vacancy_id, company_id=participation.company_id,
                                                   quota=quota))


def join(fair: JobFair, company_id: int, quotas: dict, user=None, note: str | None = None) -> FairCompany:
    """A company asks to join a fair with some of its open vacancies, a quota each; officers are told."""
    from app.companies.models import Company

    _accepting(fair)
    company = db.session.get(Company, company_id)
    if company is None or company.status != "verified":
        raise DomainError(_("Hanya perusahaan yang sudah diverifikasi yang dapat mengikuti bursa kerja."))
    existing = db.session.query(FairCompany).filter_by(fair_id=fair.id, company_id=company_id).one_or_none()
    if existing is not None:
        raise DomainError(_("Perusahaan Anda sudah mengajukan keikutsertaan di bursa ini (status: %(status)s).",
                            status=existing.status_label))
    lines = _check_lines(company_id, quotas)
    participation = FairCompany(fair_id=fair.id, company_id=company_id, status="submitted", submitted_at=utcnow())
    db.session.add(participation)
    _set_lines(participation, lines)
    try:
        db.session.flush()
    except IntegrityError:  # the same company, twice at once
        db.session.rollback()
        raise DomainError(_("Perusahaan Anda sudah mengajukan keikutsertaan di bursa ini.")) from None
    _tell_office(participation, "submit")
    return participation


def revise(participation: FairCompany, quotas: dict, user=None) -> FairCompany:
    """The company corrects a returned request (vacancies and quotas) and sends it again."""
    if participation.status not in ("returned", "submitted"):
        raise DomainError(_("Keikutsertaan yang sudah %(status)s tidak dapat diubah.",
                            status=participation.status_label))
    _accepting(participation.fair)
    _set_lines(participation, _check_lines(participation.company_id, quotas))
    db.session.flush()
    if participation.status == "returned":
        decide(participation, "resubmit", user)
    return participation


def _tell_office(participation, event):
    from app.core.notifications import notify

    subject = FAIR_COMPANY_WORKFLOW.subject(participation)
    for user_id in users_allowed("verify", "JobFair"):
        notify(user_id, "vacancy", f"fair_company:{participation.id}:{event}:{user_id}",
               "Permohonan keikutsertaan bursa kerja", f"{subject} menunggu persetujuan.",
               FAIR_COMPANY_WORKFLOW.link(participation))


@FAIR_COMPANY_WORKFLOW.hook("approve")
def _assign_booth(participation: FairCompany, officer, decision):
    """The booth code, unique in its fair, and a place within the fair's booth capacity."""
    booth = " ".join((decision.data.get("booth") or "").upper().split())
    if not booth or not BOOTH.match(booth):
        raise DomainError(_("Nomor stan wajib diisi: huruf dan angka, paling banyak 20 karakter (misalnya A-12)."),
                          field="booth")
    # Approvals of one fair wait for each other (PostgreSQL row lock), so capacity and booth see each other.
    fair = db.session.query(JobFair).filter_by(id=participation.fair_id).with_for_update().one()
    taken = (db.session.query(FairCompany.company_id).filter(FairCompany.fair_id == fair.id,
                                                             FairCompany.booth == booth,
                                                             FairCompany.id != participation.id).first())
    if taken:
        raise DomainError(_("Stan %(booth)s sudah diberikan kepada perusahaan lain di bursa ini.", booth=booth),
                          field="booth")
    if fair.booth_capacity is not None and approved_count(fair) >= fair.booth_capacity:
        raise DomainError(_("Kapasitas stan bursa ini (%(capacity)s) sudah penuh.", capacity=fair.booth_capacity))
    participation.booth = booth


def participants(fair: JobFair) -> list:
    """Approved participations with their vacancies, by booth: what the public page shows."""
    return (db.session.query(FairCompany).filter(FairCompany.fair_id == fair.id, FairCompany.status == "approved")
            .order_by(FairCompany.booth, FairCompany.id).all())


# ---- job seekers: registration and ticket -----------------------------------------------------------------

def new_ticket_code() -> str:
    return "".join(secrets.choice(TICKET_ALPHABET) for _ in range(TICKET_LENGTH))


def registration_of(fair: JobFair, seeker_id: int) -> FairRegistration | None:
    return db.session.query(FairRegistration).filter_by(fair_id=fair.id, job_seeker_id=seeker_id).one_or_none()


def register(fair: JobFair, seeker) -> FairRegistration:
    """One registration per job seeker and fair, with an unguessable ticket code. Registering again answers the
    registration already made."""
    existing = registration_of(fair, seeker.id)
    if existing is not None:
        return existing
    _accepting(fair)
    if getattr(seeker, "status", "active") != "active":
        raise DomainError(_("Data pencari kerja Anda tidak aktif; hubungi petugas Disnaker."))
    for _attempt in range(5):
        registration = FairRegistration(fair_id=fair.id, job_seeker_id=seeker.id, ticket_code=new_ticket_code(),
                                        registered_at=utcnow())
        try:
            with db.session.begin_nested():
                db.session.add(registration)
        except IntegrityError:  # the same seeker at once (a double click), or a code drawn twice
            existing = registration_of(fair, seeker.id)
            if existing is not None:
                return existing
            continue
        _tell_seeker(registration)
        return registration
    raise DomainError(_("Pendaftaran gagal, silakan coba lagi."))


def _tell_seeker(registration):
    from app.core.notifications import notify
    from app.security.models import AppUser

    fair = registration.fair
    for (user_id,) in db.session.query(AppUser.id).filter(AppUser.job_seeker_id == registration.job_seeker_id):
        notify(user_id, "vacancy", f"fair_registration:{registration.id}:{user_id}",
               "Pendaftaran bursa kerja berhasil",
               f"Anda terdaftar di {fair.name} ({date_id(fair.starts_on)}). Kode tiket: {registration.ticket_code}. "
               "Unduh tiket dan tunjukkan kode QR-nya di pintu masuk.", f"/bursa/{fair.slug}")


def clean_code(text: str) -> str:
    """What a scanner or a person typed: the code itself, or the check-in link that carries it (?kode=…)."""
    text = (text or "").strip()
    if "kode=" in text:
        text = text.split("kode=", 1)[1].split("&", 1)[0]
    elif "/" in text:
        text = text.rstrip("/").rsplit("/", 1)[-1]
    return re.sub(r"[\s\-]", "", text).upper()[:40]


@dataclass
class CheckIn:
    """The answer at the door: ok (checked in now), already (earlier, at `at`), or refused with a message."""

    outcome: str  # ok | already | unknown | other_fair | not_today
    message: str
    registration: FairRegistration | None = None
    at: object = None
    extra: dict = field(default_factory=dict)


def check_in(fair: JobFair, typed: str, officer=None, today: date | None = None) -> CheckIn:
    """Check a ticket in once. Two scans at once: one conditional UPDATE wins, the other reads its time."""
    code = clean_code(typed)
    if not code:
        return CheckIn("unknown", _("Ketik atau pindai kode tiket."))
    registration = db.session.query(FairRegistration).filter_by(ticket_code=code).one_or_none()
    if registration is None:
        return CheckIn("unknown", _("Kode tiket %(code)s tidak dikenal. Periksa kembali kode pada tiket.", code=code))
    if registration.fair_id != fair.id:
        return CheckIn("other_fair", _("Tiket %(code)s terdaftar untuk bursa kerja lain: %(name)s.", code=code,
                                       name=registration.fair.name), registration)
    today = today or today_jakarta()
    if not is_running(fair, today):
        return CheckIn("not_today", _("Check-in hanya pada hari bursa (%(start)s – %(end)s).",
                                      start=date_id(fair.starts_on), end=date_id(fair.ends_on)), registration)
    now = utcnow()
    table = FairRegistration.__table__
    done = db.session.execute(update(table).where(table.c.id == registration.id, table.c.checked_in_at.is_(None))
                              .values(checked_in_at=now, checked_in_by_id=getattr(officer, "id", None))).rowcount
    db.session.refresh(registration)
    name = registration.job_seeker.full_name
    if done != 1:
        return CheckIn("already", _("%(name)s sudah check-in pada %(at)s.", name=name,
                                    at=datetime_id(registration.checked_in_at)), registration,
                       registration.checked_in_at)
    return CheckIn("ok", _("Selamat datang, %(name)s. Check-in berhasil.", name=name), registration, now)


def attendance(fair: JobFair) -> tuple[int, int]:
    """(registered, checked in) of a fair."""
    registered, attended = (db.session.query(func.count(FairRegistration.id), func.count(FairRegistration.checked_in_at))
                            .filter(FairRegistration.fair_id == fair.id).one())
    return registered or 0, attended or 0


# ---- outcome ----------------------------------------------------------------------------------------------

@dataclass
class CompanyOutcome:
    company_id: int
    name: str
    booth: str | None = None
    quota: int = 0
    applications: int = 0
    interviews: int = 0
    placements: int = 0


def _reached_interview():
    """An application that reached the interview stage: invited (a date), in it now, or logged as moved to it."""
    log = TransitionLog
    logged = exists().where(log.table_name == "application", log.row_id == cast(Application.id, String),
                            log.to_state == "interview")
    return or_(Application.interview_at.isnot(None), Application.status == "interview", logged)


def outcome(fair: JobFair) -> dict:
    """Registered, attended, applications, interviews and placements of a fair: totals and per company
    (approved participants, and any other company that received applications or placed people from it)."""
    from app.companies.models import Company

    registered, attended = attendance(fair)
    fair_apps = select(Application.id).where(Application.fair_id == fair.id)
    by_company: dict[int, CompanyOutcome] = {}

    def row(company_id, name):
        if company_id not in by_company:
            by_company[company_id] = CompanyOutcome(company_id, name)
        return by_company[company_id]

    for part in (db.session.query(FairCompany).filter(FairCompany.fair_id == fair.id,
                                                      FairCompany.status == "approved")):
        line = row(part.company_id, part.company.name)
        line.booth, line.quota = part.booth, sum(v.quota for v in part.vacancies)
    apps = (db.session.query(Application.company_id, Company.name, func.count(Application.id),
                             func.count(Application.id).filter(_reached_interview()))
            .join(Company, Company.id == Application.company_id).filter(Application.fair_id == fair.id)
            .group_by(Application.company_id, Company.name))
    for company_id, name, applications, interviews in apps:
        line = row(company_id, name)
        line.applications, line.interviews = applications, interviews
    placed = (db.session.query(Placement.company_id, func.max(Placement.employer_name), func.count(Placement.id))
              .filter(or_(Placement.fair_id == fair.id, Placement.application_id.in_(fair_apps)))
              .group_by(Placement.company_id))
    unregistered = 0
    for company_id, employer, count in placed:
        if company_id is None:  # an employer not registered here
            unregistered += count
            continue
        name = db.session.query(Company.name).filter_by(id=company_id).scalar() or employer
        row(company_id, name).placements = count
    companies = sorted(by_company.values(), key=lambda c: (c.booth is None, c.booth or "", c.name))
    totals = {"registered": registered, "attended": attended,
              "applications": sum(c.applications for c in companies),
              "interviews": sum(c.interviews for c in companies),
              "placements": sum(c.placements for c in companies) + unregistered,
              "companies": sum(1 for c in companies if c.booth is not None),
              "quota": sum(c.quota for c in companies)}
    return {"fair": fair, "totals": totals, "companies": companies, "unregistered_placements": unregistered,
            "title": f"Laporan Hasil Bursa Kerja {fair.name}"}


def checkin_url(registration: FairRegistration) -> str:
    """What the ticket's QR code holds: the door page of its fair with the code (a scanner types it into the
    check-in field; an officer's phone camera opens the page with the code filled in)."""
    from flask import current_app

    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    return f"{base}/bursa-checkin/{registration.fair_id}?kode={registration.ticket_code}"
