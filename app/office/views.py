"""Admin's screen for the office profile: the menu opens the one row's form (no list of one row)."""
from flask import redirect, url_for
from flask_appbuilder import expose, has_access
from flask_babel import lazy_gettext as _l

from app.core.i18n import N_
from app.core.menu import add_view
from app.core.views import AppModelView
from app.extensions import db
from app.office import services
from app.office.models import OfficeProfile
from app.security.tenancy import TenantInterface

COLUMNS = ["government_name", "office_name", "city", "head_name", "head_rank", "head_nip", "address", "postal_code",
           "phone", "email"]


class OfficeProfileView(AppModelView):
    datamodel = TenantInterface(OfficeProfile)
    resource = "Office"
    base_permissions = ["can_read", "can_write"]
    method_permission_name = {"profile": "read"}
    default_view = "profile"
    list_title = show_title = edit_title = _l("Profil Kantor")
    list_columns = ["head_name", "head_nip", "phone", "email"]
    show_columns = edit_columns = COLUMNS
    label_columns = {"government_name": _l("Pemerintah daerah"), "office_name": _l("Nama dinas"),
                     "city": _l("Tempat penandatanganan"), "head_name": _l("Nama kepala dinas"),
                     "head_rank": _l("Pangkat/golongan"),
                     "head_nip": _l("NIP kepala dinas"), "address": _l("Alamat kantor"),
                     "postal_code": _l("Kode pos"), "phone": _l("Telepon"), "email": _l("E-mail")}
    description_columns = {
        "government_name": _l("Baris pertama kop surat, misalnya Pemerintah Kabupaten Tangerang"),
        "office_name": _l("Baris kedua kop surat, misalnya Dinas Tenaga Kerja"),
        "city": _l("Dicetak sebelum tanggal tanda tangan, misalnya Tigaraksa"),
        "head_name": _l("Dengan gelar, seperti ditulis di bawah tanda tangan surat (bukti pencatatan PKWT)"),
        "head_rank": _l("Misalnya Pembina Utama Muda (IV/c)"), "head_nip": _l("18 digit"),
        "address": _l("Dicetak di kop surat"), "phone": _l("Misalnya (021) 5991234")}

    @expose("/profil")
    @has_access
    def profile(self):
        profile = services.office_profile()
        db.session.commit()  # the row exists from now on
        return redirect(url_for(".edit", pk=profile.id))

    def pre_update(self, item):
        services.check_profile(item)


def register(appbuilder):
    add_view(appbuilder, OfficeProfileView, N_("Profil Kantor"), N_("Data Referensi"), icon="fa-building")
