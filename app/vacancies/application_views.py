"""Application and placement screens: the applications to a company's vacancies (and all of them for officers)
with the decision panel, the job seeker's "Lamaran saya", the seeker's apply route, the placements register and
its "record a placement" form. Thin: the rules are in app.vacancies.applications and app.vacancies.placements."""
from flask import abort, flash, make_response, redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import gettext as _, lazy_gettext as _l
from sqlalchemy.orm import selectinload

from app.core.formatting import today_jakarta
from app.core.forms import parse_date
from app.core.i18n import N_
from app.core.menu import add_view
from app.core.decisions import DecisionViewMixin
from app.core.validation import DomainError
from app.core.views import AppModelView
from app.extensions import db
from app.security.tenancy import TenantInterface, request_user, scope_for, scope_query
from app.vacancies import applications as rules, placements
from app.vacancies.models import Application, Placement, Vacancy
from app.vacancies.workflow import APPLICATION_WORKFLOW, PLACEMENT_TYPES, REFUSAL_REASONS

CATEGORY = N_("Lowongan")
APPLICATIONS_MENU, PLACEMENTS_MENU, MINE_MENU = N_("Lamaran Masuk"), N_("Penempatan"), N_("Lamaran saya")

LABELS = {
    "vacancy": _l("Lowongan"), "job_seeker": _l("Pelamar"), "applicant_name": _l("Pelamar"),
    "job_seeker.full_name": _l("Pelamar"),
    "status_label": _l("Status"), "applied_at": _l("Tanggal melamar"), "source": _l("Melalui"),
    "interview_at": _l("Tanggal wawancara"), "decided_at": _l("Diputuskan"), "refusal_reason": _l("Alasan"),
    "note": _l("Catatan perusahaan"), "cover_note": _l("Pesan pelamar"), "fair": _l("Bursa kerja"),
    "applicant_age": _l("Usia"), "applicant_education": _l("Pendidikan"), "ak1_number": _l("Nomor AK/I"),
    "company_name": _l("Perusahaan"), "company": _l("Perusahaan"), "employer_name": _l("Pemberi kerja"),
    "employer_type": _l("Jenis pemberi kerja"), "position": _l("Jabatan"), "kbji": _l("KBJI"),
    "placed_on": _l("Tanggal mulai bekerja"), "placement_type": _l("Jenis penempatan"),
    "destination": _l("Daerah/negara tujuan"), "recorded_by": _l("Dicatat dari"), "status": _l("Status"),
}


def _age(app):
    return rules.age_on(app.job_seeker.birth_date, today_jakarta())


def _education(app):
    code = rules.highest_education(app.job_seeker)
    level = next((e.level for e in app.job_seeker.educations if e.ipk_code == code), None)
    return str(level.name) if level is not None else "–"


Application.applicant_name = property(lambda self: self.job_seeker.full_name)
Application.applicant_age = property(_age)
Application.applicant_education = property(_education)
Application.ak1_number = property(lambda self: self.ak1_card.number if self.ak1_card else None)
Application.company_name = property(lambda self: self.vacancy.company.name)


def is_staff(user=None) -> bool:
    user = user or request_user()
    return user is not None and scope_for(user) is None


def applicant_summary(application) -> dict:
    """What a company needs to decide: name, age, sex, education, skills, experience, the AK-1 number. The NIK
    and the address only for officers."""
    from app.seekers.models import SeekerSkill

    seeker = application.job_seeker
    summary = {"name": seeker.full_name, "age": application.applicant_age, "sex": seeker.sex_label,
               "education": application.applicant_education, "educations": seeker.educations,
               "experiences": seeker.experiences, "ak1_number": application.ak1_number,
               "skills": [str(s.skill) for s in db.session.query(SeekerSkill)
                          .filter(SeekerSkill.job_seeker_id == seeker.id)]}
    if is_staff():
        summary.update(nik=seeker.nik, address=", ".join(filter(None, [
            seeker.address, str(seeker.desa) if seeker.desa else None,
            f"Kec. {seeker.kecamatan}" if seeker.kecamatan else None])))
    return summary


