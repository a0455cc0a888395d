"""The foreign-worker recap (issue 12 part 5): workers present on a date by nationality, position (KBJI major
group), company, sector (the company's KBLI section) and kecamatan of work, with the arrivals and departures of a
month — a `Report` (app/reporting/tables.py) that the page, the XLSX and the PDF all draw.

Present on a day: the worker's latest arrival/departure event on or before it is an arrival; with no such event,
the earliest one after it is a departure (they were there before leaving); with no event at all, the register's
dates: arrived (or, arrival not given, RPTKA started) on or before the day and not departed by it. Arrivals and
departures of the month: the events, and the register's arrival/departure dates recorded without an event, each
worker and day once.
"""
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.companies.models import Company
from app.core.formatting import date_id
from app.core.i18n import N_
from app.extensions import db
from app.foreign_workers import regions
from app.foreign_workers.models import ForeignWorker, ForeignWorkerEvent, ForeignWorkerLocation
from app.foreign_workers.services import country_name
from app.reference.models import Kbji, Kbli, Region
from app.reporting.tables import UNKNOWN, Month, Report, Table, number

TITLE = "Rekap Tenaga Kerja Asing"
COLUMNS = [N_("Hadir: laki-laki"), N_("Hadir: perempuan"), N_("Hadir: jumlah"), N_("Datang dalam bulan"),
           N_("Pulang dalam bulan")]
OUTSIDE = "Di luar Kabupaten Tangerang"
KECAMATAN_NOTE = ("TKA yang bekerja di lebih dari satu kecamatan dihitung di setiap kecamatannya: jumlah tabel "
                  "per kecamatan dapat melebihi jumlah TKA.")


@dataclass
class _Worker:
    id: int
    sex: str
    nationality: str
    kbji_code: str | None
    company: str
    sector: str | None
    arrived_on: date | None
    departed_on: date | None
    rptka_start: date | None
    places: list[str]


def tka_report(month: Month, as_of: date | None = None) -> Report:
    """The recap: present on `as_of` (default the month's last day), arrivals and departures in `month`."""
    as_of = as_of or month.last
    workers = _workers()
    moves = _moves()
    present = {w.id for w in workers if _present(w, moves.get(w.id, []), as_of)}
    arrived, departed = _in_month(workers, moves, month)

    def table(key, title, header, labels_of, sheet, order=None):
        counts = defaultdict(lambda: [0, 0, 0, 0, 0])
        for worker in workers:
            for label in labels_of(worker):
                row = counts[label]
                if worker.id in present:
                    row[0 if worker.sex == "L" else 1] += 1
                    row[2] += 1
                row[3] += arrived.get(worker.id, 0)
                row[4] += departed.get(worker.id, 0)
        result = Table(key, title, header, list(COLUMNS), sheet=sheet,
                       empty="Tidak ada TKA hadir, datang atau pulang pada periode ini.")
        for label in sorted((lb for lb, v in counts.items() if any(v)), key=order or _unknown_last):
            result.add(label, counts[label])
        return result.total()

    kbji_names = dict(db.session.execute(select(Kbji.code, Kbji.name).where(Kbji.level == 1)).all())

    def major_group(worker):
        if not worker.kbji_code:
            return [UNKNOWN]
        code = worker.kbji_code[0]
        return [f"{code} — {kbji_names[code]}" if code in kbji_names else code]

    tables = [
        table("kewarganegaraan", N_("Per Kewarganegaraan"), N_("Kewarganegaraan"),
              lambda w: [country_name(w.nationality)], "Kewarganegaraan"),
        table("jabatan", N_("Per Golongan Pokok Jabatan (KBJI)"), N_("Golongan pokok KBJI"), major_group, "KBJI"),
        table("perusahaan", N_("Per Perusahaan"), N_("Perusahaan"), lambda w: [w.company], "Perusahaan"),
        table("sektor", N_("Per Sektor Usaha Perusahaan (kategori KBLI)"), N_("Kategori KBLI"),
              lambda w: [w.sector or UNKNOWN], "Sektor KBLI"),
        table("kecamatan", N_("Per Kecamatan Lokasi Kerja"), N_("Kecamatan"), lambda w: w.places or [UNKNOWN],
              "Kecamatan", order=_outside_last),
    ]
    men = sum(1 for w in workers if w.id in present and w.sex == "L")
    summary = [
        f"TKA hadir pada {date_id(as_of)}: {number(len(present))} orang (laki-laki {number(men)}, perempuan "
        f"{number(len(present) - men)}).",
        f"Kedatangan dalam {month.label}: {number(sum(arrived.values()))}; kepulangan: "
        f"{number(sum(departed.values()))}.",
        KECAMATAN_NOTE,
    ]
    basis = ("Hadir: peristiwa kedatangan/kepulangan terakhir pada atau sebelum tanggal itu; tanpa peristiwa, "
             "tanggal kedatangan (atau awal RPTKA) dan kepulangan di daftar TKA. Datang/pulang: peristiwa dan "
             "tanggal di daftar TKA dalam bulan itu, setiap TKA dan tanggal sekali. Sektor: kategori KBLI "
             "perusahaan.")
    report = Report("tka", f"{TITLE} — {month.label}", month.label, month, summary, tables, basis)
    report.as_of = as_of
    return report


