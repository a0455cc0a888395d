"""How dates, money and identifiers read on screens and documents (Asia/Jakarta, Indonesian style)."""
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

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


def rupiah(amount) -> str:
    """Rp1.234.567"""
    return "Rp" + f"{int(amount or 0):,}".replace(",", ".")


def today_jakarta() -> date:
    return datetime.now(JAKARTA).date()


def register(app):
    from app.audit.views import history_url_args

    app.jinja_env.filters.update(date_id=date_id, datetime_id=datetime_id, rupiah=rupiah)
    app.jinja_env.globals.update(history_args=history_url_args)