class ApplicationView(DecisionViewMixin, AppModelView):
    """Applications: a company's operators see those to their vacancies, a job seeker their own, officers all.
    Moved only by the decision panel (review, interview, accept = placement, refuse with a reason, withdraw)."""

    datamodel = TenantInterface(Application)
    resource = "Application"
    list_title = _l("Lamaran Kerja")
    show_title = _l("Lamaran Kerja")
    # The applicant by its relation (loaded with the rows), not the applicant_name property (a query per row).
    list_columns = ["job_seeker.full_name", "vacancy", "status_label", "applied_at", "interview_at", "source"]
    search_columns = ["vacancy", "status", "applied_at", "source"]
    show_columns = ["vacancy", "company_name", "applicant_name", "status_label", "applied_at", "source", "fair",
                    "interview_at", "decided_at", "refusal_reason", "note"]
    label_columns = LABELS
    base_permissions = ["can_read"]
    # Made only through the rules (apply, the decision panel): never FAB's generated forms.
    exclude_route_methods = {"download", "add", "edit", "delete", "action", "action_post"}
    base_order = ("applied_at", "desc")
    show_template = "vacancies/application_show.html"

    def show_context(self, application):
        placement = db.session.query(Placement).filter(Placement.application_id == application.id).one_or_none()
        return dict(application=application, applicant=applicant_summary(application), placement=placement,
                    staff=is_staff())


class MyApplicationsView(BaseView):
    """ "Lamaran saya": the job seeker's applications, their status and the company's note, to withdraw."""

    route_base = "/lamaran-saya"
    default_view = "mine"
    class_permission_name = "Application"
    method_permission_name = {"mine": "read"}
    base_permissions = ["can_read"]

    @expose("/")
    @has_access
    def mine(self):
        user = request_user()
        if getattr(user, "job_seeker_id", None) is None:
            return redirect(url_for("ApplicationView.list"))
        rows = (scope_query(db.session.query(Application), Application)
                .options(selectinload(Application.vacancy)).order_by(Application.applied_at.desc()).all())
        withdraw = APPLICATION_WORKFLOW.by_name["withdraw"]
        return self.render_template("vacancies/my_applications.html", rows=rows, withdraw=withdraw,
                                    may_withdraw=self.appbuilder.sm.has_access("can_withdraw", "Application"),
                                    reasons=REFUSAL_REASONS)


class ApplyView(BaseView):
    """POST /lowongan/<id>/lamar: a signed-in job seeker applies from the vacancy's public page."""

    route_base = "/lowongan"
    class_permission_name = "Application"
    method_permission_name = {"apply": "create"}
    base_permissions = ["can_create"]

    @expose("/<int:vacancy_id>/lamar", methods=["POST"])
    @has_access
    def apply(self, vacancy_id):
        from app.seekers.models import JobSeeker

        back = f"/lowongan/{vacancy_id}"
        user = request_user()
        seeker = db.session.get(JobSeeker, user.job_seeker_id) if getattr(user, "job_seeker_id", None) else None
        if seeker is None:
            flash(_("Hanya pencari kerja yang dapat melamar. Masuk dengan akun pencari kerja."), "warning")
            return redirect(back)
        vacancy = db.session.get(Vacancy, vacancy_id)
        if vacancy is None:
            abort(404)
        try:
            application = rules.apply(seeker, vacancy, user, fair_id=request.form.get("fair_id") or None,
                                      cover_note=request.form.get("cover_note"))
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            from app.portal.vacancies import vacancy_page

            # The page again, with the reason at the form and the message as typed (design guide §2b).
            return vacancy_page(self, db.session.get(Vacancy, vacancy_id), str(error),
                                request.form.get("cover_note") or ""), 400
        flash(_("Lamaran Anda untuk %(title)s telah dikirim ke %(company)s.", title=vacancy.title,
                company=vacancy.company.name), "success")
        return redirect(url_for("ApplicationView.show", pk=application.id))


