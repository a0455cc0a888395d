"""Placements (IPK III/8; domain.md §4): a job seeker placed in work, from an accepted application or recorded
directly by an officer or by the employer. A placement keeps the person's sex, birth date and highest education
as they were, closes their AK-1 as placed (the AK-1 workflow's "place" action) and fills a slot of the vacancy;
the last slot filled closes the vacancy as filled (app.vacancies.slots). Nothing here commits."""
from datetime import date

from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from app.core.formatting import date_id, today_jakarta
from app.core.identifiers import clean_nik
from app.core.validation import DomainError
from app.core.workflow import StateConflict, decide
from app.extensions import db
from app.security.tenancy import acting_for_system
from app.vacancies import slots
from app.vacancies.applications import active_card, highest_education
from app.vacancies.models import Placement, Vacancy
from app.vacancies.workflow import APPLICATION_WORKFLOW, PLACEMENT_TYPES

NEEDS_DESTINATION = ("AKAD", "AKAN")
FUTURE_DAYS = 90  # a start date agreed for later: at most this far ahead


def default_type(vacancy: Vacancy | None) -> tuple[str, str | None]:
    """(type, destination) when none is given: AKL for work in the regency (a work kecamatan); a vacancy whose
    work is outside the regency gives AKAD to its stated work location (an officer corrects it to AKL when that
    place is still in the province)."""
    if vacancy is not None and not vacancy.work_kecamatan_code and vacancy.work_location:
        return "AKAD", vacancy.work_location
    return "AKL", None


def _card_of(seeker, card):
    if card is None or card.status != "issued":
        card = active_card(seeker)  # a corrected card replaces the one the application was made with
    if card is None or card.job_seeker_id != seeker.id or card.status != "issued":
        raise DomainError(_("Pencari kerja ini tidak memiliki kartu AK/I yang berlaku; penempatan tidak dapat "
                            "dicatat."), field="ak1_number")
    if db.session.query(Placement.id).filter(Placement.ak1_card_id == card.id).first():
        raise DomainError(_("Penempatan untuk kartu AK/I ini sudah tercatat."), field="ak1_number")
    return card


def record_placement(seeker, card=None, *, company=None, employer_name=None, employer_type_code=None,
                     vacancy: Vacancy | None = None, application=None, placed_on: date | None = None,
                     placement_type: str | None = None, position: str | None = None, kbji_code: str | None = None,
                     destination: str | None = None, user=None, recorded_by: str = "petugas",
                     fair_id=None) -> Placement:
    """Record one placement (not committed). `company`: a registered employer (its name and type are used);
    otherwise `employer_name` and `employer_type_code`. Raises DomainError with the field concerned."""
    from app.reference.models import EmployerType, Kbji

    card = _card_of(seeker, card)
    if placed_on is None:
        raise DomainError(_("Tanggal mulai bekerja wajib diisi."), field="placed_on")
    if card.issued_at and placed_on < card.issued_at:
        raise DomainError(_("Tanggal mulai bekerja tidak boleh sebelum kartu AK/I terbit (%(day)s).",
                            day=date_id(card.issued_at)), field="placed_on")
    if (placed_on - today_jakarta()).days > FUTURE_DAYS:
        raise DomainError(_("Tanggal mulai bekerja paling lambat %(days)s hari dari hari ini.", days=FUTURE_DAYS),
                          field="placed_on")
    if vacancy is not None:
        if company is not None and vacancy.company_id != company.id:
            raise DomainError(_("Lowongan ini bukan milik pemberi kerja yang dipilih."), field="vacancy_id")
        company = company or vacancy.company
    if company is not None:
        employer_name = company.name
        employer_type_code = employer_type_code or company.employer_type_code
    employer_name = " ".join((employer_name or "").split())
    if not employer_name:
        raise DomainError(_("Pilih perusahaan terdaftar atau tulis nama pemberi kerja."), field="employer_name")
    if not employer_type_code or db.session.get(EmployerType, employer_type_code) is None:
        raise DomainError(_("Pilih jenis pemberi kerja."), field="employer_type_code")
    position = " ".join((position or (vacancy.title if vacancy is not None else "")).split())
    if not position:
        raise DomainError(_("Jabatan wajib diisi."), field="position")
    kbji_code = (kbji_code or (vacancy.kbji_code if vacancy is not None else "") or "").strip()
    kbji = db.session.get(Kbji, kbji_code) if kbji_code else None
    if kbji is None:
        raise DomainError(_("Kode KBJI jabatan tidak dikenal."), field="kbji_code")
    if not placement_type:
        placement_type, destination = (default_type(vacancy)[0], destination or default_type(vacancy)[1])
    if placement_type not in PLACEMENT_TYPES:
        raise DomainError(_("Pilih jenis penempatan: AKL, AKAD atau AKAN."), field="placement_type")
    destination = " ".join((destination or "").split()) or None
    if placement_type in NEEDS_DESTINATION and not destination:
        raise DomainError(_("Penempatan AKAD dan AKAN wajib menyebut daerah atau negara tujuan."),
                          field="destination")
    placement = Placement(job_seeker_id=seeker.id, ak1_card_id=card.id, company_id=getattr(company, "id", None),
                          employer_name=employer_name[:200], employer_type_code=employer_type_code,
                          vacancy_id=getattr(vacancy, "id", None), application_id=getattr(application, "id", None),
                          position=position[:150], kbji_code=kbji_code, placed_on=placed_on,
                          placement_type=placement_type, destination=destination if placement_type != "AKL" else None,
                          fair_id=fair_id, sex=seeker.sex, birth_date=seeker.birth_date,
                          education_ipk_code=highest_education(seeker), recorded_by=recorded_by)
    db.session.add(placement)
    try:
        db.session.flush()
    except IntegrityError:  # the same card placed by someone else at the same moment
        db.session.rollback()
        raise DomainError(_("Penempatan untuk kartu AK/I ini sudah tercatat."), field="ak1_number") from None
    # The consequence on the job seeker's own card: a company operator may not write it, the rule may.
    with acting_for_system():
        decide(card, "place", user, data={"date": placed_on, "employer": employer_name[:200]})
    if vacancy is not None and vacancy.status == "published":
        slots.fill_slot(vacancy, placed_on, user, sex=seeker.sex, placement=placement, ak1_card_id=card.id)
    return placement


