"""The workflow kit: states, decisions and their log, declared once per model.

A model declares ``workflow = Workflow(...)``, a ``status`` column and ``WorkflowMixin``. Each ``Action``
declares its label, the permission it needs on the workflow's resource, its closed list of reasons (stored as a
code, so decisions can be counted by reason), whether a note is required, the notification it sends and to
whom, and the office's deadline in working days for taking it. ``decide()`` is the one way a row changes state:
it checks the move, runs the domain's hook (numbering, signer, snapshot: real side effects only), sets the
status, stamps the date facts the reports rely on (never recomputed later), logs who, when, why, and notifies.
Screens and the API reach it through ``app.core.decisions``.
"""
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from flask import current_app, has_app_context
from flask_babel import gettext as _, lazy_gettext as _l
from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer, String, Text, and_, update
from sqlalchemy.orm import declared_attr, object_session, relationship

from app.core.i18n import stored_text
from app.core.models import Model, utcnow
from app.core.validation import DomainError


class TransitionError(DomainError):
    """A move the workflow does not allow, or a missing reason; the message is for the user."""


class StateConflict(TransitionError):
    """The row is no longer in a state the action starts from (someone decided it meanwhile): 409."""


class TransitionLog(Model):
    __tablename__ = "transition_log"
    __audit__ = False  # itself a log; the status change is audited on the row
    __table_args__ = (Index("ix_transition_log_row", "table_name", "row_id"),)

    id = Column(Integer, primary_key=True)
    table_name = Column(String(100), nullable=False)
    row_id = Column(String(100), nullable=False)
    action = Column(String(50), nullable=False)
    from_state = Column(String(30))
    to_state = Column(String(30), nullable=False)
    at = Column(DateTime(timezone=True), default=utcnow, nullable=False)
    user_id = Column(Integer, ForeignKey("ab_user.id"))
    username = Column(String(256))
    note = Column(Text)
    reason = Column(String(40))  # code from the action's closed list of reasons
    user = relationship("AppUser", lazy="selectin")


@dataclass(frozen=True)
class Notice:
    """A notification a decision sends. ``to``: "owner" (the row's company operators or job seeker) or
    "office" (users who may take the next decision). Texts are Indonesian (stored and e-mailed as they are)
    with the placeholders {subject}, {note} and {number}."""

    to: str
    title: str
    body: str


@dataclass(frozen=True)
class Input:
    """An extra value an action asks for (a date, a name), passed to the domain's hook."""

    name: str
    label: str
    kind: str = "text"  # text | date
    required: bool = True


@dataclass(frozen=True)
class Action:
    name: str
    sources: tuple
    target: str
    label: str  # shown to users: a lazy_gettext string
    permission: str | None = None  # verb on the workflow's resource; None: only the system takes it
    reasons: dict | None = None  # closed list: code -> label; a reason is then required
    needs_note: bool = False  # a revision note is required
    notice: Notice | None = None
    deadline: str | None = None  # config key: working days the office has to take this action
    stamps: tuple = ()  # date-fact columns set to the decision time, e.g. ("verified_at",)
    inputs: tuple = ()  # Input(...) the decision panel asks for
    style: str = "primary"  # the button's Bootstrap style
    keeps_note: bool = False  # the note (and reason) stay on the row for its owner to read

    def deadline_days(self):
        if not self.deadline or not has_app_context():
            return None
        return current_app.config.get(self.deadline)


# The review steps every application shares: sent back for correction with a note, corrected and sent again by
# its owner, refused with a reason from a closed list. Each workflow gives its own notices.
def return_action(notice, permission="verify"):
    return Action("return", ("submitted",), "returned", _l("Kembalikan untuk perbaikan"), permission=permission,
                  needs_note=True, keeps_note=True, style="warning", notice=notice)


def resubmit_action(permission, notice):
    return Action("resubmit", ("returned",), "submitted", _l("Ajukan ulang"), permission=permission, notice=notice)


def reject_action(reasons, notice, permission="verify"):
    return Action("reject", ("submitted", "returned"), "rejected", _l("Tolak"), permission=permission,
                  reasons=reasons, keeps_note=True, style="danger", notice=notice)


