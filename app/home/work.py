"""The officers' home page, declared: each item is a title, who sees it, one COUNT and the filtered list it opens.

Work items are the decision queues (derived from the workflows, so a queue's count is exactly its list), with
how many of them are past the office's deadline and how many came back corrected by the applicant. Alerts
appear only when their count is not zero; key figures are for the head of office. Counts go through
``scope_query`` so they never reach further than the lists they link to.
"""
from dataclasses import dataclass
from datetime import timedelta
from typing import Callable

from flask import current_app, url_for
from flask_appbuilder.models.sqla.filters import FilterEqual, FilterGreater, FilterSmaller
from flask_babel import lazy_gettext as _l
from sqlalchemy import String, cast, exists, func

from app.companies.models import Company
from app.contracts.models import MinimumWage, PkwtContract, PkwtSubmission
from app.core.formatting import today_jakarta
from app.core.workflow import TransitionLog, request_calendar
from app.extensions import db
from app.foreign_workers.extensions import ExtensionRequest
from app.foreign_workers.models import ForeignWorker
from app.foreign_workers.payments import DkptkaPayment
from app.foreign_workers.services import ended_without_departure
from app.home.links import list_url
from app.security import roles as R
from app.security.tenancy import scope_query
from app.seekers.ak1_views import Ak1CardView, ReportDueFilter
from app.seekers.models import Ak1Card, JobSeeker
from app.vacancies.models import FairCompany, Vacancy

WORK, ALERT, FIGURE = "work", "alert", "figure"


@dataclass(frozen=True)
class Item:
    key: str  # stable name (tests, data-test attributes)
    title: object  # lazy_gettext string
    count: Callable[[], int]  # one COUNT
    link: Callable[[], str | None]  # the list that shows exactly the counted rows
    permissions: tuple  # (permission, resource) pairs: the user needs one of them
    group: str = WORK
    roles: frozenset | None = None  # only users with one of these roles (key figures)
    overdue: Callable[[], int] | None = None  # of the counted rows, those past the office's deadline
    resubmitted: Callable[[], int] | None = None  # of the counted rows, those corrected and sent back
    flag: bool = False  # an alert that is on or off (count 1 or 0): no number shown


def count(model, *conditions):
    query = db.session.query(func.count()).select_from(model).filter(*conditions)
    return scope_query(query, model).scalar() or 0


def _month_start():
    return today_jakarta().replace(day=1)


# ---- decision queues ---------------------------------------------------------------------------------------

def overdue_count(model, state):
    """Rows waiting in `state` past the office's deadline: the workflow kit's own rule (None: no deadline)."""
    clause = model.workflow.overdue_clause(model, state, request_calendar(), today_jakarta())
    return count(model, clause) if clause is not None else 0


def resubmitted_count(model, state):
    """Rows waiting in `state` because their applicant resubmitted them after a return."""
    log = TransitionLog
    came_back = exists().where(log.table_name == model.__tablename__, log.row_id == cast(model.id, String),
                               log.action == "resubmit", log.at == model.status_changed_at)
    return count(model, model.status == state, came_back)


def queue(key, title, model, state, view_name):
    """A work item for the rows of `model` waiting in `state`, for whoever takes its first decision."""
    wf = model.workflow
    permission = next(a.permission for a in wf.available(state) if a.permission)
    return Item(key, title, lambda: count(model, model.status == state), lambda: list_url(view_name),
                ((f"can_{permission}", wf.resource),),
                overdue=lambda: overdue_count(model, state), resubmitted=lambda: resubmitted_count(model, state))


def _report_due():
    """Exactly the rows of the re-report queue: its own filter applied to a COUNT."""
    due = ReportDueFilter("status", Ak1CardView.datamodel)
    return scope_query(due.apply(db.session.query(func.count()).select_from(Ak1Card), None), Ak1Card).scalar() or 0


# ---- alerts ------------------------------------------------------------------------------------------------

ENDING_DAYS = 30


def _ending_window():
    today = today_jakarta()
    return today, today + timedelta(days=ENDING_DAYS)


