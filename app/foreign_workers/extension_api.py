"""REST API of RPTKA extension requests: the same rules, permissions, tenancy and workflow as the screens."""
from flask import request
from flask_appbuilder.api import expose, protect, safe
from flask_babel import gettext as _

from app.core.decisions import DecisionApiMixin
from app.core.validation import DomainError
from app.core.views import AppRestApi
from app.extensions import db
from app.foreign_workers import extensions
from app.foreign_workers.api import owned_worker
from app.foreign_workers.extensions import ATTACHMENTS, ExtensionRequest
from app.security.tenancy import TenantInterface, request_user

COLUMNS = ["id", "company_id", "worker_id", "requested_on", "current_rptka_end", "due_by", "late", "period_start",
           "period_end", "months", "reason", "status", "note", "checked_at", "decided_at", "new_rptka_number",
           "new_rptka_end", *(column for column, _label in ATTACHMENTS.values())]


class ExtensionApi(DecisionApiMixin, AppRestApi):
    """RPTKA extension requests (PP 34/2021 art. 21). POST asks for a present worker with `worker_id`,
    `period_start`, `period_end` (at most 2 years) and `reason`: an operator for the own company's, the TKA officer
    for any company's (papers brought to the counter; the company's operators are notified). Months, the last day
    to ask and the late flag are computed. Attachments: POST /<pk>/lampiran/<code> (multipart `file`, PDF/JPEG/
    PNG). Decisions: POST /<pk>/<action> — check, return, resubmit, approve (`rptka_number`, `rptka_end`),
    reject (`reason`)."""

    datamodel = TenantInterface(ExtensionRequest)
    resource = extensions.RESOURCE
    resource_name = "tkaextension"
    openapi_spec_tag = "Tenaga Kerja Asing"
    list_columns = ["id", "company_id", "worker_id", "requested_on", "due_by", "late", "period_start", "period_end",
                    "months", "status"]
    show_columns = COLUMNS
    add_columns = edit_columns = ["worker_id", "period_start", "period_end", "reason"]
    search_columns = ["company_id", "worker_id", "status", "late", "requested_on"]
    include_route_methods = {"get", "get_list", "info", "post", "decide", "attach"}
    method_permission_name = {"attach": "write"}
    openapi_example = {"worker_id": 1, "period_start": "2027-01-01", "period_end": "2027-12-31",
                       "reason": "Proyek pemasangan mesin berlanjut satu tahun."}

    def post_headless(self):
        return self._guarded(self._post_request)

    def _post_request(self):
        body = request.get_json(silent=True) or {}
        try:
            data = self.add_model_schema.load(body)
        except Exception as error:  # marshmallow ValidationError: the fields' own messages
            return self.response_400(message=getattr(error, "messages", str(error)))
        item = data if isinstance(data, ExtensionRequest) else ExtensionRequest(**data)
        worker = owned_worker(item.worker_id)
        fresh = ExtensionRequest(worker_id=worker.id, company_id=worker.company_id, period_start=item.period_start,
                                 period_end=item.period_end, reason=item.reason)
        if item in db.session:
            db.session.expunge(item)
        extensions.submit(fresh)
        db.session.add(fresh)
        db.session.flush()
        extensions.notify_filed(fresh, request_user())
        db.session.commit()
        return self.response(201, id=fresh.id, result=self.show_model_schema.dump(fresh))

    @expose("/<int:pk>/lampiran/<string:code>", methods=["POST"])
    @protect()
    @safe
    def attach(self, pk, code):
        """Upload one attachment of an extension request.
        ---
        post:
          summary: Unggah lampiran permohonan perpanjangan RPTKA
          description: >-
            Lampiran PP 34/2021 pasal 21, diperiksa dari isinya (PDF, JPEG atau PNG). Kode lampiran: rptka,
            contract, passport, social_security, npwp_worker, npwp_employer, training. Lampiran lama diganti.
            Hanya selama permohonan diajukan atau dikembalikan (422 sesudahnya).
          parameters:
          - in: path
            name: pk
            required: true
            schema:
              type: integer
          - in: path
            name: code
            required: true
            schema:
              type: string
              enum: [rptka, contract, passport, social_security, npwp_worker, npwp_employer, training]
          requestBody:
            required: true
            content:
              multipart/form-data:
                schema:
                  type: object
                  properties:
                    file:
                      type: string
                      format: binary
          responses:
            200:
              description: Lampiran tersimpan; permohonan dengan lampirannya.
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
        req = self.datamodel.get(pk)
        if req is None:
            return self.response_404()
        if code not in ATTACHMENTS:
            return self.response_404()

        def upload():
            if request.files.get("file") is None:
                raise DomainError(_("Kirim berkas sebagai multipart/form-data dengan nama 'file'."))
            extensions.attach(req, code, request.files["file"])
            db.session.commit()
            return self.response(200, result=self.show_model_schema.dump(req))

        return self._guarded(upload)

