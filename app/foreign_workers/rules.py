"""The rules of foreign-worker use (PP 34/2021, Permenaker 8/2021) as pure functions: no database, no HTTP.

The rounding of rupiah is stated once, here: ``idr_amount``."""
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from dateutil.relativedelta import relativedelta
from flask_babel import gettext as _

from app.core.validation import DomainError
from app.foreign_workers import regions

USD_PER_POSITION_MONTH = 100  # PP 34/2021 (DKPTKA): USD 100 per position per person per month
EXTENSION_NOTICE_WORKING_DAYS = 30  # PP 34/2021 art. 21: extension asked ≥ 30 working days before the RPTKA ends
EXTENSION_MAX_MONTHS = 24  # an extension lasts at most 2 years
VALIDATION_WORKING_DAYS = 1  # the office's service standard: validated 1 working day after the money arrived


# ---- DKPTKA amounts ----------------------------------------------------------------------------------------

def usd_amount(months: int, positions: int) -> int:
    """DKPTKA in US dollars: USD 100 × months × positions, per foreign worker (PP 34/2021; Permenaker 8/2021)."""
    return USD_PER_POSITION_MONTH * months * positions


def idr_amount(usd, rate) -> int:
    """THE rounding rule of DKPTKA in rupiah: USD amount × the day's rate (rupiah per dollar), computed exactly in
    decimal and rounded to whole rupiah, half a rupiah upwards (ROUND_HALF_UP). Everything that converts a DKPTKA
    amount calls this."""
    exact = Decimal(str(usd)) * Decimal(str(rate))
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _positive_int(value) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 and number == value else None


def _decimal(value) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def check_payment_amounts(months, positions, usd, rate, idr) -> list[str]:
    """Every reason a DKPTKA payment's figures are wrong, in Indonesian; empty when they agree: the USD amount is
    100 × months × positions (PP 34/2021) and the rupiah amount is the USD amount at the stated rate, rounded by
    ``idr_amount``."""
    problems = []
    months_ok, positions_ok = _positive_int(months), _positive_int(positions)
    if months_ok is None:
        problems.append(_("Jumlah bulan harus bilangan bulat lebih dari 0."))
    elif months_ok > EXTENSION_MAX_MONTHS:
        problems.append(_("Jumlah bulan paling banyak %(months)s (perpanjangan paling lama 2 tahun).",
                          months=EXTENSION_MAX_MONTHS))
    if positions_ok is None:
        problems.append(_("Jumlah jabatan harus bilangan bulat lebih dari 0."))
    usd_value, rate_value, idr_value = _decimal(usd), _decimal(rate), _decimal(idr)
    expected_usd = usd_amount(months_ok, positions_ok) if months_ok and positions_ok else None
    if usd_value is None:
        problems.append(_("Jumlah USD tidak valid."))
    elif expected_usd is not None and usd_value != expected_usd:
        problems.append(_("Jumlah USD seharusnya %(expected)s (USD 100 × %(months)s bulan × %(positions)s "
                          "jabatan), tertulis %(given)s.", expected=expected_usd, months=months_ok,
                          positions=positions_ok, given=usd))
    if rate_value is None or rate_value <= 0:
        problems.append(_("Kurs rupiah per USD harus lebih dari 0."))
    if idr_value is None or idr_value != idr_value.to_integral_value():
        problems.append(_("Jumlah rupiah harus bilangan bulat."))
    elif usd_value is not None and rate_value is not None and rate_value > 0:
        expected_idr = idr_amount(usd_value, rate_value)
        if idr_value != expected_idr:
            problems.append(_("Jumlah rupiah seharusnya %(expected)s (USD %(usd)s × kurs %(rate)s, dibulatkan ke "
                              "rupiah terdekat), tertulis %(given)s.", expected=f"{expected_idr:,}".replace(",", "."),
                              usd=usd, rate=rate, given=f"{int(idr_value):,}".replace(",", ".")))
    return problems


# ---- extension timing --------------------------------------------------------------------------------------

def extension_due_by(rptka_end: date, calendar) -> date:
    """The last day to request an extension (PP 34/2021 art. 21: at least 30 working days before the RPTKA ends):
    counting back from the end day (not counted), the 30th working day. A request on that day leaves 30 working
    days, itself included, before the end."""
    current, left = rptka_end, EXTENSION_NOTICE_WORKING_DAYS
    while left > 0:
        current -= timedelta(days=1)
        if calendar.is_working_day(current):
            left -= 1
    return current


