"""A large month's Karirhub export as a background job (app.tasks): rows are written as they are read, the
officer watches the progress page, then downloads the stored file (staff only: it has no company or seeker)."""
import os
import tempfile

from flask_babel import gettext as _

from app.core.exports import XLSX_MIMETYPE, write_workbook
from app.core.files import store_bytes
from app.extensions import db
from app.reporting import karirhub
from app.reporting.tables import Month
from app.tasks import report_progress

FILE_KIND = "vacancy_report"


def karirhub_export(kind: str, month_value: str, officer: bool) -> dict:
    month = Month.parse(month_value)
    total = karirhub.count(kind, month)
    report_progress(0, max(total, 1), _("Menyiapkan %(total)s baris…", total=total))
    headers, rows, name = karirhub.export(
        kind, month, officer,
        progress=lambda done: report_progress(done, total, _("%(done)s dari %(total)s baris", done=done,
                                                              total=total)))
    handle, path = tempfile.mkstemp(suffix=".xlsx", prefix="karirhub-")
    os.close(handle)
    try:
        write_workbook(path, headers, rows)
        with open(path, "rb") as written:
            stored = store_bytes(written.read(), FILE_KIND, name, XLSX_MIMETYPE)
    finally:
        os.unlink(path)
    db.session.commit()
    report_progress(total, total, _("%(total)s baris ditulis.", total=total))
    return {"file_id": stored.id, "url": f"/files/{stored.id}", "label": _("Unduh XLSX"), "count": total}
