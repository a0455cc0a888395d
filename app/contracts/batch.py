"""Batch submission of PKWT from an XLSX file: the template, a row-by-row check with the same rules as the
screens, and storing every row as one submission (or nothing)."""
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field as dc_field
from datetime import date, datetime

import xlsxwriter
from flask import current_app
from flask_babel import gettext as _
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.contracts import services
from app.contracts.models import MinimumWage, PkwtContract, PkwtSubmission
from app.contracts.workflow import KINDS, SUBMISSION_WORKFLOW, WAGE_PAYMENTS
from app.core.formatting import date_id
from app.core.validation import DomainError
from app.extensions import db
from app.reference.lists import parse_sex

DATA_SHEET, GUIDE_SHEET = "Data PKWT", "Petunjuk"
MAX_UNCOMPRESSED = 100 * 1024 * 1024  # a 5,000-row sheet is a few MB: more is a zip bomb, not data
MAX_INT = 2**31 - 1  # INTEGER columns (wage, ids) on PostgreSQL
# Reading stops after this many empty rows in a row. Excel keeps rows that were formatted or cleared down to the
# sheet's end (a million of them fit in a 2.4 MB file, 10 s of reading); nobody leaves a gap this long between
# data rows, and reading 1,000 empty rows takes milliseconds.
EMPTY_RUN_LIMIT = 1000


@dataclass(frozen=True)
class Field:
    name: str  # PkwtContract attribute
    header: str  # column title in the template
    kind: str  # text | nik | sex | country | choice | date | integer
    need: str = ""  # "cell": column and value required; "column": column required, value may be empty
    width: int = 18
    example: object = None
    choices: tuple = ()
    hint: str = ""


FIELDS = [
    Field("nik", "NIK", "nik", "column", 20, "3603011505900001",
          hint="16 digit sesuai KTP; kosongkan untuk pekerja asing. Kolom berformat Teks."),
    Field("passport_number", "Nomor paspor", "text", "", 16, "", hint="Wajib untuk pekerja asing."),
    Field("full_name", "Nama pekerja", "text", "cell", 28, "Budi Santoso"),
    Field("sex", "Jenis kelamin (L/P)", "sex", "cell", 12, "L", ("L", "P")),
    Field("birth_date", "Tanggal lahir", "date", "cell", 14, date(1990, 5, 15)),
    Field("address", "Alamat", "text", "cell", 36, "Jl. Raya Serang Km. 12, Cikupa"),
    Field("nationality", "Kewarganegaraan (kode negara, ID untuk WNI)", "country", "", 14, "ID",
          hint="Kode negara 2 huruf (ISO 3166), mis. ID, CN, JP. Kosong berarti ID."),
    Field("position", "Jabatan", "text", "cell", 20, "Operator produksi"),
    Field("place_of_work", "Tempat kerja", "text", "cell", 24, "Pabrik Cikupa"),
    Field("wage", "Upah per bulan", "integer", "cell", 14, 5_000_000,
          hint="Rupiah per bulan: upah pokok + tunjangan tetap, tanpa titik atau Rp."),
    Field("wage_payment", "Cara pembayaran upah (bulanan/mingguan/harian)", "choice", "", 16, "bulanan",
          tuple(WAGE_PAYMENTS)),
    Field("kind", "Jenis PKWT (jangka_waktu/selesai/harian)", "choice", "cell", 18, "jangka_waktu", tuple(KINDS)),
    Field("start_date", "Tanggal mulai", "date", "cell", 14, date(2026, 1, 5)),
    Field("end_date", "Tanggal berakhir", "date", "column", 14, date(2026, 12, 31),
          hint="Wajib untuk jangka_waktu dan harian."),
    Field("completion_criterion", "Pekerjaan yang menjadi batas berakhir", "text", "", 30, "",
          hint="Wajib untuk PKWT selesainya pekerjaan."),
    Field("previous_id", "ID PKWT sebelumnya", "integer", "", 12, "",
          hint="Untuk perpanjangan: ID PKWT yang diperpanjang (lihat Register PKWT)."),
    Field("signed_at", "Tanggal ditandatangani", "date", "cell", 14, date(2026, 1, 5)),
]


def max_rows() -> int:
    return int(current_app.config.get("PKWT_BATCH_MAX_ROWS", 5000))


# --- The template ------------------------------------------------------------------------------------------

