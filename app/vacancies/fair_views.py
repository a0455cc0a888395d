"""Job-fair screens: the office's fairs, companies joining them (the decision panel and its queue), the door
check-in, and the outcome report downloads. The public pages and the seekers' tickets are in app/portal/fairs.py."""
from io import BytesIO

from flask import abort, flash, make_response, redirect, request, send_file, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.models.sqla.filters import FilterEqual
from flask_babel import gettext as _, lazy_gettext as _l
from wtforms import SelectField

from app.core.decisions import DecisionViewMixin, add_queue, queue_view
from app.core.exports import XLSX_MIMETYPE
from app.core.i18n import N_
from app.core.menu import add_view
from app.core.validation import DomainError
from app.core.views import AppModelView
from app.extensions import db
from app.security.tenancy import TenantInterface, current_scope, get_owned_or_404, request_user
from app.vacancies import fairs
from app.vacancies.models import FairCompany, JobFair
from app.vacancies.workflow import FAIR_MODES

# Job fairs share the vacancies' menu (one navbar row at 1366 px for the office): a permission name.
CATEGORY = N_("Lowongan")
LABELS = {"name": _l("Nama bursa kerja"), "slug": _l("Alamat halaman (slug)"), "mode": _l("Bentuk"),
          "starts_on": _l("Tanggal mulai"), "ends_on": _l("Tanggal selesai"), "venue": _l("Tempat"),
          "kecamatan": _l("Kecamatan tempat"), "online_url": _l("Tautan acara daring"),
          "description": _l("Keterangan"), "registration_open": _l("Pendaftaran dibuka"),
          "booth_capacity": _l("Kapasitas stan (perusahaan)"), "fair": _l("Bursa kerja"),
          "company": _l("Perusahaan"), "booth": _l("Nomor stan"), "status_label": _l("Status"),
          "submitted_at": _l("Diajukan"), "approved_at": _l("Disetujui"), "note": _l("Catatan petugas"),
          "vacancies": _l("Lowongan dan kuota")}
FAIR_FORM = ["name", "slug", "mode", "starts_on", "ends_on", "venue", "kecamatan", "online_url", "description",
             "booth_capacity", "registration_open"]


class JobFairView(AppModelView):
    """The office's fairs: officers create and edit them; operators open them to join."""

    datamodel = TenantInterface(JobFair)
    resource = "JobFair"
    list_title = _l("Bursa Kerja")
    show_title = _l("Bursa Kerja")
    add_title, edit_title = _l("Tambah bursa kerja"), _l("Ubah bursa kerja")
    list_columns = ["name", "mode", "starts_on", "ends_on", "kecamatan", "registration_open"]
    search_columns = ["name", "mode", "starts_on", "ends_on", "registration_open"]
    add_columns = edit_columns = FAIR_FORM
    show_columns = FAIR_FORM
    label_columns = LABELS
    base_order = ("starts_on", "desc")
    show_template = "fairs/fair_show.html"
    # verify and join are the decisions on companies' requests (FAIR_COMPANY_WORKFLOW.resource is "JobFair"):
    # declared here so that role sync creates them.
    base_permissions = ["can_read", "can_create", "can_write", "can_delete", "can_verify", "can_join"]
    add_form_query_rel_fields = edit_form_query_rel_fields = {"kecamatan": [["level", FilterEqual, "kecamatan"]]}
    description_columns = {
        "slug": _l("Huruf kecil, angka dan tanda hubung; halaman publik: /bursa/<slug>"),
        "venue": _l("Wajib untuk bursa luring dan hybrid"),
        "online_url": _l("Wajib untuk bursa daring dan hybrid (https://…)"),
        "booth_capacity": _l("Kosongkan bila tidak dibatasi"),
        "registration_open": _l("Pencari kerja dan perusahaan dapat mendaftar selama dibuka"),
    }
    add_form_extra_fields = edit_form_extra_fields = {
        "mode": SelectField(_l("Bentuk"), choices=[(code, _l(label)) for code, label in FAIR_MODES.items()]),
    }

    def pre_add(self, item):
        fairs.check_fair(item)

    pre_update = pre_add

    def show_context(self, fair):
        scope = current_scope()
        mine = None
        if scope is not None and scope.kind == "company":
            mine = db.session.query(FairCompany).filter_by(fair_id=fair.id, company_id=scope.owner_id).one_or_none()
        registered, attended = fairs.attendance(fair)
        requests = (db.session.query(FairCompany).filter(FairCompany.fair_id == fair.id)
                    .order_by(FairCompany.booth, FairCompany.id).all() if scope is None else [])
        return dict(fair=fair, mine=mine, requests=requests, registered=registered, attended=attended,
                    company_scope=scope is not None and scope.kind == "company", running=fairs.is_running(fair),
                    approved=fairs.approved_count(fair))


