"""Status of a background job for the user who started it (or Admin): JSON for polling, and a progress page."""
import json

from flask import abort, jsonify
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import gettext as _
from redis.exceptions import RedisError

from app.errors import MESSAGES, respond
from app.tasks import connection, job_status
from app.security.roles import ADMIN
from app.security.tenancy import request_user


def visible_job(job_id: str) -> dict | None:
    """The job's status if the current user started it or is Admin; None otherwise (unknown alike)."""
    info = job_status(job_id)
    user = request_user()
    if info is None or user is None:
        return None
    if info["user_id"] == user.id or any(role.name == ADMIN for role in user.roles):
        return info
    return None


def _unavailable():
    """With the job store (Redis) down every job would look unknown: say the service is down instead."""
    try:
        connection().ping()
    except RedisError:
        return respond(503, _("Status proses sedang tidak tersedia (layanan antrean tidak dapat dihubungi). "
                              "Coba lagi sebentar."))
    return None


def _jsonable(value):
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return str(value)
    return value


class JobView(BaseView):
    route_base = "/jobs"
    class_permission_name = "Job"
    base_permissions = ["can_read"]
    method_permission_name = {"status": "read", "progress": "read"}

    @expose("/<job_id>")
    @has_access
    def status(self, job_id):
        if (down := _unavailable()) is not None:
            return down
        info = visible_job(job_id)
        if info is None:
            return jsonify(message=str(MESSAGES[404])), 404
        return jsonify(id=info["id"], status=info["status"], progress=info["progress"], message=info["message"],
                       result=_jsonable(info["result"]))

    @expose("/<job_id>/progress")
    @has_access
    def progress(self, job_id):
        if (down := _unavailable()) is not None:
            return down
        if visible_job(job_id) is None:
            abort(404)
        return self.render_template("jobs/progress.html", job_id=job_id, title=_("Proses berjalan"))


def register(appbuilder):
    appbuilder.add_view_no_menu(JobView)
