"""Vacancy reporting (Perpres 57/2023 art. 5), its verification, the filled report (art. 6), closing and the
daily expiry.

The checks at the top are pure functions (no database, no HTTP) that tests call directly; each message names
its basis. The services below them read the office's settings and reference rows, apply the checks and change
rows without committing (the caller commits), except the daily job, which owns its transaction."""
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from flask import current_app
from flask_babel import gettext as _

from app.core.formatting import JAKARTA, date_id, local, rupiah, today_jakarta
from app.core.models import utcnow
from app.core.validation import DomainError
from app.core.workflow import transition
from app.extensions import db
from app.reporting.ipk import facts as ipk_facts
from app.vacancies import slots
from app.vacancies.models import Vacancy, VacancySkill
from app.vacancies.workflow import VACANCY_WORKFLOW

# Work types whose stated wage is a full month of work: the regency minimum wage applies to them.
MONTHLY_WORK_TYPES = ("penuh_waktu", "kontrak")
MAX_EXPERIENCE_YEARS = 40
MIN_SEX_REASON = 10  # characters: a reason, not "ya" or "-"
ADULT_AGE = 18  # UU 13/2003 art. 68: children (under 18) may not be employed, save light work (art. 69)


# ---- the rules, pure ---------------------------------------------------------------------------------------

def check_slots(male: int | None, female: int | None, either: int | None):
    """Perpres 57/2023 art. 5: the number of workers needed; counted in persons by requested sex."""
    counts = [male or 0, female or 0, either or 0]
    if any(c < 0 for c in counts):
        raise DomainError(_("Jumlah orang yang dibutuhkan tidak boleh negatif."), field="slots_any")
    if sum(counts) < 1:
        raise DomainError(_("Isi jumlah orang yang dibutuhkan: minimal satu (laki-laki, perempuan atau "
                            "keduanya) — Perpres 57/2023 pasal 5."), field="slots_any")


def one_sex_only(male: int | None, female: int | None, either: int | None) -> str | None:
    """"L" or "P" when every slot asks for that sex, else None."""
    if either:
        return None
    if male and not female:
        return "L"
    if female and not male:
        return "P"
    return None


def check_sex(male: int | None, female: int | None, either: int | None, reason: str | None):
    """UU 13/2003 art. 5–6: every worker has an equal opportunity to get work without discrimination (sex
    included). Slots for one sex only need the reason the job lawfully requires it."""
    if one_sex_only(male, female, either) and len((reason or "").strip()) < MIN_SEX_REASON:
        raise DomainError(_("Lowongan hanya untuk satu jenis kelamin wajib menyebut alasan pekerjaan yang "
                            "mengharuskannya (UU 13/2003 pasal 5–6: kesempatan yang sama tanpa diskriminasi). "
                            "Jika tidak ada alasan, isi kolom \"laki-laki/perempuan\"."), field="sex_reason")


def check_validity(valid_from: date | None, valid_until: date | None, today: date, max_months: int):
    """Perpres 57/2023 art. 5: the validity period. It ends today or later, after it starts, and lasts at most
    max_months (VACANCY_MAX_VALIDITY_MONTHS)."""
    if valid_from is None:
        raise DomainError(_("Tanggal mulai berlaku wajib diisi."), field="valid_from")
    if valid_until is None:
        raise DomainError(_("Tanggal akhir berlaku wajib diisi (Perpres 57/2023 pasal 5: jangka waktu "
                            "berlakunya lowongan)."), field="valid_until")
    if valid_until < valid_from:
        raise DomainError(_("Tanggal akhir berlaku tidak boleh sebelum tanggal mulai."), field="valid_until")
    if valid_until < today:
        raise DomainError(_("Tanggal akhir berlaku sudah lewat: lowongan harus masih berlaku."),
                          field="valid_until")
    if valid_until > valid_from + relativedelta(months=max_months):
        raise DomainError(_("Masa berlaku lowongan paling lama %(months)s bulan (ketentuan kantor); laporkan "
                            "lowongan baru jika masih dibutuhkan sesudahnya.", months=max_months),
                          field="valid_until")


