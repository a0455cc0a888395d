"""Where a foreign worker may work outside the regency: Indonesia's 38 provinces and Banten's regencies and cities,
with their Kemendagri codes (Kepmendagri 100.1.1-6117/2022 and its 2025 update). Other regencies are typed by
code and name: this office keeps only what decides where a DKPTKA payment belongs (app.foreign_workers.rules)."""
import re

REGENCY = "36.03"  # Kabupaten Tangerang
REGENCY_NAME = "Kabupaten Tangerang"
PROVINCE = "36"  # Banten

PROVINCES = {
    "11": "Aceh", "12": "Sumatera Utara", "13": "Sumatera Barat", "14": "Riau", "15": "Jambi",
    "16": "Sumatera Selatan", "17": "Bengkulu", "18": "Lampung", "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau", "31": "DKI Jakarta", "32": "Jawa Barat", "33": "Jawa Tengah",
    "34": "Daerah Istimewa Yogyakarta", "35": "Jawa Timur", "36": "Banten", "51": "Bali",
    "52": "Nusa Tenggara Barat", "53": "Nusa Tenggara Timur", "61": "Kalimantan Barat", "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan", "64": "Kalimantan Timur", "65": "Kalimantan Utara", "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah", "73": "Sulawesi Selatan", "74": "Sulawesi Tenggara", "75": "Gorontalo",
    "76": "Sulawesi Barat", "81": "Maluku", "82": "Maluku Utara", "91": "Papua", "92": "Papua Barat",
    "93": "Papua Selatan", "94": "Papua Tengah", "95": "Papua Pegunungan", "96": "Papua Barat Daya",
}

BANTEN_REGENCIES = {
    "36.01": "Kabupaten Pandeglang", "36.02": "Kabupaten Lebak", "36.03": "Kabupaten Tangerang",
    "36.04": "Kabupaten Serang", "36.71": "Kota Tangerang", "36.72": "Kota Cilegon", "36.73": "Kota Serang",
    "36.74": "Kota Tangerang Selatan",
}

_REGENCY_CODE = re.compile(r"\d{2}\.\d{2}")


def province_name(code: str) -> str:
    return PROVINCES.get(code, code)


def regency_name(code: str) -> str | None:
    """The name of a Banten regency or city; None for the others (their name is typed)."""
    return BANTEN_REGENCIES.get(code)


def is_regency_code(code: str) -> bool:
    """"dd.dd" whose province part is one of the 38 provinces."""
    return bool(code and _REGENCY_CODE.fullmatch(code) and code[:2] in PROVINCES)
