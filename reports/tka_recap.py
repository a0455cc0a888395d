"""The foreign-worker recap (app/foreign_workers/recap.py) as an A4 landscape PDF: the monthly reports' layout
(letterhead, summary, ruled tables with totals, the basis of the numbers), which draws any `Report`."""
from app.reporting.tables import Report
from reports import vacancy_monthly


def render_pdf(report: Report) -> bytes:
    return vacancy_monthly.render_pdf(report)