def check_age(age_min: int | None, age_max: int | None, minimum: int):
    """Age range: from the office's minimum working age (AK1_MIN_AGE) up; the maximum not below the minimum."""
    if age_min is not None and age_min < minimum:
        raise DomainError(_("Usia minimal tidak boleh di bawah %(minimum)s tahun (usia kerja menurut "
                            "ketentuan kantor).", minimum=minimum), field="age_min")
    if age_max is not None and age_max < max(age_min or 0, minimum):
        raise DomainError(_("Usia maksimal tidak boleh di bawah usia minimal."), field="age_max")
    if age_max is not None and age_max > 100:
        raise DomainError(_("Usia maksimal tidak masuk akal."), field="age_max")


def check_experience(years: int | None):
    if years is not None and not 0 <= years <= MAX_EXPERIENCE_YEARS:
        raise DomainError(_("Pengalaman kerja diisi 0 sampai %(max)s tahun.", max=MAX_EXPERIENCE_YEARS),
                          field="experience_years")


def check_wage(wage_min: int | None, wage_max: int | None, work_type: str, minimum_wage: int | None):
    """Perpres 57/2023 art. 5: the wage, fixed or a range. For monthly full-time work it may not be below the
    regency minimum wage (UMK, or the sector's UMSK when higher): UU 13/2003 art. 88E(2) as amended by UU 6/2023
    forbids paying less, so an offer below it is refused, not only flagged (unlike a PKWT already signed)."""
    if wage_min is None:
        raise DomainError(_("Upah wajib diisi (Perpres 57/2023 pasal 5); untuk upah tetap isi kolom pertama "
                            "saja."), field="wage_min")
    if wage_min < 0 or (wage_max is not None and wage_max < 0):
        raise DomainError(_("Upah tidak boleh negatif."), field="wage_min")
    if wage_max is not None and wage_max < wage_min:
        raise DomainError(_("Upah tertinggi tidak boleh di bawah upah terendah."), field="wage_max")
    if work_type in MONTHLY_WORK_TYPES and minimum_wage is not None and wage_min < minimum_wage:
        raise DomainError(_("Upah %(wage)s di bawah upah minimum yang berlaku (%(minimum)s per bulan): "
                            "pengusaha dilarang membayar upah lebih rendah dari upah minimum (UU 13/2003 pasal "
                            "88E ayat (2) sebagaimana diubah UU 6/2023).", wage=rupiah(wage_min),
                            minimum=rupiah(minimum_wage)), field="wage_min")


def check_location(kecamatan_code: str | None, location: str | None):
    """Perpres 57/2023 art. 5: the work location (domicile). A kecamatan of the regency, or a place outside it."""
    if not kecamatan_code and not (location or "").strip():
        raise DomainError(_("Pilih kecamatan lokasi kerja, atau tulis lokasinya jika di luar Kabupaten "
                            "Tangerang."), field="work_location")


def check_kbji(level: int | None):
    if level != 4:
        raise DomainError(_("Pilih jabatan pada tingkat golongan unit KBJI (kode 4 digit)."), field="kbji")


def check_skills(must_ids, nice_ids):
    both = set(must_ids) & set(nice_ids)
    if both:
        raise DomainError(_("Keterampilan yang sama tidak dapat sekaligus wajib dan diutamakan."),
                          field="nice_skills")


