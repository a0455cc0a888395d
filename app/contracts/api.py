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
    list_columns = ["id", "submission_id", "company_id", "full_name", "nik", "position", "kind", "start_date",
                    "end_date", "late", "below_minimum_wage"]
    show_columns = ["id", "submission_id", "company_id", *FIELDS, "sequence", "late", "late_working_days",
                    "minimum_wage", "below_minimum_wage", "minimum_wage_missing", "unlinked_earlier",
                    "becomes_permanent", "ended_at", "end_reason"]
    add_columns = edit_columns = FIELDS
    search_columns = ["company_id", "nik", "full_name", "kind", "start_date", "end_date", "late"]
    method_permission_name = {"end": "write"}

    @expose("/<int:pk>/end", methods=["POST"])
    @protect()
    @safe
    def end(self, pk):
        """The real end of a registered contract, JSON {"ended_at": "YYYY-MM-DD", "end_reason": …}: 200 with the
        contract, 404 for another company's, 422 for a refusal."""
        contract = self.datamodel.get(pk)
        if contract is None:
            return self.response_404()
        body = request.get_json(silent=True)
        body = body if isinstance(body, dict) else {}

        def run():
            services.record_end(contract, parse_date(str(body.get("ended_at") or "")), body.get("end_reason"))
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
    list_columns = show_columns = ["id", "company_id", "status", "number", "submitted_at", "registered_at",
                                   "source", "note"]
    search_columns = ["company_id", "status", "number", "registered_at"]
    # POST /api/v1/pkwt-submission/<id>/<action> (app.core.decisions): approve, return, reject, resubmit
    include_route_methods = {"get", "get_list", "info", "decide"}
    base_permissions = ["can_read", "can_verify"]
