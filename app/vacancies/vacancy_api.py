"""REST API for vacancies: the same rules (app.vacancies.vacancies), permissions and tenancy as the screens.

POST reports a vacancy (an operator: for their company; an officer: for the company named, recorded by the
office); PUT corrects one waiting or returned; POST /<id>/<action> decides (verify, return, reject, resubmit,
close); POST /<id>/fill reports one slot filled (Perpres 57/2023 art. 6)."""
from flask import g, request
from flask_appbuilder.api import expose, protect, safe

from app.core.decisions import DecisionApiMixin
from app.core.forms import parse_date
from app.core.validation import DomainError
from app.core.views import AppRestApi
from app.extensions import db
from app.security.tenancy import TenantInterface, request_user
from app.seekers.models import Skill
from app.vacancies import slots, vacancies as services
from app.vacancies.models import Vacancy

FIELDS = ["title", "kbji_code", "description", "slots_male", "slots_female", "slots_any", "sex_reason",
          "valid_from", "valid_until", "age_min", "age_max", "education_ipk_code", "education_field",
          "experience_years", "wage_min", "wage_max", "work_type", "work_kecamatan_code", "work_location",
          "disability_friendly"]


def _take_skills():
    """The body's "skills": [{"skill_id", "must_have"}], taken out before FAB reads the body (it is not a
    column), and remembered for pre_add/pre_update. None: not given (an update keeps the stored skills)."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or "skills" not in body:
        g.vacancy_skills = None
        return
    given = body.pop("skills")
    if not isinstance(given, list) or not all(isinstance(s, dict) and isinstance(s.get("skill_id"), int)
                                              for s in given):
        raise DomainError(_skills_message())
    ids = [s["skill_id"] for s in given]
    found = {s.id: s for s in db.session.query(Skill).filter(Skill.id.in_(ids), Skill.approved.is_(True))}
    if len(found) != len(set(ids)):
        raise DomainError(_skills_message())
    g.vacancy_skills = ([found[s["skill_id"]] for s in given if s.get("must_have", True)],
                        [found[s["skill_id"]] for s in given if not s.get("must_have", True)])


def _skills_message():
    from flask_babel import gettext as _

    return _("skills: daftar {\"skill_id\": id keterampilan yang disetujui, \"must_have\": true|false}.")


def _apply_skills(item):
    chosen = g.get("vacancy_skills")
    if chosen is not None:
        services.choose_skills(item, must=chosen[0], nice=chosen[1])


class VacancyApi(DecisionApiMixin, AppRestApi):
    datamodel = TenantInterface(Vacancy)
    resource = "Vacancy"
    resource_name = "vacancy"
    openapi_spec_tag = "Lowongan"
    list_columns = ["id", "company_id", "title", "kbji_code", "slots_male", "slots_female", "slots_any",
                    "valid_from", "valid_until", "work_kecamatan_code", "wage_min", "wage_max", "status",
                    "submitted_at", "published_at", "closed_at"]
    show_columns = ["id", "company_id", *FIELDS, "recorded_by_office", "status", "submitted_at", "published_at",
                    "closed_at", "note"]
    add_columns = ["company_id", *FIELDS]
    edit_columns = FIELDS
    search_columns = ["company_id", "status", "kbji_code", "work_kecamatan_code", "valid_until", "title"]
    include_route_methods = {"get", "get_list", "info", "post", "put", "decide", "fill"}
    method_permission_name = {"fill": "write"}
    openapi_example = {"title": "Operator mesin jahit", "kbji_code": "8153", "slots_any": 5,
                       "valid_from": "2026-12-01", "valid_until": "2027-02-28", "age_min": 18,
                       "education_ipk_code": "3001", "wage_min": 5300000, "work_type": "penuh_waktu",
                       "work_kecamatan_code": "36.03.01", "skills": [{"skill_id": 1, "must_have": True}]}

    def post_headless(self):
        return self._guarded(lambda: (_take_skills(), super(VacancyApi, self).post_headless())[1])

    def put_headless(self, pk):
        return self._guarded(lambda: (_take_skills(), super(VacancyApi, self).put_headless(pk))[1])

    def pre_add(self, item):
        _apply_skills(item)
        services.submit(item, request_user())

    def pre_update(self, item):
        _apply_skills(item)
        services.update(item)

    @expose("/<int:pk>/fill", methods=["POST"])
    @protect()
    @safe
    def fill(self, pk):
        """Report one slot of a published vacancy filled.
        ---
        post:
          summary: Laporkan satu slot lowongan terisi (Perpres 57/2023 pasal 6)
          description: >-
            Satu orang yang diterima bekerja: tanggal mulai, slot (L laki-laki, P perempuan, X laki-laki/perempuan),
            nomor kartu AK/I yang berlaku bila ada, atau nama pekerja. Slot terakhir menutup lowongan sebagai
            terpenuhi. 404 untuk lowongan perusahaan lain, 422 bila ditolak (tidak ada sisa slot itu, kartu tidak
            ditemukan, tanggal tidak valid).
          parameters:
          - in: path
            name: pk
            required: true
            schema:
              type: integer
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  required: [filled_on, bucket]
                  properties:
                    filled_on:
                      type: string
                      format: date
                    bucket:
                      type: string
                      enum: [L, P, X]
                    ak1_number:
                      type: string
                    filled_by_name:
                      type: string
                example: {"filled_on": "2026-12-15", "bucket": "X", "filled_by_name": "Siti Aminah"}
          responses:
            200:
              description: Slot terisi tercatat; lowongan dengan sisa slotnya.
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      result:
                        $ref: '#/components/schemas/{{self.__class__.__name__}}.get'
                      remaining:
                        type: object
        """
        vacancy = self.datamodel.get(pk)
        if vacancy is None:
            return self.response_404()
        body = request.get_json(silent=True)
        body = body if isinstance(body, dict) else {}

        def text(name):
            value = body.get(name)
            return value if isinstance(value, str) else ""

        def run():
            on = parse_date(text("filled_on"))
            services.report_filled(vacancy, on, text("bucket") or None, request_user(), text("ak1_number"),
                                   text("filled_by_name"))
            db.session.commit()
            return self.response(200, result=self.show_model_schema.dump(vacancy),
                                 remaining=slots.remaining_slots(vacancy))

        return self._guarded(run)
