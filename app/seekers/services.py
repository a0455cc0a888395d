"""Job-seeker registration and the AK-1 lifecycle (domain.md §2–3)."""
import json
from datetime import date

from flask import current_app
from flask_babel import gettext as _

from app.core.formatting import today_jakarta
from app.core.identifiers import check_nik_matches, clean_nik
from app.core.models import utcnow
from app.core.validation import AlreadyRegistered, DomainError
from app.core.workflow import transition
from app.extensions import db
from app.reference.models import SchoolLevel
from app.reference.rules import check_address
from app.reporting.ipk import facts as ipk_facts
from app.seekers import rules
from app.seekers.documents import AK1_NUMBERS
from app.seekers.models import Ak1Card, Ak1Report, JobSeeker
from app.seekers.workflow import AK1_WORKFLOW


def name_key(name: str) -> str:
    return " ".join((name or "").lower().split())


def validate_identity(seeker: JobSeeker, today: date | None = None):
    """NIK valid, agreeing with sex and birth date, unique; minimum age."""
    seeker.nik = clean_nik(seeker.nik)
    seeker.full_name = " ".join((seeker.full_name or "").split())
    seeker.full_name_key = name_key(seeker.full_name)
    check_nik_matches(seeker.nik, seeker.birth_date, seeker.sex)
    rules.check_minimum_age(seeker.birth_date, today or today_jakarta(), current_app.config["AK1_MIN_AGE"])
    clash = db.session.query(JobSeeker.id).filter(JobSeeker.nik == seeker.nik)
    if seeker.id:
        clash = clash.filter(JobSeeker.id != seeker.id)
    if clash.first():
        raise AlreadyRegistered(_("NIK ini sudah terdaftar sebagai pencari kerja."), field="nik")
    check_address(seeker.kecamatan.code if seeker.kecamatan else seeker.kecamatan_code,
                  seeker.desa.code if seeker.desa else seeker.desa_code)


def validate_part(part):
    """Rules on the rows of a profile (education, experience …)."""
    from app.seekers.models import Education, Experience, SeekerPreference

    if isinstance(part, Education):
        level = part.level or (db.session.get(SchoolLevel, part.level_code) if part.level_code else None)
        if level is None:
            raise DomainError(_("Pilih jenjang pendidikan."), field="level")
        if not part.ipk_code or level.code != "SMK":
            part.ipk_code = level.ipk_code  # SMK may name its field (3100–3600); the others follow the level
        if part.year_graduated and not 1950 <= part.year_graduated <= today_jakarta().year:
            raise DomainError(_("Tahun lulus tidak masuk akal."), field="year_graduated")
    if isinstance(part, SeekerPreference):
        chosen = {"occupation": part.kbji or part.kbji_code, "sector": part.kbli or part.kbli_id,
                  "location": part.kecamatan or part.kecamatan_code}
        if part.kind not in chosen or not chosen[part.kind] or sum(bool(v) for v in chosen.values()) != 1:
            raise DomainError(_("Isi satu pilihan sesuai jenisnya: jabatan (KBJI), sektor (KBLI) atau kecamatan."),
                              field={"occupation": "kbji", "sector": "kbli", "location": "kecamatan"}.get(part.kind))
    if isinstance(part, Experience) and part.end_date and part.start_date and part.end_date < part.start_date:
        raise DomainError(_("Tanggal selesai bekerja tidak boleh sebelum tanggal mulai."),
                          field="end_date")


def refresh_education_level(seeker_id):
    """Keep the highest education on the person (searched and counted in reports)."""
    from app.seekers.models import Education

    seeker = db.session.get(JobSeeker, seeker_id)
    levels = (db.session.query(SchoolLevel).join(Education, Education.level_code == SchoolLevel.code)
              .filter(Education.job_seeker_id == seeker_id).order_by(SchoolLevel.sort_order.desc()).first())
    seeker.education_level_code = levels.code if levels else None
    db.session.commit()


def register_seeker(seeker: JobSeeker) -> JobSeeker:
    """A new job seeker (self-registration or at the counter); registered_at is a report fact."""
    validate_identity(seeker)
    seeker.registered_at = seeker.registered_at or today_jakarta()
    db.session.add(seeker)
    db.session.flush()
    return seeker