class FairCompanyView(DecisionViewMixin, AppModelView):
    """Companies' requests to join a fair: the operator sees their own; officers approve with a booth."""

    datamodel = TenantInterface(FairCompany)
    resource = "FairCompany"  # job seekers read fairs, not companies' requests; decisions check "JobFair"
    list_title = _l("Keikutsertaan Perusahaan di Bursa Kerja")
    show_title = _l("Keikutsertaan Bursa Kerja")
    list_columns = ["fair", "company", "booth", "status_label", "submitted_at"]
    search_columns = ["fair", "booth", "status", "submitted_at"]
    show_columns = ["fair", "company", "booth", "status_label", "submitted_at", "approved_at"]
    label_columns = LABELS
    base_permissions = ["can_read"]
    method_permission_name = {"join": "join", "revise": "join"}
    exclude_route_methods = {"download", "add", "edit", "delete"}
    base_order = ("id", "desc")
    show_template = "fairs/participation_show.html"

    def show_context(self, participation):
        return dict(participation=participation, can_revise=participation.status in ("submitted", "returned")
                    and self.appbuilder.sm.has_access("can_join", "JobFair") and current_scope() is not None)

    def _form(self, fair, participation, template_status=200):
        """The join/revise form: the company's open vacancies, a quota each; a refusal keeps what was typed."""
        company_id = getattr(request_user(), "company_id", None)
        choices = fairs.open_vacancies(company_id) if company_id else []
        if request.method == "POST":
            chosen = {int(v) for v in request.form.getlist("vacancy") if v.isdigit()}
            typed = {vid: request.form.get(f"quota_{vid}", "") for vid, _left in
                     ((v.id, left) for v, left in choices)}
        else:
            current = {line.vacancy_id: line.quota for line in (participation.vacancies if participation else [])}
            chosen, typed = set(current), {vid: str(q) for vid, q in current.items()}
        return self.render_template("fairs/join.html", fair=fair, participation=participation, choices=choices,
                                    chosen=chosen, typed=typed, company_id=company_id,
                                    error=getattr(request, "_fair_error", None)), template_status

    @staticmethod
    def _quotas():
        quotas = {}
        for value in request.form.getlist("vacancy"):
            if not value.isdigit():
                continue
            raw = (request.form.get(f"quota_{value}") or "").strip()
            quotas[int(value)] = int(raw) if raw.isdigit() else -1
        return quotas

    @expose("/ikut/<int:fair_id>", methods=["GET", "POST"])
    @has_access
    def join(self, fair_id):
        fair = db.session.get(JobFair, fair_id) or abort(404)
        company_id = getattr(request_user(), "company_id", None)
        if company_id:
            existing = db.session.query(FairCompany).filter_by(fair_id=fair.id, company_id=company_id).one_or_none()
            if existing is not None:
                return redirect(url_for(".show", pk=existing.id))
        if request.method == "POST" and company_id:
            try:
                participation = fairs.join(fair, company_id, self._quotas(), request_user())
                db.session.commit()
            except DomainError as error:
                db.session.rollback()
                request._fair_error = error
                return self._form(fair, None, 422)
            flash(_("Permohonan keikutsertaan terkirim. Petugas akan memeriksa dan menetapkan nomor stan."),
                  "success")
            return redirect(url_for(".show", pk=participation.id))
        return self._form(fair, None)

    @expose("/perbaiki/<pk>", methods=["GET", "POST"])
    @has_access
    def revise(self, pk):
        participation = get_owned_or_404(db.session, FairCompany, pk)
        if participation.status not in ("submitted", "returned") or current_scope() is None:
            flash(_("Keikutsertaan berstatus %(status)s tidak dapat diubah.", status=participation.status_label),
                  "warning")
            return redirect(url_for(".show", pk=participation.id))
        if request.method == "POST":
            try:
                fairs.revise(participation, self._quotas(), request_user())
                db.session.commit()
            except DomainError as error:
                db.session.rollback()
                request._fair_error = error
                return self._form(participation.fair, participation, 422)
            flash(_("Perubahan tersimpan dan diajukan kembali."), "success")
            return redirect(url_for(".show", pk=participation.id))
        return self._form(participation.fair, participation)