def review_flags(vacancy: Vacancy, minimum_wage: int | None, today: date) -> list[tuple[str, str]]:
    """What the officer checks before publishing: (level, text), level "danger" or "warning"."""
    flags = []
    company = vacancy.company
    if company is not None and company.status != "verified":
        flags.append(("danger", _("Perusahaan belum terverifikasi (status: %(status)s): lowongan tidak dapat "
                                  "ditayangkan.", status=company.status_label)))
    sex = one_sex_only(vacancy.slots_male, vacancy.slots_female, vacancy.slots_any)
    if sex:
        flags.append(("warning", _("Hanya untuk %(sex)s — alasan perusahaan: \"%(reason)s\". Periksa apakah "
                                   "pekerjaan benar-benar mengharuskannya (UU 13/2003 pasal 5–6).",
                                   sex=_("laki-laki") if sex == "L" else _("perempuan"),
                                   reason=vacancy.sex_reason or "–")))
    if vacancy.age_max is not None:
        flags.append(("warning", _("Batas usia maksimal %(age)s tahun: periksa apakah batas usia diperlukan oleh "
                                   "sifat pekerjaan; batas usia tanpa alasan pekerjaan adalah diskriminasi.",
                                   age=vacancy.age_max)))
    if vacancy.age_min is not None and vacancy.age_min < ADULT_AGE:
        flags.append(("warning", _("Usia minimal di bawah 18 tahun: anak hanya boleh melakukan pekerjaan ringan "
                                   "dengan syarat (UU 13/2003 pasal 68–69).")))
    if vacancy.work_type in MONTHLY_WORK_TYPES and minimum_wage is None:
        flags.append(("warning", _("UMK tahun %(year)s belum ada: upah belum dibandingkan dengan upah minimum.",
                                   year=vacancy.valid_from.year)))
    if vacancy.valid_until is not None and vacancy.valid_until < today:
        flags.append(("danger", _("Masa berlaku sudah lewat (%(day)s): kembalikan untuk diperbaiki.",
                                  day=date_id(vacancy.valid_until))))
    return flags


# ---- services --------------------------------------------------------------------------------------------

def minimum_wage_for(vacancy: Vacancy) -> int | None:
    """The higher of UMK and the company's UMSK in the year the vacancy starts; None without a UMK row."""
    from app.contracts.services import applicable_minimum_wage
    from app.companies.models import Company

    company = vacancy.company or (db.session.get(Company, vacancy.company_id) if vacancy.company_id else None)
    if vacancy.valid_from is None:
        return None
    return applicable_minimum_wage(company, vacancy.valid_from.year)


def skill_choice(vacancy: Vacancy, must: bool) -> list:
    """The skills chosen on a form or in the API (pending), else those stored."""
    pending = vacancy.__dict__.get("_pending_skills")
    if pending is not None:
        return list(pending[0 if must else 1])
    return [row.skill for row in vacancy.skills if row.must_have == must]


def choose_skills(vacancy: Vacancy, must=None, nice=None):
    """Remember the skills chosen (applied by validate()); None leaves that kind as stored."""
    current = (skill_choice(vacancy, True), skill_choice(vacancy, False))
    vacancy.__dict__["_pending_skills"] = (current[0] if must is None else list(must),
                                           current[1] if nice is None else list(nice))


def _apply_skills(vacancy: Vacancy):
    pending = vacancy.__dict__.pop("_pending_skills", None)
    if pending is None:
        for row in vacancy.skills:
            row.company_id = vacancy.company_id
        return
    must, nice = pending
    check_skills([s.id for s in must], [s.id for s in nice])
    wanted = {s.id: (s, True) for s in must} | {s.id: (s, False) for s in nice}
    for row in list(vacancy.skills):
        if row.skill_id not in wanted:
            vacancy.skills.remove(row)
    stored = {row.skill_id: row for row in vacancy.skills}
    for skill_id, (skill, must_have) in wanted.items():
        row = stored.get(skill_id)
        if row is None:
            vacancy.skills.append(VacancySkill(skill=skill, skill_id=skill_id, must_have=must_have,
                                               company_id=vacancy.company_id))
        else:
            row.must_have = must_have
            row.company_id = vacancy.company_id