@dataclass
class Workflow:
    states: dict  # state -> label shown to users (lazy_gettext strings)
    actions: list = field(default_factory=list)
    initial: str = None
    resource: str = None  # permission resource of the screens and API that decide
    notice_kind: str = "account"  # notification kind (users switch kinds on and off)
    note_column: str | None = None  # where the owner reads the latest return/rejection note
    owners: object = None  # row -> user ids notified by Notice(to="owner"); default: the row's owner accounts
    subject: object = str  # row -> how notices name it ("PT Maju", "permohonan AK/I Ahmad Fauzi")
    link: object = None  # row -> path of its page, linked from notices

    def __post_init__(self):
        self.by_name = {a.name: a for a in self.actions}
        self.initial = self.initial or next(iter(self.states))
        self.hooks = {}

    def available(self, state):
        return [a for a in self.actions if state in a.sources]

    def label(self, state):
        return self.states.get(state, state)

    def action_label(self, name):
        action = self.by_name.get(name)
        return action.label if action else name

    def reason_label(self, action_name, code):
        action = self.by_name.get(action_name)
        return (action.reasons or {}).get(code, code) if action and code else code

    def hook(self, action_name):
        """Decorator: the domain's side effect of an action, run before the state changes (may raise
        DomainError to refuse): ``@AK1_WORKFLOW.hook("issue")`` ``def number(card, user, decision): ...``"""
        assert action_name in self.by_name, action_name

        def register(function):
            self.hooks[action_name] = function
            return function

        return register

    def deadline_days(self, state):
        """The office's deadline for a row waiting in `state` (the shortest of its actions'), or None."""
        days = [d for a in self.available(state) if (d := a.deadline_days()) is not None]
        return min(days) if days else None

    def overdue_clause(self, model, state, calendar, today):
        """SQL condition: rows waiting in `state` past the office's deadline (for queues and home counts)."""
        days = self.deadline_days(state)
        if days is None:
            return None
        cutoff = today
        while calendar.add_working_days(cutoff, days) >= today:
            cutoff -= timedelta(days=1)
        from app.core.formatting import JAKARTA

        return and_(model.status == state,
                    model.status_changed_at < datetime.combine(cutoff + timedelta(days=1), time(), JAKARTA))


@dataclass
class Decision:
    """What the person deciding gave: passed to hooks."""

    action: Action
    user: object
    note: str | None
    reason: str | None
    data: dict
    at: datetime


class WorkflowMixin:
    """The columns and labels every model with a workflow has."""

    @declared_attr
    def status_changed_at(cls):  # noqa: N805 (SQLAlchemy's declared_attr takes the class)
        # When the row entered its status: the age and deadline of work queues count from it.
        return Column(DateTime(timezone=True), default=utcnow, index=True)

    @property
    def status_label(self):
        return self.workflow.label(self.status)

    # Age and deadline in work queues, in working days of the office's calendar.
    @property
    def waiting_since(self):
        return self.status_changed_at

    @property
    def waiting_days(self):
        if self.status_changed_at is None:
            return None
        from app.core.formatting import local, today_jakarta

        return request_calendar().working_days_between(local(self.status_changed_at).date(), today_jakarta())

    @property
    def deadline_date(self):
        days = self.workflow.deadline_days(self.status)
        if days is None or self.status_changed_at is None:
            return None
        from app.core.formatting import local

        return request_calendar().add_working_days(local(self.status_changed_at).date(), days)

    @property
    def overdue(self):
        from app.core.formatting import today_jakarta

        deadline = self.deadline_date
        return deadline is not None and deadline < today_jakarta()


def request_calendar():
    """The working-day calendar, loaded once per request (or per call outside one)."""
    from flask import g, has_request_context

    from app.reference.calendar import WorkingCalendar

    if not has_request_context():
        return WorkingCalendar()
    if "working_calendar" not in g:
        g.working_calendar = WorkingCalendar()
    return g.working_calendar


