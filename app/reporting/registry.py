"""Every periodic report, declared once (issue 11 part 3): its key, title, period, parameters, the permission
resource whose readers may read (and so make) it, and the generator that draws its files.

Adding a report (the foreign-worker recap, a province's own IPK numbering) is one `declare(...)` below: the
"Arsip Laporan" screen offers it to the roles that may read its resource, the scheduler makes it on the 1st of
each month, and its archived files download for those roles only (its file kind maps to the resource).

A generator is named by import path ("package.module.function") and imported only when it runs: a report whose
module is not there yet (the IPK documents, written in parallel) is declared but not offered. It is called as
`generator(month, **parameters)` and returns [(file name, mimetype, bytes)].
"""
import json
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from flask_babel import gettext as _

from app.core.files import KIND_RESOURCES
from app.core.i18n import N_
from app.core.validation import DomainError

FILE_KIND_PREFIX = "report:"  # + the report's key: the StoredFile kind of its archived files
KEY_MAX = 30 - len(FILE_KIND_PREFIX)  # stored_file.kind is 30 characters


@dataclass(frozen=True)
class Parameter:
    """A parameter besides the period, e.g. a kecamatan: a closed list of choices with a default."""

    name: str
    label: str  # N_
    choices: tuple[tuple[str, str], ...]  # (value, label N_)
    default: str

    def parse(self, value) -> str:
        value = self.default if value in (None, "") else str(value)
        if value not in {choice for choice, _label in self.choices}:
            raise DomainError(_("Pilihan %(name)s tidak valid.", name=_(self.label)))
        return value


@dataclass(frozen=True)
class ReportDeclaration:
    key: str  # stable: archived rows and file kinds refer to it
    title: str  # Indonesian, N_
    resource: str  # roles.py resource whose "read" lets a role read, make and download the report
    generator: str  # "package.module.function"(month, **parameters) -> [(name, mimetype, bytes)]
    period: str = "month"  # the only kind for now; the archive stores the period as text ("2026-01")
    parameters: tuple[Parameter, ...] = ()
    scheduled: bool = True  # made on the 1st of each month for the month before
    description: str = ""  # N_: one line on the screen

    @property
    def file_kind(self) -> str:
        return FILE_KIND_PREFIX + self.key

    def available(self) -> bool:
        """Whether its generator's module is installed (a report declared ahead of its code is not offered)."""
        module = self.generator.rpartition(".")[0]
        try:
            return find_spec(module) is not None
        except ModuleNotFoundError:  # a parent package missing
            return False

    def generate(self, month, parameters: dict) -> list[tuple[str, str, bytes]]:
        module, _dot, name = self.generator.rpartition(".")
        return getattr(import_module(module), name)(month, **parameters)

    def parse_parameters(self, raw) -> dict:
        """The declared parameters only, each checked against its choices (DomainError otherwise)."""
        raw = raw or {}
        return {parameter.name: parameter.parse(raw.get(parameter.name)) for parameter in self.parameters}


def canonical(parameters: dict) -> str:
    """One spelling of a set of parameters, the archive's key for "the same report": sorted, compact JSON."""
    return json.dumps(parameters, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


REPORTS: dict[str, ReportDeclaration] = {}


def declare(declaration: ReportDeclaration) -> ReportDeclaration:
    if len(declaration.key) > KEY_MAX or declaration.key in REPORTS:
        raise ValueError(f"report key {declaration.key!r}: too long or declared twice")
    REPORTS[declaration.key] = declaration
    # Its archived files are reachable through /files/<id> by the readers of its resource only.
    KIND_RESOURCES[declaration.file_kind] = declaration.resource
    return declaration


def get(key: str) -> ReportDeclaration | None:
    return REPORTS.get(key)


def offered() -> list[ReportDeclaration]:
    """Declared reports whose generator is there, in declaration order."""
    return [declaration for declaration in REPORTS.values() if declaration.available()]


def readable(has_access) -> list[ReportDeclaration]:
    """The offered reports a user may read; `has_access(permission, resource)` is the security manager's."""
    return [declaration for declaration in offered() if has_access("can_read", declaration.resource)]


# ---- the declarations --------------------------------------------------------------------------------------

declare(ReportDeclaration(
    "lowongan_bulanan", N_("Laporan Bulanan Lowongan Kerja"), "VacancyReport",
    "app.reporting.generators.vacancy_files",
    description=N_("Lowongan dan slot dilaporkan, ditayangkan, terisi, dihapuskan dan terbuka; per KBJI dan KBLI.")))
declare(ReportDeclaration(
    "penempatan_bulanan", N_("Laporan Bulanan Penempatan Tenaga Kerja"), "VacancyReport",
    "app.reporting.generators.placement_files",
    description=N_("Penempatan AKL/AKAD/AKAN per jenis kelamin, pendidikan dan jenis pemberi kerja.")))
declare(ReportDeclaration(
    # "Ak1Queue", the office's AK-1 work, rather than "Ak1", which job seekers read (their own cards)
    "ak1_terbit", N_("Laporan Bulanan Kartu AK/I Terbit"), "Ak1Queue",
    "app.reporting.generators.ak1_issued_files",
    description=N_("Kartu AK/I yang mulai berlaku: per jenis permohonan, jenis kelamin, kecamatan dan "
                   "pendidikan.")))
declare(ReportDeclaration(
    "rekap_pkwt", N_("Rekap Bulanan Pencatatan PKWT"), "PkwtRecap",
    "app.reporting.generators.pkwt_recap_files",
    description=N_("PKWT yang dicatat per perusahaan, sektor, kecamatan, jenis kelamin dan jenis PKWT.")))
declare(ReportDeclaration(
    "ipk", N_("Laporan IPK III/1–III/8"), "IpkReport",
    "app.reporting.ipk.documents.ipk_files",
    description=N_("Informasi pasar kerja bulanan: pencari kerja, lowongan dan penempatan (IPK III/1–III/8).")))
declare(ReportDeclaration(
    "ipk_nasional", N_("Ekspor IPK untuk Sistem Nasional"), "IpkReport",
    "app.reporting.ipk.documents.national_files",
    description=N_("Angka IPK bulanan dalam susunan kolom provinsi/kementerian: satu baris per formulir, baris "
                   "dan jenis kelamin (XLSX).")))
declare(ReportDeclaration(
    "rekap_tka", N_("Rekap Tenaga Kerja Asing"), "TkaRecap",
    "app.foreign_workers.recap.tka_recap_files",
    description=N_("TKA hadir pada akhir bulan per kewarganegaraan, jabatan (KBJI), perusahaan, sektor (KBLI) dan "
                   "kecamatan; kedatangan dan kepulangan dalam bulan.")))
declare(ReportDeclaration(
    "pendapatan_dkptka", N_("Pendapatan DKPTKA per Bulan"), "DkptkaRevenue",
    "app.foreign_workers.revenue.revenue_files",
    description=N_("Dana DKPTKA diterima di kas daerah per bulan, Januari sampai bulan laporan: jumlah pembayaran, "
                   "USD dan rupiah; tervalidasi, ditolak dan dikembalikan bendahara.")))
