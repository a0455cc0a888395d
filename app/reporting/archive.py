"""The report archive (issue 11 part 3): every generation of a declared report (app/reporting/registry.py) and the
files it made, kept for good.

A generation is one row: report, period, parameters (canonical JSON and its SHA-256 as the key of "the same
report"), who asked (none: the scheduler), when, its RQ job and a status:
- running   claimed by a job; at most one per report, period and parameters (a partial unique index), so two
            jobs started together make one file: the second finds the first running, or done;
- done      its files are the report's current archive; at most one (another partial unique index);
- replaced  a regeneration ("buat ulang") made newer files; these stay in the archive;
- failed    the generator raised, or its worker died (a running row whose job is gone reads as failed).
Generating what is already archived returns the archived files unless a regeneration is asked.
"""
import hashlib
import json
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    select,
    text,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import relationship

from app.core.files import store_bytes
from app.core.formatting import today_jakarta
from app.core.i18n import N_
from app.core.models import Model, utcnow
from app.core.validation import DomainError
from app.extensions import db
from app.reporting import registry
from app.reporting.tables import Month

STATUSES = {"running": N_("Sedang dibuat"), "done": N_("Terbaru"), "replaced": N_("Digantikan"), "failed": N_("Gagal")}
ROUTE = "/arsip-laporan/"  # the archive screen (archive_views.py): a job's result links there
ERROR_MAX = 1000
_SAME = ("report_key", "period", "parameters_key")


class ReportGeneration(Model):
    __tablename__ = "report_generation"
    __table_args__ = (
        Index("uq_report_generation_running", *_SAME, unique=True, postgresql_where=text("status = 'running'"),
              sqlite_where=text("status = 'running'")),
        Index("uq_report_generation_done", *_SAME, unique=True, postgresql_where=text("status = 'done'"),
              sqlite_where=text("status = 'done'")),
        Index("ix_report_generation_period", "period", "report_key"),
    )

    id = Column(Integer, primary_key=True)
    report_key = Column(String(30), nullable=False)
    period = Column(String(7), nullable=False)  # "2026-01"
    parameters = Column(Text, nullable=False, default="{}")  # canonical JSON (registry.canonical)
    parameters_key = Column(String(64), nullable=False)  # SHA-256 of `parameters`: a short indexable key
    status = Column(String(10), nullable=False, default="running", index=True)
    requested_by_id = Column(Integer, ForeignKey("ab_user.id"))  # None: the scheduler ("penjadwal")
    requested_by = relationship("AppUser", lazy="selectin")
    job_id = Column(String(64), index=True)
    started_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    finished_at = Column(DateTime(timezone=True))
    replaced_at = Column(DateTime(timezone=True))
    error = Column(Text)
    files = relationship("ReportGenerationFile", back_populates="generation", lazy="selectin",
                         order_by="ReportGenerationFile.id", cascade="all, delete-orphan")

    def __repr__(self):
        return f"{self.report_key} {self.period}"

    @property
    def declaration(self):
        return registry.get(self.report_key)

    @property
    def parameter_values(self) -> dict:
        return json.loads(self.parameters or "{}")


class ReportGenerationFile(Model):
    """One file of a generation; its bytes, size and SHA-256 are the StoredFile's (kind "report:<key>")."""

    __tablename__ = "report_generation_file"

    id = Column(Integer, primary_key=True)
    generation_id = Column(Integer, ForeignKey("report_generation.id"), nullable=False, index=True)
    generation = relationship("ReportGeneration", back_populates="files")
    format = Column(String(10), nullable=False)  # pdf | xlsx
    stored_file_id = Column(Integer, ForeignKey("stored_file.id"), nullable=False, unique=True)
    stored_file = relationship("StoredFile", lazy="selectin")


# ---- what the screen and the job ask -----------------------------------------------------------------------

def parameters_key(parameters_json: str) -> str:
    return hashlib.sha256(parameters_json.encode()).hexdigest()


def resolve(key: str, period, raw_parameters=None):
    """(declaration, Month, canonical parameters JSON) for a request; DomainError for an unknown report, a bad
    month or a month not over yet (its figures would still move; the archive keeps finished periods)."""
    declaration = registry.get(key)
    if declaration is None or not declaration.available():
        raise DomainError(_("Laporan tidak dikenal."))
    month = Month.parse(period)
    if month.next_first > today_jakarta():
        raise DomainError(_("Bulan %(month)s belum berakhir: laporannya dapat dibuat mulai tanggal 1 bulan "
                            "berikutnya.", month=month.label))
    return declaration, month, registry.canonical(declaration.parse_parameters(raw_parameters))


