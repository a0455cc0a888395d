"""Job-seeker screens: the registry (officers), the own profile (job seekers) and its parts."""
from flask import flash, g, redirect, request, url_for
from flask_appbuilder import expose, has_access
from flask_appbuilder.models.sqla.filters import FilterEqual
from flask_babel import gettext as _, lazy_gettext as _l, lazy_pgettext
from wtforms import SelectField
from wtforms.validators import DataRequired

from app.core.formatting import label_of
from app.core.i18n import N_
from app.core.identifiers import clean_nik
from app.core.menu import add_view
from app.core.validation import DomainError, FormCheck, non_negative
from app.core.views import AppModelView
from app.reference.lists import SEX_CHOICES
from app.extensions import db
from app.seekers import services
from app.seekers.documents_upload import DOCUMENTS, attach_document
from app.seekers.models import (LANGUAGE_LEVELS, PREFERENCE_KINDS, Education, Experience, JobSeeker,
                                SeekerLanguage, SeekerPreference, SeekerSkill, Skill, Training)
from app.seekers.workflow import APPLICATION_TYPES
from app.security.tenancy import TenantInterface, get_owned_or_404

CATEGORY = N_("Pencari Kerja")  # menu category, a permission name: plain, translated when the menu renders
LABELS = {
    "nik": "NIK", "full_name": _l("Nama lengkap"), "birth_place": _l("Tempat lahir"),
    "birth_date": _l("Tanggal lahir"), "sex": _l("Jenis kelamin"), "sex_label": _l("Jenis kelamin"),
    "email": _l("E-mail"), "phone": _l("Telepon"), "religion": _l("Agama"),
    "marital_status": _l("Status perkawinan"), "address": _l("Alamat"), "kecamatan": _l("Kecamatan"),
    "desa": _l("Desa/Kelurahan"), "height_cm": _l("Tinggi badan (cm)"), "weight_kg": _l("Berat badan (kg)"),
    "disability": _l("Disabilitas"), "expected_wage": _l("Upah yang diharapkan (Rp/bulan)"),
    "work_time": _l("Waktu kerja"), "willing_outside_regency": _l("Bersedia bekerja di luar kabupaten"),
    "willing_abroad": _l("Bersedia bekerja di luar negeri"), "registered_at": _l("Tanggal terdaftar"),
    "status": _l("Status data"), "education_level": _l("Pendidikan tertinggi"), "level": _l("Jenjang"),
    "school": _l("Sekolah/perguruan tinggi"), "major": _l("Jurusan"), "year_graduated": _l("Tahun lulus"),
    "grade": _l("Nilai"), "kind": _l("Jenis pelatihan"), "institution": _l("Lembaga"), "year": _l("Tahun"),
    "position": _l("Jabatan"), "kbji": _l("Kode jabatan (KBJI)"), "start_date": _l("Mulai"),
    "end_date": _l("Sampai"), "job_seeker": _l("Pencari kerja"), "name": _l("Nama"), "approved": _l("Disetujui"),
    # One of them in a column; the same Indonesian word titles a list or names a menu: a context tells them apart.
    "company_name": lazy_pgettext("column", "Perusahaan"), "skill": lazy_pgettext("column", "Keterampilan"),
    "language": lazy_pgettext("column", "Bahasa"),
}
DOCUMENT_LABELS = {"photo": _l("Pas foto 3×4"), "ktp": _l("Pindaian KTP"), "diploma": _l("Ijazah terakhir")}
SeekerPreference.kind_label = property(lambda self: label_of(PREFERENCE_KINDS, self.kind))
REGION_CHOICES = {"kecamatan": [["level", FilterEqual, "kecamatan"]]}


class SeekerPartView(AppModelView):
    """Rows of a job seeker's profile, added, changed and removed from the profile's tabs; the seeker edits
    their own, officers everyone's. After saving or removing, the user is back on the profile (the tab they
    were on is reopened by FAB's tab memory)."""

    resource = "SeekerProfile"

    def pre_add(self, item):
        services.validate_part(item)

    def post_add(self, item):
        services.refresh_education_level(item.job_seeker_id)
        g.profile_id = item.job_seeker_id

    pre_update = pre_add
    post_update = post_delete = post_add

    def pre_delete(self, item):
        g.profile_id = item.job_seeker_id  # still known when the delete was refused

    def _back_to_profile(self):
        profile_id = g.get("profile_id")
        if profile_id is None:
            return redirect(self.get_redirect())
        return redirect(url_for("JobSeekerView.show", pk=profile_id))

    post_add_redirect = post_edit_redirect = post_delete_redirect = _back_to_profile


