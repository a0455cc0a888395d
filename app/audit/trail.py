"""The audit trail as the Kepala Dinas reads it: which record (its label and a link to it), what was done, each
changed field by its screen label with old → new values formatted, when in WIB, and who by name.

Labels are not written twice: a table's record and field labels come from the screens registered for its model
(their show_title and label_columns), collected once per application."""
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from flask import current_app, url_for
from flask_babel import gettext, lazy_gettext as _l
from sqlalchemy import Boolean, Date, DateTime, inspect as sa_inspect, or_

from app.audit.models import AuditEntry
from app.core.formatting import JAKARTA, column_meaning, display
from app.extensions import db

ACTIONS = {"insert": _l("Dibuat"), "update": _l("Diubah"), "delete": _l("Dihapus")}
SYSTEM = _l("Sistem")
# Tables no screen shows, and columns no screen labels (bookkeeping shared by many tables).
RECORD_LABELS = {
    "ak1_report": _l("Lapor ulang AK/I"), "notification": _l("Notifikasi"),
    "notification_preference": _l("Pengaturan notifikasi"), "number_sequence": _l("Nomor urut"),
    "pkwt_daily_report": _l("Laporan harian PKWT"), "stored_file": _l("Berkas"),
    "transition_log": _l("Riwayat keputusan"), "ab_api_key": _l("Kunci API"),
    "ab_register_user": _l("Pendaftaran pengguna"),
}
COMMON_FIELDS = {
    "id": "ID", "status": _l("Status"), "status_changed_at": _l("Status sejak"), "created_at": _l("Dibuat pada"),
    "updated_at": _l("Diubah pada"), "serial_year": _l("Tahun nomor"), "serial": _l("Nomor urut"),
    "verified_at": _l("Tanggal verifikasi"), "closed_at": _l("Tanggal ditutup"), "note": _l("Catatan"),
    "reason": _l("Alasan"), "user_id": _l("Pengguna"), "username": _l("Nama pengguna"), "at": _l("Waktu"),
    "from_state": _l("Dari status"), "to_state": _l("Ke status"), "action": _l("Aksi"), "table_name": _l("Tabel"),
    "row_id": _l("ID data"), "kind": _l("Jenis"), "original_name": _l("Nama berkas"), "size": _l("Ukuran"),
    "due_date": _l("Batas waktu"), "reported_at": _l("Waktu lapor"), "channel": _l("Saluran"),
    "officer_name": _l("Petugas"), "month": _l("Bulan"), "days": _l("Hari"), "snapshot": _l("Salinan data kartu"),
    "signed_by_name": _l("Penanda tangan"), "signed_by_nip": _l("NIP penanda tangan"),
    "rejection_reason": _l("Alasan penolakan"), "uploaded_at": _l("Waktu unggah"), "last_value": _l("Nomor terakhir"),
    "kecamatan_code": _l("Kecamatan"), "desa_code": _l("Desa/kelurahan"), "company_id": _l("Perusahaan"),
    "job_seeker_id": _l("Pencari kerja"), "card_id": _l("Kartu AK/I"), "previous_id": _l("Kartu sebelumnya"),
    "contract_id": "PKWT", "merged_into_id": _l("Digabung ke"), "sequence": _l("Lapor ulang ke-"),
    "photo_file_id": _l("Pas foto"), "ktp_file_id": _l("Pindaian KTP"), "diploma_file_id": _l("Pindaian ijazah"),
    "contract_file_id": _l("Berkas kontrak"), "name": _l("Nama"), "year": _l("Tahun"), "email": _l("E-mail"),
    "first_name": _l("Nama depan"), "last_name": _l("Nama belakang"), "active": _l("Aktif"),
}


@dataclass
class TableInfo:
    model: type | None
    record: object  # the record's label, e.g. "Data Perusahaan"
    fields: dict  # column -> screen label
    views: list  # screens showing any of the table's rows, in menu order


def _declared_labels(view) -> dict:
    """The labels a screen declares; FAB fills the rest with prettified column names (English), left out."""
    return {column: label for column, label in (view.label_columns or {}).items()
            if str(label) != view._prettify_column(column)}


def _models_by_table() -> dict:
    from app.core.models import Model

    return {mapper.local_table.name: mapper.class_ for mapper in Model.registry.mappers
            if getattr(mapper, "local_table", None) is not None}


def tables() -> dict:
    """{table name: TableInfo} of every audited model, built from the registered screens on first use."""
    cache = current_app.extensions.get("audit_tables")
    if cache is None:
        cache = {name: TableInfo(model, None, {}, []) for name, model in _models_by_table().items()}
        for view in current_app.appbuilder.baseviews:
            model = getattr(getattr(view, "datamodel", None), "obj", None)
            info = cache.get(getattr(model, "__tablename__", None))
            if info is None or not hasattr(view, "show"):
                continue
            info.fields = {**_declared_labels(view), **info.fields}  # the first screen's label wins
            if not view.base_filters:  # work queues show only some rows: not the record's home
                info.views.append(view)
                info.record = info.record or view.show_title
        current_app.extensions["audit_tables"] = cache
    return cache


