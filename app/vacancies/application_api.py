"""REST API for applications and placements: the same rules (app.vacancies.applications, .placements),
permissions and tenancy as the screens."""
from flask import request
from flask_appbuilder.api import expose, protect, safe
from flask_babel import gettext as _

from app.core.decisions import DecisionApiMixin
from app.core.forms import parse_date
from app.core.validation import DomainError
from app.core.views import AppRestApi
from app.extensions import db
from app.security.tenancy import TenantInterface, request_user, scope_for
from app.vacancies import applications as rules
from app.vacancies.models import Application, Placement, Vacancy

class _SelectableColumns:
    """A GET may ask for some columns only (q.columns): no column of a read schema is required. (FAB marks the
    non-null columns required in the read schemas too; the document then promised fields a selection leaves
    out.)"""

    def _init_model_schemas(self):
        super()._init_model_schemas()
        for schema in filter(None, (self.show_model_schema, self.list_model_schema)):
            for field in [*schema.fields.values(), *type(schema)._declared_fields.values()]:
                if field is not None:
                    field.required = False


APPLICATION_COLUMNS = ["id", "vacancy_id", "company_id", "job_seeker_id", "status", "applied_at", "source",
                       "fair_id", "interview_at", "decided_at", "refusal_reason", "note", "cover_note",
                       "applicant_name", "applicant_age", "applicant_education", "ak1_number"]


class ApplicationApi(_SelectableColumns, DecisionApiMixin, AppRestApi):
    """POST: a job seeker applies ({vacancy_id, cover_note, fair_id}); the company's operators and officers
    move applications with POST /<id>/<action> (review, interview, accept, refuse), the seeker withdraws.
    The applicant's NIK and address are not part of this resource."""

    datamodel = TenantInterface(Application)
    resource = "Application"
    resource_name = "application"
    openapi_spec_tag = "Lamaran"
    list_columns = show_columns = APPLICATION_COLUMNS
    add_columns = ["vacancy_id", "cover_note", "fair_id"]
    search_columns = ["vacancy_id", "status", "applied_at", "source", "fair_id"]
    include_route_methods = {"get", "get_list", "info", "post", "decide"}
    base_permissions = ["can_read", "can_create"]
    openapi_example = {"vacancy_id": 1, "cover_note": "Saya lulusan SMK Teknik Mesin dan siap bekerja shift."}

    def post_headless(self):
        def run():
            from app.seekers.models import JobSeeker

            body = request.get_json(silent=True) or {}
            user = request_user()
            if getattr(user, "job_seeker_id", None) is None:
                raise DomainError(_("Hanya pencari kerja yang dapat melamar melalui API ini."))
            vacancy_id = body.get("vacancy_id")
            if not isinstance(vacancy_id, int) or isinstance(vacancy_id, bool):
                return self.response_400(message=_("vacancy_id wajib berupa bilangan bulat."))
            note = body.get("cover_note")
            if note is not None and not isinstance(note, str):
                return self.response_400(message=_("cover_note harus berupa teks."))
            fair_id = body.get("fair_id")
            if fair_id is not None and (not isinstance(fair_id, int) or isinstance(fair_id, bool)):
                return self.response_400(message=_("fair_id harus berupa bilangan bulat."))
            vacancy = db.session.get(Vacancy, vacancy_id) if abs(vacancy_id) < 2 ** 31 else None
            if vacancy is None:
                return self.response_404()
            application = rules.apply(db.session.get(JobSeeker, user.job_seeker_id), vacancy, user,
                                      fair_id=fair_id, cover_note=note)
            db.session.commit()
            return self.response(201, id=application.id, result=self.show_model_schema.dump(application))

        return self._guarded(run)


PLACEMENT_COLUMNS = ["id", "job_seeker_id", "ak1_card_id", "company_id", "employer_name", "employer_type_code",
                     "vacancy_id", "application_id", "position", "kbji_code", "placed_on", "placement_type",
                     "destination", "fair_id", "sex", "birth_date", "education_ipk_code", "recorded_by"]
PLACEMENT_BODY = ["ak1_number", "nik", "birth_date", "company_id", "employer_name", "employer_type_code",
                  "vacancy_id", "position", "kbji_code", "placed_on", "placement_type", "destination"]


class PlacementApi(_SelectableColumns, AppRestApi):
    datamodel = TenantInterface(Placement)
    resource = "Placement"
    resource_name = "placement"
    openapi_spec_tag = "Penempatan"
    list_columns = show_columns = PLACEMENT_COLUMNS
    search_columns = ["placed_on", "placement_type", "company_id", "job_seeker_id", "vacancy_id", "recorded_by"]
    include_route_methods = {"get", "get_list", "info", "record"}
    base_permissions = ["can_read", "can_create"]
    method_permission_name = {"record": "create"}

    @expose("/", methods=["POST"])
    @protect()
    @safe
    def record(self):
        """Record a placement directly.
        ---
        post:
          summary: Catat penempatan tenaga kerja
          description: >-
            Pekerja dikenali dari nomor kartu AK/I yang berlaku ditambah NIK atau tanggal lahir (operator
            perusahaan wajib; petugas cukup nomor kartu). Operator mencatat untuk perusahaannya sendiri; petugas
            untuk perusahaan terdaftar (company_id) atau pemberi kerja lain (employer_name + employer_type_code).
            Penempatan menutup kartu AK/I sebagai ditempatkan dan mengisi satu slot lowongan (vacancy_id). Jenis
            AKL bawaan; AKAD/AKAN wajib destination.
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  required: [ak1_number, placed_on]
                  properties:
                    ak1_number: {type: string}
                    nik: {type: string}
                    birth_date: {type: string, format: date}
                    company_id: {type: integer}
                    employer_name: {type: string}
                    employer_type_code: {type: string, enum: [GOV, SOE, COOP, PRIVATE, OTHER, PERSON]}
                    vacancy_id: {type: integer}
                    position: {type: string}
                    kbji_code: {type: string}
                    placed_on: {type: string, format: date}
                    placement_type: {type: string, enum: [AKL, AKAD, AKAN]}
                    destination: {type: string}
                example: {"ak1_number": "3603-011126-000123", "nik": "3603011705980001",
                          "placed_on": "2026-12-01", "position": "Operator produksi", "kbji_code": "8189"}
          responses:
            201:
              description: Penempatan tercatat.
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      id: {type: integer}
                      result:
                        $ref: '#/components/schemas/{{self.__class__.__name__}}.get'
        """
        from app.vacancies.application_views import PlacementView

        def run():
            body = request.get_json(silent=True) or {}
            values = {}
            for key in PLACEMENT_BODY:
                value = body.get(key)
                if value is not None and not isinstance(value, (str, int)) or isinstance(value, bool):
                    return self.response_400(message=_("%(field)s: jenis nilai tidak sesuai.", field=key))
                values[key] = str(value).strip() if value is not None else ""
            for key in ("placed_on", "birth_date"):
                if values[key] and parse_date(values[key]) is None:
                    return self.response_400(message=_("%(field)s: tanggal tidak valid (YYYY-MM-DD).", field=key))
            user = request_user()
            scope = scope_for(user)
            if scope is not None and scope.kind != "company":
                return self.response_403()
            from app.companies.models import Company

            company = db.session.get(Company, scope.owner_id) if scope is not None else None
            placement = PlacementView._record(user, company, values)
            db.session.commit()
            return self.response(201, id=placement.id, result=self.show_model_schema.dump(placement))

        return self._guarded(run)
