"""How dates, money and identifiers read on screens and documents (Asia/Jakarta, Indonesian style).

``display`` is the one way a stored value reaches a list, a show page or an export: what a column means
(money, a code with labels) is declared once on the model column, ``info={"money": True}`` or
``info={"labels": {code: label}}``; a ``status`` column of a model with a ``workflow`` reads as its state label.
"""
from datetime import date, datetime, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

from flask_babel import gettext
from sqlalchemy import inspect as sa_inspect

JAKARTA = ZoneInfo("Asia/Jakarta")
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]


def local(dt: datetime) -> datetime:
    """A stored time (UTC; naive from SQLite) in Jakarta time."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(JAKARTA)


def date_id(value) -> str:
    """24 November 2026"""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = local(value).date()
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def datetime_id(value) -> str:
    """24 November 2026 08.15 WIB"""
    if value is None:
        return ""
    value = local(value)
    return f"{date_id(value.date())} {value:%H.%M} WIB"


def number(value) -> str:
    """1.234.567"""
    return f"{int(value):,}".replace(",", ".")


def rupiah(amount) -> str:
    """Rp1.234.567"""
    return "Rp" + number(amount or 0)


EMPTY = "–"


def label_of(labels: dict, code):
    """A code's label in the reader's language: labels are lazy strings or plain msgids (N_)."""
    label = labels.get(code)
    if label is None:
        return str(code)
    return gettext(label) if isinstance(label, str) else str(label)


def display(value, *, money: bool = False, labels: dict | None = None) -> str:
    """A stored value as people read it: '29 November 2026', '29 November 2026 09.42 WIB', 'Ya'/'Tidak',
    'Rp6.600.000', a code's label, '–' for nothing."""
    if value is None or value == "" or value == []:
        return EMPTY
    if labels is not None and not isinstance(value, (list, tuple, set)):
        return label_of(labels, value)
    if isinstance(value, bool):
        return gettext("Ya") if value else gettext("Tidak")
    if money and isinstance(value, (int, float, Decimal)):
        return rupiah(value)
    if isinstance(value, datetime):
        return datetime_id(value)
    if isinstance(value, date):
        return date_id(value)
    if isinstance(value, (list, tuple, set)):  # a to-many relation
        return ", ".join(display(item, labels=labels) for item in value)
    if isinstance(value, Decimal):
        return f"{value:f}".replace(".", ",")
    return str(value)


def model_column(model, name):
    """The mapped column of that name, or None (relations, properties, extra fields)."""
    try:
        return sa_inspect(model).columns.get(name)
    except Exception:  # not a mapped class
        return None


def column_info(model, name) -> dict:
    """The ``info`` a model declares on a column (``{"money": True}``, ``{"labels": {...}}``)."""
    column = model_column(model, name)
    return column.info if column is not None else {}


def column_meaning(model, name) -> dict:
    """What ``display`` needs to know about a column: ``money`` and ``labels``."""
    info = column_info(model, name)
    labels = info.get("labels")
    workflow = getattr(model, "workflow", None)
    if labels is None and name == "status" and workflow is not None:
        labels = workflow.states
    return {"money": bool(info.get("money")), "labels": labels}


def formatter_for(model, name):
    """A one-argument formatter for a column of a model, for list and show widgets."""
    meaning = column_meaning(model, name)
    return lambda value: display(value, **meaning)


def today_jakarta() -> date:
    return datetime.now(JAKARTA).date()


def register(app):
    from app.audit.views import history_url_args

    app.jinja_env.filters.update(date_id=date_id, datetime_id=datetime_id, rupiah=rupiah, display=display,
                            number=number)
    app.jinja_env.globals.update(history_args=history_url_args)