def decide(obj, action_name, user=None, note=None, reason=None, data=None, at=None, seen=None):
    """Apply one action to obj (not committed): the one way a row changes state. Raises TransitionError
    (or the hook's DomainError) with a message for the user. Returns the log entry. `seen`: the state the
    person deciding was shown (the decision panel sends it); a row that has moved since is refused."""
    wf = type(obj).workflow
    session = object_session(obj)
    # Two officers deciding the same row at once: the second waits for the first to commit, then finds the
    # row in its new state and is refused (PostgreSQL row lock), before its hook draws a number.
    seen = seen or obj.status
    session.flush()
    session.refresh(obj, with_for_update=True)
    action = wf.by_name.get(action_name)
    if action is None:
        raise TransitionError(_("Tindakan '%(action)s' tidak dikenal.", action=action_name))
    if obj.status != seen:
        raise StateConflict(_("Data ini baru saja diubah oleh pengguna lain: statusnya sekarang '%(status)s'. "
                              "Tindakan '%(action)s' tidak dilakukan.", status=wf.label(obj.status),
                              action=action.label))
    if obj.status not in action.sources:
        raise StateConflict(_("Tindakan '%(action)s' tidak dapat dilakukan pada status '%(status)s'.",
                              action=action.label, status=wf.label(obj.status)))
    note = (note or "").strip() or None
    reason = reason or None
    if action.reasons is not None and reason not in action.reasons:
        raise TransitionError(_("Pilih alasan dari daftar untuk tindakan '%(action)s'.", action=action.label))
    if action.needs_note and not note:
        raise TransitionError(_("Catatan wajib diisi untuk tindakan '%(action)s'.", action=action.label))
    if reason is not None and action.reasons is None:
        reason = None
    at = at or utcnow()
    decision = Decision(action, user, note, reason, data or {}, at)
    if action.name in wf.hooks:
        wf.hooks[action.name](obj, user, decision)
    before = obj.status
    # The state moves only from the one this decision checked. Redundant under PostgreSQL's lock; where FOR
    # UPDATE does nothing (SQLite) the second decision lands here, and its rollback returns any number drawn.
    table = type(obj).__table__
    if session.execute(update(table).where(table.c.id == obj.id, table.c.status == before)
                       .values(status=action.target)).rowcount != 1:
        raise StateConflict(_("Data ini baru saja diubah oleh pengguna lain. Tindakan '%(action)s' tidak "
                              "dilakukan.", action=action.label))
    # The owner reads the reason and note in Indonesian, whatever the officer's language.
    shown = "; ".join(filter(None, [stored_text(action.reasons[reason]) if reason else None, note])) or None
    obj.status = action.target
    obj.status_changed_at = at
    for column in action.stamps:
        setattr(obj, column, at)
    if wf.note_column and action.permission is not None:
        setattr(obj, wf.note_column, shown if action.keeps_note else None)
    session.flush()
    entry = TransitionLog(table_name=obj.__tablename__, row_id=str(obj.id), action=action.name,
                          from_state=before, to_state=action.target, at=at, user_id=getattr(user, "id", None),
                          username=getattr(user, "username", None) or "system", note=note, reason=reason)
    session.add(entry)
    session.flush()
    if action.notice is not None:
        _send_notice(obj, wf, action, shown, entry)
    return entry


def transition(obj, action_name, user=None, note=None, at=None):
    """A system move (expiry, superseding) or a move whose rules the caller has applied: `decide` without a
    reason."""
    return decide(obj, action_name, user, note, at=at)


def _send_notice(obj, wf, action, shown, entry):
    from app.core.notifications import notify

    notice = action.notice
    if notice.to == "owner":
        recipients = (wf.owners or owner_accounts)(obj)
    else:
        recipients = users_allowed(action_after(wf, action), wf.resource)
    values = {"subject": wf.subject(obj), "note": shown or "–", "number": getattr(obj, "number", None) or "–"}
    link = wf.link(obj) if wf.link else None
    for user_id in recipients:
        notify(user_id, wf.notice_kind, f"{obj.__tablename__}:{obj.id}:{action.name}:{entry.id}:{user_id}",
               notice.title.format(**values), notice.body.format(**values), link)


def action_after(wf, action):
    """The permission of the decisions that follow `action` (who is told there is work)."""
    following = [a.permission for a in wf.available(action.target) if a.permission]
    return following[0] if following else None


def owner_accounts(obj):
    """Ids of the accounts acting for the row's owner, as tenancy declares it (``__tenant__``): the company's
    operators, or the job seeker's own account."""
    from app.extensions import db
    from app.security.models import AppUser
    from app.security.roles import SCOPED_ROLES

    ids = []
    for kind, user_attr in SCOPED_ROLES.values():
        column = (getattr(type(obj), "__tenant__", None) or {}).get(kind)
        if column is not None:
            owner = getattr(AppUser, user_attr) == getattr(obj, column)
            ids += [user_id for (user_id,) in db.session.query(AppUser.id).filter(owner)]
    return ids


def users_allowed(permission, resource):
    """Ids of active users whose roles grant can_<permission> on resource."""
    if permission is None:
        return []
    from flask_appbuilder.security.sqla.models import Permission, PermissionView, Role, ViewMenu

    from app.extensions import db
    from app.security.models import AppUser

    rows = (db.session.query(AppUser.id).join(AppUser.roles).join(Role.permissions)
            .join(PermissionView.permission).join(PermissionView.view_menu)
            .filter(Permission.name == f"can_{permission}", ViewMenu.name == resource, AppUser.active.is_(True))
            .distinct())
    return [user_id for (user_id,) in rows]


def history(session, obj):
    return (session.query(TransitionLog)
            .filter_by(table_name=obj.__tablename__, row_id=str(obj.id))
            .order_by(TransitionLog.at, TransitionLog.id).all())
