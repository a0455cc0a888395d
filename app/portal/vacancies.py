"""The public vacancy portal: search (/lowongan, every filter a GET argument so a search is a link to share), a page
per vacancy (/lowongan/<id>) and the public page of a verified company (/perusahaan/<id>). No account needed;
a signed-in job seeker gets the "apply" form (posted to /lowongan/<id>/lamar, app.vacancies.application_views).

Only what the public may read leaves here: never a company's NPWP, NIB, contacts or headcount, never the vacancy's
internal notes, never who filled a slot."""
from flask import abort, redirect, request, url_for
from flask_appbuilder import BaseView, expose
from flask_babel import gettext as _
from sqlalchemy import select

from app.companies.models import Company
from app.core.arguments import INT_MAX
from app.core.formatting import EMPTY, label_of, number, rupiah, today_jakarta
from app.extensions import db
from app.security.tenancy import request_user, scope_for
from app.vacancies import search
from app.vacancies.models import Vacancy
from app.vacancies.slots import is_open, open_clause, remaining_slots
from app.vacancies.workflow import SLOT_SEXES, WORK_TYPES

COMPANY_VACANCIES_SHOWN = 100
PUBLIC_AFTER_PUBLICATION = ("published", "closed", "filled")  # a shared link of a closed vacancy still says so


def wage_text(wage_min, wage_max) -> str:
    """'Rp5.000.000 – Rp6.500.000', 'Rp5.000.000', 'mulai Rp5.000.000', 'hingga Rp6.000.000' or 'Dirahasiakan'."""
    if not wage_min and not wage_max:
        return _("Dirahasiakan")
    if wage_min and wage_max:
        return rupiah(wage_min) if wage_min == wage_max else f"{rupiah(wage_min)} – {rupiah(wage_max)}"
    if wage_min:
        return _("mulai %(amount)s", amount=rupiah(wage_min))
    return _("hingga %(amount)s", amount=rupiah(wage_max))


def location_text(kecamatan_name, work_location) -> str:
    if kecamatan_name:
        return _("Kec. %(name)s, Kabupaten Tangerang", name=kecamatan_name)
    return work_location or _("Luar Kabupaten Tangerang")


def requirements(vacancy: Vacancy) -> list[tuple[str, str]]:
    """The requirements (Perpres 57/2023 art. 5) as sentences people read."""
    items = []
    if vacancy.age_min and vacancy.age_max:
        items.append((_("Usia"), _("%(low)s–%(high)s tahun", low=vacancy.age_min, high=vacancy.age_max)))
    elif vacancy.age_min:
        items.append((_("Usia"), _("minimal %(low)s tahun", low=vacancy.age_min)))
    elif vacancy.age_max:
        items.append((_("Usia"), _("maksimal %(high)s tahun", high=vacancy.age_max)))
    sexes = [bucket for bucket, count in (("L", vacancy.slots_male), ("P", vacancy.slots_female),
                                          ("X", vacancy.slots_any)) if count]
    if sexes and "X" not in sexes and len(sexes) == 1:
        sentence = label_of(SLOT_SEXES, sexes[0])
        if vacancy.sex_reason:
            sentence += f" ({vacancy.sex_reason})"
        items.append((_("Jenis kelamin"), sentence))
    else:
        items.append((_("Jenis kelamin"), _("Laki-laki atau perempuan")))
    if vacancy.education_level is not None:
        education = _("minimal %(level)s", level=vacancy.education_level.name)
        if vacancy.education_field:
            education += _(", jurusan %(field)s", field=vacancy.education_field)
        items.append((_("Pendidikan"), education))
    elif vacancy.education_field:
        items.append((_("Pendidikan"), _("jurusan %(field)s", field=vacancy.education_field)))
    else:
        items.append((_("Pendidikan"), _("Semua jenjang")))
    items.append((_("Pengalaman kerja"), _("minimal %(years)s tahun", years=vacancy.experience_years)
                  if vacancy.experience_years else _("Tidak disyaratkan (lulusan baru dipersilakan)")))
    return items


def slots_text(counts: dict) -> str:
    parts = [f"{number(counts[bucket])} {label_of(SLOT_SEXES, bucket).lower()}" for bucket in ("L", "P", "X")
             if counts.get(bucket)]
    return ", ".join(parts) or EMPTY