@APPLICATION_WORKFLOW.hook("accept")
def _place_accepted(application, user, decision):
    """Accepting an application is the placement (domain.md §4: accepted = placement)."""
    vacancy = application.vacancy
    try:
        record_placement(application.job_seeker, application.ak1_card, company=vacancy.company, vacancy=vacancy,
                         application=application, placed_on=decision.data.get("placed_on"), user=user,
                         recorded_by="lamaran", fair_id=application.fair_id)
    except DomainError:
        db.session.rollback()  # the decision is refused whatever follows; what is left is what others committed
        # Accepted by someone else at the same moment (where the database has no row locks, SQLite, the other
        # decision's placement is what refused this one): say so as the kit does.
        if db.session.query(Placement.id).filter(Placement.application_id == application.id).first():
            raise StateConflict(_("Data ini baru saja diubah oleh pengguna lain. Tindakan '%(action)s' tidak "
                                  "dilakukan.", action=decision.action.label)) from None
        raise


# ---- who is placed: found by card number and identity, never by browsing people ---------------------------

def find_card_holder(number: str, nik: str | None = None, birth_date: date | None = None):
    """The active card with this number whose holder has this NIK or birth date. A company names the person it
    hired by their card and identity; anything that does not match answers the same, so nobody learns whether a
    card number exists."""
    from app.seekers.models import Ak1Card, JobSeeker

    number = (number or "").strip()
    not_found = DomainError(_("Kartu AK/I yang berlaku dengan nomor dan data diri tersebut tidak ditemukan. "
                              "Periksa nomor kartu dan NIK atau tanggal lahir pekerja."), field="ak1_number")
    if not number or not (nik or birth_date):
        raise DomainError(_("Isi nomor kartu AK/I dan NIK atau tanggal lahir pekerja."), field="ak1_number")
    query = (db.session.query(Ak1Card).join(JobSeeker, JobSeeker.id == Ak1Card.job_seeker_id)
             .filter(Ak1Card.number == number, Ak1Card.status == "issued"))
    if nik:
        try:
            query = query.filter(JobSeeker.nik == clean_nik(nik))
        except DomainError:
            raise not_found from None
    if birth_date:
        query = query.filter(JobSeeker.birth_date == birth_date)
    card = query.order_by(Ak1Card.id.desc()).first()
    if card is None:
        raise not_found
    return card