def _same(key, period, parameters_json):
    return (ReportGeneration.report_key == key, ReportGeneration.period == period,
            ReportGeneration.parameters_key == parameters_key(parameters_json))


def current(key: str, period: str, parameters_json: str) -> ReportGeneration | None:
    """The archived (done) generation of this report, period and parameters."""
    return db.session.execute(select(ReportGeneration).where(
        *_same(key, period, parameters_json), ReportGeneration.status == "done")).scalar_one_or_none()


def running(key: str, period: str, parameters_json: str) -> ReportGeneration | None:
    return db.session.execute(select(ReportGeneration).where(
        *_same(key, period, parameters_json), ReportGeneration.status == "running")).scalar_one_or_none()


def job_alive(generation: ReportGeneration) -> bool:
    """Whether a running generation's job may still finish: queued, running or about to be retried. Without a
    job (called directly), until JOB_TIMEOUT has passed. While the queue service is down: assume so."""
    from app.tasks import QueueUnavailable, job_status

    if generation.job_id is None:
        started = generation.started_at
        return started is None or utcnow() - _aware(started) < timedelta(seconds=current_app.config["JOB_TIMEOUT"])
    try:
        info = job_status(generation.job_id)
    except QueueUnavailable:
        return True
    return info is not None and info["status"] in ("queued", "started", "deferred", "scheduled")


def shown_status(generation: ReportGeneration) -> str:
    """The status a reader sees: a running generation whose worker died reads as failed."""
    if generation.status == "running" and not job_alive(generation):
        return "failed"
    return generation.status


def month_label(period: str) -> str:
    return Month.parse(period).label


def parameters_label(generation: ReportGeneration) -> str:
    """"Kecamatan: Balaraja" for the parameters a generation was made with; "–" when none."""
    values, declaration = generation.parameter_values, generation.declaration
    if not values:
        return "–"
    declared = {parameter.name: parameter for parameter in (declaration.parameters if declaration else ())}
    parts = []
    for name, value in values.items():
        parameter = declared.get(name)
        if parameter is None:
            parts.append(f"{name}: {value}")
        else:
            label = dict(parameter.choices).get(value, value)
            parts.append(f"{_(parameter.label)}: {_(label)}")
    return "; ".join(parts)


def _aware(moment):
    from datetime import timezone

    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)  # SQLite returns naive UTC


# ---- the job -----------------------------------------------------------------------------------------------

def generate(key: str, period: str, parameters: dict | None = None, regenerate: bool = False) -> dict:
    """The background job (app.tasks): make the report's files and archive them, unless they are archived
    already (and no regeneration was asked) or another job is making them right now. Idempotent: RQ may run it
    again after a dead worker, the scheduler may start it twice."""
    from rq import get_current_job

    from app.audit.listener import job_actor
    from app.tasks import report_progress

    declaration, month, parameters_json = resolve(key, period, parameters)
    result = {"url": f"{ROUTE}?laporan={key}&bulan={month.value}", "label": _("Buka arsip laporan")}
    report_progress(0, 3, _("Memeriksa arsip…"))
    if not regenerate and (done := current(key, month.value, parameters_json)) is not None:
        report_progress(3, 3, _("Laporan ini sudah ada di arsip."))
        return {**result, "generation_id": done.id, "archived": True}
    job = get_current_job()
    claim = _claim(key, month.value, parameters_json, job.id if job else None, job_actor.get()[0])
    if claim is None:
        report_progress(3, 3, _("Laporan ini sedang dibuat oleh proses lain."))
        return {**result, "generation_id": None, "busy": True}
    if not regenerate and (done := current(key, month.value, parameters_json)) is not None:
        db.session.delete(claim)  # archived by a job that finished as this one claimed: nothing to make
        db.session.commit()
        report_progress(3, 3, _("Laporan ini sudah ada di arsip."))
        return {**result, "generation_id": done.id, "archived": True}
    claim_id = claim.id
    try:
        report_progress(1, 3, _("Menyusun %(title)s…", title=_(declaration.title)))
        files = declaration.generate(month, json.loads(parameters_json))
        report_progress(2, 3, _("Menyimpan %(count)s berkas…", count=len(files)))
        _archive(claim, declaration, files)
    except Exception as error:
        db.session.rollback()
        failed = db.session.get(ReportGeneration, claim_id)
        failed.status, failed.finished_at = "failed", utcnow()
        failed.error = f"{type(error).__name__}: {error}"[:ERROR_MAX]
        db.session.commit()
        raise
    report_progress(3, 3, _("%(count)s berkas diarsipkan.", count=len(files)))
    return {**result, "generation_id": claim_id, "archived": False}