def template_xlsx() -> bytes:
    """An empty data sheet (typed columns, drop-down lists) and a "Petunjuk" sheet with an example row."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                              "valign": "top"})
    formats = {"nik": book.add_format({"num_format": "@"}), "text": book.add_format({"num_format": "@"}),
               "date": book.add_format({"num_format": "dd-mm-yyyy"}),
               "integer": book.add_format({"num_format": "#,##0"})}
    sheet = book.add_worksheet(DATA_SHEET)
    last = max_rows()
    for col, f in enumerate(FIELDS):
        sheet.write_string(0, col, f.header, header)
        sheet.set_column(col, col, f.width, formats.get(f.kind))
        sheet.data_validation(1, col, last, col, _validation(f))
    sheet.set_row(0, 45)
    sheet.freeze_panes(1, 0)
    _write_guide(book, header, formats)
    book.close()
    return buffer.getvalue()


def _validation(f: Field) -> dict:
    """Excel's own check while typing; a warning only, the upload check is the real one."""
    rule = {"input_title": f.header[:32], "input_message": (f.hint or f.header)[:255], "error_type": "warning"}
    if f.choices:
        return {**rule, "validate": "list", "source": list(f.choices),
                "error_message": "Pilih dari daftar: " + ", ".join(f.choices)}
    if f.kind == "date":
        return {**rule, "validate": "date", "criteria": ">", "value": datetime(1900, 1, 1),
                "input_message": "Tanggal, format DD-MM-YYYY.", "error_message": "Isi dengan tanggal DD-MM-YYYY."}
    if f.kind == "nik":
        return {**rule, "validate": "length", "criteria": "==", "value": 16, "error_message": "NIK harus 16 digit."}
    if f.kind == "integer":
        return {**rule, "validate": "integer", "criteria": ">", "value": 0,
                "error_message": "Isi dengan bilangan bulat positif."}
    return {**rule, "validate": "any"}


GUIDE = [
    "Cara mengisi berkas unggah PKWT",
    "1. Isi satu baris per pekerja pada lembar \"Data PKWT\", mulai baris 2. Jangan mengubah judul kolom.",
    "2. Tanggal diisi sebagai tanggal Excel atau teks DD-MM-YYYY (mis. 05-01-2026) atau YYYY-MM-DD.",
    "3. NIK ditulis sebagai teks 16 digit (kolom NIK sudah berformat Teks). Jika Excel menampilkan NIK sebagai "
    "3,60301E+15, digit terakhirnya sudah hilang: format sel sebagai Teks lalu ketik ulang.",
    "4. NIK harus sesuai dengan tanggal lahir dan jenis kelamin (tanggal lahir + 40 untuk perempuan).",
    "5. Jenis PKWT: jangka_waktu (tanggal berakhir wajib, paling lama 5 tahun termasuk perpanjangan), "
    "selesai (isi kolom pekerjaan yang menjadi batas berakhir), harian (tanggal berakhir wajib).",
    "6. Pekerja berusia minimal 18 tahun pada tanggal penandatanganan.",
    "7. Pencatatan paling lambat 3 hari kerja sesudah penandatanganan; yang lebih lambat ditandai terlambat.",
    "8. Untuk perpanjangan, isi ID PKWT sebelumnya (lihat menu Register PKWT).",
    "9. Semua baris diajukan sebagai satu pengajuan. Jika ada satu baris bermasalah, tidak ada yang disimpan: "
    "perbaiki baris tersebut lalu unggah ulang.",
]


def _write_guide(book, header, formats):
    guide = book.add_worksheet(GUIDE_SHEET)
    for col, f in enumerate(FIELDS):
        guide.set_column(col, col, f.width)
    for row, line in enumerate(GUIDE):  # long lines overflow into the empty cells on their right
        guide.write_string(row, 0, line, header if row == 0 else None)
    start = len(GUIDE) + 1
    guide.write_string(start, 0, "Contoh baris (isi data sendiri di lembar Data PKWT):")
    for col, f in enumerate(FIELDS):
        guide.write_string(start + 1, col, f.header, header)
        if isinstance(f.example, date):
            guide.write_datetime(start + 2, col, datetime.combine(f.example, datetime.min.time()), formats["date"])
        elif isinstance(f.example, int):
            guide.write_number(start + 2, col, f.example, formats["integer"])
        else:
            guide.write_string(start + 2, col, f.example or "", formats["text"])


# --- Reading a file ----------------------------------------------------------------------------------------

