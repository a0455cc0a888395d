"""The read-only audit screen (Admin, Kepala Dinas) and the login record (Admin)."""
from flask import request
from flask_appbuilder import expose, has_access
from flask_babel import lazy_gettext as _l

from app.audit import trail
from app.audit.models import AuditEntry
from app.core.formatting import display
from app.core.forms import parse_date
from app.core.i18n import N_
from app.core.menu import add_view
from app.core.views import AppModelView
from app.security.models import LoginEvent
from app.security.tenancy import TenantInterface

PAGE_SIZE = 50
# Query arguments of the audit list (its filters), also used by the "history of this record" links.
PERSON, TABLE, ROW, SINCE, UNTIL, PAGE = "pengguna", "data", "id", "dari", "sampai", "hal"


def history_url_args(table_name, row_id):
    return {TABLE: table_name, ROW: str(row_id)}


def _filters() -> trail.Filters:
    args = request.args
    return trail.Filters(person=args.get(PERSON, "").strip(), table=args.get(TABLE, "").strip(),
                         row_id=args.get(ROW, "").strip(), since=parse_date(args.get(SINCE, "")),
                         until=parse_date(args.get(UNTIL, "")))


class AuditEntryView(AppModelView):
    datamodel = TenantInterface(AuditEntry)
    resource = "Audit"
    base_permissions = ["can_read"]
    list_title = _l("Jejak Audit")
    show_title = _l("Entri audit")
    show_template = "audit/show.html"
    # The list is a page of its own (audit/list.html); these serve the XLSX export.
    list_columns = ["at", "username", "ip", "action", "table_name", "row_id"]
    search_columns = ["username", "table_name", "row_id", "action", "at"]
    base_order = ("id", "desc")
    label_columns = {"at": _l("Waktu"), "username": _l("Pengguna"), "user_id": _l("ID pengguna"),
                     "ip": _l("Alamat IP"), "action": _l("Aksi"), "table_name": _l("Data"), "row_id": _l("ID data"),
                     "prev_hash": _l("Hash sebelumnya"), "hash": "Hash"}
    formatters_columns = {"action": trail.action_label, "table_name": trail.record_label}

    @expose("/list/")
    @has_access
    def list(self):
        filters = _filters()
        page = request.args.get(PAGE, "")
        page = int(page) if page.isdigit() and int(page) > 0 else 1
        query = trail.search(filters)
        total = query.count()
        entries = query.offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE).all()
        return self.render_template(
            "audit/list.html", title=self.list_title, entries=entries, names=trail.actor_names(entries),
            filters=filters, tables=trail.table_choices(), page=page, pages=max((total - 1) // PAGE_SIZE + 1, 1),
            total=total, trail=trail,
            arg=dict(person=PERSON, table=TABLE, row=ROW, since=SINCE, until=UNTIL, page=PAGE))

    def show_context(self, row) -> dict:
        return {"entry": row, "trail": trail, "names": trail.actor_names([row]),
                "history": history_url_args(row.table_name, row.row_id)}


CHANNELS = {"form": N_("Formulir masuk"), "api": N_("API")}


class LoginEventView(AppModelView):
    datamodel = TenantInterface(LoginEvent)
    resource = "LoginEvent"
    base_permissions = ["can_read"]
    list_title = show_title = _l("Catatan Login")
    list_columns = ["at", "username", "success", "channel", "ip"]
    show_columns = list_columns
    search_columns = ["username", "success", "channel", "at"]
    base_order = ("id", "desc")
    label_columns = {"at": _l("Waktu"), "username": _l("Nama pengguna"), "success": _l("Berhasil"),
                     "channel": _l("Saluran"), "ip": _l("Alamat IP")}
    formatters_columns = {"channel": lambda code: display(code, labels=CHANNELS)}


def register(appbuilder):
    add_view(appbuilder, AuditEntryView, N_("Jejak Audit"), N_("Keamanan"), icon="fa-history",
             category_icon="fa-lock")
    add_view(appbuilder, LoginEventView, N_("Catatan Login"), N_("Keamanan"), icon="fa-sign-in",
             category_icon="fa-lock")
