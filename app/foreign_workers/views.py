"""Foreign-worker screens: the register (list with expiry windows, show page with locations and events, add/edit)
and the list of workers whose KITAS/KITAP or RPTKA ended without a departure report."""
from flask import g, make_response, redirect, request, url_for
from flask_appbuilder import expose, has_access
from flask_appbuilder.models.filters import BaseFilter
from flask_appbuilder.models.sqla.filters import FilterEqual
from flask_babel import gettext as _, lazy_gettext as _l, lazy_pgettext
from wtforms import SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Optional

from app.core.forms import parse_date
from app.core.formatting import today_jakarta
from app.core.i18n import N_
from app.core.menu import add_view
from app.core.validation import DomainError
from app.core.views import AppModelView, OwnCompanyAddFormMixin
from app.extensions import db
from app.foreign_workers import regions, services
from app.foreign_workers.models import EVENT_KINDS, PERMIT_KINDS, STATUSES, ForeignWorker
from app.reference.lists import SEX_CHOICES
from app.reference.models import Region
from app.security.tenancy import TenantInterface, get_owned_or_404, request_user

CATEGORY = N_("TKA")  # menu category, a permission name: plain, translated when the menu renders
LABELS = {
    "company": lazy_pgettext("column", "Perusahaan"), "company_id": _l("ID perusahaan"),
    "full_name": _l("Nama lengkap"), "sex": _l("Jenis kelamin"), "birth_place": _l("Tempat lahir"),
    "birth_date": _l("Tanggal lahir"), "nationality": _l("Kewarganegaraan"),
    "nationality_name": _l("Kewarganegaraan"), "passport_number": _l("Nomor paspor"),
    "passport_expires_on": _l("Paspor berlaku sampai"), "position": _l("Jabatan"),
    "kbji": _l("Jabatan (KBJI 4 digit)"), "rptka_number": _l("Nomor RPTKA"), "rptka_start": _l("RPTKA mulai"),
    "rptka_end": _l("RPTKA berakhir"), "permit_kind": _l("Jenis izin tinggal"),
    "permit_number": _l("Nomor KITAS/KITAP"), "permit_expires_on": _l("KITAS/KITAP berlaku sampai"),
    "counterpart_name": _l("Nama tenaga kerja pendamping"), "counterpart_nik": _l("NIK tenaga kerja pendamping"),
    "status": _l("Status"), "arrived_on": _l("Tanggal kedatangan"), "departed_on": _l("Tanggal kepulangan"),
    "kecamatan_codes": _l("Lokasi kerja di Kabupaten Tangerang (kecamatan)"),
    "outside_regency": _l("Lokasi kerja di luar Kabupaten Tangerang: kode kabupaten/kota"),
    "outside_name": _l("Nama kabupaten/kota di luar Banten"), "locations_text": _l("Lokasi kerja"),
}
FORM = ["full_name", "sex", "birth_place", "birth_date", "nationality", "passport_number", "passport_expires_on",
        "position", "kbji", "rptka_number", "rptka_start", "rptka_end", "permit_kind", "permit_number",
        "permit_expires_on", "kecamatan_codes", "outside_regency", "outside_name", "counterpart_name",
        "counterpart_nik", "arrived_on"]


def _fieldsets(first):
    return [
        (_l("Identitas"), {"fields": [*first, "full_name", "sex", "birth_place", "birth_date", "nationality",
                                      "passport_number", "passport_expires_on"]}),
        (_l("Jabatan dan RPTKA"), {"fields": ["position", "kbji", "rptka_number", "rptka_start", "rptka_end"]}),
        (_l("Izin tinggal"), {"fields": ["permit_kind", "permit_number", "permit_expires_on", "arrived_on"]}),
        (_l("Lokasi kerja"), {"fields": ["kecamatan_codes", "outside_regency", "outside_name"]}),
        (_l("Tenaga kerja pendamping"), {"fields": ["counterpart_name", "counterpart_nik"]}),
    ]


# The form reads and writes the locations as kecamatan codes plus at most one regency elsewhere; the service turns
# them into rows (services.set_locations) when the view saves.
def _kecamatan_codes(worker):
    return [loc.kecamatan_code for loc in worker.locations if loc.kecamatan_code]


def _outside(worker):
    return next((loc for loc in worker.locations if not loc.kecamatan_code), None)


def _stage(attribute):
    def setter(worker, value):
        worker.__dict__.setdefault("_places_form", {})[attribute] = value
    return setter


ForeignWorker.kecamatan_codes = property(_kecamatan_codes, _stage("kecamatan_codes"))
ForeignWorker.outside_regency = property(lambda w: getattr(_outside(w), "regency_code", None),
                                         _stage("outside_regency"))
