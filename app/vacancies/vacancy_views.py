"""Vacancy screens: the company's report (Perpres 57/2023 art. 5) or the officer's record on its behalf, the
verification panel and queue, the filled report slot by slot (art. 6) and closing early."""
from flask import g, jsonify, make_response, redirect, request, url_for
from flask_appbuilder import expose, has_access
from flask_appbuilder.fieldwidgets import BS3TextAreaFieldWidget
from flask_appbuilder.models.sqla.filters import FilterEqual
from flask_babel import gettext as _, lazy_gettext as _l, lazy_pgettext
from wtforms import IntegerField, SelectField, TextAreaField
from wtforms.validators import NumberRange, Optional
from wtforms.fields.core import UnboundField

from app.core.choices import MAX_PAGE, RelationChoices, RelationSelectMultipleField
from app.core.decisions import DecisionViewMixin, add_queue, queue_view
from app.core.forms import parse_date
from app.core.formatting import today_jakarta
from app.core.i18n import N_
from app.core.menu import add_view
from app.core.validation import DomainError
from app.core.views import AppModelView, OwnCompanyAddFormMixin
from app.extensions import db
from app.security.tenancy import TenantInterface, get_owned_or_404, request_user
from app.seekers.models import Skill
from app.vacancies import slots, vacancies as services
from app.vacancies.models import Vacancy
from app.vacancies.workflow import SLOT_REMOVAL_REASONS, SLOT_SEXES, WORK_TYPES

CATEGORY = N_("Lowongan")  # menu category, a permission name: plain, translated when the menu renders
LABELS = {
    "company": lazy_pgettext("column", "Perusahaan"), "company_id": _l("ID perusahaan"),
    "title": _l("Nama jabatan"), "kbji": _l("Jabatan (KBJI 4 digit)"), "description": _l("Uraian tugas dan informasi lain"),
    "slots_male": _l("Dibutuhkan laki-laki"), "slots_female": _l("Dibutuhkan perempuan"),
    "slots_any": _l("Dibutuhkan laki-laki/perempuan"), "slots": _l("Jumlah dibutuhkan (orang)"),
    "sex_reason": _l("Alasan pekerjaan hanya untuk satu jenis kelamin"),
    "valid_from": _l("Berlaku mulai"), "valid_until": _l("Berlaku sampai"),
    "age_min": _l("Usia minimal (tahun)"), "age_max": _l("Usia maksimal (tahun)"),
    "education_level": _l("Pendidikan minimal"), "education_field": _l("Jurusan/bidang pendidikan"),
    "must_skills": _l("Keterampilan wajib"), "nice_skills": _l("Keterampilan diutamakan"),
    "experience_years": _l("Pengalaman kerja minimal (tahun)"), "wage_min": _l("Upah per bulan (terendah)"),
    "wage_max": _l("Upah per bulan (tertinggi)"), "work_type": _l("Jenis pekerjaan"),
    "work_kecamatan": _l("Kecamatan lokasi kerja"), "work_location": _l("Alamat/lokasi kerja"),
    "disability_friendly": _l("Terbuka bagi penyandang disabilitas"),
    "recorded_by_office": _l("Dicatat petugas"), "status": _l("Status"), "status_label": _l("Status"),
    "submitted_at": _l("Dilaporkan"), "published_at": _l("Tayang sejak"), "closed_at": _l("Ditutup"),
    "note": _l("Catatan petugas"),
    "ipk_kbli_section": _l("Kategori KBLI saat diverifikasi"),  # searchable for the dashboard's sector chart
}
FORM = ["title", "kbji", "description", "slots_male", "slots_female", "slots_any", "sex_reason", "valid_from",
        "valid_until", "age_min", "age_max", "education_level", "education_field", "must_skills", "nice_skills",
        "experience_years", "wage_min", "wage_max", "work_type", "work_kecamatan", "work_location",
        "disability_friendly"]


def _fieldsets(first):
    return [
        (_l("Jabatan"), {"fields": [*first, "title", "kbji", "description"]}),
        (_l("Jumlah yang dibutuhkan"), {"fields": ["slots_any", "slots_male", "slots_female", "sex_reason"]}),
        (_l("Masa berlaku"), {"fields": ["valid_from", "valid_until"]}),
        (_l("Persyaratan"), {"fields": ["age_min", "age_max", "education_level", "education_field", "must_skills",
                                        "nice_skills", "experience_years"]}),
        (_l("Upah dan lokasi kerja"), {"fields": ["wage_min", "wage_max", "work_type", "work_kecamatan",
                                                  "work_location", "disability_friendly"]}),
    ]


# The form reads and writes the skills by kind; the service turns them into rows (vacancies.choose_skills).
Vacancy.must_skills = property(lambda self: services.skill_choice(self, True),
                               lambda self, value: services.choose_skills(self, must=value))
