"""DKPTKA revenue per month (issue 12 part 5), for the treasurer (Bendahara Penerimaan), the TKA officers, the
head of office and Admin: one row per month of a year, a `Report` (app/reporting/tables.py) that the page, the
XLSX and the PDF all draw, and the report registry's generator that archives it every month.

Which date makes revenue: `DkptkaPayment.received_at`, the moment the treasurer confirmed that the money arrived
in the regency's treasury (kas daerah). The DKPTKA of an extension for a worker within one regency is the
regency's revenue (PP 34/2021 art. 24 as the project cites it in payments.py and rules.py; ../shared/domain.md
§6 states the rule and leaves the exact article to be verified, and its wording could not be checked here):
money is revenue when it is in the kas daerah, not when the company submits its proof (it may not have
arrived) nor when the officer validates (an administrative act on money already there). The month is the
Asia/Jakarta month of that instant: 23:30 WIB on the 31st is still that month.

Per month:
- received: payments whose `received_at` falls in the month, whatever happened to them since, with their USD
  and rupiah sums (the rupiah is what reached the kas daerah);
- of those, validated (count and rupiah) and rejected (count) as they stand now (a rejection after the money
  arrived leaves it in the kas daerah until it is settled elsewhere: the rupiah column keeps it, the validated
  column does not);
- returned by the treasurer: "return" decisions (money not in, or not the amount asked) dated in the month by
  the workflow log; such a payment has no `received_at`, so it is counted by the day of the return.
Computed in SQL (GROUP BY month): two queries whatever the number of payments. Office-wide: no tenancy filter
(operators have no "DkptkaRevenue" permission).
"""
from datetime import date

from sqlalchemy import case, func, select

from app.core.formatting import MONTHS
from app.core.i18n import N_
from app.core.workflow import TransitionLog
from app.extensions import db
from app.foreign_workers.payments import DkptkaPayment
from app.reporting.tables import Month, Report, Table, month_of, number

RESOURCE = "DkptkaRevenue"
TITLE = "Pendapatan DKPTKA per Bulan"
COLUMNS = [N_("Pembayaran diterima"), N_("Jumlah USD"), N_("Jumlah rupiah"), N_("Tervalidasi"),
           N_("Rupiah tervalidasi"), N_("Ditolak"), N_("Dikembalikan bendahara")]
RECEIVED, USD, IDR, VALIDATED, VALIDATED_IDR, REJECTED, RETURNED = range(len(COLUMNS))
BASIS = ("Pendapatan dihitung menurut tanggal bendahara penerimaan mengonfirmasi dana masuk ke kas daerah (WIB). "
         "Tervalidasi dan ditolak: dari pembayaran yang diterima pada bulan itu, menurut status saat ini. "
         "Dikembalikan: pengembalian oleh bendahara (dana belum masuk atau jumlahnya berbeda) menurut tanggal "
         "pengembalian.")


def revenue_report(year: int, through: int = 12) -> Report:
    """The months January to `through` of `year`, each with its measures, and the year's totals."""
    months = [Month(year, m) for m in range(1, through + 1)]
    start, end = months[0].start, months[-1].end
    rows = {value: [0] * len(COLUMNS) for value in (m.value for m in months)}

    month = month_of(DkptkaPayment.received_at)
    validated = DkptkaPayment.status == "validated"
    received = db.session.execute(
        select(month, func.count(DkptkaPayment.id), func.sum(DkptkaPayment.usd_amount),
               func.sum(DkptkaPayment.idr_amount), func.sum(case((validated, 1), else_=0)),
               func.sum(case((validated, DkptkaPayment.idr_amount), else_=0)),
               func.sum(case((DkptkaPayment.status == "rejected", 1), else_=0)))
        .where(DkptkaPayment.received_at >= start, DkptkaPayment.received_at < end).group_by(month))
    for value, *measures in received:
        rows[value][:RETURNED] = [int(m or 0) for m in measures]

    month = month_of(TransitionLog.at)
    returned = db.session.execute(
        select(month, func.count(TransitionLog.id))
        .where(TransitionLog.table_name == DkptkaPayment.__tablename__, TransitionLog.action == "return",
               TransitionLog.at >= start, TransitionLog.at < end).group_by(month))
    for value, count in returned:
        rows[value][RETURNED] = int(count)

    table = Table("bulan", N_("Per Bulan Dana Diterima"), N_("Bulan"), list(COLUMNS), sheet="Pendapatan DKPTKA",
                  formulas=True, label_width=45.0)
    for m in months:
        table.add(MONTHS[m.month - 1], rows[m.value])
    totals = table.total().totals
    period = f"Tahun {year}" if through == 12 else (
        f"{MONTHS[0]} {year}" if through == 1 else f"{MONTHS[0]}–{MONTHS[through - 1]} {year}")
    summary = [
        (f"Dana DKPTKA diterima di kas daerah, {period}: {number(totals[RECEIVED])} pembayaran, "
         f"Rp{number(totals[IDR])} (USD {number(totals[USD])})."),
        (f"Tervalidasi: {number(totals[VALIDATED])} pembayaran, Rp{number(totals[VALIDATED_IDR])}; ditolak: "
         f"{number(totals[REJECTED])}; dikembalikan bendahara: {number(totals[RETURNED])}."),
    ]
    report = Report("pendapatan-dkptka", f"{TITLE} — {period}", period, months[-1], summary, [table], BASIS)
    report.year = year
    return report


def file_stem(year: int, through: int = 12) -> str:
    """pendapatan-dkptka-2037 (a year), pendapatan-dkptka-2037-03 (January to March: the archive's month)."""
    return f"pendapatan-dkptka-{year}" + ("" if through == 12 else f"-{through:02d}")


def parse_year(value, today: date) -> int:
    """?tahun=2037; this year when absent. DomainError with a readable message otherwise."""
    from flask_babel import gettext as _

    from app.core.validation import DomainError

    text = (value or "").strip()
    if not text:
        return today.year
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise DomainError(_("Tahun tidak valid: tulis empat angka, misalnya %(year)s.", year=today.year))
    return int(text)


def revenue_files(month: Month) -> list[tuple[str, str, bytes]]:
    """The registry's generator (app/reporting/registry.py): January to the archived month of its year, as the
    PDF and the XLSX (a month's archive is the year to date at its end)."""
    from app.core.exports import XLSX_MIMETYPE
    from app.reporting.xlsx import render_xlsx
    from reports.vacancy_monthly import render_pdf

    report = revenue_report(month.year, month.month)
    stem = file_stem(month.year, month.month)
    return [(f"{stem}.pdf", "application/pdf", render_pdf(report)),
            (f"{stem}.xlsx", XLSX_MIMETYPE, render_xlsx(report))]