@APPLICATION_WORKFLOW.hook("interview")
def _interview_date(application, user, decision):
    day = decision.data.get("interview_at")
    if day is None or day < today_jakarta():
        raise DomainError(_("Tanggal wawancara tidak boleh sebelum hari ini."))
    application.interview_at = day


# ---- placements --------------------------------------------------------------------------------------------

Placement.type_label = property(lambda self: _(PLACEMENT_TYPES.get(self.placement_type, self.placement_type)))
PLACEMENT_FIELDS = ["ak1_number", "nik", "birth_date", "company_id", "employer_name", "employer_type_code",
                    "vacancy_id", "position", "kbji_code", "placed_on", "placement_type", "destination"]


class PlacementView(AppModelView):
    """The placements register: officers all, a company its own, a job seeker their own. Recorded from an
    accepted application or with "Catat penempatan" (officers; a company's operator for the company)."""

    datamodel = TenantInterface(Placement)
    resource = "Placement"
    list_title = _l("Penempatan Tenaga Kerja")
    show_title = _l("Penempatan")
    list_columns = ["job_seeker", "employer_name", "position", "placed_on", "type_label", "recorded_by"]
    search_columns = ["placed_on", "placement_type", "employer_name", "position", "recorded_by"]
    show_columns = ["job_seeker", "ak1_card", "employer_name", "employer_type", "company", "vacancy", "position",
                    "kbji", "placed_on", "type_label", "destination", "sex", "birth_date", "recorded_by"]
    label_columns = {**LABELS, "type_label": _l("Jenis penempatan"), "ak1_card": _l("Nomor AK/I"),
                     "job_seeker": _l("Tenaga kerja"), "sex": _l("Jenis kelamin"), "birth_date": _l("Tanggal lahir")}
    base_permissions = ["can_read", "can_create"]
    method_permission_name = {"record": "create"}
    exclude_route_methods = {"download", "add", "edit", "delete", "action", "action_post"}  # "Catat penempatan"
    base_order = ("placed_on", "desc")
    list_template = "vacancies/placement_list.html"

    @expose("/catat", methods=["GET", "POST"])
    @has_access
    def record(self):
        from app.companies.models import Company
        from app.reference.models import EmployerType

        user = request_user()
        scope = scope_for(user)
        if scope is not None and scope.kind != "company":
            abort(403)
        company = db.session.get(Company, scope.owner_id) if scope is not None else None
        values = {k: (request.form.get(k) or "").strip() for k in PLACEMENT_FIELDS}
        errors = {}
        if request.method == "POST":
            try:
                placement = self._record(user, company, values)
                db.session.commit()
                flash(_("Penempatan tercatat; kartu AK/I %(number)s ditutup sebagai ditempatkan.",
                        number=placement.ak1_card.number), "success")
                return redirect(url_for(".show", pk=placement.id))
            except DomainError as error:
                db.session.rollback()
                errors[error.field if error.field in PLACEMENT_FIELDS else "_form"] = str(error)
        own_vacancies = (scope_query(db.session.query(Vacancy), Vacancy)
                         .filter(Vacancy.company_id == company.id, Vacancy.status.in_(("published", "filled",
                                                                                         "closed")))
                         .order_by(Vacancy.id.desc()).limit(100).all()) if company else []
        page = self.render_template("vacancies/placement_form.html", values=values, errors=errors, company=company,
                                    vacancies=own_vacancies, types=PLACEMENT_TYPES,
                                    employer_types=db.session.query(EmployerType).order_by(EmployerType.code).all())
        return make_response(page, 422 if errors else 200)

    @staticmethod
    def _record(user, company, values):
        from app.companies.models import Company

        birth = parse_date(values["birth_date"]) if values["birth_date"] else None
        if values["birth_date"] and birth is None:
            raise DomainError(_("Tanggal tidak valid: tulis hari-bulan-tahun, misalnya 12-03-1995."),
                              field="birth_date")
        if company is not None:  # the operator names the person hired by card and identity
            card = placements.find_card_holder(values["ak1_number"], values["nik"] or None, birth)
            employer, recorded_by = company, "perusahaan"
        else:
            card = placements.find_card_holder(values["ak1_number"], values["nik"] or None, birth) \
                if (values["nik"] or birth) else _officer_card(values["ak1_number"])
            employer = None
            if values["company_id"]:
                employer = db.session.get(Company, int(values["company_id"])) \
                    if values["company_id"].isdigit() and len(values["company_id"]) < 10 else None
                if employer is None:
                    raise DomainError(_("Perusahaan dengan ID tersebut tidak terdaftar."), field="company_id")
            recorded_by = "petugas"
        vacancy = None
        if values["vacancy_id"]:
            vacancy = db.session.get(Vacancy, int(values["vacancy_id"])) \
                if values["vacancy_id"].isdigit() and len(values["vacancy_id"]) < 10 else None
            if vacancy is None or (company is not None and vacancy.company_id != company.id):
                raise DomainError(_("Lowongan tidak ditemukan."), field="vacancy_id")
        placed_on = parse_date(values["placed_on"]) if values["placed_on"] else None
        if values["placed_on"] and placed_on is None:
            raise DomainError(_("Tanggal tidak valid: tulis hari-bulan-tahun, misalnya 12-03-1995."),
                              field="placed_on")
        return placements.record_placement(
            card.job_seeker, card, company=employer, employer_name=values["employer_name"],
            employer_type_code=values["employer_type_code"] or None, vacancy=vacancy, placed_on=placed_on,
            placement_type=values["placement_type"] or None, position=values["position"],
            kbji_code=values["kbji_code"], destination=values["destination"], user=user, recorded_by=recorded_by)


