"""PKWT submission, verification and registration (PP 35/2021)."""
from datetime import date

from flask import current_app
from flask_babel import gettext as _

from app.contracts import rules
from app.companies.models import Company
from app.contracts.documents import PKWT_NUMBERS
from app.contracts.models import MinimumWage, PkwtContract, PkwtSubmission, SectoralMinimumWage
from app.contracts.workflow import SUBMISSION_WORKFLOW
from app.core.formatting import local, today_jakarta  # noqa: F401 (views use services.today_jakarta)
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
    """The earlier contracts this one extends (named through previous_id, same company), oldest first."""
    chain, current = [], contract.previous_id
    while current is not None:
        previous = db.session.get(PkwtContract, current)
        if previous is None or previous.company_id != contract.company_id:
            break
        chain.insert(0, previous)
        current = previous.previous_id
    return chain


def same_worker(contract: PkwtContract):
    """Condition for the contracts of this contract's worker (NIK, or passport for a foreign worker)."""
    if contract.nik:
        return PkwtContract.nik == contract.nik
    return PkwtContract.passport_number == (contract.passport_number or "").strip()


def worker_contracts(contract: PkwtContract) -> list[PkwtContract]:
    """Every other contract of the same worker at the same company, named as previous or not, oldest first
    (rejected submissions do not count): the 5 years cannot restart by leaving out the link."""
    if not (contract.nik or (contract.passport_number or "").strip()):
        return []
    query = (db.session.query(PkwtContract).join(PkwtSubmission)
             .filter(PkwtContract.company_id == contract.company_id, same_worker(contract),
                     PkwtSubmission.status != "rejected"))
    if contract.id is not None:
        query = query.filter(PkwtContract.id != contract.id)
    return query.order_by(PkwtContract.start_date, PkwtContract.id).all()


def served(contract: PkwtContract) -> tuple[date, date] | None:
    """The span a contract counts for: to its real end when recorded, else to its (estimated) end."""
    end = contract.ended_at or contract.end_date
    return (contract.start_date, end) if end else None


def earlier_contracts(contract: PkwtContract, others: list[PkwtContract] | None = None) -> list[PkwtContract]:
    """The worker's contracts at this company that started before this one (or on the same day)."""
    others = worker_contracts(contract) if others is None else others
    return [c for c in others if c.start_date <= contract.start_date]


def chain_days_left(contract: PkwtContract, others: list[PkwtContract] | None = None) -> int | None:
    """Days of the 5 years the worker's contracts at this company leave at this contract's end."""
    if served(contract) is None:
        return None
    return rules.chain_days_left([span for c in earlier_contracts(contract, others) if (span := served(c))] +
                                 [served(contract)])


def chain_review(contract: PkwtContract) -> tuple:
    """(contract, the worker's other contracts at this company, days of the 5 years left) for the officer."""
    others = worker_contracts(contract)
    return contract, others, chain_days_left(contract, others)


def check_previous(contract: PkwtContract):
    """An extension names a contract of the same company; another company's answers as one that does not exist."""
    if contract.previous_id is None:
        return None
    previous = db.session.get(PkwtContract, contract.previous_id)
    if previous is None or previous.company_id != contract.company_id or previous.id == contract.id:
        raise DomainError(_("ID PKWT sebelumnya %(id)s tidak ditemukan pada perusahaan ini.",
                            id=contract.previous_id), field="previous_id")
    if (previous.nik, previous.passport_number) != (contract.nik, contract.passport_number):
        raise DomainError(_("Perpanjangan harus untuk pekerja yang sama dengan PKWT sebelumnya."),
                          field="previous_id")
    return previous


def applicable_minimum_wage(company, year: int) -> int | None:
    """The higher of the year's UMK and the UMSK of the company's KBLI code; None without a UMK row."""
    umk = db.session.get(MinimumWage, year)
    if umk is None:
        return None
    code = company.kbli.code if company is not None and company.kbli is not None else ""
    sectoral = [row.amount for row in db.session.query(SectoralMinimumWage).filter_by(year=year)
                if code and code.startswith(row.kbli_code)]
    return max([umk.amount, *sectoral])


