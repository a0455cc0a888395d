"""The IPK III/1–III/8 forms, declared once as data (domain guide §8).

A form is parts; a part counts one subject (job seekers, vacancy slots, placements) by one row source (age
groups, education levels, KBJI major groups, KBLI sections, employer types) and shows measures × sexes as its
columns. Computing (compute.py), the page, the PDF (reports/ipk.py) and the XLSX (xlsx.py) all read these
declarations: a province that numbers or groups its forms differently needs a new `FORMS`, not new code.

Two shapes besides the plain "balance" table (one row per category, measures × sexes as columns):
- "summary" (III/1): the measures become rows 1, 2, A = 1+2, 3, 4, B = 3+4, 5 = A − B and the categories columns;
- "placements" (III/8): placement types × sexes as columns, no balance.
"""
from dataclasses import dataclass, field

from app.core.i18n import N_

SEEKERS, VACANCIES, PLACEMENTS = "pencari_kerja", "lowongan", "penempatan"

# Measures of a balance (the keys stored in the frozen figures) and their headings per subject.
START, REGISTERED, PLACED, REMOVED, END = "sisa_lalu", "daftar", "tempat", "hapus", "sisa_akhir"
MEASURES = (START, REGISTERED, PLACED, REMOVED, END)
MEASURE_LABELS = {
    SEEKERS: {START: N_("Sisa akhir bulan lalu"), REGISTERED: N_("Terdaftar bulan ini"),
              PLACED: N_("Ditempatkan bulan ini"), REMOVED: N_("Dihapuskan bulan ini"),
              END: N_("Sisa akhir bulan ini")},
    VACANCIES: {START: N_("Sisa akhir bulan lalu"), REGISTERED: N_("Terdaftar bulan ini"),
                PLACED: N_("Terisi bulan ini"), REMOVED: N_("Dihapuskan bulan ini"), END: N_("Sisa akhir bulan ini")},
}
# III/1's rows: the measures numbered as on the form, with the two sums and the balance between them.
SUMMARY_ROWS = (("1", START), ("2", REGISTERED), ("A", ("+", "1", "2")), ("3", PLACED), ("4", REMOVED),
                ("B", ("+", "3", "4")), ("5", ("-", "A", "B")))
SUMMARY_LABELS = {"A": N_("Jumlah (1 + 2)"), "B": N_("Jumlah (3 + 4)"), "5": N_("Sisa akhir bulan ini (A − B)")}

SEX_LABELS = {"L": "L", "P": "P", "X": "L/P"}
SEXES = {SEEKERS: ("L", "P"), VACANCIES: ("L", "P", "X"), PLACEMENTS: ("L", "P")}
PLACEMENT_TYPES = ("AKL", "AKAD", "AKAN")
TOTAL = N_("Jumlah")
UNKNOWN_KEY = "?"  # the row of facts without the category (never told, not in the reference)


@dataclass(frozen=True)
class RowSource:
    """Where a part's rows come from. kind: "age" (facts.AGE_GROUPS), "education" (education_level, a subtotal
    per parent level), "kbji" (major groups 0–9), "kbli" (sections A–U), "employer" (employer_type), "all" (one
    row). `unknown` labels the row of facts without a category; "" shows it only when it has figures."""

    kind: str
    unknown: str = N_("Tidak diketahui")
    always_unknown: bool = False


@dataclass(frozen=True)
class Part:
    key: str  # the figures' key and the XLSX/PDF heading anchor
    title: str
    subject: str  # SEEKERS | VACANCIES | PLACEMENTS
    rows: RowSource
    shape: str = "balance"  # balance | summary | placements
    header: str = ""  # the label column's heading


@dataclass(frozen=True)
class Form:
    code: str  # "III/1"
    title: str
    parts: tuple[Part, ...] = field(default_factory=tuple)

    @property
    def slug(self) -> str:
        """"iii-1": the form in a URL or a file name."""
        return self.code.lower().replace("/", "-")


AGE, EDUCATION = RowSource("age", N_("Usia di bawah 15 / tidak diketahui")), RowSource("education")
KBJI = RowSource("kbji")
KBLI_SEEKERS = RowSource("kbli", N_("Tidak diketahui / belum pernah bekerja"), always_unknown=True)
KBLI_VACANCIES = RowSource("kbli", N_("Tidak diketahui"), always_unknown=True)

FORMS = (
    Form("III/1", N_("Ikhtisar Statistik Antarkerja"), (
        Part("pencari_kerja", N_("I. Pencari Kerja menurut Golongan Umur"), SEEKERS, AGE, "summary", N_("Uraian")),
        Part("lowongan", N_("II. Lowongan Kerja"), VACANCIES, RowSource("all"), "summary", N_("Uraian")))),
    Form("III/2", N_("Pencari Kerja menurut Tingkat Pendidikan"), (
        Part("pendidikan", N_("Pencari Kerja menurut Tingkat Pendidikan"), SEEKERS, EDUCATION,
             header=N_("Pendidikan")),)),
    Form("III/3", N_("Pencari Kerja menurut Golongan Jabatan"), (
        Part("kbji", N_("Pencari Kerja menurut Golongan Pokok Jabatan (KBJI)"), SEEKERS, KBJI,
             header=N_("Golongan pokok jabatan")),)),
    Form("III/4", N_("Lowongan Kerja menurut Tingkat Pendidikan"), (
        Part("pendidikan", N_("Lowongan Kerja menurut Tingkat Pendidikan"), VACANCIES, EDUCATION,
             header=N_("Pendidikan")),)),
    Form("III/5", N_("Lowongan Kerja menurut Golongan Jabatan"), (
        Part("kbji", N_("Lowongan Kerja menurut Golongan Pokok Jabatan (KBJI)"), VACANCIES, KBJI,
             header=N_("Golongan pokok jabatan")),)),
    Form("III/6", N_("Lowongan Kerja menurut Lapangan Usaha"), (
        Part("kbli", N_("Lowongan Kerja menurut Lapangan Usaha (kategori KBLI)"), VACANCIES, KBLI_VACANCIES,
             header=N_("Lapangan usaha")),)),
    Form("III/7", N_("Pencari Kerja menurut Lapangan Usaha"), (
        Part("kbli", N_("Pencari Kerja menurut Lapangan Usaha Pekerjaan Terakhir (kategori KBLI)"), SEEKERS,
             KBLI_SEEKERS, header=N_("Lapangan usaha")),)),
    Form("III/8", N_("Penempatan Tenaga Kerja (AKL, AKAD, AKAN)"), (
        Part("pendidikan", N_("A. Menurut Tingkat Pendidikan"), PLACEMENTS, EDUCATION, "placements",
             N_("Pendidikan")),
        Part("pemberi_kerja", N_("B. Menurut Jenis Pemberi Kerja"), PLACEMENTS,
             RowSource("employer", N_("Tidak diketahui (dilaporkan di loket)")), "placements",
             N_("Pemberi kerja")))),
)


def form(slug_or_code: str) -> Form | None:
    return next((f for f in FORMS if slug_or_code in (f.slug, f.code)), None)


# ---- the national export: one row per form × row × sex (issue 11 part 5) -------------------------------------

NATIONAL_COLUMNS = (("kode_form", "Kode form"), ("kode_baris", "Kode baris"), ("uraian", "Uraian"),
                    ("jenis_kelamin", "Jenis kelamin"), (START, "Sisa bulan lalu"), (REGISTERED, "Terdaftar"),
                    (PLACED, "Ditempatkan/terisi"), (REMOVED, "Dihapuskan"), (END, "Sisa akhir bulan"))
