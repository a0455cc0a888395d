"""FAB's security screens (users, roles, groups, permissions) speaking the office's language: Indonesian titles,
labels and help texts instead of FAB's generated English ones, values formatted like every other screen, and a
permission read as "Ubah · Perusahaan" rather than "can write on Company". The classes keep FAB's names: they
are the permission and endpoint names (``UserDBModelView.userinfo``, roles.py's account permissions)."""
from flask import g
from flask_appbuilder.fieldwidgets import BS3PasswordFieldWidget
from flask_appbuilder.security import views as fab
from flask_appbuilder.security.forms import ResetPasswordForm
from flask_appbuilder.widgets import ListWidget, ShowWidget
from flask_babel import gettext, lazy_gettext as _l
from sqlalchemy.orm import lazyload, selectinload
from werkzeug.security import check_password_hash
from wtforms import PasswordField, ValidationError
from wtforms.validators import DataRequired

from app.core.choices import OnDemandSearch
from app.core.formatting import display
from app.core.i18n import N_
from app.security.tenancy import TenantInterface

# Actions of roles.py and FAB's account pages, as a reader says them.
ACTION_LABELS = {
    "can_read": N_("Lihat"), "can_create": N_("Tambah"), "can_write": N_("Ubah"), "can_delete": N_("Hapus"),
    "can_verify": N_("Verifikasi"), "can_issue": N_("Terbitkan"), "can_rereport": N_("Lapor ulang"),
    "can_close": N_("Tutup"), "can_merge": N_("Gabungkan"), "menu_access": N_("Menu"),
    "can_userinfo": N_("Profil sendiri"), "can_this_form_get": N_("Buka formulir"),
    "can_this_form_post": N_("Kirim formulir"),
}
# Resources of roles.py (menu entries are their own msgids and translate as they are).
RESOURCE_LABELS = {
    "Reference": N_("Data Referensi"), "Company": N_("Perusahaan"), "Branch": N_("Cabang perusahaan"),
    "Operator": N_("Akun operator"), "JobSeeker": N_("Pencari kerja"), "SeekerProfile": N_("Profil pencari kerja"),
    "Skill": N_("Daftar keterampilan"), "Ak1": N_("Kartu AK/I"), "Ak1Queue": N_("Antrean AK/I"),
    "Pkwt": N_("PKWT"), "PkwtRecap": N_("Rekap PKWT"), "Audit": N_("Jejak Audit"),
    "LoginEvent": N_("Catatan Login"), "Notification": N_("Notifikasi"), "File": N_("Berkas"),
    "Job": N_("Proses latar belakang"), "Office": N_("Profil kantor"), "UserDBModelView": N_("Pengguna"),
    "ResetMyPasswordView": N_("Ganti kata sandi sendiri"), "UserInfoEditView": N_("Ubah profil sendiri"),
}


def action_label(name: str) -> str:
    label = ACTION_LABELS.get(name)
    return gettext(label) if label else name.removeprefix("can_").replace("_", " ")


def resource_label(name: str) -> str:
    return gettext(RESOURCE_LABELS.get(name, name))


def permission_label(permission_view) -> str:
    """'Ubah · Perusahaan' for FAB's 'can write on Company'."""
    return f"{action_label(permission_view.permission.name)} · {resource_label(permission_view.view_menu.name)}"


def _permissions(items) -> str:
    """A role's permissions by resource: 'Perusahaan: Lihat, Verifikasi; …; Menu: Jejak Audit, …'."""
    grouped = {}
    for p in items or []:
        if p.permission.name == "menu_access":
            grouped.setdefault(action_label("menu_access"), []).append(resource_label(p.view_menu.name))
        else:
            grouped.setdefault(resource_label(p.view_menu.name), []).append(action_label(p.permission.name))
    return "; ".join(f"{key}: {', '.join(sorted(values))}" for key, values in sorted(grouped.items())) or display(None)


class RowsWithCollections(TenantInterface):
    """FAB's interface for its own list screens, loading the collections a list shows (roles, groups,
    permissions) with the page's rows, one query each, instead of once per row; other relations (a user's
    company and its own) only if touched. As a TenantInterface it counts no further than needed and gives its
    search filters their choices in one statement."""

    def __init__(self, obj, *collections, untouched=()):
        super().__init__(obj)
        self.collections, self.untouched = collections, untouched

    def row_options(self):
        return [*super().row_options(), *(selectinload(getattr(self.obj, name)) for name in self.collections),
                *(lazyload(getattr(self.obj, name)) for name in self.untouched)]