ForeignWorker.outside_name = property(lambda w: getattr(_outside(w), "regency_name", None), _stage("outside_name"))
ForeignWorker.nationality_name = property(lambda w: services.country_name(w.nationality))
ForeignWorker.locations_text = property(lambda w: services.describe_locations(w.locations))


def staged_places(worker) -> list[services.Place] | None:
    """The locations the form filled in, or None when the form did not carry them."""
    staged = worker.__dict__.pop("_places_form", None)
    if staged is None:
        return None
    places = [services.Place(kecamatan_code=code) for code in staged.get("kecamatan_codes") or []]
    if (staged.get("outside_regency") or "").strip():
        places.append(services.Place(regency_code=staged["outside_regency"], regency_name=staged.get("outside_name")))
    return places


class KecamatanField(SelectMultipleField):
    """The regency's kecamatan, read when the form is built (29 rows), several at once."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = [(r.code, r.name) for r in
                        db.session.query(Region).filter_by(level="kecamatan").order_by(Region.name)]


def _outside_choices():
    banten = [(code, name) for code, name in regions.BANTEN_REGENCIES.items() if code != regions.REGENCY]
    return banten


_SELECT = {"class": "form-control"}


def _extra_fields():
    return {
        "sex": SelectField(_l("Jenis kelamin"), choices=SEX_CHOICES, validators=[DataRequired()], render_kw=_SELECT),
        "nationality": SelectField(_l("Kewarganegaraan"), choices=list(services.countries().items()),
                                   validators=[DataRequired()], render_kw=_SELECT),
        "permit_kind": SelectField(_l("Jenis izin tinggal"), choices=[(k, _l(v)) for k, v in PERMIT_KINDS.items()],
                                   validators=[Optional()], render_kw=_SELECT),
        "kecamatan_codes": KecamatanField(
            _l("Lokasi kerja di Kabupaten Tangerang (kecamatan)"), validators=[Optional()],
            description=_l("Boleh lebih dari satu (tahan Ctrl, atau sentuh beberapa di ponsel)."),
            render_kw={"class": "form-control", "size": 6}),
        "outside_regency": StringField(
            _l("Lokasi kerja di luar Kabupaten Tangerang: kode kabupaten/kota"), validators=[Optional()],
            description=_l("Kode Kemendagri 99.99, misalnya 36.71 Kota Tangerang atau 31.74 Jakarta Selatan."),
            render_kw={"class": "form-control", "inputmode": "decimal", "style": "max-width:10em",
                       "list": "regency-codes"}),
        "outside_name": StringField(_l("Nama kabupaten/kota di luar Banten"), validators=[Optional()],
                                    render_kw={"class": "form-control"}),
    }


class EndedWithoutDepartureFilter(BaseFilter):
    """Present workers whose KITAS/KITAP or RPTKA ended before today (services.ended_without_departure)."""

    name = _l("Izin berakhir tanpa laporan kepulangan")

    def apply(self, query, value):
        return services.ended_without_departure(query)


class ForeignWorkerView(OwnCompanyAddFormMixin, AppModelView):
    """The register of foreign workers: operators report their own company's, the TKA officer sees all."""

    datamodel = TenantInterface(ForeignWorker)
    resource = "ForeignWorker"
    list_title = _l("Tenaga Kerja Asing")
    show_title = _l("Tenaga Kerja Asing")
    add_title = _l("Laporkan tenaga kerja asing")
    edit_title = _l("Ubah data tenaga kerja asing")
    list_columns = ["full_name", "company", "nationality_name", "position", "rptka_end", "permit_expires_on",
                    "status"]
    order_columns = ["full_name", "rptka_end", "permit_expires_on"]
    search_columns = ["company_id", "full_name", "passport_number", "nationality", "status", "rptka_end",
                      "permit_expires_on", "passport_expires_on"]
    add_columns = ["company"] + FORM
    edit_columns = FORM
    show_columns = ["company", "full_name", "sex", "birth_place", "birth_date", "nationality_name",
                    "passport_number", "passport_expires_on", "position", "kbji", "rptka_number", "rptka_start",
                    "rptka_end", "permit_kind", "permit_number", "permit_expires_on", "counterpart_name",
                    "counterpart_nik", "status", "arrived_on", "departed_on"]
    label_columns = LABELS
    add_fieldsets = _fieldsets(["company"])
    edit_fieldsets = _fieldsets([])
    base_order = ("id", "desc")
    show_template = "foreign_workers/show.html"
    base_permissions = ["can_read", "can_create", "can_write"]
    method_permission_name = {"event": "write"}
    add_form_extra_fields = edit_form_extra_fields = _extra_fields()
    search_form_extra_fields = {
        "nationality": SelectField(_l("Kewarganegaraan"), choices=list(services.countries().items())),
        "status": SelectField(_l("Status"), choices=[(k, _l(v)) for k, v in STATUSES.items()]),
    }
    add_form_query_rel_fields = edit_form_query_rel_fields = {
        "kbji": [["level", FilterEqual, 4]], "company": [["status", FilterEqual, "verified"]]}
    description_columns = {
        "company": _l("Petugas mencatat TKA atas nama perusahaan ini."),
        "kbji": _l("Ketik nama atau kode jabatan, misalnya \"manajer\" atau \"1321\"."),
        "rptka_number": _l("RPTKA disahkan Kementerian Ketenagakerjaan (TKA Online)."),
        "counterpart_nik": _l("16 digit, sesuai KTP."),
    }

    def pre_add(self, item):
        services.set_company(item)
        services.save_worker(item, staged_places(item) or [])

    def post_add(self, item):
        g.added_worker = item

    def post_add_redirect(self):
        added = g.pop("added_worker", None)
        if added is None:
            return super().post_add_redirect()
        return redirect(url_for("ForeignWorkerView.show", pk=added.id))

    def pre_update(self, item):
        services.save_worker(item, staged_places(item) or [])

    def show_context(self, worker):
        return dict(worker=worker, events=list(worker.events), event_kinds=EVENT_KINDS,
                    authority=services.authority(worker), event_failed=g.get("event_failed"),
                    may_write=self.appbuilder.sm.has_access("can_write", "ForeignWorker"),
                    today=today_jakarta(), extension_requests=_extension_requests(worker),
                    kecamatan=db.session.query(Region).filter_by(level="kecamatan").order_by(Region.name).all())

    @expose("/peristiwa/<pk>", methods=["POST"])
    @has_access
    def event(self, pk):
        """Record a dated fact (arrival, extension, transfer, departure) from the worker's page."""
        worker = get_owned_or_404(db.session, ForeignWorker, pk)
        form = request.form
        try:
            places = [services.Place(kecamatan_code=code) for code in form.getlist("kecamatan_codes")]
            if form.get("outside_regency", "").strip():
                places.append(services.Place(regency_code=form["outside_regency"],
                                             regency_name=form.get("outside_name")))
            services.record_event(worker, form.get("kind", ""), _date(form, "occurred_on"), request_user(),
                                  rptka_number=form.get("rptka_number"), rptka_end=_date(form, "rptka_end"),
                                  places=places or None, note=form.get("note"))
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            g.event_failed = {"field": error.field, "message": str(error), "values": form}
            return make_response(self.show(pk), 422)
        from flask import flash

        flash(_("Peristiwa tercatat."), "success")
        return redirect(url_for("ForeignWorkerView.show", pk=pk))


