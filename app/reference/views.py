"""Reference-data screens: read by every signed-in role, edited by Admin (resource "Reference")."""
from app.core.menu import add_view
from app.core.views import AppModelView
from app.reference.models import (CollectiveLeaveDay, EducationLevel, EmployerType, Kbji, Kbli, LegalForm,
                                   MaritalStatus, Region, Religion, SchoolLevel)
from app.security.tenancy import TenantInterface

CATEGORY = "Data Referensi"
LABELS = {"code": "Kode", "name": "Nama", "level": "Tingkat", "parent_code": "Kode induk", "lat": "Lintang",
          "lng": "Bujur", "postal_code": "Kode pos", "ipk_code": "Kode IPK", "sort_order": "Urutan",
          "version": "Versi", "day": "Tanggal", "basis": "Dasar hukum", "is_working_day": "Hari kerja pengganti",
          "ipk_label": "Label IPK"}


def reference_view(model, title, columns, search=None, order=None):
    """A screen for one reference table; all of them share the 'Reference' permission."""
    return type(f"{model.__name__}View", (AppModelView,), dict(
        datamodel=TenantInterface(model), resource="Reference", list_title=title, show_title=title,
        add_title=f"Tambah {title.lower()}", edit_title=f"Ubah {title.lower()}",
        list_columns=columns, show_columns=columns, add_columns=columns, edit_columns=columns,
        search_columns=search or [c for c in columns if c in ("code", "name", "level")],
        label_columns=LABELS, base_order=order or (columns[0], "asc"), page_size=50,
    ))


VIEWS = [
    (reference_view(Region, "Wilayah", ["code", "name", "level", "postal_code", "lat", "lng"]), "Wilayah"),
    (reference_view(EducationLevel, "Pendidikan (kode IPK)", ["ipk_code", "name", "code", "parent_code"],
                    search=["ipk_code", "name"]), "Pendidikan (IPK)"),
    (reference_view(SchoolLevel, "Jenjang pendidikan", ["code", "name", "ipk_code"], order=("sort_order", "asc")),
     "Jenjang Pendidikan"),
    (reference_view(Kbji, "KBJI 2014", ["code", "name", "level"]), "KBJI 2014"),
    (reference_view(Kbli, "KBLI", ["version", "code", "name", "level"], search=["version", "code", "name", "level"],
                    order=("code", "asc")), "KBLI"),
    (reference_view(Religion, "Agama", ["code", "name"]), "Agama"),
    (reference_view(MaritalStatus, "Status perkawinan", ["code", "name"]), "Status Perkawinan"),
    (reference_view(EmployerType, "Jenis pemberi kerja", ["code", "name", "ipk_label"]), "Jenis Pemberi Kerja"),
    (reference_view(LegalForm, "Bentuk badan usaha", ["code", "name"]), "Bentuk Badan Usaha"),
    (reference_view(CollectiveLeaveDay, "Cuti bersama", ["day", "name", "basis", "is_working_day"],
                    search=["day", "name"], order=("day", "desc")), "Cuti Bersama"),
]


def register(appbuilder):
    for view, name in VIEWS:
        add_view(appbuilder, view, name, CATEGORY, icon="fa-book", category_icon="fa-book")