def _names(items) -> str:
    return ", ".join(sorted(role.name for role in items or [])) or display(None)


class UserDBModelView(OnDemandSearch, fab.UserDBModelView):
    list_title = _l("Daftar Pengguna")
    show_title = _l("Data Pengguna")
    add_title = _l("Tambah Pengguna")
    edit_title = _l("Ubah Pengguna")
    user_info_title = _l("Profil Anda")
    label_columns = {**fab.UserDBModelView.label_columns, "roles": _l("Peran"), "groups": _l("Grup"),
                     "active": _l("Aktif"), "phone": _l("Telepon"), "nip": "NIP"}
    description_columns = {
        "first_name": _l("Nama depan, seperti tertulis di KTP."),
        "last_name": _l("Nama belakang, seperti tertulis di KTP."),
        "username": _l("Nama untuk masuk ke aplikasi, tanpa spasi."),
        "password": _l("Kata sandi untuk masuk ke aplikasi."),
        "conf_password": _l("Ketik ulang kata sandi yang sama."),
        "active": _l("Pengguna yang tidak aktif tidak dapat masuk; nonaktifkan, jangan hapus pengguna."),
        "email": _l("Alamat e-mail untuk notifikasi."),
        "roles": _l("Peran menentukan apa yang boleh dilihat dan dikerjakan pengguna."),
        "groups": _l("Grup memberi pengguna semua peran grup itu."),
    }
    formatters_columns = {**{column: display for column in (
        "active", "last_login", "login_count", "fail_login_count", "created_on", "created_by", "changed_on",
        "changed_by", "email", "last_name")}, "roles": _names, "groups": _names}


class RoleModelView(OnDemandSearch, fab.RoleModelView):
    list_title = _l("Daftar Peran")
    show_title = _l("Data Peran")
    add_title = _l("Tambah Peran")
    edit_title = _l("Ubah Peran")
    # FAB's role widgets print the raw permission list; the plain widgets apply the formatters.
    list_widget = ListWidget
    show_widget = ShowWidget
    label_columns = {"name": _l("Nama"), "permissions": _l("Izin"), "user": _l("Pengguna"), "groups": _l("Grup")}
    formatters_columns = {"permissions": _permissions}

    def _init_forms(self):
        super()._init_forms()
        for form in (self.add_form, self.edit_form):
            form.permissions.kwargs["get_label"] = permission_label


class UserGroupModelView(OnDemandSearch, fab.UserGroupModelView):
    list_title = _l("Daftar Grup")
    show_title = _l("Data Grup")
    add_title = _l("Tambah Grup")
    edit_title = _l("Ubah Grup")
    label_columns = {"name": _l("Nama"), "label": _l("Label"), "description": _l("Keterangan"),
                     "users": _l("Pengguna"), "roles": _l("Peran")}
    formatters_columns = {"roles": _names, "users": lambda users: ", ".join(sorted(u.username for u in users or []))
                          or display(None), "description": display, "label": display}


class PermissionModelView(fab.PermissionModelView):
    list_title = show_title = _l("Daftar Aksi")
    label_columns = {"name": _l("Aksi")}
    formatters_columns = {"name": action_label}


class ViewMenuModelView(fab.ViewMenuModelView):
    list_title = show_title = _l("Daftar Sumber Daya dan Menu")
    label_columns = {"name": _l("Sumber daya atau menu")}
    formatters_columns = {"name": resource_label}


class PermissionViewModelView(OnDemandSearch, fab.PermissionViewModelView):
    list_title = show_title = _l("Daftar Izin")
    label_columns = {"permission": _l("Aksi"), "view_menu": _l("Sumber daya atau menu"), "role": _l("Peran")}
    formatters_columns = {"permission": lambda p: action_label(p.name), "view_menu": lambda v: resource_label(v.name)}


class OwnPasswordForm(ResetPasswordForm):
    """Changing the own password needs the current one: a session left open is not enough."""

    current_password = PasswordField(_l("Kata sandi saat ini"), [DataRequired(_l("Wajib diisi."))],
                                     widget=BS3PasswordFieldWidget())

    def validate_current_password(self, field):
        if not check_password_hash(g.user.password, field.data or ""):
            raise ValidationError(_l("Kata sandi saat ini salah."))


class ResetMyPasswordView(fab.ResetMyPasswordView):
    form = OwnPasswordForm
    form_columns = ["current_password", "password", "conf_password"]
