"""Exports of a month's vacancies and placements in the column layout Karirhub (SIAPkerja, Kemnaker) takes in.

The layout is declared here, once, as lists of `Column(header, value)`; nothing else knows the order or the
headers. We cannot reach Karirhub from here: the columns follow the fields of Karirhub's public "posting
lowongan" form and its placement report as published for employers and Disnaker (job title, KBJI occupation,
sector, number needed by sex, education and major, experience, age range, wage range, work type, work
location, closing date, description, skills, disability-friendly; the employer by NIB/NPWP) — (verify) against
the current import template before the first upload, and change the lists below, nowhere else.

Which rows: vacancies *published* (verified) in the month, placements *placed* in the month (WIB dates).
Placements carry the person's NIK only in the officer's export (`officer=True`); in any other context (a company's
own export, a preview) the column is absent, not blanked. Rows are read through the tenancy scope: a company
operator would see only its own.
"""
from collections import namedtuple

from sqlalchemy.orm import selectinload

from app.core.exports import Money
from app.core.formatting import label_of
from app.extensions import db
from app.reporting.tables import Month
from app.security.tenancy import scope_query
from app.vacancies.models import Placement, Vacancy

Column = namedtuple("Column", "header value")
REGENCY = "Kabupaten Tangerang"  # the work location's regency when a kecamatan of ours is given
BATCH = 500
KARIRHUB_WORK_TYPES = {"penuh_waktu": "Penuh Waktu", "paruh_waktu": "Paruh Waktu", "kontrak": "Kontrak",
                       "harian": "Harian", "magang": "Magang"}  # (verify) Karirhub's own values
SEX_ASKED = {"L": "Laki-laki", "P": "Perempuan", "X": "Laki-laki/Perempuan"}


def _sex_asked(vacancy) -> str:
    asked = [code for code, n in (("L", vacancy.slots_male), ("P", vacancy.slots_female), ("X", vacancy.slots_any))
             if n]
    return SEX_ASKED["X"] if len(asked) != 1 else SEX_ASKED[asked[0]]


def _location(vacancy) -> str:
    return f"{vacancy.work_kecamatan.name}, {REGENCY}" if vacancy.work_kecamatan else (vacancy.work_location or "")


def _skills(vacancy) -> str:
    return "; ".join(f"{s.skill}{'' if s.must_have else ' (diutamakan)'}" for s in vacancy.skills)


VACANCY_COLUMNS = [
    Column("Nama Jabatan", lambda v: v.title),
    Column("Kode KBJI", lambda v: v.kbji_code),
    Column("Nama Jabatan KBJI", lambda v: v.kbji.name if v.kbji else None),
    Column("Kode KBLI", lambda v: v.company.kbli.code if v.company.kbli else None),
    Column("Sektor KBLI", lambda v: v.company.kbli.name if v.company.kbli else None),
    Column("Jumlah Kebutuhan Laki-laki", lambda v: v.slots_male or 0),
    Column("Jumlah Kebutuhan Perempuan", lambda v: v.slots_female or 0),
    Column("Jumlah Kebutuhan Laki-laki/Perempuan", lambda v: v.slots_any or 0),
    Column("Jumlah Kebutuhan", lambda v: v.slots),
    Column("Jenis Kelamin", _sex_asked),
    Column("Pendidikan Minimal", lambda v: v.education_level.name if v.education_level else None),
    Column("Kode Pendidikan", lambda v: v.education_ipk_code),
    Column("Jurusan", lambda v: v.education_field),
    Column("Pengalaman Kerja (tahun)", lambda v: v.experience_years or 0),
    Column("Usia Minimal", lambda v: v.age_min),
    Column("Usia Maksimal", lambda v: v.age_max),
    Column("Gaji Minimal", lambda v: Money(v.wage_min) if v.wage_min is not None else None),
    Column("Gaji Maksimal", lambda v: Money(v.wage_max) if v.wage_max is not None else None),
    Column("Tipe Pekerjaan", lambda v: KARIRHUB_WORK_TYPES.get(v.work_type, v.work_type)),
    Column("Lokasi Kerja", _location),
    Column("Alamat Lokasi Kerja", lambda v: v.work_location),
    Column("Tanggal Mulai", lambda v: v.valid_from),
    Column("Tanggal Berakhir", lambda v: v.valid_until),
    Column("Keterampilan", _skills),
    Column("Ramah Disabilitas", lambda v: bool(v.disability_friendly)),
    Column("Deskripsi Pekerjaan", lambda v: v.description),
    Column("Nama Perusahaan", lambda v: v.company.name),
    Column("NIB Perusahaan", lambda v: v.company.nib),
    Column("NPWP Perusahaan", lambda v: v.company.npwp),
    Column("ID Lowongan d'naker", lambda v: v.id),
]