def contracts_ending():
    start, end = _ending_window()
    return count(PkwtContract, PkwtContract.end_date >= start, PkwtContract.end_date <= end)


def contracts_ending_url():
    start, end = _ending_window()
    return list_url("PkwtContractView", ("end_date", FilterGreater, start - timedelta(days=1)),
                    ("end_date", FilterSmaller, end + timedelta(days=1)))


def _umk_missing():
    return 0 if db.session.get(MinimumWage, today_jakarta().year) else 1


def signatory_missing() -> int:
    """1 while the head of office who signs letters is a placeholder. The office profile decides when it is
    there; until then, the configured name left at its default."""
    try:
        from app.office.services import signatory
    except ImportError:
        from config import Config

        return int(current_app.config["HEAD_OF_OFFICE_NAME"] == Config.HEAD_OF_OFFICE_NAME)
    from app.core.validation import DomainError

    try:
        signatory()
    except DomainError:
        return 1
    return 0


def _office_profile_url():
    endpoint = "OfficeProfileView.profile"  # Admin's office profile screen, once it is registered
    return url_for(endpoint) if endpoint in current_app.view_functions else None


def foreign_workers_unreported() -> int:
    """Foreign workers whose KITAS/KITAP or RPTKA ended without a departure report (the same rule as the list)."""
    query = ended_without_departure(db.session.query(func.count(ForeignWorker.id)))
    return scope_query(query, ForeignWorker).scalar() or 0


# ---- the declaration ---------------------------------------------------------------------------------------

HEAD = frozenset({R.KEPALA_DINAS, R.ADMIN})

ITEMS = [
    queue("company_verify", _l("Pendaftaran perusahaan menunggu verifikasi"), Company, "submitted",
          "CompanyQueueView"),
    queue("ak1_verify", _l("Permohonan AK/I menunggu verifikasi"), Ak1Card, "submitted",
          "Ak1VerificationQueueView"),
    queue("ak1_issue", _l("AK/I terverifikasi, siap diterbitkan"), Ak1Card, "verified", "Ak1IssueQueueView"),
    Item("ak1_rereport", _l("Lapor ulang AK/I terbuka hari ini"), _report_due,
         lambda: list_url("Ak1ReportDueQueueView"), (("can_rereport", "Ak1Queue"),)),
    queue("pkwt_verify", _l("Pengajuan PKWT menunggu verifikasi"), PkwtSubmission, "submitted", "PkwtQueueView"),
    queue("vacancy_verify", _l("Lowongan menunggu verifikasi"), Vacancy, "submitted", "VacancyQueueView"),
    queue("fair_approve", _l("Keikutsertaan bursa kerja menunggu persetujuan"), FairCompany, "submitted",
          "FairCompanyQueueView"),
    Item("tka_extension", _l("Permohonan perpanjangan RPTKA menunggu pemeriksaan atau keputusan"),
         lambda: count(ExtensionRequest, ExtensionRequest.status.in_(("submitted", "checked"))),
         lambda: list_url("ExtensionQueueView"), (("can_decide", "TkaExtension"),),
         resubmitted=lambda: resubmitted_count(ExtensionRequest, "submitted")),
    queue("dkptka_receive", _l("Pembayaran DKPTKA menunggu konfirmasi dana"), DkptkaPayment, "submitted",
          "DkptkaReceiveQueueView"),
    queue("dkptka_validate", _l("Pembayaran DKPTKA menunggu validasi (1 hari kerja)"), DkptkaPayment, "received",
          "DkptkaValidationQueueView"),
    Item("tka_unreported", _l("TKA yang izin tinggal/RPTKA-nya berakhir tanpa laporan kepulangan"),
         foreign_workers_unreported, lambda: list_url("ForeignWorkerUnreportedView"),
         (("can_write", "ForeignWorker"),)),

    Item("contracts_ending", _l("PKWT berakhir dalam 30 hari"), contracts_ending, contracts_ending_url,
         (("can_verify", "Pkwt"),), group=ALERT),
    Item("umk_missing", _l("UMK tahun ini belum diisi"), _umk_missing, lambda: list_url("MinimumWageView"),
         (("can_write", "Reference"), ("can_verify", "Pkwt")), group=ALERT, flag=True),
    Item("pkwt_umk_missing", _l("PKWT yang upahnya belum dibandingkan: UMK tahun mulainya belum ada"),
         lambda: count(PkwtContract, PkwtContract.minimum_wage_missing),
         lambda: list_url("PkwtContractView", ("minimum_wage_missing", FilterEqual, "y")),  # FAB's yes
         (("can_write", "Reference"), ("can_verify", "Pkwt")), group=ALERT),
    Item("signatory_missing", _l("Pejabat penanda tangan (Kepala Dinas) belum diatur"), signatory_missing,
         _office_profile_url, (("can_write", "Office"), ("can_verify", "Pkwt")), group=ALERT, flag=True),

    Item("seekers_month", _l("Pencari kerja terdaftar bulan ini"),
         lambda: count(JobSeeker, JobSeeker.registered_at >= _month_start()),
         lambda: list_url("JobSeekerView", ("registered_at", FilterGreater, _month_start() - timedelta(days=1))),
         (("can_read", "JobSeeker"),), group=FIGURE, roles=HEAD),
    Item("ak1_month", _l("Kartu AK/I terbit bulan ini"),
         lambda: count(Ak1Card, Ak1Card.issued_at >= _month_start()),
         lambda: list_url("Ak1CardView", ("issued_at", FilterGreater, _month_start() - timedelta(days=1))),
         (("can_read", "Ak1"),), group=FIGURE, roles=HEAD),
    Item("pkwt_month", _l("Pengajuan PKWT tercatat bulan ini"),
         lambda: count(PkwtSubmission, PkwtSubmission.registered_at >= _month_start()),
         lambda: list_url("PkwtSubmissionView",
                          ("registered_at", FilterGreater, _month_start() - timedelta(days=1))),
         (("can_read", "Pkwt"),), group=FIGURE, roles=HEAD),
    Item("companies_verified", _l("Perusahaan terverifikasi"),
         lambda: count(Company, Company.status == "verified"),
         lambda: list_url("CompanyView", ("status", FilterEqual, "verified")),
         (("can_read", "Company"),), group=FIGURE, roles=HEAD),
]