def validate(vacancy: Vacancy, today: date | None = None):
    """Every rule of a reported vacancy, in the order of the form; raises the first DomainError."""
    from app.reference.models import Kbji, Region

    today = today or today_jakarta()
    config = current_app.config
    if not (vacancy.title or "").strip():
        raise DomainError(_("Nama jabatan wajib diisi."), field="title")
    kbji = vacancy.kbji or (db.session.get(Kbji, vacancy.kbji_code) if vacancy.kbji_code else None)
    check_kbji(kbji.level if kbji is not None else None)
    vacancy.slots_male, vacancy.slots_female = vacancy.slots_male or 0, vacancy.slots_female or 0
    vacancy.slots_any, vacancy.experience_years = vacancy.slots_any or 0, vacancy.experience_years or 0
    check_slots(vacancy.slots_male, vacancy.slots_female, vacancy.slots_any)
    check_sex(vacancy.slots_male, vacancy.slots_female, vacancy.slots_any, vacancy.sex_reason)
    if not one_sex_only(vacancy.slots_male, vacancy.slots_female, vacancy.slots_any):
        vacancy.sex_reason = None  # no sex asked: no reason kept
    check_validity(vacancy.valid_from, vacancy.valid_until, today, config["VACANCY_MAX_VALIDITY_MONTHS"])
    check_age(vacancy.age_min, vacancy.age_max, config["AK1_MIN_AGE"])
    check_experience(vacancy.experience_years)
    if vacancy.wage_max is None and vacancy.wage_min is not None:
        vacancy.wage_max = vacancy.wage_min  # a fixed wage
    check_wage(vacancy.wage_min, vacancy.wage_max, vacancy.work_type, minimum_wage_for(vacancy))
    kecamatan = vacancy.work_kecamatan or (db.session.get(Region, vacancy.work_kecamatan_code)
                                           if vacancy.work_kecamatan_code else None)
    if kecamatan is not None and kecamatan.level != "kecamatan":
        raise DomainError(_("Pilih kecamatan lokasi kerja."), field="work_kecamatan")
    check_location(vacancy.work_kecamatan_code or (kecamatan.code if kecamatan else None), vacancy.work_location)
    _apply_skills(vacancy)


def is_office(user) -> bool:
    from app.security.tenancy import scope_for

    return user is not None and scope_for(user) is None


def submit(vacancy: Vacancy, user=None, today: date | None = None) -> Vacancy:
    """A new vacancy report: the operator's company's (the company comes from the account, never from the
    form), or recorded by an officer for the company chosen (recorded_by_office). Waits for verification."""
    if user is not None and not is_office(user):
        from app.security.tenancy import TenancyViolation

        named = vacancy.company_id or (vacancy.company.id if vacancy.company is not None else None)
        if named not in (None, user.company_id):
            raise TenancyViolation("vacancy for another company")
        vacancy.company_id = user.company_id
        vacancy.recorded_by_office = False
    else:
        if vacancy.company is None and vacancy.company_id is None:
            raise DomainError(_("Pilih perusahaan yang melaporkan lowongan ini."), field="company")
        vacancy.company_id = vacancy.company_id or vacancy.company.id
        vacancy.recorded_by_office = True if user is not None else bool(vacancy.recorded_by_office)
    validate(vacancy, today)
    vacancy.status = VACANCY_WORKFLOW.initial
    vacancy.submitted_at = utcnow()
    vacancy.status_changed_at = vacancy.submitted_at
    vacancy.experience_years = vacancy.experience_years or 0
    return vacancy


EDITABLE = ("submitted", "returned")


def check_editable(vacancy: Vacancy):
    if vacancy.status not in EDITABLE:
        raise DomainError(_("Lowongan yang sudah %(status)s tidak dapat diubah; tutup dan laporkan lowongan baru "
                            "bila persyaratannya berubah.", status=str(vacancy.status_label).lower()))


def update(vacancy: Vacancy, today: date | None = None):
    """A correction before verification (waiting, or returned for correction); the operator then resubmits."""
    state = db.inspect(vacancy).attrs.status.history
    if (state.deleted[0] if state.deleted else vacancy.status) not in EDITABLE:
        raise DomainError(_("Lowongan ini tidak dapat diubah lagi: sudah diputuskan."))
    validate(vacancy, today)


# ---- decisions: the domain's side effects ---------------------------------------------------------------------

@VACANCY_WORKFLOW.hook("verify")
def _before_publishing(vacancy, user, decision):
    """Only a verified company's vacancy, still within its validity, is published."""
    if vacancy.company.status != "verified":
        raise DomainError(_("Perusahaan %(name)s belum terverifikasi: verifikasi perusahaannya dahulu, atau "
                            "kembalikan laporan lowongan ini.", name=vacancy.company.name))
    if vacancy.valid_until < local(decision.at).date():
        raise DomainError(_("Masa berlaku lowongan sudah lewat: kembalikan untuk diperbaiki."))
    ipk_facts.record_vacancy(vacancy, db.session)


