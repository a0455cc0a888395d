"""Status of a background job for the user who started it (or Admin): JSON for polling, a progress page, and
"Coba lagi" for a failed job (its starter only)."""
import json

from flask import abort, jsonify, make_response, redirect, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import gettext as _, lazy_gettext as _l

from app.core.formatting import datetime_id
from app.errors import MESSAGES, respond
from app.security.roles import ADMIN
from app.security.tenancy import request_user
from app.tasks import QueueUnavailable, job_status, retry_job

UNAVAILABLE = _l("Layanan antrean sedang tidak tersedia. Coba lagi sebentar.")
RETRY_AFTER = "30"  # seconds: the job service usually returns within that


def visible_job(job_id: str) -> dict | None:
    """The job's status if the current user started it or is Admin; None otherwise (unknown alike)."""
    info = job_status(job_id)
    user = request_user()
    if info is None or user is None:
        return None
    info["mine"] = info["user_id"] == user.id
    if info["mine"] or any(role.name == ADMIN for role in user.roles):
        return info
    return None


def _jsonable(value):
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return str(value)
    return value


def _unavailable(response):
    response.headers["Retry-After"] = RETRY_AFTER
    return response


class JobView(BaseView):
    route_base = "/jobs"
    class_permission_name = "Job"
    base_permissions = ["can_read"]
    method_permission_name = {"status": "read", "progress": "read", "retry": "read"}

    @expose("/<job_id>")
    @has_access
    def status(self, job_id):
        try:
            info = visible_job(job_id)
        except QueueUnavailable:
            return _unavailable(make_response(jsonify(message=str(UNAVAILABLE)), 503))
        if info is None:
            return jsonify(message=str(MESSAGES[404])), 404
        stalled = info["stalled_since"]
        return jsonify(id=info["id"], status=info["status"], progress=info["progress"], message=info["message"],
                       result=_jsonable(info["result"]),
                       stalled=_("Belum bergerak sejak %(when)s.", when=datetime_id(stalled)) if stalled else None,
                       retry_url=url_for(".retry", job_id=job_id)
                       if info["status"] == "failed" and info["mine"] else None)

    @expose("/<job_id>/progress")
    @has_access
    def progress(self, job_id):
        try:
            if visible_job(job_id) is None:
                abort(404)
            code = 200
        except QueueUnavailable:  # the page polls and shows the job once the service is back
            code = 503
        page = self.render_template("jobs/progress.html", job_id=job_id, title=_("Proses berjalan"),
                                    unavailable=code == 503)
        return _unavailable(make_response(page, code)) if code == 503 else page

    @expose("/<job_id>/retry", methods=["POST"])
    @has_access
    def retry(self, job_id):
        """A failed job runs again as a new job, for the user who started it."""
        try:
            info = visible_job(job_id)
            if info is None or not info["mine"] or info["status"] != "failed":
                abort(404)
            new_id = retry_job(job_id)
        except QueueUnavailable:
            return _unavailable(make_response(respond(503, UNAVAILABLE)))
        return redirect(url_for(".progress", job_id=new_id))


def register(appbuilder):
    appbuilder.add_view_no_menu(JobView)
    # Starting a job (a batch print …) while Redis is down: a clear 503, not a 500.
    appbuilder.app.register_error_handler(
        QueueUnavailable, lambda error: _unavailable(make_response(respond(503, UNAVAILABLE))))