def is_late(requested_on: date, rptka_end: date, calendar) -> bool:
    """A request after the last day of ``extension_due_by`` is late (PP 34/2021 art. 21)."""
    return requested_on > extension_due_by(rptka_end, calendar)


def check_extension_period(start: date, end: date):
    """An extended RPTKA period ends after it starts and lasts at most 2 years (PP 34/2021 art. 21;
    Permenaker 8/2021): the last day is at most the day before the same date 24 months later."""
    if start is None or end is None:
        raise DomainError(_("Awal dan akhir masa perpanjangan wajib diisi."), field="rptka_end")
    if end <= start:
        raise DomainError(_("Akhir masa perpanjangan harus sesudah awalnya."), field="rptka_end")
    if end > start + relativedelta(months=EXTENSION_MAX_MONTHS) - timedelta(days=1):
        raise DomainError(_("Perpanjangan RPTKA paling lama 2 tahun (PP 34/2021 pasal 21)."), field="rptka_end")


# ---- where a DKPTKA payment belongs ------------------------------------------------------------------------

KABUPATEN, OTHER_REGENCY, PROVINSI, KEMENTERIAN = "kabupaten", "kabupaten_lain", "provinsi", "kementerian"


@dataclass(frozen=True)
class Authority:
    level: str  # kabupaten (this one) | kabupaten_lain | provinsi | kementerian
    province_code: str | None
    province_name: str | None
    sentence: str  # where to pay and have the payment validated, for the operator


def payment_authority(locations) -> Authority:
    """Who receives and validates the DKPTKA of an extension (PP 34/2021 art. 24; Permenaker 8/2021): the regency
    when every work location is in Kabupaten Tangerang (36.03), the province when they are all in one province,
    the Ministry of Manpower otherwise. Every location in one other regency: that regency (the same article read
    for its own office). ``locations``: objects with ``regency_code`` ("dd.dd") and ``regency_name``."""
    locations = list(locations)
    codes = [location.regency_code for location in locations]
    if not codes:
        raise DomainError(_("Lokasi kerja TKA belum diisi: tempat pembayaran DKPTKA bergantung padanya."),
                          field="locations")
    if all(code == regions.REGENCY for code in codes):
        return Authority(KABUPATEN, regions.PROVINCE, regions.province_name(regions.PROVINCE), _(
            "Semua lokasi kerja berada di Kabupaten Tangerang: DKPTKA perpanjangan dibayarkan ke kas daerah "
            "Kabupaten Tangerang dan divalidasi oleh Disnaker Kabupaten Tangerang."))
    if len(set(codes)) == 1:
        name = locations[0].regency_name or codes[0]
        return Authority(OTHER_REGENCY, codes[0][:2], regions.province_name(codes[0][:2]), _(
            "Semua lokasi kerja berada di %(regency)s, bukan Kabupaten Tangerang: DKPTKA perpanjangan dibayarkan "
            "ke kas daerah %(regency)s dan divalidasi oleh dinas tenaga kerjanya, bukan di sini.", regency=name))
    provinces = {code[:2] for code in codes}
    if len(provinces) == 1:
        code = provinces.pop()
        name = regions.province_name(code)
        return Authority(PROVINSI, code, name, _(
            "Lokasi kerja berada di lebih dari satu kabupaten/kota dalam Provinsi %(province)s: DKPTKA "
            "perpanjangan dibayarkan ke kas daerah Provinsi %(province)s dan divalidasi oleh dinas tenaga kerja "
            "provinsi, bukan di sini.", province=name))
    return Authority(KEMENTERIAN, None, None, _(
        "Lokasi kerja berada di lebih dari satu provinsi: DKPTKA dibayarkan ke rekening Kementerian "
        "Ketenagakerjaan dan divalidasi oleh Kementerian, bukan di sini."))


# ---- service level -----------------------------------------------------------------------------------------

def validation_due(received_on: date, calendar) -> date:
    """The day a DKPTKA payment must be validated by: 1 working day after the treasurer confirmed the money
    arrived (the office's service standard; working days of app.reference.calendar)."""
    return calendar.add_working_days(received_on, VALIDATION_WORKING_DAYS)