FairCompanyQueueView = queue_view(FairCompanyView, "FairCompanyQueueView", "submitted",
                                  _l("Antrean Keikutsertaan Bursa Kerja"))


class FairCheckinView(BaseView):
    """The door: one input a QR scanner types into (or a person), one answer in big letters, ready for the next."""

    route_base = "/bursa-checkin"
    default_view = "index"
    class_permission_name = "JobFair"
    method_permission_name = {"index": "checkin", "door": "checkin"}
    base_permissions = ["can_checkin"]

    @expose("/")
    @has_access
    def index(self):
        return self.render_template("fairs/checkin_index.html", fairs=fairs.public_fairs())

    @expose("/<int:fair_id>", methods=["GET", "POST"])
    @has_access
    def door(self, fair_id):
        fair = db.session.get(JobFair, fair_id) or abort(404)
        result, status = None, 200
        if request.method == "POST":
            result = fairs.check_in(fair, request.form.get("kode", ""), request_user())
            db.session.commit()
            status = 200 if result.outcome in ("ok", "already") else 422
        registered, attended = fairs.attendance(fair)
        prefill = "" if result else fairs.clean_code(request.args.get("kode", ""))
        return self.render_template("fairs/checkin.html", fair=fair, result=result, prefill=prefill,
                                    registered=registered, attended=attended), status


class FairOutcomeView(BaseView):
    """The outcome of a fair as PDF and XLSX, for the office (resource VacancyReport: officers and the head)."""

    route_base = "/bursa-hasil"
    class_permission_name = "VacancyReport"
    method_permission_name = {"pdf": "read", "xlsx": "read"}
    base_permissions = ["can_read"]

    @expose("/<int:fair_id>/pdf")
    @has_access
    def pdf(self, fair_id):
        from reports.fair_outcome import render_pdf

        fair = db.session.get(JobFair, fair_id) or abort(404)
        return send_file(BytesIO(render_pdf(fairs.outcome(fair))), mimetype="application/pdf", max_age=0,
                         download_name=f"hasil-bursa-{fair.slug}.pdf")

    @expose("/<int:fair_id>/xlsx")
    @has_access
    def xlsx(self, fair_id):
        from reports.fair_outcome import render_xlsx

        fair = db.session.get(JobFair, fair_id) or abort(404)
        return send_file(BytesIO(render_xlsx(fairs.outcome(fair))), mimetype=XLSX_MIMETYPE, as_attachment=True,
                         max_age=0, download_name=f"hasil-bursa-{fair.slug}.xlsx")


def register(appbuilder):
    add_view(appbuilder, JobFairView, N_("Daftar Bursa Kerja"), CATEGORY, icon="fa-calendar",
             category_icon="fa-briefcase")
    add_view(appbuilder, FairCompanyView, N_("Keikutsertaan Perusahaan"), CATEGORY, icon="fa-building")
    add_queue(appbuilder, FairCompanyQueueView, N_("Antrean Keikutsertaan Bursa"), CATEGORY)
    appbuilder.add_view(FairCheckinView, N_("Check-in Bursa"), label=N_("Check-in Bursa"), icon="fa-qrcode",
                        category=CATEGORY)
    appbuilder.menu_resources[N_("Check-in Bursa")] = ("JobFair", "checkin")
    appbuilder.add_view_no_menu(FairOutcomeView)
    from app.portal import fairs as portal

    portal.register(appbuilder)
