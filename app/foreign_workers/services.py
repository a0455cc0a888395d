"""The register of foreign workers: identity checks, work locations and the events that change a worker."""
from dataclasses import dataclass
from datetime import date

from babel import Locale
from flask_babel import gettext as _
from sqlalchemy import or_

from app.core.formatting import today_jakarta
from app.core.identifiers import clean_nik, clean_passport
from app.core.models import utcnow
from app.core.validation import DomainError
from app.extensions import db
from app.foreign_workers import regions, rules
from app.foreign_workers.models import EVENT_KINDS, PERMIT_KINDS, ForeignWorker, ForeignWorkerEvent, \
    ForeignWorkerLocation
from app.reference.lists import SEX_LABELS
from app.reference.models import Kbji, Region

# Babel's territories also hold regions ("001"), groupings (EU, UN) and private-use codes: keep ISO 3166-1 alpha-2.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ"}


def countries() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> the country's Indonesian name (Babel/CLDR), by name; Indonesia left out."""
    names = Locale("id").territories
    found = {code: name for code, name in names.items()
             if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES and code != "ID"}
    return dict(sorted(found.items(), key=lambda item: item[1]))


_COUNTRIES = None


def country_name(code: str | None) -> str:
    global _COUNTRIES
    if _COUNTRIES is None:
        _COUNTRIES = countries()
    return _COUNTRIES.get(code or "", code or "–")


# ---- locations ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Place:
    """A work location as asked for: a kecamatan of the regency, or another regency by code and name."""
    kecamatan_code: str | None = None
    regency_code: str | None = None
    regency_name: str | None = None


def build_location(place: Place) -> ForeignWorkerLocation:
    if place.kecamatan_code:
        kecamatan = db.session.get(Region, place.kecamatan_code)
        if kecamatan is None or kecamatan.level != "kecamatan":
            raise DomainError(_("Kecamatan %(code)s tidak dikenal.", code=place.kecamatan_code), field="locations")
        return ForeignWorkerLocation(kecamatan_code=kecamatan.code, province_code=regions.PROVINCE,
                                     regency_code=regions.REGENCY, regency_name=regions.REGENCY_NAME)
    code = (place.regency_code or "").strip()
    if not regions.is_regency_code(code):
        raise DomainError(_("Kode kabupaten/kota harus berbentuk 99.99 dengan kode provinsi yang dikenal, misalnya "
                            "36.71."), field="locations")
    if code == regions.REGENCY:
        raise DomainError(_("Untuk lokasi di Kabupaten Tangerang pilih kecamatannya."), field="locations")
    name = regions.regency_name(code) or " ".join((place.regency_name or "").split())
    if not name:
        raise DomainError(_("Nama kabupaten/kota di luar Banten wajib diisi."), field="locations")
    return ForeignWorkerLocation(province_code=code[:2], regency_code=code, regency_name=name[:100])


def set_locations(worker: ForeignWorker, places: list[Place]):
    """Replace the worker's work locations (at least one; the same place once)."""
    built, seen = [], set()
    for place in places:
        location = build_location(place)
        key = (location.kecamatan_code, location.regency_code)
        if key not in seen:
            seen.add(key)
            built.append(location)
    if not built:
        raise DomainError(_("Isi paling sedikit satu lokasi kerja."), field="locations")
    for location in built:
        location.company_id = worker.company_id
    worker.locations = built


def describe_locations(locations) -> str:
    return "; ".join(str(location) for location in locations)


def authority(worker: ForeignWorker) -> rules.Authority | None:
    try:
        return rules.payment_authority(worker.locations)
    except DomainError:
        return None


def set_company(worker: ForeignWorker):
    """An operator reports for the own company (whatever the body says, tenancy refuses another); an officer names
    an existing company."""
    from app.companies.models import Company
    from app.security.tenancy import request_user, scope_for

    scope = scope_for(request_user())
    if scope is not None and scope.kind == "company" and worker.company_id is None:
        worker.company_id = scope.owner_id
    if worker.company_id is None and worker.company is not None:
        worker.company_id = worker.company.id
    if worker.company_id is None or db.session.get(Company, worker.company_id) is None:
        raise DomainError(_("Pilih perusahaan."), field="company")


# ---- the worker --------------------------------------------------------------------------------------------

