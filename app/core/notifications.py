"""In-app notifications plus e-mail, idempotent by key, with per-user opt-out by kind.

``notify()`` stores the inbox row, with its e-mail marked "pending", in the caller's transaction: a rolled-back
decision notifies nobody. E-mail goes out after commit, from ``send_pending_emails()``: called by the caller
(``notify_and_send``), by a job, or, for a notification made during a request, queued automatically once
the request has finished. A failed send keeps the inbox row and is retried by the next run.
"""
import logging
import smtplib
from datetime import timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import after_this_request, current_app, flash, has_request_context, redirect, request, url_for
from flask_appbuilder import expose, has_access
from flask_appbuilder.models.sqla.filters import FilterEqualFunction
from flask_babel import gettext as _, lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import (Boolean, Column, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint, func,
                        select, text)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import column_property
from werkzeug.exceptions import NotFound

from app.core.formatting import datetime_id
from app.core.models import Model, utcnow
from app.core.views import AppModelView
from app.extensions import db
from app.tasks import enqueue
from app.security.models import AppUser
from app.security.tenancy import TenantInterface, request_user

log = logging.getLogger(__name__)


class Notification(Model):
    __tablename__ = "notification"
    __audit__ = False  # a message to a user, not domain data
    # the bell's count on every page (0025)
    __table_args__ = (Index("ix_notification_unread", "user_id", postgresql_where=text("read_at IS NULL"),
                            sqlite_where=text("read_at IS NULL")),)

    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("ab_user.id"), nullable=False, index=True)
    kind = Column(String(50), nullable=False)
    key = Column(String(200), nullable=False, unique=True)  # idempotency: one event, one notification
    title = Column(String(200), nullable=False)
    body = Column(Text, nullable=False)
    link = Column(String(300))
    created_at = Column(DateTime(timezone=True), default=utcnow, nullable=False)
    read_at = Column(DateTime(timezone=True))
    email_status = Column(String(10), nullable=False, default="none")  # none | pending | sent | failed | off
    emailed_at = Column(DateTime(timezone=True))


# Every page's bell: the unread count is read with the signed-in user (AppSecurityManager.get_user_by_id), not in
# a statement of its own. As of the request's start: a page that marks them read redirects.
AppUser.unread_notifications = column_property(
    select(func.count(Notification.id)).where(Notification.user_id == AppUser.id, Notification.read_at.is_(None))
    .correlate_except(Notification).scalar_subquery(), deferred=True)


class NotificationPreference(Model):
    __tablename__ = "notification_preference"
    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("ab_user.id"), nullable=False, index=True)
    kind = Column(String(50), nullable=False)
    in_app = Column(Boolean, nullable=False, default=True)
    email = Column(Boolean, nullable=False, default=True)


# ---- kinds and preferences ---------------------------------------------------------------------------------

KINDS = {}  # kind -> label shown to users (a lazy_gettext string), in registration order


def register_kind(kind: str, label):
    KINDS[kind] = label


register_kind("account", _l("Akun dan pendaftaran"))


def preference(user_id: int, kind: str) -> NotificationPreference:
    """The user's switches for one kind; both on when never set."""
    pref = db.session.query(NotificationPreference).filter_by(user_id=user_id, kind=kind).one_or_none()
    return pref or NotificationPreference(user_id=user_id, kind=kind, in_app=True, email=True)


def set_preference(user_id: int, kind: str, in_app: bool, email: bool):
    """Switch one kind on or off for the user (not committed)."""
    pref = db.session.query(NotificationPreference).filter_by(user_id=user_id, kind=kind).one_or_none()
    if pref is None:
        pref = NotificationPreference(user_id=user_id, kind=kind)
        db.session.add(pref)
    pref.in_app, pref.email = in_app, email


# ---- notify ------------------------------------------------------------------------------------------------

def notify(user_id: int, kind: str, key: str, title: str, body: str, link: str | None = None) -> Notification | None:
    """Notify a user once per `key`, in the caller's transaction (not committed). None if already notified."""
    user = db.session.get(AppUser, user_id)
    if user is None:
        raise ValueError(f"no user with id {user_id}")
    pref = preference(user_id, kind)
    mail_on = pref.email and bool(user.email) and current_app.config["MAIL_ENABLED"]
    notification_id = _insert_once(dict(user_id=user_id, kind=kind, key=key, title=title, body=body, link=link,
                                        created_at=utcnow(), read_at=None if pref.in_app else utcnow(),
                                        email_status="pending" if mail_on else "off"))
    if notification_id is None:
        return None
    if mail_on and has_request_context():
        _send_after_request(notification_id)
    return db.session.get(Notification, notification_id)


_INSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def _insert_once(values: dict) -> int | None:
    """INSERT … ON CONFLICT (key) DO NOTHING: the id, or None when the key exists, also when a concurrent
    process stored it first; no error aborts the caller's transaction. (A SAVEPOINT would do on PostgreSQL,
    but pysqlite commits the caller's work when it releases a savepoint opened before any write.)"""
    insert = _INSERT[db.session.get_bind().dialect.name]
    return db.session.execute(insert(Notification).values(**values).on_conflict_do_nothing(index_elements=["key"])
                              .returning(Notification.id)).scalar_one_or_none()


def _send_after_request(notification_id: int):
    """Queue the e-mail of a notification made in this request once the request is over (the view has
    committed by then; anything it left uncommitted is discarded, as teardown would)."""
    ids = request.__dict__.setdefault("_notification_ids", [])  # per request (g may outlive it)
    if not ids:
        @after_this_request
        def send(response):
            try:
                db.session.rollback()
                enqueue("app.core.notifications.send_pending_emails", ids)
            except Exception:  # the inbox row is safe; the next send_pending_emails() run retries
                log.exception("could not queue notification e-mails %s", ids)
            return response

    ids.append(notification_id)


def notify_and_send(user_id: int, kind: str, key: str, title: str, body: str,
                    link: str | None = None) -> Notification | None:
    """notify(), commit, then send its e-mail now (for jobs and commands that own their transaction)."""
    notification = notify(user_id, kind, key, title, body, link)
    db.session.commit()
    if notification is not None and notification.email_status == "pending":
        send_pending_emails([notification.id])
    return notification


# ---- e-mail ------------------------------------------------------------------------------------------------

RETRY_WINDOW = timedelta(days=2)  # failed e-mails are retried by every run for this long, then left failed
DUE = ("pending", "failed")
PREFERENCES_PATH = "/notifikasi/pengaturan"


def send_pending_emails(ids: list[int] | None = None) -> int:
    """Send due e-mails (all, or those of `ids`), committing each outcome; returns how many were sent."""
    if not current_app.config["MAIL_ENABLED"]:
        return 0
    session = db.session
    due = select(Notification.id).where(Notification.email_status.in_(DUE),
                                        Notification.created_at >= utcnow() - RETRY_WINDOW)
    if ids is not None:
        due = due.where(Notification.id.in_(ids))
    sent = 0
    for notification_id in session.scalars(due.order_by(Notification.id)).all():
        notification = _claim(notification_id)
        if notification is None:
            continue  # another sender has it, or it went out meanwhile
        sent += _deliver(notification)
        session.commit()
    return sent


def _claim(notification_id):
    # The row lock (PostgreSQL) keeps two concurrent senders from mailing the same notification twice.
    return db.session.execute(
        select(Notification).where(Notification.id == notification_id, Notification.email_status.in_(DUE))
        .with_for_update(skip_locked=True).execution_options(populate_existing=True)).scalar_one_or_none()


def _deliver(notification) -> int:
    user = db.session.get(AppUser, notification.user_id)
    if not user.email:
        notification.email_status = "off"
        return 0
    try:
        _smtp_send(email_message(notification, user))
    except (OSError, smtplib.SMTPException):  # server down, refused, timed out: retried later
        log.warning("e-mail of notification %s failed", notification.id, exc_info=True)
        notification.email_status = "failed"
        return 0
    notification.email_status, notification.emailed_at = "sent", utcnow()
    return 1


def _smtp_send(message):
    config = current_app.config
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(message)


def absolute_url(link: str) -> str:
    if link.startswith(("http://", "https://")):
        return link
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + "/" + link.lstrip("/")


SIGNATURE = ["", "-- ", "Pesan ini dikirim otomatis oleh d'naker DIGI, Dinas Tenaga Kerja Kabupaten Tangerang.",
             "Mohon tidak membalas e-mail ini."]


def email_message(notification, user) -> EmailMessage:
    """A plain-text UTF-8 e-mail in Bahasa Indonesia (sent by jobs, for stored notifications: not translated)."""
    lines = [f"Yth. {user.first_name} {user.last_name or ''}".rstrip() + ",", "", notification.body]
    if notification.link:
        lines += ["", f"Selengkapnya: {absolute_url(notification.link)}"]
    return _message(user.email, notification.title,
                    lines + SIGNATURE + [f"Atur notifikasi yang Anda terima: {absolute_url(PREFERENCES_PATH)}"])


def mail_address(address: str, subject: str, body: str) -> str:
    """E-mail an address that has no account (e.g. a sign-up that did not go through): a job, like the
    e-mails of notifications, but with no inbox row to retry from."""
    return enqueue("app.core.notifications.send_to_address", address, subject, body)


def send_to_address(address: str, subject: str, body: str):
    _smtp_send(_message(address, subject, ["Yth. Bapak/Ibu,", "", body] + SIGNATURE))


