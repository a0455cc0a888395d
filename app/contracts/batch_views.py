"""Screens of the batch PKWT upload: template, check (row-by-row report, nothing stored) and store."""
import io
import re
import secrets
import time

from flask import abort, flash, redirect, request, send_file, session, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import gettext as _

from app.contracts import batch
from app.contracts.batch_tasks import report_of
from app.contracts.models import PkwtSubmission
from app.core.exports import XLSX_MIMETYPE
from app.core.files import check_upload, upload_root
from app.core.i18n import N_
from app.core.validation import DomainError
from app.extensions import db
from app.security.tenancy import request_user
from app.tasks import enqueue
from app.tasks.views import visible_job

MENU_NAME = N_("Unggah PKWT (Excel)")  # a permission name: plain, translated when shown
TEMPLATE = "contracts/batch_report.html"
PENDING = "pkwt_batch"  # session key: the checked file waiting for confirmation
PENDING_MAX_AGE = 24 * 3600  # seconds a checked, unconfirmed file is kept
# Files larger than this (about 700 rows, a few seconds of checking) are checked by a background job.
BACKGROUND_BYTES = 50 * 1024
NOT_OPERATOR = N_("Unggah PKWT dilakukan oleh operator perusahaan; akun ini tidak terhubung ke perusahaan.")


def _company_id():
    user = request_user()
    return getattr(user, "company_id", None)


# The checked file waits on disk, under a random name known only to the user's (signed) session cookie, with
# the user and company it was checked for: the confirm step needs no second upload and reaches no other file.

def _pending_dir():
    path = upload_root() / "pkwt-batch"
    path.mkdir(parents=True, exist_ok=True)
    return path


def pending_file(token: str):
    return _pending_dir() / f"{token}.xlsx"


def _keep(data: bytes, company_id: int, filename: str) -> str:
    _discard()
    _sweep()
    token = secrets.token_hex(16)
    pending_file(token).write_bytes(data)
    session[PENDING] = {"token": token, "company_id": company_id, "user_id": request_user().id,
                        "filename": filename[-100:]}
    return token


def _pending_path():
    pending = session.get(PENDING) or {}
    token = str(pending.get("token", ""))
    if not re.fullmatch(r"[0-9a-f]{32}", token):
        return None, pending
    return pending_file(token), pending


def _take(company_id: int) -> bytes | None:
    """The file this user checked for this company, if it is still there."""
    path, pending = _pending_path()
    if path is None or pending.get("company_id") != company_id or pending.get("user_id") != request_user().id:
        return None
    return path.read_bytes() if path.is_file() else None


def _discard():
    path = _pending_path()[0]
    if path is not None:
        path.unlink(missing_ok=True)
    session.pop(PENDING, None)


def _sweep():
    """Files checked but never confirmed."""
    limit = time.time() - PENDING_MAX_AGE
    for path in _pending_dir().glob("*.xlsx"):
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


class BatchView(BaseView):
    """A company operator submits many PKWT at once from an XLSX file."""

    route_base = "/pkwt/batch"
    default_view = "index"
    class_permission_name = "Pkwt"
    method_permission_name = {"index": "create", "template": "create", "check": "create", "result": "create",
                              "store": "create"}
    base_permissions = ["can_create"]

    def _page(self, **context):
        return self.render_template(TEMPLATE, title=_(MENU_NAME), is_operator=_company_id() is not None,
                                    max_rows=batch.max_rows(), **context)

    @expose("/")
    @has_access
    def index(self):
        return self._page()

    @expose("/template")
    @has_access
    def template(self):
        return send_file(io.BytesIO(batch.template_xlsx()), mimetype=XLSX_MIMETYPE, as_attachment=True,
                         download_name="template-unggah-pkwt.xlsx", max_age=0)

    @expose("/check", methods=["POST"])
    @has_access
    def check(self):
        company_id = _company_id()
        if company_id is None:
            flash(_(NOT_OPERATOR), "danger")
            return redirect(url_for(".index"))
        upload = request.files.get("file")
        try:
            data = check_upload(upload, {"xlsx"})[0]
            if len(data) > BACKGROUND_BYTES:
                token = _keep(data, company_id, upload.filename or "")
                job_id = enqueue("app.contracts.batch_tasks.check_batch", token, company_id, upload.filename or "")
                return redirect(url_for("JobView.progress", job_id=job_id))
            results = batch.parse_batch(data, company_id)
        except DomainError as error:
            flash(str(error), "danger")
            return self._page()
        finally:
            db.session.rollback()  # a check stores nothing
        earlier = batch.submitted_file(company_id, batch.file_digest(data))
        ready = not earlier and all(r.ok for r in results)
        if ready:
            _keep(data, company_id, upload.filename or "")
        return self._report(report_of(results), upload.filename, earlier, ready, results.stopped_at)

    @expose("/hasil/<job_id>")
    @has_access
    def result(self, job_id):
        """The report of a file checked in the background (by the user who uploaded it)."""
        info = visible_job(job_id)
        if info is None or not isinstance(info["result"], dict) or info["result"].get("company_id") != _company_id():
            abort(404)
        checked = info["result"]
        pending = _pending_path()[1]
        kept = pending.get("token") == checked["token"]  # not replaced by a later upload
        if checked.get("error"):
            if kept:
                _discard()
            flash(checked["error"], "danger")
            return self._page()
        earlier = db.session.get(PkwtSubmission, checked["earlier_id"]) if checked["earlier_id"] else None
        ready = kept and not earlier and all(r["ok"] for r in checked["rows"])
        if kept and not ready:
            _discard()
        return self._report(checked["rows"], checked["filename"], earlier, ready, checked["stopped_at"])

    def _report(self, rows, filename, earlier, ready, stopped_at):
        return self._page(results=rows, filename=filename, earlier=earlier, ready=ready,
                          bad=sum(not r["ok"] for r in rows), stopped_at=stopped_at,
                          empty_run=batch.EMPTY_RUN_LIMIT)

    @expose("/store", methods=["POST"])
    @has_access
    def store(self):
        company_id = _company_id()
        if company_id is None:
            flash(_(NOT_OPERATOR), "danger")
            return redirect(url_for(".index"))
        try:
            data = self._file_to_store(company_id)
            submission = batch.store_batch(company_id, data)
            count = len(submission.contracts)  # before commit expires the collection
            db.session.commit()
        except batch.DuplicateBatch as duplicate:
            db.session.rollback()
            flash(str(duplicate), "warning")
            return redirect(url_for("PkwtSubmissionView.show", pk=duplicate.submission.id))
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "danger")
            return redirect(url_for(".index"))
        finally:
            _discard()
        flash(_("%(count)s PKWT diajukan sebagai pengajuan #%(id)s.", count=count, id=submission.id), "success")
        return redirect(url_for("PkwtSubmissionView.show", pk=submission.id))

    @staticmethod
    def _file_to_store(company_id: int) -> bytes:
        """The file checked before, or one uploaded with the confirmation (it is checked again anyway)."""
        if request.files.get("file"):
            return check_upload(request.files["file"], {"xlsx"})[0]
        data = _take(company_id)
        if data is None:
            raise DomainError(_("Tidak ada berkas yang siap diajukan (atau sudah kedaluwarsa). Unggah dan periksa "
                                "berkas terlebih dahulu."))
        return data


def register(appbuilder):
    appbuilder.add_view(BatchView, MENU_NAME, label=MENU_NAME, icon="fa-upload", category=N_("PKWT"))
    appbuilder.menu_resources[MENU_NAME] = ("Pkwt", "create")