def validate_worker(worker: ForeignWorker, today: date | None = None):
    """Refuse what cannot be: a wrong passport or NIK, an unknown country, periods that end before they start."""
    today = today or today_jakarta()
    worker.passport_number = clean_passport(worker.passport_number)
    worker.nationality = (worker.nationality or "").strip().upper()
    if worker.nationality == "ID":
        raise DomainError(_("Tenaga kerja asing tidak berkewarganegaraan Indonesia."), field="nationality")
    if worker.nationality not in countries():
        raise DomainError(_("Pilih kewarganegaraan dari daftar negara."), field="nationality")
    if worker.sex not in SEX_LABELS:
        raise DomainError(_("Pilih jenis kelamin."), field="sex")
    if worker.birth_date is None or worker.birth_date >= today:
        raise DomainError(_("Tanggal lahir wajib diisi dan sebelum hari ini."), field="birth_date")
    if worker.rptka_start is None or worker.rptka_end is None or worker.rptka_end <= worker.rptka_start:
        raise DomainError(_("Akhir masa RPTKA harus sesudah awalnya."), field="rptka_end")
    worker.permit_kind = worker.permit_kind or None
    if worker.permit_kind is not None and worker.permit_kind not in PERMIT_KINDS:
        raise DomainError(_("Jenis izin tinggal harus KITAS atau KITAP."), field="permit_kind")
    if worker.kbji is not None:
        worker.kbji_code = worker.kbji.code
    if worker.kbji_code is not None:
        kbji = db.session.get(Kbji, worker.kbji_code)
        if kbji is None or kbji.level != 4:
            raise DomainError(_("Pilih jabatan KBJI 4 digit."), field="kbji")
    if worker.counterpart_nik:
        worker.counterpart_nik = clean_nik(worker.counterpart_nik)
    if worker.departed_on is not None and worker.arrived_on is not None and worker.departed_on < worker.arrived_on:
        raise DomainError(_("Tanggal kepulangan tidak boleh sebelum tanggal kedatangan."), field="departed_on")
    worker.status = "departed" if worker.departed_on is not None else "present"


def save_worker(worker: ForeignWorker, places: list[Place] | None):
    """A worker added or corrected (screen or API); locations replaced when given, required for a new worker on a
    screen (the API adds them through /api/v1/foreignworker-location/)."""
    validate_worker(worker)
    if places is not None:
        set_locations(worker, places)


# ---- events ------------------------------------------------------------------------------------------------

def record_event(worker: ForeignWorker, kind: str, on: date | None, user=None, *, rptka_number=None,
                 rptka_start=None, rptka_end=None, places: list[Place] | None = None, note=None,
                 today: date | None = None) -> ForeignWorkerEvent:
    """A dated fact about the worker, and what it changes: arrival (present, arrived on), extension (the new
    RPTKA number and period, at most 2 years), transfer (the new work locations), departure (departed)."""
    today = today or today_jakarta()
    if kind not in EVENT_KINDS:
        raise DomainError(_("Pilih jenis peristiwa."), field="kind")
    if on is None:
        raise DomainError(_("Tanggal peristiwa wajib diisi."), field="occurred_on")
    if on > today:
        raise DomainError(_("Tanggal peristiwa tidak boleh sesudah hari ini."), field="occurred_on")
    event = ForeignWorkerEvent(worker_id=worker.id, company_id=worker.company_id, kind=kind, occurred_on=on,
                               note=(note or "").strip() or None, recorded_by_id=getattr(user, "id", None),
                               recorded_at=utcnow())
    if kind != "arrival" and worker.status == "departed":
        raise DomainError(_("TKA ini sudah tercatat pulang; catat kedatangannya kembali lebih dulu."), field="kind")
    if kind == "arrival":
        worker.arrived_on, worker.departed_on, worker.status = on, None, "present"
    elif kind == "departure":
        if worker.arrived_on is not None and on < worker.arrived_on:
            raise DomainError(_("Tanggal kepulangan tidak boleh sebelum tanggal kedatangan."), field="occurred_on")
        worker.departed_on, worker.status = on, "departed"
    elif kind == "extension":
        number = (rptka_number or "").strip()
        if not number:
            raise DomainError(_("Nomor RPTKA perpanjangan wajib diisi."), field="rptka_number")
        start = rptka_start or date.fromordinal(worker.rptka_end.toordinal() + 1)
        rules.check_extension_period(start, rptka_end)
        if rptka_end <= worker.rptka_end:
            raise DomainError(_("Akhir RPTKA perpanjangan harus sesudah akhir RPTKA sekarang."), field="rptka_end")
        event.rptka_number, event.rptka_start, event.rptka_end = number, start, rptka_end
        worker.rptka_number, worker.rptka_start, worker.rptka_end = number, start, rptka_end
    elif kind == "transfer":
        if places:
            set_locations(worker, places)
        if not worker.locations:
            raise DomainError(_("Isi lokasi kerja yang baru."), field="locations")
        event.locations = describe_locations(worker.locations)
    db.session.add(event)
    db.session.flush()
    return event


# ---- departures not reported -------------------------------------------------------------------------------

def ended_without_departure(query, today: date | None = None):
    """Workers still present whose KITAS/KITAP or RPTKA ended before today: companies forget departures."""
    today = today or today_jakarta()
    return query.filter(ForeignWorker.status == "present",
                        or_(ForeignWorker.permit_expires_on < today, ForeignWorker.rptka_end < today))