def _claim(key, period, parameters_json, job_id, user_id) -> ReportGeneration | None:
    """This job's running row, committed; None when another live job holds the report."""
    if job_id is not None:  # RQ runs a job again (same id) after a failure or a dead worker: its row is reused
        again = db.session.execute(select(ReportGeneration).where(
            ReportGeneration.job_id == job_id, ReportGeneration.status.in_(("running", "failed")))
        ).scalars().first()
        if again is not None:
            return _reuse(again)
    held = running(key, period, parameters_json)
    if held is not None:
        if job_alive(held):
            return None
        held.status, held.finished_at = "failed", utcnow()
        held.error = held.error or _("Proses pembuatan terhenti (pekerja latar berhenti).")
        db.session.flush()
    claim = ReportGeneration(report_key=key, period=period, parameters=parameters_json,
                             parameters_key=parameters_key(parameters_json), status="running",
                             requested_by_id=user_id, job_id=job_id, started_at=utcnow())
    db.session.add(claim)
    try:
        db.session.commit()
    except IntegrityError:  # another job claimed it a moment ago (PostgreSQL waited for it to commit)
        db.session.rollback()
        return None
    return claim


def _reuse(generation):
    generation.status, generation.started_at, generation.finished_at, generation.error = \
        "running", utcnow(), None, None
    try:
        db.session.commit()
    except IntegrityError:  # meanwhile another job holds the report
        db.session.rollback()
        return None
    return generation


def _archive(claim, declaration, files):
    """Store the files, mark the previous archive replaced and this one done, in one transaction."""
    if not files:
        raise RuntimeError(f"report {declaration.key}: the generator returned no file")
    for name, mimetype, content in files:
        stored = store_bytes(content, declaration.file_kind, name, mimetype)
        claim.files.append(ReportGenerationFile(format=name.rpartition(".")[2].lower()[:10], stored_file=stored))
    previous = current(claim.report_key, claim.period, claim.parameters)
    if previous is not None:
        previous.status, previous.replaced_at = "replaced", utcnow()
        db.session.flush()  # before this one becomes "done": one done row at a time
    claim.status, claim.finished_at = "done", utcnow()
    db.session.commit()


# ---- the schedule ------------------------------------------------------------------------------------------

def previous_month() -> Month:
    last = today_jakarta().replace(day=1) - relativedelta(days=1)
    return Month(last.year, last.month)


def generate_scheduled(period: str | None = None) -> dict:
    """Cron (app/tasks/schedule.py), 01:00 WIB on the 1st: every scheduled report for the month before, each as
    its own job with default parameters. Started twice, each report is still made once (`generate`)."""
    from app.tasks import enqueue

    month = Month.parse(period) if period else previous_month()
    keys = []
    for declaration in registry.offered():
        if declaration.scheduled:
            enqueue("app.reporting.archive.generate", declaration.key, month.value,
                    declaration.parse_parameters({}), False)
            keys.append(declaration.key)
    return {"period": month.value, "reports": keys}


# ---- the list ----------------------------------------------------------------------------------------------

def listing(keys, period: str | None = None, key: str | None = None, page: int = 1, per_page: int = 50):
    """(generations, has_more) of the readable `keys`, newest first, optionally one report and one period."""
    statement = select(ReportGeneration).where(ReportGeneration.report_key.in_(list(keys)))
    if key:
        statement = statement.where(ReportGeneration.report_key == key)
    if period:
        statement = statement.where(ReportGeneration.period == period)
    statement = statement.order_by(ReportGeneration.started_at.desc(), ReportGeneration.id.desc()) \
        .offset((page - 1) * per_page).limit(per_page + 1)
    rows = list(db.session.execute(statement).scalars())
    return rows[:per_page], len(rows) > per_page


def file_of(file_id: int) -> ReportGenerationFile | None:
    return db.session.get(ReportGenerationFile, file_id)