NIK = Column("NIK", lambda p: p.job_seeker.nik)
PLACEMENT_COLUMNS = [
    Column("Nomor AK/I", lambda p: p.ak1_card.number if p.ak1_card else None),
    NIK,  # the officer's export only
    Column("Nama Lengkap", lambda p: p.job_seeker.full_name),
    Column("Jenis Kelamin", lambda p: label_of({"L": "Laki-laki", "P": "Perempuan"}, p.sex)),
    Column("Tanggal Lahir", lambda p: p.birth_date),
    Column("Pendidikan", lambda p: p.education_ipk_code),
    Column("Nama Pemberi Kerja", lambda p: p.employer_name),
    Column("NIB Pemberi Kerja", lambda p: p.company.nib if p.company else None),
    Column("Jenis Pemberi Kerja", lambda p: (p.employer_type.ipk_label or p.employer_type.name)
           if p.employer_type else p.employer_type_code),
    Column("Jabatan", lambda p: p.position),
    Column("Kode KBJI", lambda p: p.kbji_code),
    Column("Tanggal Penempatan", lambda p: p.placed_on),
    Column("Jenis Penempatan", lambda p: p.placement_type),
    Column("Daerah/Negara Tujuan", lambda p: p.destination),
    Column("ID Lowongan d'naker", lambda p: p.vacancy_id),
]


def vacancy_columns() -> list[Column]:
    return list(VACANCY_COLUMNS)


def placement_columns(officer: bool) -> list[Column]:
    return [c for c in PLACEMENT_COLUMNS if officer or c is not NIK]


def _vacancies(month: Month):
    query = db.session.query(Vacancy).filter(Vacancy.published_at >= month.start, Vacancy.published_at < month.end)
    return scope_query(query, Vacancy).options(selectinload(Vacancy.skills)).order_by(Vacancy.published_at,
                                                                                      Vacancy.id)


def _placements(month: Month):
    return scope_query(db.session.query(Placement).filter(Placement.placed_on >= month.first,
                                                          Placement.placed_on < month.next_first), Placement) \
        .order_by(Placement.placed_on, Placement.id)


EXPORTS = {  # kind: (rows query, columns for officer?, file name part)
    "lowongan": (_vacancies, lambda officer: vacancy_columns(), "karirhub-lowongan"),
    "penempatan": (_placements, placement_columns, "karirhub-penempatan"),
}


def count(kind: str, month: Month) -> int:
    return EXPORTS[kind][0](month).order_by(None).count()


def export(kind: str, month: Month, officer: bool, progress=None):
    """(headers, rows iterator, file name) for app.core.exports.write_workbook; `progress(done)` every batch."""
    query, columns_for, stem = EXPORTS[kind]
    columns = columns_for(officer)

    def rows():
        for done, item in enumerate(query(month).yield_per(BATCH), start=1):
            yield [column.value(item) for column in columns]
            if progress is not None and done % BATCH == 0:
                progress(done)

    return [c.header for c in columns], rows(), f"{stem}-{month.value}.xlsx"
