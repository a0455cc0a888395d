"""Errors answer in the user's language (Bahasa Indonesia by default): a page on screens, JSON on the API.
Never a 500 for user input."""
import sys

from flask import current_app, g, jsonify, render_template, request
from flask_babel import get_locale, gettext as _, lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError, InterfaceError, OperationalError, TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from app.core.workflow import TransitionError
from app.extensions import db
from app.security.tenancy import TenancyViolation

MESSAGES = {
    400: _l("Permintaan tidak valid."),
    403: _l("Anda tidak memiliki akses ke halaman ini."),
    404: _l("Data atau halaman tidak ditemukan."),
    405: _l("Metode tidak diizinkan."),
    413: _l("Berkas terlalu besar."),
    429: _l("Terlalu banyak percobaan. Silakan coba lagi beberapa saat lagi."),
    500: _l("Terjadi kesalahan pada sistem. Silakan coba lagi."),
}
RETRY_AFTER_SECONDS = 30  # about as long as a database restart takes
UNAVAILABLE = (OperationalError, InterfaceError, PoolTimeout)  # the database cannot be reached


class OutageAwareApi:
    """Mixin for FAB APIs: their `safe` decorator turns any exception into 500 "Fatal error"; a database outage
    goes on to the 503 answer instead (FAB calls response_500 inside its `except`, so the error is at hand)."""

    def response_500(self, *args, **kwargs):
        error = sys.exc_info()[1]
        if isinstance(error, UNAVAILABLE):
            raise error
        return super().response_500(*args, **kwargs)


def wants_json():
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def respond(status, message=None):
    message = str(message or MESSAGES.get(status) or _("Terjadi kesalahan."))
    if wants_json():
        return jsonify(message=message), status
    if "user" not in g:  # refused before FAB's before_request ran (CSRF): the layout still needs g.user
        g.user = current_user
    return render_template("error.html", status=status, message=message, appbuilder=current_app.appbuilder,
                           base_template=current_app.appbuilder.base_template), status


def unavailable(error):
    # The database cannot be reached (stopped, restarting, out of connections). The page is one of its own:
    # the usual layout reads the user and the menu from the database.
    current_app.logger.error("database unavailable: %s", error)
    db.session.remove()
    message = _("Layanan sedang tidak tersedia, coba lagi sebentar.")
    if wants_json():
        response = jsonify(message=message)
    else:
        response = current_app.make_response(render_template("unavailable.html", message=message,
                                                             lang=str(get_locale() or "id")))
    response.status_code = 503
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def register(app):
    @app.errorhandler(HTTPException)
    def _http(error):
        description = error.description if error.code == 400 and error.description and \
            not error.description.startswith("The browser") else None
        body, status = respond(error.code, description)
        # Keep what the error says of itself (405: Allow; 401: WWW-Authenticate), not its content type.
        return body, status, [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]

    @app.errorhandler(CSRFError)
    def _csrf(error):
        return respond(400, _("Sesi formulir sudah kedaluwarsa atau tidak sah. Muat ulang halaman lalu coba lagi."))

    @app.errorhandler(TenancyViolation)
    def _tenancy(error):
        db.session.rollback()
        return respond(404)

    for error_class in UNAVAILABLE:
        app.register_error_handler(error_class, unavailable)

    @app.errorhandler(DataError)
    def _data(error):
        # The database refused a value it cannot hold or compare (PostgreSQL: text with a NUL byte, a number
        # past the column's range) somewhere app.core.arguments does not check first: the request's fault.
        db.session.rollback()
        current_app.logger.warning("value refused by the database: %s", error.orig)
        return respond(400, _("Nilai yang dikirim tidak dapat diproses. Periksa kembali isian atau filter Anda."))

    @app.errorhandler(TransitionError)
    def _transition(error):
        db.session.rollback()
        return respond(400, str(error))