def _officer_card(number):
    """Officers may name any active card by its number."""
    from app.seekers.models import Ak1Card

    card = (db.session.query(Ak1Card).filter(Ak1Card.number == (number or "").strip(), Ak1Card.status == "issued")
            .order_by(Ak1Card.id.desc()).first())
    if card is None:
        raise DomainError(_("Kartu AK/I yang berlaku dengan nomor tersebut tidak ditemukan."), field="ak1_number")
    return card


# ---- home pages --------------------------------------------------------------------------------------------

def application_home():
    """What the home page shows of applications: the company's new ones, the seeker's own by status."""
    user = request_user()
    scope = scope_for(user) if user is not None else None
    if scope is None or scope.owner_id is None:
        return {}
    if scope.kind == "company":
        from flask_appbuilder.models.sqla.filters import FilterEqual

        from app.home.links import list_url

        return {"new": rules.new_count(scope.owner_id),
                "new_url": list_url("ApplicationView", ("status", FilterEqual, "new"))}
    rows = (scope_query(db.session.query(Application.status, db.func.count()), Application)
            .group_by(Application.status).all())
    return {"mine": {APPLICATION_WORKFLOW.label(s): n for s, n in rows}}


def register(appbuilder):
    from flask import current_app

    from app.vacancies import application_api

    add_view(appbuilder, ApplicationView, APPLICATIONS_MENU, CATEGORY, icon="fa-inbox", category_icon="fa-briefcase")
    add_view(appbuilder, PlacementView, PLACEMENTS_MENU, CATEGORY, icon="fa-handshake-o",
             category_icon="fa-briefcase")
    appbuilder.add_view_no_menu(MyApplicationsView)
    appbuilder.add_view_no_menu(ApplyView)
    appbuilder.add_link(MINE_MENU, href="MyApplicationsView.mine", icon="fa-paper-plane", label=MINE_MENU)
    appbuilder.menu_resources[MINE_MENU] = "Application"
    appbuilder.add_api(application_api.ApplicationApi)
    appbuilder.add_api(application_api.PlacementApi)
    current_app.jinja_env.globals["application_home"] = application_home
