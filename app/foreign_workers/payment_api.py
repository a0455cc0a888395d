"""REST API of DKPTKA payments: the same rules, permissions and tenancy as the screens. The operator POSTs the
payment as JSON, then its proof as multipart to /<id>/proof; the treasurer and the officer decide through
/<id>/<action> (receive, return, resubmit, validate, reject). The receipt PDF is a screen download
(/dkptkapaymentview/tanda-terima/<id>): a document people print, verified by its QR code."""
from flask import request
from flask_appbuilder import expose
from flask_appbuilder.api import protect, safe

from app.core.decisions import DecisionApiMixin
from app.core.views import AppRestApi
from app.extensions import db
from app.foreign_workers import payments
from app.foreign_workers.payments import DkptkaPayment
from app.security.tenancy import TenancyViolation, TenantInterface

FIELDS = ["worker_id", "extension_id", "rptka_number", "rptka_start", "rptka_end", "months", "positions", "usd_amount",
          "exchange_rate", "rate_date", "idr_amount", "billing_code", "bank_reference"]


class DkptkaPaymentApi(DecisionApiMixin, AppRestApi):
    """DKPTKA payments. POST checks the figures (USD 100 × months × positions; rupiah = USD × rate rounded to
    whole rupiah, half upwards; months = the months of the RPTKA period paid), that every work location of the
    worker is in Kabupaten Tangerang, that no month of the worker is paid twice, and (with `extension_id`) that
    the period lies inside that extension request's; each wrong figure is reported at its field (422, message:
    field -> messages). Validating a payment releases its extension request."""

    datamodel = TenantInterface(DkptkaPayment)
    resource = payments.RESOURCE
    resource_name = "dkptka"
    openapi_spec_tag = "Pembayaran DKPTKA"
    list_columns = ["id", "company_id", "worker_id", "rptka_number", "idr_amount", "status", "number",
                    "submitted_at", "received_at", "validated_at"]
    show_columns = ["id", "company_id", *FIELDS, "proof_file_id", "work_locations", "status", "number",
                    "submitted_at", "received_at", "validated_at", "note"]
    add_columns = FIELDS
    search_columns = ["company_id", "worker_id", "status", "number", "billing_code", "submitted_at"]
    include_route_methods = {"get", "get_list", "info", "post", "decide", "proof"}
    method_permission_name = {"proof": "write"}
    openapi_example = {"worker_id": 1, "rptka_number": "B.3/12345/PK.04/2026", "rptka_start": "2027-01-01",
                       "rptka_end": "2027-12-31", "months": 12, "positions": 1, "usd_amount": 1200,
                       "exchange_rate": "16250.50", "rate_date": "2026-11-27", "idr_amount": 19500600,
                       "billing_code": "820261127000123", "bank_reference": "BJB-2026112700123"}

    def post_headless(self):
        return self._guarded(self._submit)

    def _submit(self):
        body = request.get_json(silent=True) or {}
        try:
            data = self.add_model_schema.load(body)
        except Exception as error:  # marshmallow ValidationError: the fields' own messages
            return self.response_400(message=getattr(error, "messages", str(error)))
        item = data if isinstance(data, DkptkaPayment) else DkptkaPayment(**data)
        if item in db.session:
            db.session.expunge(item)
        try:
            payments.check_payment(item)
        except payments.AmountProblems as error:
            db.session.rollback()
            messages = {}
            for field, message in error.problems:
                messages.setdefault(field or "amounts", []).append(message)
            return self.response_422(message=messages)
        if item.worker is None and item.worker_id is not None:
            raise TenancyViolation("worker not reachable")
        item.status = "submitted"
        db.session.add(item)
        db.session.commit()
        return self.response(201, id=item.id, result=self.show_model_schema.dump(item))

    @expose("/<int:pk>/proof", methods=["POST"])
    @protect()
    @safe
    def proof(self, pk):
        """Upload the proof of payment of a submitted or returned payment.
        ---
        post:
          summary: Unggah bukti pembayaran DKPTKA
          description: >-
            Bukti setor dari bank (PDF, JPG atau PNG, diperiksa dari isinya), sebagai multipart/form-data dengan
            kolom `file`. Bendahara baru dapat mengonfirmasi dana setelah bukti diunggah.
          parameters:
          - in: path
            name: pk
            required: true
            schema:
              type: integer
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
              description: Bukti tersimpan; pembayaran dengan bukti barunya.
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      result:
                        $ref: '#/components/schemas/{{self.__class__.__name__}}.get'
        """
        payment = self.datamodel.get(pk)
        if payment is None:
            return self.response_404()

        def upload():
            payments.check_editable(payment)
            payments.attach_proof(payment, request.files.get("file"))
            db.session.commit()
            return self.response(200, result=self.show_model_schema.dump(payment))

        return self._guarded(upload)
