"""The check of a large PKWT batch file as a background job: the web worker is not tied up while thousands of
rows are read and checked; the operator watches the progress page, then reads the same report."""
from flask_babel import gettext as _
from rq import get_current_job

from app.contracts import batch
from app.core.validation import DomainError
from app.extensions import db
from app.tasks import report_progress


def report_of(results) -> list[dict]:
    """The check's results as plain data: a job's return value, and the rows of the report page either way."""
    return [{"row": r.row, "name": r.name, "ok": r.ok, "errors": [str(e) for e in r.errors],
             "late_days": r.contract.late_working_days if r.ok and r.contract.late else None,
             "below_minimum_wage": bool(r.ok and r.contract.below_minimum_wage)} for r in results]


def check_batch(token: str, company_id: int, filename: str) -> dict:
    """Check the file the operator uploaded (kept under `token` by the upload screen); store nothing."""
    from app.contracts.batch_views import BatchView, pending_file

    job = get_current_job()
    checked = {"url": f"{BatchView.route_base}/hasil/{job.id}" if job else None, "label": _("Lihat hasil"),
               "token": token, "filename": filename, "company_id": company_id}
    report_progress(1, 3, _("Membaca berkas…"))
    try:
        results = batch.parse_batch(pending_file(token).read_bytes(), company_id)
    except DomainError as error:
        return {**checked, "error": str(error)}
    finally:
        db.session.rollback()  # a check stores nothing
    earlier = batch.submitted_file(company_id, batch.file_digest(pending_file(token).read_bytes()))
    report_progress(3, 3, _("%(count)s baris diperiksa.", count=len(results)))
    return {**checked, "rows": report_of(results), "stopped_at": results.stopped_at,
            "earlier_id": earlier.id if earlier else None}