@VACANCY_WORKFLOW.hook("close")
def _remove_on_close(vacancy, user, decision):
    """Closed early by the company: its unfilled slots leave the register today, with the reason."""
    reason = "ditarik" if decision.reason == "ditarik" else "lainnya"
    slots.remove_remaining(vacancy, reason, today_jakarta(), user)


@VACANCY_WORKFLOW.hook("expire")
def _remove_on_expiry(vacancy, user, decision):
    slots.remove_remaining(vacancy, "kedaluwarsa", vacancy.valid_until, user)


def expire_vacancies(today: date | None = None) -> int:
    """Daily: published vacancies past their last valid day close ("expire"), their unfilled slots removed as
    "kedaluwarsa" on that day, and the operators are told. A vacancy already closed is not touched again, so a
    re-run (or a run after missed days) does nothing twice; the closing time is the end of the last valid day,
    whenever the job runs."""
    today = today or today_jakarta()
    ids = [vid for (vid,) in db.session.query(Vacancy.id).filter(Vacancy.status == "published",
                                                                Vacancy.valid_until < today)
           .order_by(Vacancy.id)]
    closed = 0
    for vacancy_id in ids:
        vacancy = db.session.get(Vacancy, vacancy_id)
        if vacancy.status != "published":
            continue
        at = datetime.combine(vacancy.valid_until + timedelta(days=1), time(), JAKARTA)
        transition(vacancy, "expire", None, at=at)
        db.session.commit()
        closed += 1
    return closed


# ---- the filled report (art. 6) -----------------------------------------------------------------------------

def find_issued_card(number: str):
    """An issued AK-1 card by its number (a card not issued, or unknown: DomainError at the field)."""
    from app.seekers.models import Ak1Card

    number = (number or "").strip()
    card = (db.session.query(Ak1Card).filter(Ak1Card.number == number, Ak1Card.status == "issued")
            .order_by(Ak1Card.id.desc()).first() if number else None)
    if card is None:
        raise DomainError(_("Kartu AK/I nomor %(number)s tidak ditemukan atau belum terbit.", number=number or "–"),
                          field="ak1_number")
    return card


def report_filled(vacancy: Vacancy, on: date | None, bucket: str | None, user=None, ak1_number: str = "",
                  name: str = ""):
    """Perpres 57/2023 art. 6: the company reports one slot filled, on a date, in a bucket (L/P/X), with the
    placed person's AK-1 number where known, or their name. The last slot closes the vacancy as filled."""
    today = today_jakarta()
    if on is None:
        raise DomainError(_("Tanggal mulai bekerja wajib diisi (DD-MM-YYYY)."), field="filled_on")
    if on > today:
        raise DomainError(_("Tanggal terisi tidak boleh sesudah hari ini."), field="filled_on")
    if on < vacancy.valid_from:
        raise DomainError(_("Tanggal terisi tidak boleh sebelum lowongan berlaku."), field="filled_on")
    if bucket not in slots.BUCKETS:
        raise DomainError(_("Pilih slot yang terisi (laki-laki, perempuan, atau laki-laki/perempuan)."),
                          field="bucket")
    card = None
    if (ak1_number or "").strip():
        from app.security.tenancy import acting_for_system

        with acting_for_system():  # the number is the company's evidence; the card itself stays unseen
            card = find_issued_card(ak1_number)
            seeker_sex = card.job_seeker.sex
        if bucket in ("L", "P") and seeker_sex != bucket:
            raise DomainError(_("Pemegang kartu AK/I ini bukan %(sex)s: pilih slot yang sesuai.",
                                sex=_("laki-laki") if bucket == "L" else _("perempuan")), field="bucket")
    name = (name or "").strip()
    if card is None and not name:
        raise DomainError(_("Isi nomor kartu AK/I pekerja yang diterima, atau namanya jika tidak punya kartu."),
                          field="ak1_number")
    return slots.fill_slot(vacancy, on, user, bucket=bucket, ak1_card_id=card.id if card else None,
                           filled_by_name=None if card else name[:150])
