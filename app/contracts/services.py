"""PKWT submission, verification and registration (PP 35/2021)."""
from datetime import date

from flask_babel import gettext as _

from app.contracts import rules
from app.contracts.documents import PKWT_NUMBERS
from app.contracts.models import MinimumWage, PkwtContract, PkwtSubmission
from app.contracts.workflow import SUBMISSION_WORKFLOW
from app.core.formatting import today_jakarta  # noqa: F401 (views use services.today_jakarta)
from app.core.identifiers import check_nik_matches, clean_nik, clean_passport
from app.core.models import utcnow
from app.core.validation import DomainError
from app.extensions import db
from app.office.services import signatory
from app.reference.calendar import WorkingCalendar


def parse_month(value) -> date:
    try:
        return date.fromisoformat(f"{value}-01")
    except (TypeError, ValueError):
        raise DomainError(_("Bulan tidak valid (format TTTT-BB).")) from None


def chain_of(contract: PkwtContract) -> list[PkwtContract]:
    """The earlier contracts this one extends, oldest first."""
    chain, current = [], contract.previous_id
    while current is not None:
        previous = db.session.get(PkwtContract, current)
        if previous is None:
            break
        chain.insert(0, previous)
        current = previous.previous_id
    return chain


def chain_days_left(contract: PkwtContract) -> int | None:
    """Days of the 5 years a by-period chain has left at this contract's end (None for other kinds)."""
    if contract.kind != "jangka_waktu" or contract.end_date is None:
        return None
    return rules.chain_days_left([(c.start_date, c.end_date) for c in chain_of(contract) if c.end_date] +
                                 [(contract.start_date, contract.end_date)])


def validate_contract(contract: PkwtContract, registered_on: date, calendar: WorkingCalendar):
    """Refuse what the law forbids; flag (late, below UMK) what it only frowns upon."""
    if contract.nationality == "ID":
        contract.nik = clean_nik(contract.nik)
        check_nik_matches(contract.nik, contract.birth_date, contract.sex)
    else:
        contract.passport_number = clean_passport(contract.passport_number)
    if contract.signed_at > registered_on:
        raise DomainError(_("Tanggal penandatanganan tidak boleh sesudah hari ini."), field="signed_at")
    rules.check_age(contract.birth_date, contract.signed_at)
    rules.check_period(contract.kind, contract.start_date, contract.end_date, contract.completion_criterion)
    if contract.wage is None or contract.wage <= 0:
        raise DomainError(_("Upah wajib diisi (rupiah per bulan)."), field="wage")
    chain = chain_of(contract)
    if chain:
        previous = chain[-1]
        if (previous.nik, previous.passport_number) != (contract.nik, contract.passport_number):
            raise DomainError(_("Perpanjangan harus untuk pekerja yang sama dengan PKWT sebelumnya."),
                              field="previous_id")
        contract.sequence = previous.sequence + 1
    if contract.kind == "jangka_waktu":
        rules.check_chain([(c.start_date, c.end_date) for c in chain if c.end_date] +
                          [(contract.start_date, contract.end_date)])
    late = rules.late_working_days(calendar, contract.signed_at, registered_on)
    contract.late, contract.late_working_days = late > 0, late or None
    umk = db.session.get(MinimumWage, contract.start_date.year)
    contract.below_minimum_wage = bool(umk and contract.wage < umk.amount)


def submit(company_id: int, contracts: list[PkwtContract], source="form", sha256=None) -> PkwtSubmission:
    """One submission of one or many contracts; every contract valid, or nothing is stored."""
    if not contracts:
        raise DomainError(_("Tidak ada perjanjian kerja yang diajukan."))
    today, calendar = today_jakarta(), WorkingCalendar()
    submission = PkwtSubmission(company_id=company_id, source=source, source_sha256=sha256, status="submitted",
                                submitted_at=utcnow())
    for contract in contracts:
        contract.company_id = company_id
        validate_contract(contract, today, calendar)
        submission.contracts.append(contract)
    db.session.add(submission)
    db.session.flush()
    return submission


def submit_one(contract: PkwtContract):
    """A contract entered on the form or through the API: a submission of its own, for the user's company."""
    from app.security.tenancy import request_user

    user = request_user()
    if user is None or user.company_id is None:
        raise DomainError(_("Pengajuan PKWT dilakukan oleh operator perusahaan."))
    contract.nationality = (contract.nationality or "ID").upper()
    return submit(user.company_id, [contract])


def update_one(contract: PkwtContract):
    check_editable(contract)
    validate_contract(contract, today_jakarta(), WorkingCalendar())


def check_editable(contract: PkwtContract):
    """Operators change a contract only while its submission is not registered or rejected."""
    if contract.submission is not None and contract.submission.status in ("approved", "rejected"):
        raise DomainError(_("PKWT yang sudah tercatat atau ditolak tidak dapat diubah."))


def missing_for_approval(submission: PkwtSubmission) -> list:
    """Why the submission cannot be registered yet (messages for the officer); empty when it can."""
    problems = []
    if submission.company.status != "verified":
        problems.append(_("Perusahaan belum terverifikasi: bukti pencatatan hanya untuk perusahaan terverifikasi."))
    unsigned = [c.full_name for c in submission.contracts if not c.contract_file_id]
    if unsigned:
        problems.append(_("Dokumen PKWT yang ditandatangani belum diunggah untuk: %(names)s.",
                          names=", ".join(unsigned)))
    try:
        signatory()
    except DomainError as error:
        problems.append(str(error))
    return problems


@SUBMISSION_WORKFLOW.hook("approve")
def _register(submission: PkwtSubmission, officer, decision):
    """The registration number and date, and the head of office who signs the letter (office profile)."""
    problems = missing_for_approval(submission)
    if problems:
        raise DomainError(" ".join(problems))
    on = today_jakarta()
    submission.serial_year, (submission.serial, submission.number) = on.year, PKWT_NUMBERS.issue(on)
    submission.registered_at = on
    signer = signatory()
    submission.signed_by_name, submission.signed_by_nip = signer.name, signer.nip


def report_days(contract: PkwtContract, month: date, days: int):
    """A daily worker's days in a month; 21 or more for 3 consecutive months makes the contract permanent."""
    from app.contracts.models import DailyWorkReport

    if contract.kind != "harian":
        raise DomainError(_("Laporan hari kerja hanya untuk PKWT harian."))
    if not 0 <= days <= 31:
        raise DomainError(_("Jumlah hari kerja harus antara 0 dan 31."))
    month = month.replace(day=1)
    report = (db.session.query(DailyWorkReport).filter_by(contract_id=contract.id, month=month).one_or_none()
              or DailyWorkReport(contract_id=contract.id, company_id=contract.company_id, month=month))
    report.days = days
    db.session.add(report)
    db.session.flush()
    reports = db.session.query(DailyWorkReport).filter_by(contract_id=contract.id)
    contract.becomes_permanent = rules.becomes_permanent({r.month: r.days for r in reports})
    return report


def compensation_of(contract: PkwtContract) -> int:
    if contract.end_date is None:
        return 0
    return rules.compensation(contract.start_date, contract.end_date, contract.wage, contract.nationality != "ID")
