"""The read-only audit screen (Admin, Kepala Dinas) and the login record (Admin)."""
import json

from flask_babel import gettext as _, lazy_gettext as _l
from markupsafe import Markup, escape

from app.core.i18n import N_
from app.audit.models import AuditEntry
from app.core.menu import add_view
from app.core.views import AppModelView
from app.security.models import LoginEvent
from app.security.tenancy import TenantInterface

# FAB's filter index of "equal" for string columns, used in links to a record's history.
STRING_EQUAL = 3


def history_url_args(table_name, row_id):
    return {f"_flt_{STRING_EQUAL}_table_name": table_name, f"_flt_{STRING_EQUAL}_row_id": str(row_id)}


def _changes_html(entry):
    rows = "".join(
        f"<tr><td>{escape(k)}</td><td>{escape(json.dumps(v[0], ensure_ascii=False))}</td>"
        f"<td>{escape(json.dumps(v[1], ensure_ascii=False))}</td></tr>"
        for k, v in json.loads(entry.changes).items())
    head = "".join(f"<th>{escape(label)}</th>" for label in (_("Kolom"), _("Sebelum"), _("Sesudah")))
    return Markup(f'<table class="table table-condensed"><tr>{head}</tr>{rows}</table>')


class AuditEntryView(AppModelView):
    datamodel = TenantInterface(AuditEntry)
    resource = "Audit"
    base_permissions = ["can_read"]
    list_title = _l("Jejak Audit")
    show_title = _l("Entri audit")
    list_columns = ["at", "username", "ip", "action", "table_name", "row_id"]
    show_columns = ["at", "username", "user_id", "ip", "action", "table_name", "row_id", "changes_table",
                    "prev_hash", "hash"]
    search_columns = ["username", "table_name", "row_id", "action", "at"]
    base_order = ("id", "desc")
    label_columns = {"at": _l("Waktu"), "username": _l("Pengguna"), "user_id": _l("ID pengguna"),
                     "ip": _l("Alamat IP"), "action": _l("Aksi"), "table_name": _l("Tabel"), "row_id": _l("ID baris"),
                     "changes_table": _l("Perubahan"), "prev_hash": _l("Hash sebelumnya"), "hash": "Hash"}


AuditEntry.changes_table = property(_changes_html)


class LoginEventView(AppModelView):
    datamodel = TenantInterface(LoginEvent)
    resource = "LoginEvent"
    base_permissions = ["can_read"]
    list_title = _l("Catatan Login")
    list_columns = ["at", "username", "success", "channel", "ip"]
    show_columns = list_columns
    search_columns = ["username", "success", "channel", "at"]
    base_order = ("id", "desc")
    label_columns = {"at": _l("Waktu"), "username": _l("Nama pengguna"), "success": _l("Berhasil"),
                     "channel": _l("Saluran"), "ip": _l("Alamat IP")}


def register(appbuilder):
    add_view(appbuilder, AuditEntryView, N_("Jejak Audit"), N_("Keamanan"), icon="fa-history",
             category_icon="fa-lock")
    add_view(appbuilder, LoginEventView, N_("Catatan Login"), N_("Keamanan"), icon="fa-sign-in",
             category_icon="fa-lock")