class EducationView(SeekerPartView):
    datamodel = TenantInterface(Education)
    list_title = show_title = _l("Pendidikan formal")
    add_title, edit_title = _l("Tambah pendidikan"), _l("Ubah pendidikan")
    list_columns = ["job_seeker", "level", "school", "major", "year_graduated", "grade"]
    add_columns = edit_columns = show_columns = ["job_seeker", "level", "school", "major", "year_graduated",
                                                 "grade"]
    search_columns = ["school", "major", "year_graduated"]
    label_columns = LABELS
    validators_columns = {"year_graduated": [FormCheck(non_negative)]}


class TrainingView(SeekerPartView):
    datamodel = TenantInterface(Training)
    list_title = show_title = _l("Pelatihan")
    add_title, edit_title = _l("Tambah pelatihan"), _l("Ubah pelatihan")
    list_columns = add_columns = edit_columns = show_columns = ["job_seeker", "kind", "institution", "year"]
    search_columns = ["kind", "institution", "year"]
    label_columns = LABELS


class ExperienceView(SeekerPartView):
    datamodel = TenantInterface(Experience)
    list_title = show_title = _l("Pengalaman kerja")
    add_title, edit_title = _l("Tambah pengalaman kerja"), _l("Ubah pengalaman kerja")
    list_columns = add_columns = edit_columns = show_columns = ["job_seeker", "position", "kbji", "company_name",
                                                                "kbli", "start_date", "end_date"]
    search_columns = ["position", "company_name"]
    label_columns = {**LABELS, "kbli": _l("Sektor usaha pemberi kerja (KBLI)")}
    add_form_query_rel_fields = edit_form_query_rel_fields = {"kbli": [["level", FilterEqual, "division"]]}


class SeekerSkillView(SeekerPartView):
    datamodel = TenantInterface(SeekerSkill)
    list_title = show_title = _l("Keterampilan")
    add_title, edit_title = _l("Tambah keterampilan"), _l("Ubah keterampilan")
    list_columns = add_columns = edit_columns = show_columns = ["job_seeker", "skill"]
    search_columns = ["skill"]
    label_columns = LABELS
    add_form_query_rel_fields = edit_form_query_rel_fields = {"skill": [["approved", FilterEqual, True]]}


class SeekerLanguageView(SeekerPartView):
    datamodel = TenantInterface(SeekerLanguage)
    list_title = show_title = _l("Bahasa")
    add_title, edit_title = _l("Tambah bahasa"), _l("Ubah bahasa")
    list_columns = add_columns = edit_columns = show_columns = ["job_seeker", "language", "level"]
    search_columns = ["language"]
    label_columns = {**LABELS, "level": _l("Tingkat")}
    add_form_extra_fields = edit_form_extra_fields = {
        "level": SelectField(_l("Tingkat"), choices=[(code, _l(label)) for code, label in LANGUAGE_LEVELS.items()],
                             validators=[DataRequired()])}


class SeekerPreferenceView(SeekerPartView):
    """Desired occupations (KBJI), sectors (KBLI) and kecamatan; working outside the regency or abroad are
    flags on the person."""

    datamodel = TenantInterface(SeekerPreference)
    list_title = show_title = _l("Preferensi pekerjaan")
    add_title, edit_title = _l("Tambah preferensi"), _l("Ubah preferensi")
    list_columns = show_columns = ["job_seeker", "kind_label", "choice"]
    add_columns = edit_columns = ["job_seeker", "kind", "kbji", "kbli", "kecamatan"]
    search_columns = ["kind"]
    label_columns = {**LABELS, "kind": _l("Jenis preferensi"), "kind_label": _l("Jenis preferensi"),
                     "choice": _l("Pilihan"), "kbli": _l("Sektor (KBLI)")}
    add_form_extra_fields = edit_form_extra_fields = {
        "kind": SelectField(_l("Jenis preferensi"), choices=[(code, _l(label)) for code, label in
                                                             PREFERENCE_KINDS.items()],
                            validators=[DataRequired()])}
    add_form_query_rel_fields = edit_form_query_rel_fields = {**REGION_CHOICES,
                                                              "kbli": [["level", FilterEqual, "division"]]}


class SkillView(AppModelView):
    """The managed skills list: job seekers propose, officers approve."""

    datamodel = TenantInterface(Skill)
    resource = "Skill"
    list_title = show_title = _l("Daftar keterampilan")
    add_title, edit_title = _l("Tambah keterampilan"), _l("Ubah keterampilan")
    list_columns = show_columns = ["name", "approved"]
    add_columns = ["name"]
    edit_columns = ["name", "approved"]
    search_columns = ["name", "approved"]
    label_columns = LABELS

    def pre_add(self, item):
        item.approved = False  # a proposal until an officer approves it