def _extension_requests(worker):
    """The worker's RPTKA extension requests (newest first) and whether the user may file one, for its page."""
    from flask import current_app

    from app.foreign_workers.extensions import RESOURCE, ExtensionRequest

    sm = current_app.appbuilder.sm
    if not sm.has_access("can_read", RESOURCE):
        return None
    rows = (db.session.query(ExtensionRequest).filter_by(worker_id=worker.id)
            .order_by(ExtensionRequest.id.desc()).all())
    open_request = any(row.status in ("submitted", "returned", "checked") for row in rows)  # one at a time
    return {"rows": rows, "may_add": sm.has_access("can_create", RESOURCE) and worker.status == "present"
            and not open_request}


def _date(form, name):
    text = form.get(name, "").strip()
    on = parse_date(text)
    if on is None and text:
        raise DomainError(_("Tanggal tidak valid: tulis hari-bulan-tahun, misalnya 12-03-2026."), field=name)
    return on


class ForeignWorkerUnreportedView(ForeignWorkerView):
    """Workers whose KITAS/KITAP or RPTKA ended and whose departure nobody reported (the home page links here)."""

    list_title = _l("TKA yang izin tinggal/RPTKA-nya berakhir tanpa laporan kepulangan")
    base_filters = [["status", EndedWithoutDepartureFilter, None]]
    base_permissions = ["can_read"]
    exclude_route_methods = ForeignWorkerView.exclude_route_methods | {"add", "edit", "delete", "event"}


def register(appbuilder):
    from app.foreign_workers import api

    add_view(appbuilder, ForeignWorkerView, N_("Tenaga Kerja Asing"), CATEGORY, icon="fa-globe",
             category_icon="fa-globe")
    add_view(appbuilder, ForeignWorkerUnreportedView, N_("TKA tanpa laporan kepulangan"), CATEGORY,
             icon="fa-plane", category_icon="fa-globe")
    appbuilder.add_api(api.ForeignWorkerApi)
    appbuilder.add_api(api.ForeignWorkerLocationApi)
    appbuilder.add_api(api.ForeignWorkerEventApi)
