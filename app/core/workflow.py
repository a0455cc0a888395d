"""States, allowed transitions and a log of every transition taken.

A model declares ``workflow = Workflow(...)`` and has a ``status`` column; ``transition(obj, action, note)``
checks the move, sets the status, stamps the date facts the reports rely on (never recomputed later) and
logs who did it, when and why.
"""
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import object_session

from app.core.models import Model, utcnow
from app.core.validation import DomainError


class TransitionError(DomainError):
    """A move the workflow does not allow, or a missing reason; the message is for the user."""


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


@dataclass(frozen=True)
class Action:
    name: str
    sources: tuple
    target: str
    label: str  # shown to users: a lazy_gettext string
    needs_note: bool = False  # a reason or revision note is required
    stamps: tuple = ()  # date-fact columns set to the transition time, e.g. ("verified_at",)


@dataclass
class Workflow:
    states: dict  # state -> label shown to users (lazy_gettext strings)
    actions: list = field(default_factory=list)
    initial: str = None

    def __post_init__(self):
        self.by_name = {a.name: a for a in self.actions}
        self.initial = self.initial or next(iter(self.states))

    def available(self, state):
        return [a for a in self.actions if state in a.sources]

    def label(self, state):
        return self.states.get(state, state)


def transition(obj, action_name, user=None, note=None, at=None):
    """Apply one action to obj (not committed). Raises TransitionError with a message for the user."""
    wf = type(obj).workflow
    action = wf.by_name.get(action_name)
    if action is None or obj.status not in action.sources:
        raise TransitionError(_("Tindakan '%(action)s' tidak dapat dilakukan pada status '%(status)s'.",
                                action=action.label if action else action_name, status=wf.label(obj.status)))
    note = (note or "").strip() or None
    if action.needs_note and not note:
        raise TransitionError(_("Alasan/catatan wajib diisi untuk tindakan '%(action)s'.", action=action.label))
    at = at or utcnow()
    before = obj.status
    obj.status = action.target
    for column in action.stamps:
        setattr(obj, column, at)
    session = object_session(obj)
    session.flush()  # the row needs its id for the log
    session.add(TransitionLog(
        table_name=obj.__tablename__, row_id=str(obj.id), action=action.name, from_state=before,
        to_state=action.target, at=at, user_id=getattr(user, "id", None),
        username=getattr(user, "username", None) or "system", note=note))
    return action


def history(session, obj):
    return (session.query(TransitionLog)
            .filter_by(table_name=obj.__tablename__, row_id=str(obj.id))
            .order_by(TransitionLog.at, TransitionLog.id).all())