class JobSeekerView(AppModelView):
    datamodel = TenantInterface(JobSeeker)
    resource = "JobSeeker"
    list_title = _l("Daftar Pencari Kerja")
    show_title = _l("Data Pencari Kerja")
    add_title = _l("Pendaftaran pencari kerja (loket)")
    edit_title = _l("Ubah data pencari kerja")
    list_columns = ["nik", "full_name", "birth_date", "sex_label", "kecamatan", "education_level",
                    "registered_at"]
    search_columns = ["nik", "full_name", "kecamatan", "education_level", "sex", "status", "registered_at"]
    add_columns = ["nik", "full_name", "birth_place", "birth_date", "sex", "email", "phone", "religion",
                   "marital_status", "address", "kecamatan", "desa", "height_cm", "weight_kg", "disability",
                   "expected_wage", "work_time", "willing_outside_regency", "willing_abroad"]
    edit_columns = add_columns
    show_columns = add_columns[:4] + ["sex_label"] + add_columns[5:] + ["education_level", "registered_at",
                                                                         "status"]
    label_columns = LABELS
    base_order = ("id", "desc")
    related_views = [EducationView, TrainingView, ExperienceView, SeekerSkillView, SeekerLanguageView,
                     SeekerPreferenceView]
    add_form_query_rel_fields = edit_form_query_rel_fields = REGION_CHOICES
    validators_columns = {"nik": [FormCheck(clean_nik)], "height_cm": [FormCheck(non_negative)],
                          "weight_kg": [FormCheck(non_negative)], "expected_wage": [FormCheck(non_negative)]}
    description_columns = {"nik": _l("16 digit sesuai KTP; harus cocok dengan tanggal lahir dan jenis kelamin")}
    method_permission_name = {"apply": "write", "upload": "write"}
    show_template = "seekers/show.html"
    add_form_extra_fields = edit_form_extra_fields = {
        "sex": SelectField(_l("Jenis kelamin"), choices=SEX_CHOICES, validators=[DataRequired()]),
        "work_time": SelectField(_l("Waktu kerja"), choices=[("", "—"), ("penuh", _l("Penuh waktu")),
                                                              ("paruh", _l("Paruh waktu"))]),
    }

    def pre_add(self, item):
        services.validate_identity(item)
        item.registered_at = services.today_jakarta()

    def pre_update(self, item):
        services.validate_identity(item)

    @expose("/ajukan/<pk>", methods=["POST"])
    @has_access
    def apply(self, pk):
        """Apply for an AK-1 card (new, correction, renewal) for this person."""
        seeker = get_owned_or_404(db.session, JobSeeker, pk)
        try:
            card = services.apply(seeker, request.form.get("application_type", "baru"))
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "danger")
            return redirect(url_for(".show", pk=pk))
        flash(_("Permohonan AK/I diajukan dan menunggu verifikasi petugas."), "success")
        return redirect(url_for("Ak1CardView.show", pk=card.id))


    def show_context(self, seeker):
        open_card, types = services.application_choices(seeker)
        return dict(documents=[(kind, DOCUMENT_LABELS[kind], getattr(seeker, column))
                               for kind, (column, _types) in DOCUMENTS.items()],
                    missing=services.missing_for_card(seeker), open_card=open_card,
                    application_types=[(t, APPLICATION_TYPES[t]) for t in types])

    @expose("/dokumen/<pk>", methods=["POST"])
    @has_access
    def upload(self, pk):
        """Upload the 3×4 photo, the KTP scan or the diploma."""
        seeker = get_owned_or_404(db.session, JobSeeker, pk)
        try:
            attach_document(seeker, request.form.get("kind", ""), request.files.get("file"))
            db.session.commit()
            flash(_("Dokumen tersimpan."), "success")
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "danger")
        return redirect(url_for(".show", pk=pk))


def register(appbuilder):
    from app.seekers import ak1_views, api, documents, portal, reminders  # noqa: F401 (reminders: its kind)

    documents.register_documents()
    portal.register(appbuilder)
    appbuilder.add_api(api.JobSeekerApi)
    appbuilder.add_api(api.Ak1Api)
    add_view(appbuilder, JobSeekerView, N_("Pencari Kerja"), CATEGORY, icon="fa-users", category_icon="fa-id-card")
    ak1_views.register(appbuilder)
    for view in (EducationView, TrainingView, ExperienceView, SeekerSkillView, SeekerLanguageView,
                 SeekerPreferenceView):
        appbuilder.add_view_no_menu(view)
    add_view(appbuilder, SkillView, N_("Daftar Keterampilan"), CATEGORY, icon="fa-wrench", category_icon="fa-id-card")
    from app.seekers.duplicates import DuplicatesView

    duplicates = N_("Kemungkinan Data Ganda")
    appbuilder.add_view(DuplicatesView, duplicates, label=duplicates, icon="fa-clone", category=CATEGORY)
    appbuilder.menu_resources[duplicates] = ("JobSeeker", "merge")