def validate_contract(contract: PkwtContract, today: date, calendar: WorkingCalendar,
                      submitted_on: date | None = None):
    """Refuse what the law forbids; flag (late, below the minimum wage, unnamed earlier contracts) what it only
    frowns upon. Lateness counts to `submitted_on`, the first submission (today for a new one)."""
    if contract.nationality == "ID":
        contract.nik = clean_nik(contract.nik)
        check_nik_matches(contract.nik, contract.birth_date, contract.sex)
    else:
        contract.passport_number = clean_passport(contract.passport_number)
    if contract.signed_at > today:
        raise DomainError(_("Tanggal penandatanganan tidak boleh sesudah hari ini."), field="signed_at")
    rules.check_age(contract.birth_date, contract.signed_at)
    rules.check_period(contract.kind, contract.start_date, contract.end_date, contract.completion_criterion)
    if contract.wage is None or contract.wage <= 0:
        raise DomainError(_("Upah wajib diisi (rupiah per bulan)."), field="wage")
    previous = check_previous(contract)
    contract.sequence = previous.sequence + 1 if previous is not None else 0
    earlier = earlier_contracts(contract)
    rules.check_chain([span for c in earlier if (span := served(c))] + [served(contract)])
    named = {c.id for c in chain_of(contract)}
    contract.unlinked_earlier = any(c.id not in named for c in earlier)
    config = current_app.config
    late = rules.late_working_days(calendar, contract.signed_at, submitted_on or today,
                                   config["PKWT_REGISTRATION_WORKING_DAYS"])
    contract.late, contract.late_working_days = late > 0, late or None
    check_minimum_wage(contract)


def check_minimum_wage(contract: PkwtContract):
    """Compare the wage with the higher of UMK and UMSK of the start year; without a UMK row, say so."""
    minimum = applicable_minimum_wage(db.session.get(Company, contract.company_id), contract.start_date.year)
    contract.minimum_wage, contract.minimum_wage_missing = minimum, minimum is None
    contract.below_minimum_wage = minimum is not None and contract.wage < minimum


def check_unchecked_wages(year: int) -> int:
    """Once Admin enters a year's UMK, the contracts that could not be compared are compared."""
    waiting = db.session.query(PkwtContract).filter(
        PkwtContract.minimum_wage_missing,
        PkwtContract.start_date >= date(year, 1, 1), PkwtContract.start_date <= date(year, 12, 31)).all()
    for contract in waiting:
        check_minimum_wage(contract)
    return len(waiting)


def registration_calendar() -> WorkingCalendar:
    """The calendar of the registration deadline: cuti bersama counts as the setting says."""
    return WorkingCalendar(collective_leave_working=current_app.config["PKWT_CUTI_BERSAMA_IS_WORKING_DAY"])


def submit(company_id: int, contracts: list[PkwtContract], source="form", sha256=None) -> PkwtSubmission:
    """One submission of one or many contracts; every contract valid, or nothing is stored."""
    if not contracts:
        raise DomainError(_("Tidak ada perjanjian kerja yang diajukan."))
    today, calendar = today_jakarta(), registration_calendar()
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
    """A correction keeps the lateness of the first submission (a return and resubmission does not change it)."""
    check_editable(contract)
    submission = contract.submission
    first = local(submission.submitted_at).date() if submission is not None and submission.submitted_at else None
    validate_contract(contract, today_jakarta(), registration_calendar(), submitted_on=first)


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
    number = PKWT_NUMBERS.issue(on)
    submission.serial_year, submission.serial, submission.number = on.year, number.serial, number.text
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
    """Compensation to the real end when recorded (PP 35/2021 art. 15–17), else to the agreed end."""
    span = served(contract)
    if span is None:
        return 0
    return rules.compensation(*span, contract.wage, contract.nationality != "ID",
                              current_app.config["PKWT_PARTIAL_MONTH_DIVISOR"])


def record_end(contract: PkwtContract, ended: date | None, reason: str | None):
    """The real end of a registered contract: date and reason (job completed, ended early by either party,
    became permanent)."""
    if contract.submission is None or contract.submission.status != "approved":
        raise DomainError(_("Berakhirnya PKWT dicatat setelah PKWT tercatat."))
    rules.check_end(contract.start_date, ended, reason)
    if ended > today_jakarta():
        raise DomainError(_("Tanggal berakhir sebenarnya tidak boleh sesudah hari ini."), field="ended_at")
    contract.ended_at, contract.end_reason = ended, reason