def _message(to: str, subject: str, lines: list[str]) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="dnaker")
    message.set_content("\n".join(lines), charset="utf-8")
    return message


# ---- inbox and preferences screens -------------------------------------------------------------------------

def _current_user_id():
    user = request_user()
    return user.id if user else None


def mark_read(user_id: int, notification_id: int | None = None) -> int:
    """Mark one of the user's notifications, or all of them, as read (not committed)."""
    query = db.session.query(Notification).filter_by(user_id=user_id, read_at=None)
    if notification_id is not None:
        query = query.filter_by(id=notification_id)
    return query.update({Notification.read_at: utcnow()}, synchronize_session=False)


def _own_notification_id(pk: str) -> int:
    """The id of a notification of the current user, else 404."""
    found = pk.isdecimal() and db.session.query(Notification.id).filter_by(
        id=int(pk), user_id=_current_user_id()).first()
    if not found:
        raise NotFound()
    return int(pk)


def _link(link):
    return Markup('<a href="%s">%s</a>') % (link, _("Buka")) if link else ""  # Markup's % escapes both


EMAIL_STATUS_LABELS = {"none": "—", "pending": _l("Menunggu dikirim"), "sent": _l("Terkirim"),
                       "failed": _l("Gagal dikirim"), "off": _l("Tidak dikirim")}


class NotificationView(AppModelView):
    """The signed-in user's own inbox, for every role (Admin too): another user's row answers 404."""

    datamodel = None  # set by register()
    resource = "Notification"
    route_base = "/notifikasi"
    base_filters = [["user_id", FilterEqualFunction, _current_user_id]]
    # Read-only screens plus the POST endpoints below. No edit, delete or bulk actions: FAB's actions load
    # rows by primary key, past base_filters.
    include_route_methods = {"list", "show", "mark_read_view", "preferences", "save_preferences"}
    base_permissions = ["can_read", "can_write"]
    # add/edit/delete keep FAB's own permission names, absent from base_permissions: hidden and refused.
    method_permission_name = {"mark_read_view": "write", "preferences": "read", "save_preferences": "write",
                              "add": "add", "edit": "edit", "delete": "delete"}
    list_title = show_title = _l("Notifikasi")
    list_template = "notifications/list.html"
    show_template = "notifications/show.html"
    list_columns = ["created_at", "kind", "title", "read_at", "link"]
    show_columns = ["created_at", "kind", "title", "body", "read_at", "email_status", "link"]
    search_columns = ["kind", "title", "created_at"]
    base_order = ("created_at", "desc")
    label_columns = {"created_at": _l("Waktu"), "kind": _l("Jenis"), "title": _l("Judul"), "body": _l("Isi"),
                     "read_at": _l("Status baca"), "email_status": _l("E-mail"), "link": _l("Tautan")}
    formatters_columns = {
        "kind": lambda kind: KINDS.get(kind, kind),
        "created_at": datetime_id,
        "read_at": lambda at: _("Dibaca %(at)s", at=datetime_id(at)) if at else _("Belum dibaca"),
        "email_status": lambda status: EMAIL_STATUS_LABELS.get(status, status),
        "link": _link,
    }

    @expose("/baca", methods=["POST"])
    @has_access
    def mark_read_view(self):
        """Form field `id`: that notification; none: all of the user's unread ones."""
        pk = request.form.get("id")
        notification_id = None if pk is None else _own_notification_id(pk)
        mark_read(_current_user_id(), notification_id)
        db.session.commit()
        if notification_id is not None:
            return redirect(url_for(".show", pk=notification_id))
        flash(_("Semua notifikasi ditandai sudah dibaca."), "success")
        return redirect(url_for(".list"))

    @expose("/pengaturan", methods=["GET"])
    @has_access
    def preferences(self):
        user_id = _current_user_id()
        rows = [(kind, label, preference(user_id, kind)) for kind, label in KINDS.items()]
        return self.render_template("notifications/preferences.html", rows=rows, title=_("Pengaturan Notifikasi"))

    @expose("/pengaturan", methods=["POST"])
    @has_access
    def save_preferences(self):
        user_id = _current_user_id()
        for kind in KINDS:
            set_preference(user_id, kind, in_app=f"in_app:{kind}" in request.form,
                           email=f"email:{kind}" in request.form)
        db.session.commit()
        flash(_("Pengaturan notifikasi disimpan."), "success")
        return redirect(url_for(".preferences"))


def register(appbuilder):
    # FAB's data interface configures every mapper when created, so not at import: services import this
    # module before all models are loaded.
    NotificationView.datamodel = TenantInterface(Notification)
    # Reached from the bell and the user's own menu on the right of the navbar (navbar_right.html), not from a
    # category of its own: the office's navbar holds the domains in one row at 1366 px.
    appbuilder.add_view_no_menu(NotificationView)
