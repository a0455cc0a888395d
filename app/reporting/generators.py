"""The registry's generators (app/reporting/registry.py): each draws a month's report with the existing data
functions and renderers and returns its files as [(file name, mimetype, bytes)], the PDF first."""
from app.core.exports import XLSX_MIMETYPE
from app.reporting.tables import Month, Report
from app.reporting.xlsx import render_xlsx

PDF = "application/pdf"


def _report_files(report: Report) -> list[tuple[str, str, bytes]]:
    from reports.vacancy_monthly import render_pdf

    return [(f"{report.file_stem}.pdf", PDF, render_pdf(report)),
            (f"{report.file_stem}.xlsx", XLSX_MIMETYPE, render_xlsx(report))]


def vacancy_files(month: Month):
    from app.reporting.monthly import vacancy_report

    return _report_files(vacancy_report(month))


def placement_files(month: Month):
    from app.reporting.monthly import placement_report

    return _report_files(placement_report(month))


def ak1_issued_files(month: Month):
    from app.reporting.ak1_issued import ak1_issued_report

    return _report_files(ak1_issued_report(month))


def pkwt_recap_files(month: Month):
    from app.contracts import recap
    from reports.pkwt_recap import render_pdf

    data = recap.recap(month.year, month.month)
    stem = f"rekap-pkwt-{month.value}"
    return [(f"{stem}.pdf", PDF, render_pdf(data)), (f"{stem}.xlsx", XLSX_MIMETYPE, recap.render_xlsx(data))]