Vacancy.nice_skills = property(lambda self: services.skill_choice(self, False),
                               lambda self, value: services.choose_skills(self, nice=value))


class SkillChoices(RelationChoices):
    """The approved skills, loaded on demand from /vacancyview/keterampilan (the list grows with proposals)."""

    def __init__(self, form):  # noqa: super().__init__ reads a view's relation; skills are not one of Vacancy's
        self.view, self.form, self.column = None, form, "skills"
        self.datamodel = None
        self.model, self.pk, self.labels = Skill, Skill.id, [Skill.name]

    def query(self):
        return db.session.query(Skill).filter(Skill.approved.is_(True)).order_by(Skill.name)

    def page(self, text, number, parent=""):
        query = self.query()
        if text:
            pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            query = query.filter(Skill.name.ilike(pattern, escape="\\"))
        rows = query.offset((number - 1) * 20).limit(21).all()
        return rows[:20], len(rows) > 20

    def url(self):
        return url_for("VacancyView.skill_choices", form=self.form)

    def key(self, row):
        return str(row.id)


def _skill_field(label, form, description):
    return UnboundField(RelationSelectMultipleField, label, choices=SkillChoices(form), description=description,
                        get_pk_func=lambda skill: skill.id)


def _count(label):
    return IntegerField(label, validators=[Optional(), NumberRange(min=0, max=100000)], default=0,
                        render_kw={"class": "form-control", "inputmode": "numeric", "style": "max-width:10em"})


def _extra_fields(form):
    return {
        "slots_male": _count(_l("Dibutuhkan laki-laki")), "slots_female": _count(_l("Dibutuhkan perempuan")),
        "slots_any": _count(_l("Dibutuhkan laki-laki/perempuan")),
        "experience_years": _count(_l("Pengalaman kerja minimal (tahun)")),
        "work_type": SelectField(_l("Jenis pekerjaan"), choices=[(k, _l(v)) for k, v in WORK_TYPES.items()],
                                 default="penuh_waktu", render_kw={"class": "form-control"}),
        "sex_reason": TextAreaField(_l("Alasan pekerjaan hanya untuk satu jenis kelamin"),
                                    widget=BS3TextAreaFieldWidget()),
        "must_skills": _skill_field(_l("Keterampilan wajib"), form, _l("Ketik untuk mencari; boleh lebih dari satu.")),
        "nice_skills": _skill_field(_l("Keterampilan diutamakan"), form,
                                    _l("Yang menjadi nilai tambah, bukan syarat.")),
    }