def vacancy_page(view, vacancy: Vacancy, apply_error: str | None = None, cover_note: str = ""):
    """The public page of a vacancy; after a refused application, with the reason at the form and the typed
    message kept (app.vacancies.application_views.ApplyView)."""
    user = request_user()
    scope = scope_for(user) if user is not None else None
    is_seeker = scope is not None and scope.kind == "seeker"
    fair_id = request.args.get("bursa") or request.form.get("fair_id") or ""
    open_now = is_open(vacancy)
    left = remaining_slots(vacancy) if open_now else {}
    skills = sorted(vacancy.skills, key=lambda item: (not item.must_have, str(item.skill)))
    return view.render_template(
        "portal/vacancy_page.html", vacancy=vacancy, open_now=open_now, left=left, slots_left=sum(left.values()),
        slots_text=slots_text, is_seeker=is_seeker, signed_in=user is not None,
        fair_id=fair_id if fair_id.isdigit() and int(fair_id) <= INT_MAX else None,
        wage=wage_text(vacancy.wage_min, vacancy.wage_max),
        location=location_text(vacancy.work_kecamatan.name if vacancy.work_kecamatan else None,
                               vacancy.work_location),
        requirements=requirements(vacancy), work_type=label_of(WORK_TYPES, vacancy.work_type),
        must=[s for s in skills if s.must_have], nice=[s for s in skills if not s.must_have],
        company_public=vacancy.company.status == "verified",
        login_url=url_for("PostLogoutAuthView.login", next=f"/lowongan/{vacancy.id}"),
        today=today_jakarta(), apply_error=apply_error, cover_note=cover_note)


class PortalVacancyView(BaseView):
    route_base = ""
    default_view = "search"

    @expose("/lowongan/")
    @expose("/lowongan")
    def search(self):
        lists = search.choices()
        criteria, ignored = search.parse(request.args, lists)
        canonical = {key: str(value) for key, value in search.link_args(criteria).items()}
        if not ignored and request.args.to_dict(flat=False) != {key: [value] for key, value in canonical.items()}:
            # The filter form sends its empty fields too: the address bar shows the same link as "share"
            return redirect(url_for("PortalVacancyView.search", **canonical))
        page = search.search(criteria)
        return self.render_template(
            "portal/vacancy_search.html", page=page, criteria=page.criteria, ignored=ignored, lists=lists,
            link=lambda **changes: url_for("PortalVacancyView.search", **search.link_args(page.criteria, **changes)),
            wage_text=wage_text, location_text=location_text, work_types=WORK_TYPES, label_of=label_of,
            outside=search.OUTSIDE, posted_choices=search.POSTED_WITHIN, per_page=search.PER_PAGE,
            cap=search.COUNT_CAP)

    @expose("/lowongan/<int:vacancy_id>")
    def vacancy(self, vacancy_id):
        vacancy = db.session.get(Vacancy, vacancy_id) if vacancy_id <= INT_MAX else None
        if vacancy is None or vacancy.status not in PUBLIC_AFTER_PUBLICATION or vacancy.published_at is None:
            abort(404)
        return vacancy_page(self, vacancy)

    @expose("/perusahaan/<int:company_id>")
    def company(self, company_id):
        company = db.session.get(Company, company_id) if company_id <= INT_MAX else None
        if company is None or company.status != "verified":
            abort(404)
        rows = db.session.execute(
            select(*search.RESULT_COLUMNS).select_from(Vacancy)
            .join(Company, Company.id == Vacancy.company_id)
            .outerjoin(search.Region, search.Region.code == Vacancy.work_kecamatan_code)
            .outerjoin(search.EducationLevel, search.EducationLevel.ipk_code == Vacancy.education_ipk_code)
            .where(Vacancy.company_id == company.id, open_clause())
            .order_by(Vacancy.published_at.desc(), Vacancy.id.desc()).limit(COMPANY_VACANCIES_SHOWN)).all()
        section = None
        if company.kbli is not None and company.kbli.parent_code:
            section = search.choices()["sector"].get(company.kbli.parent_code)
        return self.render_template(
            "portal/company_page.html", company=company, rows=rows, section=section,
            shown=COMPANY_VACANCIES_SHOWN, wage_text=wage_text, location_text=location_text,
            work_types=WORK_TYPES, label_of=label_of)


def register(appbuilder):
    appbuilder.add_view_no_menu(PortalVacancyView)
