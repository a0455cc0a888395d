"""The home page of those who act for themselves: a company's operator and a job seeker."""
from dataclasses import dataclass
from datetime import date

from flask import current_app
from flask_appbuilder.models.sqla.filters import FilterEqual
from sqlalchemy import func

from app.companies.models import Company
from app.contracts.models import PkwtSubmission
from app.core.formatting import today_jakarta
from app.extensions import db
from app.home.links import list_url
from app.home.work import contracts_ending, contracts_ending_url, foreign_workers_unreported
from app.security.tenancy import scope_query
from app.seekers import rules
from app.seekers.models import Ak1Card, JobSeeker
from app.seekers.services import missing_for_card

LATEST_LETTERS = 5


def company_home(user) -> dict:
    """The operator's company (status and the officer's note), its PKWT submissions by status, the latest
    letters ready to download and the contracts ending soon; every query limited to the company (tenancy)."""
    company = scope_query(db.session.query(Company), Company).filter(Company.id == user.company_id).one_or_none()
    rows = (scope_query(db.session.query(PkwtSubmission.status, func.count()), PkwtSubmission)
            .group_by(PkwtSubmission.status).all())
    counts = dict(rows)
    wf = PkwtSubmission.workflow
    by_status = [(state, wf.label(state), counts.get(state, 0),
                  list_url("PkwtSubmissionView", ("status", FilterEqual, state))) for state in wf.states]
    letters = (scope_query(db.session.query(PkwtSubmission), PkwtSubmission)
               .filter(PkwtSubmission.status == "approved").order_by(PkwtSubmission.registered_at.desc(),
                                                                     PkwtSubmission.id.desc())
               .limit(LATEST_LETTERS).all())
    return {"company": company, "submissions": by_status, "vacancies": company_vacancies(), "letters": letters,
            "letters_count": counts.get("approved", 0),
            "letters_url": list_url("PkwtSubmissionView", ("status", FilterEqual, "approved")),
            "ending": contracts_ending(), "ending_url": contracts_ending_url(),
            "tka_unreported": foreign_workers_unreported(),
            "tka_unreported_url": list_url("ForeignWorkerUnreportedView"),
            "tka_url": list_url("ForeignWorkerView")}


@dataclass
class Rereport:
    sequence: int
    due: date
    opens: date
    closes: date
    done: bool

    def state(self, today):
        if self.done:
            return "done"
        if today > self.closes:
            return "missed"
        return "open" if today >= self.opens else "later"


def rereports(card, today=None) -> list[Rereport]:
    """The card's re-report schedule (6, 12, 18 months, each open ± the window) and which were made."""
    if card is None or card.status != "issued" or card.issued_at is None:
        return []
    config = current_app.config
    made = {report.sequence for report in card.reports}
    out = []
    for sequence, due, opens, closes in rules.report_windows(card.issued_at, config["AK1_REPORT_MONTHS"],
                                                             config["AK1_REPORT_WINDOW_DAYS"],
                                                             config["AK1_REPORT_MODE"]):
        out.append(Rereport(sequence, due, opens, closes, sequence in made))
    return out


def seeker_home(user) -> dict:
    """The job seeker's profile checklist (what the AK-1 still needs), their latest card or application and the
    next re-report, and whether one was missed."""
    seeker = (scope_query(db.session.query(JobSeeker), JobSeeker)
              .filter(JobSeeker.id == user.job_seeker_id).one_or_none())
    if seeker is None:
        return {"seeker": None}
    missing = missing_for_card(seeker)
    # Every requirement is what an empty profile lacks: the checklist follows the rule, never a copy of it.
    checklist = [(label, label not in missing) for label in missing_for_card(JobSeeker())]
    card = (scope_query(db.session.query(Ak1Card), Ak1Card).filter(Ak1Card.job_seeker_id == seeker.id)
            .order_by(Ak1Card.id.desc()).first())
    today = today_jakarta()
    schedule = rereports(card, today)
    upcoming = [r for r in schedule if r.state(today) in ("open", "later")]
    return {"seeker": seeker, "checklist": checklist, "complete": not missing, "card": card,
            "next_report": upcoming[0] if upcoming else None,
            "missed_reports": [r for r in schedule if r.state(today) == "missed"], "today": today}


def company_vacancies() -> list:
    """The company's vacancies waiting for verification, returned for correction and published (tenancy)."""
    from app.vacancies.models import Vacancy

    counts = dict(scope_query(db.session.query(Vacancy.status, func.count()), Vacancy)
                  .filter(Vacancy.status.in_(("submitted", "returned", "published"))).group_by(Vacancy.status).all())
    wf = Vacancy.workflow
    return [(state, wf.label(state), counts.get(state, 0), list_url("VacancyView", ("status", FilterEqual, state)))
            for state in ("submitted", "returned", "published")]
