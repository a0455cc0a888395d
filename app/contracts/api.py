"""REST API for PKWT: the same rules, permissions and tenancy as the screens."""
from flask import request
from flask_appbuilder.api import expose, protect, safe

from app.contracts import services
from app.contracts.models import PkwtContract, PkwtSubmission
from app.core.decisions import DecisionApiMixin
from app.core.forms import parse_date
from app.core.views import AppRestApi
from app.extensions import db
from app.security.tenancy import TenantInterface

FIELDS = ["nik", "passport_number", "full_name", "sex", "birth_date", "address", "nationality", "position",
          "place_of_work", "wage", "wage_payment", "kind", "start_date", "end_date", "completion_criterion",
          "previous_id", "signed_at"]


class PkwtContractApi(AppRestApi):
    """POST submits one contract (a new submission of the operator's company); a registered contract cannot
    be changed or deleted."""

    datamodel = TenantInterface(PkwtContract)
    resource = "Pkwt"
    resource_name = "pkwt"
    openapi_spec_tag = "PKWT"
    list_columns = ["id", "submission_id", "company_id", "full_name", "nik", "position", "kind", "start_date",
                    "end_date", "late", "below_minimum_wage"]
    show_columns = ["id", "submission_id", "company_id", *FIELDS, "sequence", "late", "late_working_days",
                    "minimum_wage", "below_minimum_wage", "minimum_wage_missing", "unlinked_earlier",
                    "becomes_permanent", "ended_at", "end_reason"]
    add_columns = edit_columns = FIELDS
    search_columns = ["company_id", "nik", "full_name", "kind", "start_date", "end_date", "late"]
    openapi_example = {"nik": "3603025006960007", "full_name": "Siti Rahmawati", "sex": "P",
                       "birth_date": "1996-06-10", "address": "Jl. Raya Pasar Kemis No. 1", "nationality": "ID",
                       "position": "Operator produksi", "place_of_work": "Pabrik Cikupa", "wage": 5300000,
                       "wage_payment": "bulanan", "kind": "jangka_waktu", "start_date": "2026-12-01",
                       "end_date": "2027-11-30", "signed_at": "2026-11-27"}

    method_permission_name = {"end": "write"}

    @expose("/<int:pk>/end", methods=["POST"])
    @protect()
    @safe
    def end(self, pk):
        """The real end of a registered contract: 200 with the contract, 404 for another company's, 422 for a
        refusal.
        ---
        post:
          summary: Catat berakhirnya PKWT yang sudah tercatat
          description: >-
            Tanggal dan alasan berakhirnya kontrak sebenarnya; kompensasi (PP 35/2021 pasal 15-17) dihitung
            darinya. Hanya untuk PKWT yang sudah tercatat; tanggal tidak boleh sesudah hari ini.
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
                  required: [ended_at, end_reason]
                  properties:
                    ended_at:
                      type: string
                      format: date
                    end_reason:
                      type: string
                      enum: [selesai, diakhiri_pengusaha, diakhiri_pekerja, menjadi_pkwtt]
                example: {"ended_at": "2026-11-20", "end_reason": "diakhiri_pekerja"}
          responses:
            200:
              description: Berakhirnya PKWT tercatat; kontrak dengan kompensasinya.
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      result:
                        $ref: '#/components/schemas/{{self.__class__.__name__}}.get'
        """
        contract = self.datamodel.get(pk)
        if contract is None:
            return self.response_404()
        body = request.get_json(silent=True)
        body = body if isinstance(body, dict) else {}
        reason = body.get("end_reason") if isinstance(body.get("end_reason"), str) else None

        def run():
            services.record_end(contract, parse_date(str(body.get("ended_at") or "")), reason)
            db.session.commit()
            return self.response(200, result=self.show_model_schema.dump(contract))

        return self._guarded(run)

    def pre_add(self, item):
        services.submit_one(item)

    def pre_update(self, item):
        services.update_one(item)

    def pre_delete(self, item):
        services.check_editable(item)


class PkwtSubmissionApi(DecisionApiMixin, AppRestApi):
    datamodel = TenantInterface(PkwtSubmission)
    resource = "Pkwt"
    resource_name = "pkwt-submission"
    openapi_spec_tag = "Pengajuan PKWT"
    list_columns = show_columns = ["id", "company_id", "status", "number", "submitted_at", "registered_at",
                                   "source", "note"]
    search_columns = ["company_id", "status", "number", "registered_at"]
    # POST /api/v1/pkwt-submission/<id>/<action> (app.core.decisions): approve, return, reject, resubmit
    include_route_methods = {"get", "get_list", "info", "decide"}
    base_permissions = ["can_read", "can_verify"]