def register_with_account(seeker: JobSeeker, username: str, password: str) -> JobSeeker:
    """Public self-registration: the person and their Pencari Kerja account."""
    from werkzeug.security import generate_password_hash

    from app.security.roles import PENCARI_KERJA

    sm = current_app.appbuilder.sm
    register_seeker(seeker)  # mistakes in the data first: a form shows them, whoever is registered
    if sm.find_user(username=username):
        raise AlreadyRegistered(_("Nama pengguna sudah dipakai. Pilih nama pengguna lain."), field="username")
    if seeker.email and sm.find_user(email=seeker.email):
        raise AlreadyRegistered(_("Alamat e-mail sudah terdaftar."), field="email")
    first, _space, last = seeker.full_name.partition(" ")
    user = sm.user_model(username=username, email=seeker.email, first_name=first, last_name=last or "-",
                         active=True, job_seeker_id=seeker.id, roles=[sm.find_role(PENCARI_KERJA)],
                         password=generate_password_hash(password))
    db.session.add(user)
    db.session.flush()
    return seeker


# ---- AK-1 -------------------------------------------------------------------------------------------------

def _open_card(seeker_id):
    return (db.session.query(Ak1Card).filter(Ak1Card.job_seeker_id == seeker_id,
                                             Ak1Card.status.in_(("submitted", "returned", "verified")))
            .first())


def current_card(seeker_id):
    """The card in force: issued, not closed."""
    return (db.session.query(Ak1Card).filter_by(job_seeker_id=seeker_id, status="issued")
            .order_by(Ak1Card.id.desc()).first())


def application_choices(seeker: JobSeeker) -> tuple:
    """(open application or None, the application types the person may file now) for the profile page."""
    open_card = _open_card(seeker.id)
    if open_card is not None:
        return open_card, []
    current = current_card(seeker.id)
    expired = db.session.query(Ak1Card.id).filter_by(job_seeker_id=seeker.id, status="expired").first()
    types = (["perbaikan", "perpanjangan"] if current else ["baru"] + (["perpanjangan"] if expired else []))
    return None, types


def apply(seeker: JobSeeker, application_type: str = "baru", user=None) -> Ak1Card:
    """A new, correction or renewal application of a complete profile."""
    check_complete(seeker)
    if _open_card(seeker.id):
        raise DomainError(_("Masih ada permohonan AK/I yang sedang diproses."))
    previous = current_card(seeker.id) or (
        db.session.query(Ak1Card).filter(Ak1Card.job_seeker_id == seeker.id, Ak1Card.status == "expired")
        .order_by(Ak1Card.id.desc()).first())
    if application_type == "baru" and current_card(seeker.id):
        raise DomainError(_("Pencari kerja ini sudah memiliki kartu AK/I yang berlaku."))
    if application_type == "perbaikan" and not current_card(seeker.id):
        raise DomainError(_("Perbaikan hanya untuk kartu AK/I yang masih berlaku."))
    if application_type == "perpanjangan" and previous is None:
        raise DomainError(_("Perpanjangan hanya untuk kartu AK/I yang pernah diterbitkan."))
    card = Ak1Card(job_seeker_id=seeker.id, application_type=application_type, status="submitted",
                   previous_id=previous.id if previous and application_type != "baru" else None,
                   submitted_at=utcnow())
    db.session.add(card)
    db.session.flush()
    return card


def missing_for_card(seeker: JobSeeker) -> list:
    """What the card prints or the officer must see that the profile still lacks (labels for the user).
    An application is refused, and a card not issued, while anything is missing."""
    required = [
        (seeker.photo_file_id, _("pas foto 3×4")), (seeker.ktp_file_id, _("pindaian KTP")),
        (seeker.birth_place, _("tempat lahir")), (seeker.religion_code, _("agama")),
        (seeker.marital_status_code, _("status perkawinan")), (seeker.address, _("alamat")),
        (seeker.kecamatan_code, _("kecamatan")), (seeker.desa_code, _("desa/kelurahan")),
        (seeker.educations, _("pendidikan formal")),
    ]
    return [label for value, label in required if not value]


def check_complete(seeker: JobSeeker):
    missing = missing_for_card(seeker)
    if missing:
        raise DomainError(_("Data belum lengkap: %(missing)s.", missing=", ".join(missing)))


@AK1_WORKFLOW.hook("reject")
def _keep_rejection_reason(card: Ak1Card, officer, decision):
    card.rejection_reason = decision.reason


def snapshot(seeker: JobSeeker) -> dict:
    """What the card prints about the holder, frozen at issue."""
    return {
        "nik": seeker.nik, "full_name": seeker.full_name, "birth_place": seeker.birth_place,
        "birth_date": seeker.birth_date.isoformat(), "sex": seeker.sex,
        "marital_status": str(seeker.marital_status or ""), "religion": str(seeker.religion or ""),
        "address": seeker.address or "", "desa": seeker.desa.name if seeker.desa else "",
        "kecamatan": seeker.kecamatan.name if seeker.kecamatan else "", "phone": seeker.phone or "",
        "educations": [{"level": e.level_code, "school": e.school, "major": e.major or "",
                        "year": e.year_graduated} for e in seeker.educations],
        "trainings": [{"kind": t.kind, "institution": t.institution, "year": t.year} for t in seeker.trainings],
        "experiences": [{"position": x.position, "company": x.company_name, "from": x.start_date.year,
                         "to": x.end_date.year if x.end_date else None} for x in seeker.experiences],
        "photo_file_id": seeker.photo_file_id,
    }