def record_label(table: str) -> str:
    info = tables().get(table)
    label = (info.record if info else None) or RECORD_LABELS.get(table)
    return str(label) if label else table.replace("_", " ").capitalize()


def _relation_of(model, column):
    """The relationship a foreign-key column stands for (company_id -> company), whose label screens declare."""
    for rel in sa_inspect(model).relationships if model is not None else []:
        if any(c.name == column for c in rel.local_columns):
            return rel.key
    return None


def field_label(table: str, column: str) -> str:
    info = tables().get(table)
    fields = info.fields if info else {}
    label = (fields.get(column) or fields.get(_relation_of(info.model if info else None, column))
             or COMMON_FIELDS.get(column))
    return str(label) if label else column.replace("_", " ").capitalize()


def record_url(table: str, row_id: str):
    """The record's page on the first screen the current user may read it on, or None."""
    info = tables().get(table)
    sm = current_app.appbuilder.sm
    for view in info.views if info else []:
        # our screens check "read" on their resource; FAB's security screens "show"
        if any(sm.has_access(permission, view.class_permission_name) for permission in ("can_read", "can_show")):
            return url_for(f"{view.endpoint}.show", pk=row_id)
    return None


def _typed(model, column, value):
    """A value as stored in the JSON of an entry (ISO text for dates), back to its Python type."""
    if value is None or model is None:
        return value
    col = model.__table__.columns.get(column)
    try:
        if isinstance(col.type, DateTime):
            return datetime.fromisoformat(value)
        if isinstance(col.type, Date):
            return date.fromisoformat(value)
        if isinstance(col.type, Boolean):
            return bool(value)
    except (AttributeError, TypeError, ValueError):
        pass
    return value


def format_value(table: str, column: str, value) -> str:
    info = tables().get(table)
    model = info.model if info else None
    meaning = column_meaning(model, column) if model is not None else {}
    return display(_typed(model, column, value), **meaning)


@dataclass
class Change:
    label: str
    old: str
    new: str


def changes(entry: AuditEntry) -> list[Change]:
    return [Change(field_label(entry.table_name, column), format_value(entry.table_name, column, old),
                   format_value(entry.table_name, column, new))
            for column, (old, new) in json.loads(entry.changes).items()]


def summary(entry: AuditEntry, shown: int = 4) -> str:
    """The changed fields of an update by label (the first few); for a new or deleted row, how many fields."""
    columns = list(json.loads(entry.changes))
    if entry.action != "update":
        return gettext("%(n)s kolom", n=len(columns)) if columns else display(None)
    labels = [field_label(entry.table_name, column) for column in columns[:shown]]
    more = len(columns) - shown
    return ", ".join(labels) + (" " + gettext("dan %(n)s lainnya", n=more) if more > 0 else "")


def action_label(action: str) -> str:
    return str(ACTIONS.get(action, action))


def actor_names(entries) -> dict:
    """{user_id: full name} of the people behind the entries (one query)."""
    from app.security.models import AppUser

    ids = {e.user_id for e in entries if e.user_id is not None}
    if not ids:
        return {}
    users = db.session.query(AppUser.id, AppUser.first_name, AppUser.last_name, AppUser.username).filter(
        AppUser.id.in_(ids)).all()  # the names only: not each user's company with its relations
    return {u.id: " ".join(filter(None, [u.first_name, u.last_name])) or u.username for u in users}


def actor(entry: AuditEntry, names: dict) -> str:
    if entry.user_id is None:
        return str(SYSTEM) if entry.username in (None, "system") else entry.username
    return names.get(entry.user_id) or entry.username


@dataclass
class Filters:
    person: str = ""
    table: str = ""
    row_id: str = ""
    since: date | None = None
    until: date | None = None


def _utc(day: date) -> datetime:
    return datetime.combine(day, time.min, JAKARTA).astimezone(timezone.utc)


def search(filters: Filters):
    """Entries matching the filters, newest first (a query, for paging)."""
    from app.security.models import AppUser

    query = db.session.query(AuditEntry)
    if filters.person:
        like = f"%{filters.person}%"
        people = db.session.query(AppUser.id).filter(or_(
            AppUser.username.ilike(like), AppUser.first_name.ilike(like), AppUser.last_name.ilike(like),
            (AppUser.first_name + " " + AppUser.last_name).ilike(like)))
        query = query.filter(or_(AuditEntry.user_id.in_(people), AuditEntry.username.ilike(like)))
    if filters.table:
        query = query.filter(AuditEntry.table_name == filters.table)
    if filters.row_id:
        query = query.filter(AuditEntry.row_id == filters.row_id)
    if filters.since:
        query = query.filter(AuditEntry.at >= _utc(filters.since))
    if filters.until:
        query = query.filter(AuditEntry.at < _utc(filters.until + timedelta(days=1)))
    return query.order_by(AuditEntry.id.desc())


def table_choices() -> list[tuple[str, str]]:
    """(table, record label) of the tables people work on (those with a screen), by label."""
    return sorted(((name, record_label(name)) for name, info in tables().items() if info.views),
                  key=lambda choice: choice[1].lower())