def file_stem(month: Month) -> str:
    return f"rekap-tka-{month.value}"


def _unknown_last(label):
    return (label == UNKNOWN, label)


def _outside_last(label):
    return (label == UNKNOWN, label.startswith(OUTSIDE), label)


# ---- reading -----------------------------------------------------------------------------------------------

def _workers() -> list[_Worker]:
    section_names = dict(db.session.execute(select(Kbli.code, Kbli.name).where(Kbli.level == "section")).all())
    rows = db.session.execute(
        select(ForeignWorker.id, ForeignWorker.sex, ForeignWorker.nationality, ForeignWorker.kbji_code,
               Company.name, Kbli.code, Kbli.parent_code, Kbli.level, ForeignWorker.arrived_on,
               ForeignWorker.departed_on, ForeignWorker.rptka_start)
        .join(Company, Company.id == ForeignWorker.company_id).outerjoin(Kbli, Kbli.id == Company.kbli_id)
        .order_by(ForeignWorker.id)).all()
    places = _places()
    workers = []
    for (id_, sex, nationality, kbji_code, company, kbli_code, kbli_parent, kbli_level, arrived_on, departed_on,
         rptka_start) in rows:
        section = kbli_code if kbli_level == "section" else kbli_parent  # a company's KBLI is mostly a division
        sector = f"{section} — {section_names[section]}" if section in section_names else section
        workers.append(_Worker(id_, sex, nationality, kbji_code, company, sector, arrived_on, departed_on,
                               rptka_start, places.get(id_, [])))
    return workers


def _places() -> dict[int, list[str]]:
    """Worker id -> the kecamatan of work ("Kec. X"), and one "outside the regency" row for any place elsewhere."""
    rows = db.session.execute(
        select(ForeignWorkerLocation.worker_id, Region.name, ForeignWorkerLocation.regency_code)
        .outerjoin(Region, Region.code == ForeignWorkerLocation.kecamatan_code)
        .order_by(ForeignWorkerLocation.worker_id, ForeignWorkerLocation.id)).all()
    places = defaultdict(list)
    for worker_id, kecamatan, regency_code in rows:
        label = kecamatan if kecamatan and regency_code == regions.REGENCY else OUTSIDE
        if label not in places[worker_id]:
            places[worker_id].append(label)
    return places


def _moves() -> dict[int, list[tuple[date, str]]]:
    rows = db.session.execute(
        select(ForeignWorkerEvent.worker_id, ForeignWorkerEvent.occurred_on, ForeignWorkerEvent.kind)
        .where(ForeignWorkerEvent.kind.in_(("arrival", "departure")))
        .order_by(ForeignWorkerEvent.worker_id, ForeignWorkerEvent.occurred_on, ForeignWorkerEvent.id)).all()
    moves = defaultdict(list)
    for worker_id, on, kind in rows:
        moves[worker_id].append((on, kind))
    return moves


# ---- counting (pure) ---------------------------------------------------------------------------------------

def _present(worker, moves: list[tuple[date, str]], day: date) -> bool:
    before = [kind for on, kind in moves if on <= day]
    if before:
        return before[-1] == "arrival"
    after = [kind for on, kind in moves if on > day]
    if after:
        return after[0] == "departure"
    start = worker.arrived_on or worker.rptka_start
    return start is not None and start <= day and (worker.departed_on is None or worker.departed_on > day)


def _in_month(workers, moves, month: Month) -> tuple[dict[int, int], dict[int, int]]:
    """Worker id -> arrivals, and -> departures, in the month (distinct days)."""
    days = {"arrival": defaultdict(set), "departure": defaultdict(set)}
    for worker in workers:
        for on, kind in moves.get(worker.id, []):
            days[kind][worker.id].add(on)
        if worker.arrived_on is not None:
            days["arrival"][worker.id].add(worker.arrived_on)
        if worker.departed_on is not None:
            days["departure"][worker.id].add(worker.departed_on)

    def count(by_worker):
        found = {}
        for worker_id, dates in by_worker.items():
            inside = sum(1 for on in dates if month.first <= on < month.next_first)
            if inside:
                found[worker_id] = inside
        return found

    return count(days["arrival"]), count(days["departure"])


# ---- files -------------------------------------------------------------------------------------------------

def tka_recap_files(month: Month, as_of: date | None = None) -> list[tuple[str, str, bytes]]:
    """The registry's generator (app/reporting/registry.py): the PDF and the XLSX, as of the month's last day."""
    from app.core.exports import XLSX_MIMETYPE
    from app.reporting.xlsx import render_xlsx
    from reports.tka_recap import render_pdf

    report = tka_report(month, as_of)
    return [(f"{file_stem(month)}.pdf", "application/pdf", render_pdf(report)),
            (f"{file_stem(month)}.xlsx", XLSX_MIMETYPE, render_xlsx(report))]
