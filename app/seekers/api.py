"""REST API for job seekers and AK-1 records: the same rules, permissions and tenancy as the screens."""
from flask import request
from flask_appbuilder.api import expose, protect, safe
from flask_babel import gettext as _

from app.core.identifiers import clean_nik
from app.core.validation import api_check
from app.core.decisions import DecisionApiMixin
from app.core.views import AppRestApi
from app.extensions import db
from app.seekers import services
from app.seekers.models import Ak1Card, JobSeeker
from app.security.tenancy import TenantInterface, request_user

SEEKER_FIELDS = ["nik", "full_name", "birth_place", "birth_date", "sex", "email", "phone", "religion_code",
                 "marital_status_code", "address", "kecamatan_code", "desa_code", "height_cm", "weight_kg",
                 "disability", "expected_wage", "work_time", "willing_outside_regency", "willing_abroad"]


class JobSeekerApi(AppRestApi):
    datamodel = TenantInterface(JobSeeker)
    resource = "JobSeeker"
    resource_name = "jobseeker"
    openapi_spec_tag = "Pencari Kerja"
    list_columns = ["id", "nik", "full_name", "birth_date", "sex", "kecamatan_code", "education_level_code",
                    "registered_at", "status"]
    show_columns = ["id", *SEEKER_FIELDS, "education_level_code", "registered_at", "status"]
    add_columns = edit_columns = SEEKER_FIELDS
    search_columns = ["nik", "full_name", "kecamatan_code", "education_level_code", "status", "sex"]
    validators_columns = {"nik": api_check(clean_nik)}
    openapi_example = {"nik": "3603011505990003", "full_name": "Ahmad Fauzi", "birth_place": "Tangerang",
                       "birth_date": "1999-05-15", "sex": "L", "email": "ahmad.fauzi@contoh.id",
                       "phone": "081234567890", "address": "Kp. Cikupa RT 01/02", "kecamatan_code": "36.03.01",
                       "desa_code": "36.03.01.2003", "expected_wage": 5000000}

    def pre_add(self, item):
        services.validate_identity(item)
        item.registered_at = services.today_jakarta()

    def pre_update(self, item):
        services.validate_identity(item)


class Ak1Api(DecisionApiMixin, AppRestApi):
    """Read cards, apply (POST), and move them through the workflow with the screens' permissions."""

    datamodel = TenantInterface(Ak1Card)
    resource = "Ak1"
    resource_name = "ak1"
    openapi_spec_tag = "Kartu AK/I"
    list_columns = show_columns = ["id", "job_seeker_id", "application_type", "status", "number", "issued_at",
                                   "valid_until", "signed_by_name", "signed_by_nip", "placed_at",
                                   "placement_employer", "removed_at", "removal_reason", "note"]
    add_columns = ["job_seeker_id", "application_type"]
    search_columns = ["status", "number", "job_seeker_id", "application_type"]
    openapi_example = {"job_seeker_id": 1, "application_type": "baru"}
    # POST /api/v1/ak1/<id>/<action> (app.core.decisions) checks each action's permission (verify, issue, close).
    include_route_methods = {"get", "get_list", "info", "post", "decide", "rereport_api"}
    method_permission_name = {"rereport_api": "rereport"}
    base_permissions = ["can_read", "can_create", "can_verify", "can_issue", "can_rereport", "can_close"]

    def post_headless(self):
        """Applications go through the service (rules, open-application check), not a plain insert."""
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            return self.response_400(message=_("Isi permintaan harus berupa objek JSON."))
        errors = self.add_model_schema.validate(data)
        if data.get("job_seeker_id") is None:  # the owner column, optional in the schema (tenancy)
            errors.setdefault("job_seeker_id", [_("Wajib diisi.")])
        if errors:
            return self.response_422(message=errors)
        return self._guarded(lambda: self._apply(data))

    def _apply(self, data):
        seeker = self.datamodel.get_related_obj("job_seeker", data["job_seeker_id"])
        if seeker is None:
            return self.response_404()
        card = services.apply(seeker, data.get("application_type", "baru"))
        db.session.commit()
        return self.response(201, id=card.id, result=self.show_model_schema.dump(card))

    @expose("/<int:pk>/lapor-ulang", methods=["POST"])
    @protect()
    @safe
    def rereport_api(self, pk):
        """Re-report an issued AK-1 card (the periodic report that keeps it valid).
        ---
        post:
          summary: Lapor ulang kartu AK/I
          description: >-
            Pencari kerja melapor ulang kartunya sendiri (daring); petugas antarkerja mencatat laporan di loket.
            Ditolak dengan 422 di luar jendela lapor ulang atau bila kartu tidak berstatus terbit.
          parameters:
          - in: path
            name: pk
            required: true
            schema:
              type: integer
          responses:
            200:
              description: Laporan tercatat; kartu dengan masa berlaku barunya.
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      result:
                        $ref: '#/components/schemas/{{self.__class__.__name__}}.get'
            422:
              $ref: '#/components/responses/422'
        """
        card = self.datamodel.get(pk)
        if card is None:
            return self.response_404()

        def report():
            user = request_user()
            staff = user.job_seeker_id is None
            services.rereport(card, "loket" if staff else "online", officer=user if staff else None)
            db.session.commit()
            return self.response(200, result=self.show_model_schema.dump(card))

        return self._guarded(report)