@dataclass
class RowResult:
    row: int  # as numbered in Excel
    name: str | None
    errors: list[str] = dc_field(default_factory=list)
    contract: PkwtContract | None = None  # validated, not stored; None when the row has errors

    @property
    def ok(self) -> bool:
        return not self.errors


class Checked(list):
    """The RowResults of a file in order; `stopped_at`: the Excel row where reading stopped at a long run of
    empty rows (None when the sheet ended)."""

    stopped_at: int | None = None


class CellError(ValueError):
    pass


def _header_key(text) -> str:
    """Tolerant header match: case, spaces, punctuation and any "(…)" explanation do not matter."""
    text = re.sub(r"\(.*?\)", " ", str(text or ""))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())


FIELD_BY_KEY = {_header_key(f.header): f for f in FIELDS}


def _open_rows(data: bytes):
    """The data sheet's rows (tuples of cells) of an XLSX file, or DomainError for anything else."""
    not_xlsx = DomainError(_("Berkas bukan XLSX (Excel) yang dapat dibaca. Simpan sebagai \"Excel Workbook "
                             "(*.xlsx)\" lalu unggah ulang."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNCOMPRESSED:
                raise DomainError(_("Isi berkas terlalu besar untuk diperiksa."))
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except DomainError:
        raise
    except Exception:  # a damaged or foreign file: zipfile, XML and openpyxl errors alike
        raise not_xlsx from None
    try:
        rows = None
        while True:  # the sheet's XML is parsed while iterating: a damaged part fails here, not on opening
            try:
                rows = rows or _data_sheet(book).iter_rows()
                row = next(rows)
            except StopIteration:
                return
            except Exception:
                raise not_xlsx from None
            yield row
    finally:
        book.close()


def _data_sheet(book):
    return book[DATA_SHEET] if DATA_SHEET in book.sheetnames else book.worksheets[0]


def _map_headers(cells) -> dict[int, Field]:
    columns = {}
    for index, cell in enumerate(cells or ()):
        f = FIELD_BY_KEY.get(_header_key(cell.value))
        if f is not None and f not in columns.values():
            columns[index] = f
    missing = [f.header for f in FIELDS if f.need and f not in columns.values()]
    if missing:
        raise DomainError(_("Kolom wajib tidak ditemukan di baris judul (baris 1): %(columns)s. Gunakan template "
                            "unggah PKWT.", columns=", ".join(missing)))
    return columns


def read_rows(data: bytes) -> tuple[list[tuple[int, dict, dict]], int | None]:
    """(Excel row number, converted values, {field: conversion error}) of every non-empty row, and the row where
    reading stopped at a run of EMPTY_RUN_LIMIT empty rows (None when the sheet ended first)."""
    rows = _open_rows(data)
    limit, found, empty_run, stopped_at = max_rows(), [], 0, None
    try:
        columns = _map_headers(next(rows, None))
        for number, cells in enumerate(rows, start=2):
            values, errors = _read_cells(cells, columns)
            if not values and not errors:
                empty_run += 1
                if empty_run >= EMPTY_RUN_LIMIT:
                    stopped_at = number
                    break
                continue
            empty_run = 0
            if len(found) >= limit:
                raise DomainError(_("Berkas memuat lebih dari %(limit)s baris data. Bagi menjadi beberapa berkas.",
                                    limit=f"{limit:,}".replace(",", ".")))
            found.append((number, values, errors))
    finally:
        rows.close()
    if not found:
        raise DomainError(_("Berkas tidak memuat baris data (baris 2 dan seterusnya kosong)."))
    return found, stopped_at


def _read_cells(cells, columns: dict[int, Field]) -> tuple[dict, dict]:
    values, errors = {}, {}
    for index, f in columns.items():
        try:
            value = _convert(f, cells[index] if index < len(cells) else None)
        except CellError as error:
            errors[f.name] = f"{_column(f)}: {error}"
            continue
        if value is not None:
            values[f.name] = value
    return values, errors


def _column(f: Field) -> str:
    return f.header.split(" (")[0]


def _convert(f: Field, cell):
    value = getattr(cell, "value", None)
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "":
        return None
    converter = CONVERTERS[f.kind]
    return converter(value, cell, f) if f.kind == "nik" else converter(value, f)


def _text(value, f):
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (datetime, date)):
        raise CellError(_("berisi tanggal, seharusnya teks."))
    text = " ".join(str(value).split())
    length = PkwtContract.__table__.c[f.name].type.length
    if length and len(text) > length:
        raise CellError(_("terlalu panjang (maks. %(n)s karakter).", n=length))
    return text


SCIENTIFIC = re.compile(r"^\d+([.,]\d+)?[eE][+-]?\d+$")


def _nik(value, cell, f):
    """NIK as text, even if Excel made it a number; a number shown in scientific notation has lost digits
    (Excel keeps 15 significant digits, and its General format shows more than 11 digits as 3,6E+15)."""
    lost = _("tertulis sebagai angka berformat ilmiah (mis. 3,60301E+15) sehingga digit terakhirnya hilang. "
             "Format kolom NIK sebagai Teks lalu ketik ulang NIK.")
    if isinstance(value, str):
        if SCIENTIFIC.match(value):
            raise CellError(lost)
        return re.sub(r"[\s.\-]", "", value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise CellError(_("harus berupa 16 digit angka."))
    if isinstance(value, float) and not value.is_integer():
        raise CellError(_("harus berupa 16 digit angka."))
    digits = str(int(value))
    number_format = (getattr(cell, "number_format", None) or "General").upper()
    if "E" in number_format.replace("GENERAL", "") or (number_format == "GENERAL" and len(digits) > 11):
        raise CellError(lost)
    return digits


def _sex(value, f):
    sex = parse_sex(value)
    if sex is None:
        raise CellError(_("isi L (laki-laki) atau P (perempuan)."))
    return sex


def _country(value, f):
    code = str(value).strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise CellError(_("isi kode negara 2 huruf, mis. ID untuk WNI."))
    return code


def _choice(value, f):
    key = re.sub(r"[\s\-]+", "_", str(value).strip().lower())
    if key not in f.choices:
        raise CellError(_("isi salah satu dari: %(choices)s.", choices=", ".join(f.choices)))
    return key


DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%Y/%m/%d")


def _date(value, f):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        for pattern in DATE_FORMATS:
            try:
                return datetime.strptime(value, pattern).date()
            except ValueError:
                continue
    raise CellError(_("tanggal tidak valid (gunakan DD-MM-YYYY atau YYYY-MM-DD)."))


def _integer(value, f):
    if isinstance(value, bool):
        raise CellError(_("harus berupa bilangan bulat."))
    if isinstance(value, str):
        text = re.sub(r"^rp\.?|\s", "", value.lower())
        if re.fullmatch(r"\d{1,3}([.,]\d{3})+", text):  # thousands separators: 5.000.000 or 5,000,000
            text = re.sub(r"[.,]", "", text)
        value = int(text) if text.isdigit() else None
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or not 0 < value <= MAX_INT:
        raise CellError(_("harus berupa bilangan bulat positif."))
    return value


CONVERTERS = {"text": _text, "nik": _nik, "sex": _sex, "country": _country, "choice": _choice, "date": _date,
              "integer": _integer}


# --- Checking rows -----------------------------------------------------------------------------------------

def _worker_key(values: dict):
    """Who a row is about: the NIK of an Indonesian, the passport of a foreigner."""
    if values.get("nationality", "ID") == "ID":
        return ("nik", values["nik"]) if values.get("nik") else None
    passport = re.sub(r"\s", "", values.get("passport_number") or "").upper()
    return ("passport", passport) if passport else None


class _Context:
    """What every row's check needs, loaded once: no per-row queries except for extensions."""

    def __init__(self, company_id, rows):
        self.company_id = company_id
        self.today, self.calendar = services.today_jakarta(), services.registration_calendar()
        # Keeps the UMK rows in the identity map, where validate_contract's session.get finds them.
        self.minimum_wages = db.session.query(MinimumWage).all()
        self.stored, self.own_ids = {}, set()
        if company_id is None:
            return
        query = (select(PkwtContract.nik, PkwtContract.passport_number, PkwtContract.nationality,
                        PkwtContract.start_date, PkwtContract.submission_id)
                 .join(PkwtSubmission, PkwtContract.submission_id == PkwtSubmission.id)
                 .where(PkwtContract.company_id == company_id, PkwtSubmission.status != "rejected"))
        for nik, passport, nationality, start, submission_id in db.session.execute(query):
            key = _worker_key({"nik": nik, "passport_number": passport, "nationality": nationality})
            self.stored[(key, start)] = submission_id
        previous = {row[1]["previous_id"] for row in rows if row[1].get("previous_id")}
        if previous:
            self.own_ids = set(db.session.scalars(select(PkwtContract.id).where(
                PkwtContract.company_id == company_id, PkwtContract.id.in_(previous))))


def _check_row(number, values, cell_errors, context, seen) -> RowResult:
    errors = list(cell_errors.values())
    errors += [_("%(column)s wajib diisi.", column=_column(f)) for f in FIELDS
               if f.need == "cell" and f.name not in values and f.name not in cell_errors]
    errors += _duplicates(number, values, context, seen)
    previous = values.get("previous_id")
    foreign_previous = previous and context.company_id is not None and previous not in context.own_ids
    if foreign_previous:
        errors.append(_("ID PKWT sebelumnya %(id)s tidak ditemukan pada perusahaan ini.", id=previous))
    # The rules need every cell read: an unreadable one would only add a misleading second message.
    if cell_errors or foreign_previous or not all(f.name in values for f in FIELDS if f.need == "cell"):
        return RowResult(number, values.get("full_name"), errors)
    # The same rules as the screens.
    contract = PkwtContract(**{"nationality": "ID", "wage_payment": "bulanan", **values,
                               "company_id": context.company_id})
    try:
        services.validate_contract(contract, context.today, context.calendar)
    except DomainError as error:
        errors.append(str(error))
    return RowResult(number, contract.full_name, errors, None if errors else contract)


def _duplicates(number, values, context, seen) -> list[str]:
    """The same worker and start date twice in the file, or already submitted by the company."""
    worker = _worker_key(values)
    if worker is None or "start_date" not in values:
        return []
    key, errors = (worker, values["start_date"]), []
    if key in seen:
        errors.append(_("Data ganda dalam berkas: pekerja dan tanggal mulai sama dengan baris %(row)s.",
                        row=seen[key]))
    else:
        seen[key] = number
    if key in context.stored:
        errors.append(_("PKWT pekerja ini dengan tanggal mulai yang sama sudah diajukan (pengajuan #%(id)s).",
                        id=context.stored[key]))
    return errors


def parse_batch(data: bytes, company_id: int | None = None) -> list[RowResult]:
    """Every non-empty row, OK (with its validated, unstored contract) or with its errors. With company_id,
    also rows that repeat contracts the company has already submitted, and extensions of another company's
    contract, are errors."""
    rows, stopped_at = read_rows(data)
    context, seen = _Context(company_id, rows), {}
    results = Checked(_check_row(number, values, errors, context, seen) for number, values, errors in rows)
    results.stopped_at = stopped_at
    return results


# --- Storing -----------------------------------------------------------------------------------------------

class DuplicateBatch(DomainError):
    """The same file was submitted before: nothing new is stored; `submission` is the earlier one."""

    def __init__(self, submission: PkwtSubmission):
        self.submission = submission
        super().__init__(_("Berkas ini sudah pernah diajukan sebagai pengajuan #%(id)s (%(status)s, %(date)s); "
                           "tidak ada data baru yang disimpan.", id=submission.id,
                           status=SUBMISSION_WORKFLOW.label(submission.status),
                           date=date_id(submission.submitted_at)))


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def submitted_file(company_id: int, digest: str) -> PkwtSubmission | None:
    return db.session.scalars(select(PkwtSubmission).where(PkwtSubmission.company_id == company_id,
                                                           PkwtSubmission.source_sha256 == digest)).first()


def store_batch(company_id: int, data: bytes) -> PkwtSubmission:
    """All rows as one submission (the caller commits), or DomainError and nothing stored; the same file twice
    raises DuplicateBatch."""
    digest = file_digest(data)
    earlier = submitted_file(company_id, digest)
    if earlier is not None:
        raise DuplicateBatch(earlier)
    results = parse_batch(data, company_id)
    bad = [r.row for r in results if not r.ok]
    if bad:
        raise DomainError(_("%(count)s baris masih bermasalah (baris %(rows)s); tidak ada yang disimpan. Perbaiki "
                            "lalu unggah ulang.", count=len(bad), rows=_row_list(bad)))
    # validate_contract runs again in submit: the UMK rows stay in the identity map for its session.get.
    minimum_wages = db.session.query(MinimumWage).all()
    try:
        return services.submit(company_id, [r.contract for r in results], source="batch", sha256=digest)
    except IntegrityError:  # the same file submitted at the same moment by another request
        db.session.rollback()
        earlier = submitted_file(company_id, digest)
        if earlier is None:
            raise
        raise DuplicateBatch(earlier) from None
    finally:
        del minimum_wages


def _row_list(rows: list[int], shown: int = 10) -> str:
    text = ", ".join(map(str, rows[:shown]))
    return text + (" …" if len(rows) > shown else "")
