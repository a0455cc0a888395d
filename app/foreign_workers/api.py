"""REST API of the foreign-worker register: the same rules, permissions and tenancy as the screens."""
from flask_babel import gettext as _

from app.core.validation import DomainError
from app.core.views import AppRestApi
from app.foreign_workers import services
from app.foreign_workers.models import ForeignWorker, ForeignWorkerEvent, ForeignWorkerLocation
from app.security.tenancy import TenancyViolation, TenantInterface, request_user, scope_query
from app.extensions import db

FIELDS = ["full_name", "sex", "birth_place", "birth_date", "nationality", "passport_number", "passport_expires_on",
          "position", "kbji_code", "rptka_number", "rptka_start", "rptka_end", "permit_kind", "permit_number",
          "permit_expires_on", "counterpart_name", "counterpart_nik", "arrived_on"]


def owned_worker(worker_id) -> ForeignWorker:
    """The worker an API body names, if the user may reach it; another company's answers 404."""
    worker = None
    if isinstance(worker_id, int) and not isinstance(worker_id, bool) and 0 < worker_id < 2 ** 31:
        worker = scope_query(db.session.query(ForeignWorker), ForeignWorker).filter(
            ForeignWorker.id == worker_id).one_or_none()
    if worker is None:
        raise TenancyViolation("worker not reachable")
    return worker


class ForeignWorkerApi(AppRestApi):
    """The register. POST reports a worker of the operator's company (officers name `company_id`); the work
    locations go to /api/v1/foreignworker-location/; events (arrival, extension, transfer, departure) to
    /api/v1/foreignworker-event/ — status, arrival and departure dates follow from them."""

    datamodel = TenantInterface(ForeignWorker)
    resource = "ForeignWorker"
    resource_name = "foreignworker"
    openapi_spec_tag = "Tenaga Kerja Asing"
    list_columns = ["id", "company_id", "full_name", "nationality", "passport_number", "position", "rptka_end",
                    "permit_expires_on", "status"]
    show_columns = ["id", "company_id", *FIELDS, "status", "departed_on"]
    add_columns = ["company_id", *FIELDS]
    edit_columns = FIELDS
    search_columns = ["company_id", "full_name", "passport_number", "nationality", "status", "rptka_end",
                      "permit_expires_on", "passport_expires_on"]
    include_route_methods = {"get", "get_list", "info", "post", "put"}
    openapi_example = {"full_name": "Li Wei", "sex": "L", "birth_place": "Shanghai", "birth_date": "1985-04-12",
                       "nationality": "CN", "passport_number": "E12345678", "passport_expires_on": "2030-01-31",
                       "position": "Manajer produksi", "kbji_code": "1321", "rptka_number": "B.3/12345/PK.04/2026",
                       "rptka_start": "2026-01-01", "rptka_end": "2026-12-31", "permit_kind": "kitas",
                       "permit_number": "2C21AB1234567", "permit_expires_on": "2026-12-31",
                       "counterpart_name": "Budi Santoso", "counterpart_nik": "3603021204850003"}

    def pre_add(self, item):
        services.set_company(item)
        services.save_worker(item, None)

    def pre_update(self, item):
        services.save_worker(item, None)


class ForeignWorkerLocationApi(AppRestApi):
    """A worker's work locations: `kecamatan_code` inside Kabupaten Tangerang, or `regency_code` ("dd.dd") and
    `regency_name` elsewhere (the province follows from the code)."""

    datamodel = TenantInterface(ForeignWorkerLocation)
    resource = "ForeignWorker"
    resource_name = "foreignworker-location"
    openapi_spec_tag = "Tenaga Kerja Asing"
    list_columns = show_columns = ["id", "worker_id", "company_id", "kecamatan_code", "province_code",
                                   "regency_code", "regency_name"]
    add_columns = ["worker_id", "kecamatan_code", "regency_code", "regency_name"]
    search_columns = ["worker_id", "company_id", "regency_code"]
    method_permission_name = {"delete": "write"}  # removing a location changes the worker
    include_route_methods = {"get", "get_list", "info", "post", "delete"}
    openapi_example = {"worker_id": 1, "kecamatan_code": "36.03.12"}

    # The schema FAB derives asks for the stored province and regency even for a kecamatan: read the body here.
    def post_headless(self):
        return self._guarded(self._post_location)

    def _post_location(self):
        from flask import request

        body = request.get_json(silent=True) or {}
        text = {name: body.get(name) if isinstance(body.get(name), str) else None
                for name in ("kecamatan_code", "regency_code", "regency_name")}
        worker = owned_worker(body.get("worker_id"))
        built = services.build_location(services.Place(**text))
        if any((loc.kecamatan_code, loc.regency_code) == (built.kecamatan_code, built.regency_code)
               for loc in worker.locations):
            raise DomainError(_("Lokasi kerja ini sudah tercatat."), field="locations")
        built.company_id = worker.company_id
        worker.locations.append(built)
        db.session.commit()
        return self.response(201, id=built.id, result=self.add_model_schema.dump(built))

    def pre_delete(self, item):
        if len(item.worker.locations) <= 1:
            raise DomainError(_("TKA harus mempunyai paling sedikit satu lokasi kerja."), field="locations")


class ForeignWorkerEventApi(AppRestApi):
    """Dated facts about a worker: `kind` arrival | extension (with `rptka_number`, `rptka_end`, optionally
    `rptka_start`) | transfer (the locations as they now stand are recorded with it) | departure. An event is
    a fact: it is not changed or deleted."""

    datamodel = TenantInterface(ForeignWorkerEvent)
    resource = "ForeignWorker"
    resource_name = "foreignworker-event"
    openapi_spec_tag = "Tenaga Kerja Asing"
    list_columns = show_columns = ["id", "worker_id", "company_id", "kind", "occurred_on", "rptka_number",
                                   "rptka_start", "rptka_end", "locations", "note", "recorded_at"]
    add_columns = ["worker_id", "kind", "occurred_on", "rptka_number", "rptka_start", "rptka_end", "note"]
    search_columns = ["worker_id", "company_id", "kind", "occurred_on"]
    method_permission_name = {"post": "write"}  # recording an event changes the worker
    include_route_methods = {"get", "get_list", "info", "post"}
    openapi_example = {"worker_id": 1, "kind": "departure", "occurred_on": "2026-11-20"}

    def post_headless(self):
        return self._guarded(self._post_event)

    def _post_event(self):
        from flask import request

        body = request.get_json(silent=True) or {}
        try:
            data = self.add_model_schema.load(body)
        except Exception as error:  # marshmallow ValidationError: the fields' own messages
            return self.response_400(message=getattr(error, "messages", str(error)))
        item = data if isinstance(data, ForeignWorkerEvent) else ForeignWorkerEvent(**data)
        worker = owned_worker(item.worker_id)
        event = services.record_event(worker, item.kind, item.occurred_on, request_user(),
                                      rptka_number=item.rptka_number, rptka_start=item.rptka_start,
                                      rptka_end=item.rptka_end, note=item.note)
        if item in db.session:
            db.session.expunge(item)
        db.session.commit()
        return self.response(201, id=event.id, result=self.add_model_schema.dump(event))