class VacancyView(DecisionViewMixin, OwnCompanyAddFormMixin, AppModelView):
    datamodel = TenantInterface(Vacancy)
    resource = "Vacancy"
    list_title = _l("Lowongan Kerja")
    show_title = _l("Lowongan Kerja")
    add_title = _l("Laporkan lowongan kerja")
    edit_title = _l("Ubah laporan lowongan")
    list_columns = ["title", "company", "slots", "valid_until", "work_kecamatan", "status_label", "submitted_at"]
    order_columns = ["title", "valid_until", "submitted_at"]  # not the computed ones (slots, queue age)
    search_columns = ["title", "company_id", "status", "kbji", "work_kecamatan", "valid_until", "submitted_at",
                      "recorded_by_office", "disability_friendly", "published_at", "ipk_kbli_section"]
    add_columns = ["company"] + FORM
    edit_columns = FORM
    show_columns = ["company", "title", "kbji", "description", "valid_from", "valid_until", "work_type",
                    "work_kecamatan", "work_location", "recorded_by_office", "submitted_at", "published_at",
                    "closed_at"]
    label_columns = LABELS
    add_fieldsets = _fieldsets(["company"])
    edit_fieldsets = _fieldsets([])
    base_order = ("id", "desc")
    show_template = "vacancies/vacancy_show.html"
    method_permission_name = {"fill": "write", "skill_choices": "read"}
    add_form_extra_fields = _extra_fields("add")
    edit_form_extra_fields = _extra_fields("edit")
    add_form_query_rel_fields = edit_form_query_rel_fields = {
        "kbji": [["level", FilterEqual, 4]], "work_kecamatan": [["level", FilterEqual, "kecamatan"]],
        "company": [["status", FilterEqual, "verified"]]}
    description_columns = {
        "company": _l("Petugas mencatat lowongan atas nama perusahaan ini."),
        "kbji": _l("Ketik nama atau kode jabatan, misalnya \"operator\" atau \"8153\"."),
        "slots_any": _l("Isi di sini bila laki-laki maupun perempuan dapat melamar (yang dianjurkan)."),
        "sex_reason": _l("Wajib bila semua kebutuhan hanya untuk satu jenis kelamin (UU 13/2003 pasal 5–6)."),
        "valid_until": _l("Paling lama 6 bulan sesudah tanggal mulai."),
        "age_max": _l("Kosongkan bila tidak ada batas usia; batas usia harus karena sifat pekerjaan."),
        "wage_min": _l("Untuk upah tetap isi kolom ini saja. Pekerjaan penuh waktu tidak boleh di bawah UMK."),
        "work_kecamatan": _l("Kosongkan bila lokasi kerja di luar Kabupaten Tangerang, lalu tulis lokasinya."),
    }


    def pre_add(self, item):
        services.submit(item, request_user())

    def post_add(self, item):
        g.added_vacancy = item

    def post_add_redirect(self):
        added = g.pop("added_vacancy", None)
        if added is None:
            return super().post_add_redirect()
        return redirect(url_for("VacancyView.show", pk=added.id))

    def post_edit_redirect(self):
        return redirect(self.get_redirect())

    def pre_update(self, item):
        services.update(item)

    def pre_delete(self, item):
        raise DomainError(_("Laporan lowongan tidak dihapus; tutup lowongan bila tidak lagi dibutuhkan."))

    def show_context(self, vacancy):
        sm = self.appbuilder.sm
        reviewing = vacancy.status in ("submitted", "returned") and sm.has_access("can_verify", "Vacancy")
        left = slots.remaining_slots(vacancy)
        asked = slots.asked(vacancy)
        may_write = sm.has_access("can_write", "Vacancy")
        return dict(
            vacancy=vacancy, reviewing=reviewing, slot_sexes=SLOT_SEXES, removal_reasons=SLOT_REMOVAL_REASONS,
            flags=services.review_flags(vacancy, services.minimum_wage_for(vacancy), today_jakarta())
            if reviewing else [],
            minimum_wage=services.minimum_wage_for(vacancy) if reviewing else None,
            buckets=[(b, SLOT_SEXES[b], asked[b], left[b]) for b in slots.BUCKETS if asked[b]],
            left_total=sum(left.values()), events=list(vacancy.slot_events),
            editable=may_write and vacancy.status in services.EDITABLE,
            may_fill=may_write and vacancy.status == "published" and sum(left.values()) > 0,
            fill_failed=g.get("fill_failed"), today=today_jakarta())

    @expose("/terisi/<pk>", methods=["POST"])
    @has_access
    def fill(self, pk):
        """Report one slot filled (Perpres 57/2023 art. 6): date, slot, the AK-1 number or the person's name."""
        vacancy = get_owned_or_404(db.session, Vacancy, pk)
        form = request.form
        try:
            on = parse_date(form.get("filled_on", ""))
            if on is None and form.get("filled_on", "").strip():
                raise DomainError(_("Tanggal tidak valid: tulis hari-bulan-tahun, misalnya 12-03-1995."),
                                  field="filled_on")
            services.report_filled(vacancy, on, form.get("bucket"), request_user(), form.get("ak1_number", ""),
                                   form.get("filled_by_name", ""))
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            g.fill_failed = {"field": error.field, "message": str(error), "values": form}
            return make_response(self.show(pk), 422)
        from flask import flash

        db.session.refresh(vacancy)
        if vacancy.status == "filled":
            flash(_("Slot terisi tercatat. Semua kebutuhan sudah terpenuhi: lowongan ditutup sebagai terpenuhi."),
                  "success")
        else:
            flash(_("Slot terisi tercatat. Sisa kebutuhan: %(left)s orang.",
                    left=sum(slots.remaining_slots(vacancy).values())), "success")
        return redirect(url_for("VacancyView.show", pk=pk))

    @expose("/keterampilan")
    @has_access
    def skill_choices(self):
        """The skills choice list of the vacancy form: {"results": [{"id", "text"}], "more"}."""
        number = request.args.get("page", "1")
        if not number.isdigit() or not 1 <= int(number) <= MAX_PAGE:
            return jsonify(message=_("Nomor halaman tidak valid.")), 400
        choices = SkillChoices(request.args.get("form", "add"))
        rows, more = choices.page(request.args.get("q", "").strip()[:100], int(number))
        return jsonify(results=[{"id": choices.key(row), "text": str(row)} for row in rows], more=more)


VacancyQueueView = queue_view(VacancyView, "VacancyQueueView", "submitted", _l("Lowongan menunggu verifikasi"))


def register(appbuilder):
    from app.vacancies import vacancy_api

    add_view(appbuilder, VacancyView, N_("Lowongan"), CATEGORY, icon="fa-briefcase", category_icon="fa-briefcase")
    add_queue(appbuilder, VacancyQueueView, N_("Lowongan menunggu verifikasi"), CATEGORY)
    appbuilder.add_api(vacancy_api.VacancyApi)