@AK1_WORKFLOW.hook("issue")
def _number_and_sign(card: Ak1Card, officer, decision):
    """Number, dates and signer of a complete profile. A correction keeps the number of the card it replaces;
    the replaced card is closed. ``decision.data["on"]`` (a date) backdates demo and test data only: the
    screens and the API pass only the action's declared inputs."""
    if not getattr(officer, "nip", None):
        raise DomainError(_("Petugas penanda tangan harus memiliki NIP di profilnya."))
    check_complete(card.job_seeker)
    on = decision.data.get("on") or today_jakarta()
    previous = db.session.get(Ak1Card, card.previous_id) if card.previous_id else None
    if card.application_type == "perbaikan":
        card.number, card.serial_year, card.serial = previous.number, previous.serial_year, previous.serial
        card.issued_at, card.valid_until = previous.issued_at, previous.valid_until  # validity does not restart
        for report in previous.reports:
            card.reports.append(Ak1Report(job_seeker_id=card.job_seeker_id, sequence=report.sequence,
                                          due_date=report.due_date, reported_at=report.reported_at,
                                          channel=report.channel, officer_name=report.officer_name))
    else:
        number = AK1_NUMBERS.issue(on)
        card.serial_year, card.serial, card.number = on.year, number.serial, number.text
        card.issued_at = on
        card.valid_until = rules.valid_until(on, current_app.config["AK1_VALID_YEARS"])
    card.signed_by_name = f"{officer.first_name} {officer.last_name or ''}".strip()
    card.signed_by_nip = officer.nip
    card.snapshot = json.dumps(snapshot(card.job_seeker), ensure_ascii=False)
    ipk_facts.record_card(card, previous, on, db.session)
    if previous is not None and previous.status in ("issued", "expired"):
        previous.closed_at = on
        if previous.status == "issued":
            transition(previous, "supersede", officer, note=f"Diganti permohonan #{card.id}")


def rereport(card: Ak1Card, channel: str, officer=None, on: date | None = None) -> Ak1Report:
    """Record the re-report open today (online by the holder or at the counter)."""
    if card.status != "issued":
        raise DomainError(_("Lapor ulang hanya untuk kartu AK/I yang berlaku."))
    on = on or today_jakarta()
    config = current_app.config
    due = rules.due_report(card.issued_at, {r.sequence for r in card.reports}, on,
                           config["AK1_REPORT_MONTHS"], config["AK1_REPORT_WINDOW_DAYS"], config["AK1_REPORT_MODE"])
    if due is None and config["AK1_REPORT_MODE"] == "latest":
        raise DomainError(_("Tidak ada jadwal lapor ulang yang terbuka hari ini. Lapor ulang paling lambat bulan "
                            "ke-6, 12 dan 18 sejak kartu terbit (tenggang %(days)s hari).",
                            days=config["AK1_REPORT_WINDOW_DAYS"]))
    if due is None:
        raise DomainError(_("Tidak ada jadwal lapor ulang yang terbuka hari ini. Lapor ulang dilakukan sekitar "
                            "bulan ke-6, 12 dan 18 sejak kartu terbit (±%(days)s hari).",
                            days=config["AK1_REPORT_WINDOW_DAYS"]))
    sequence, due_date = due
    report = Ak1Report(card=card, job_seeker_id=card.job_seeker_id, sequence=sequence, due_date=due_date,
                       reported_at=on, channel=channel,
                       officer_name=f"{officer.first_name} {officer.last_name or ''}".strip() if officer else None)
    db.session.add(report)
    db.session.flush()
    return report


@AK1_WORKFLOW.hook("place")
def _placement_facts(card: Ak1Card, officer, decision):
    """Closed as placed: the placement date is a report fact."""
    card.placed_at, card.placement_employer = decision.data["date"], decision.data["employer"]


@AK1_WORKFLOW.hook("remove")
def _removal_facts(card: Ak1Card, officer, decision):
    card.removed_at, card.removal_reason = decision.data["date"], decision.reason


def expire_cards(today: date | None = None) -> int:
    """Daily: cards past their validity become expired (the date is the last valid day's next day)."""
    today = today or today_jakarta()
    cards = db.session.query(Ak1Card).filter(Ak1Card.status == "issued", Ak1Card.valid_until < today).all()
    for card in cards:
        card.expired_at = card.valid_until
        transition(card, "expire", None)
    db.session.commit()
    return len(cards)