@dataclass(frozen=True)
class Shortcut:
    """A button at the top of a role's home to a page that role lives in (not a count: a report, a tool)."""

    key: str
    title: object  # lazy_gettext string
    endpoint: str
    resource: str  # the user needs "can_read" on it
    roles: frozenset
    icon: str = "fa-external-link"


SHORTCUTS = [
    Shortcut("dkptka_revenue", _l("Pendapatan DKPTKA per bulan: dana diterima, tervalidasi, ditolak"),
             "DkptkaRevenueView.index", "DkptkaRevenue", frozenset({R.BENDAHARA}), "fa-line-chart"),
]


def shortcuts(user, has_access) -> list[tuple[Shortcut, str]]:
    """(shortcut, url) of the buttons this user's home shows."""
    names = {role.name for role in user.roles}
    return [(s, url_for(s.endpoint)) for s in SHORTCUTS
            if names & s.roles and has_access("can_read", s.resource) and s.endpoint in current_app.view_functions]


@dataclass
class Shown:
    item: Item
    count: int
    link: str | None
    overdue: int = 0
    resubmitted: int = 0


def visible(item, user, has_access) -> bool:
    if item.roles is not None and not {role.name for role in user.roles} & item.roles:
        return False
    return any(has_access(permission, resource) for permission, resource in item.permissions)


def office_home(user, has_access) -> dict:
    """group -> [Shown] of the items this user may see; alerts only when there is something to say."""
    groups = {WORK: [], ALERT: [], FIGURE: []}
    for item in ITEMS:
        if not visible(item, user, has_access):
            continue
        number = item.count()
        if item.group == ALERT and not number:
            continue
        groups[item.group].append(Shown(item, number, item.link(),
                                        item.overdue() if item.overdue and number else 0,
                                        item.resubmitted() if item.resubmitted and number else 0))
    return groups
