"""Reference-data screens: read by every signed-in role, edited by Admin (resource "Reference")."""
from flask import jsonify, request
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import gettext as _, lazy_gettext as _l
from flask_babel.speaklater import LazyString

from app.core.i18n import N_
from app.core.menu import add_view
from app.core.views import AppModelView
from app.extensions import db
from app.reference.models import (CollectiveLeaveDay, EducationLevel, EmployerType, Kbji, Kbli, LegalForm,
                                   MaritalStatus, Region, Religion, SchoolLevel)
from app.security.tenancy import TenantInterface

CATEGORY = N_("Data Referensi")
LABELS = {"code": _l("Kode"), "name": _l("Nama"), "level": _l("Tingkat"), "parent_code": _l("Kode induk"),
          "lat": _l("Lintang"), "lng": _l("Bujur"), "postal_code": _l("Kode pos"), "ipk_code": _l("Kode IPK"),
          "sort_order": _l("Urutan"), "version": _l("Versi"), "day": _l("Tanggal"), "basis": _l("Dasar hukum"),
          "is_working_day": _l("Hari kerja pengganti"), "ipk_label": _l("Label IPK")}


def reference_view(model, title, columns, search=None, order=None):
    """A screen for one reference table; all of them share the 'Reference' permission. `title` is an
    Indonesian msgid marked with N_, translated when shown."""
    return type(f"{model.__name__}View", (AppModelView,), dict(
        datamodel=TenantInterface(model), resource="Reference", list_title=_l(title), show_title=_l(title),
        add_title=LazyString(lambda: _("Tambah %(what)s", what=_(title).lower())),
        edit_title=LazyString(lambda: _("Ubah %(what)s", what=_(title).lower())),
        list_columns=columns, show_columns=columns, add_columns=columns, edit_columns=columns,
        search_columns=search or [c for c in columns if c in ("code", "name", "level")],
        label_columns=LABELS, base_order=order or (columns[0], "asc"), page_size=50,
    ))


VIEWS = [
    (reference_view(Region, N_("Wilayah"), ["code", "name", "level", "postal_code", "lat", "lng"]), N_("Wilayah")),
    (reference_view(EducationLevel, N_("Pendidikan (kode IPK)"), ["ipk_code", "name", "code", "parent_code"],
                    search=["ipk_code", "name"]), N_("Pendidikan (IPK)")),
    (reference_view(SchoolLevel, N_("Jenjang pendidikan"), ["code", "name", "ipk_code"],
                    order=("sort_order", "asc")), N_("Jenjang Pendidikan")),
    (reference_view(Kbji, "KBJI 2014", ["code", "name", "level"]), "KBJI 2014"),
    (reference_view(Kbli, "KBLI", ["version", "code", "name", "level"], search=["version", "code", "name", "level"],
                    order=("code", "asc")), "KBLI"),
    (reference_view(Religion, N_("Agama"), ["code", "name"]), N_("Agama")),
    (reference_view(MaritalStatus, N_("Status perkawinan"), ["code", "name"]), N_("Status Perkawinan")),
    (reference_view(EmployerType, N_("Jenis pemberi kerja"), ["code", "name", "ipk_label"]),
     N_("Jenis Pemberi Kerja")),
    (reference_view(LegalForm, N_("Bentuk badan usaha"), ["code", "name"]), N_("Bentuk Badan Usaha")),
    (reference_view(CollectiveLeaveDay, N_("Cuti bersama"), ["day", "name", "basis", "is_working_day"],
                    search=["day", "name"], order=("day", "desc")), N_("Cuti Bersama")),
]


class RegionLookup(BaseView):
    """Choices that follow another choice, for the forms of every signed-in role (forms.js): the
    desa/kelurahan of a kecamatan, as [{id, text}]."""

    route_base = "/ref"
    class_permission_name = "Reference"
    method_permission_name = {"desa": "read"}

    @expose("/desa")
    @has_access
    def desa(self):
        code = request.args.get("kecamatan", "")
        rows = (db.session.query(Region.code, Region.name).filter(Region.parent_code == code,
                                                                   Region.level.in_(("desa", "kelurahan")))
                .order_by(Region.name).all()) if code else []
        return jsonify([{"id": row.code, "text": row.name} for row in rows])


def register(appbuilder):
    appbuilder.add_view_no_menu(RegionLookup)
    for view, name in VIEWS:
        add_view(appbuilder, view, name, CATEGORY, icon="fa-book", category_icon="fa-book")
