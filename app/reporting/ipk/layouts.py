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

SEEKERS, VACANCIES, PLACEMENTS = "pencari_kerja", "lowongan", "penempatan"

# Measures of a balance (the keys stored in the frozen figures) and their headings per subject.
START, REGISTERED, PLACED, REMOVED, END = "sisa_lalu", "daftar", "tempat", "hapus", "sisa_akhir"
MEASURES = (START, REGISTERED, PLACED, REMOVED, END)
MEASURE_LABELS = {
    SEEKERS: {START: "Sisa akhir bulan lalu", REGISTERED: "Terdaftar bulan ini", PLACED: "Ditempatkan bulan ini",
              REMOVED: "Dihapuskan bulan ini", END: "Sisa akhir bulan ini"},
    VACANCIES: {START: "Sisa akhir bulan lalu", REGISTERED: "Terdaftar bulan ini", PLACED: "Terisi bulan ini",
                REMOVED: "Dihapuskan bulan ini", END: "Sisa akhir bulan ini"},
}
# III/1's rows: the measures numbered as on the form, with the two sums and the balance between them.
SUMMARY_ROWS = (("1", START), ("2", REGISTERED), ("A", ("+", "1", "2")), ("3", PLACED), ("4", REMOVED),
                ("B", ("+", "3", "4")), ("5", ("-", "A", "B")))
SUMMARY_LABELS = {"A": "Jumlah (1 + 2)", "B": "Jumlah (3 + 4)", "5": "Sisa akhir bulan ini (A − B)"}

SEX_LABELS = {"L": "L", "P": "P", "X": "L/P"}
SEXES = {SEEKERS: ("L", "P"), VACANCIES: ("L", "P", "X"), PLACEMENTS: ("L", "P")}
PLACEMENT_TYPES = ("AKL", "AKAD", "AKAN")
TOTAL = "Jumlah"
UNKNOWN_KEY = "?"  # the row of facts without the category (never told, not in the reference)


@dataclass(frozen=True)
class RowSource:
    """Where a part's rows come from. kind: "age" (facts.AGE_GROUPS), "education" (education_level, a subtotal
    per parent level), "kbji" (major groups 0–9), "kbli" (sections A–U), "employer" (employer_type), "all" (one
    row). `unknown` labels the row of facts without a category; "" shows it only when it has figures."""

    kind: str
    unknown: str = "Tidak diketahui"
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


AGE, EDUCATION = RowSource("age", "Usia di bawah 15 / tidak diketahui"), RowSource("education")
KBJI = RowSource("kbji")
KBLI_SEEKERS = RowSource("kbli", "Tidak diketahui / belum pernah bekerja", always_unknown=True)
KBLI_VACANCIES = RowSource("kbli", "Tidak diketahui", always_unknown=True)

FORMS = (
    Form("III/1", "Ikhtisar Statistik Antarkerja", (
        Part("pencari_kerja", "I. Pencari Kerja menurut Golongan Umur", SEEKERS, AGE, "summary", "Uraian"),
        Part("lowongan", "II. Lowongan Kerja", VACANCIES, RowSource("all"), "summary", "Uraian"))),
    Form("III/2", "Pencari Kerja menurut Tingkat Pendidikan", (
        Part("pendidikan", "Pencari Kerja menurut Tingkat Pendidikan", SEEKERS, EDUCATION, header="Pendidikan"),)),
    Form("III/3", "Pencari Kerja menurut Golongan Jabatan", (
        Part("kbji", "Pencari Kerja menurut Golongan Pokok Jabatan (KBJI)", SEEKERS, KBJI,
             header="Golongan pokok jabatan"),)),
    Form("III/4", "Lowongan Kerja menurut Tingkat Pendidikan", (
        Part("pendidikan", "Lowongan Kerja menurut Tingkat Pendidikan", VACANCIES, EDUCATION,
             header="Pendidikan"),)),
    Form("III/5", "Lowongan Kerja menurut Golongan Jabatan", (
        Part("kbji", "Lowongan Kerja menurut Golongan Pokok Jabatan (KBJI)", VACANCIES, KBJI,
             header="Golongan pokok jabatan"),)),
    Form("III/6", "Lowongan Kerja menurut Lapangan Usaha", (
        Part("kbli", "Lowongan Kerja menurut Lapangan Usaha (kategori KBLI)", VACANCIES, KBLI_VACANCIES,
             header="Lapangan usaha"),)),
    Form("III/7", "Pencari Kerja menurut Lapangan Usaha", (
        Part("kbli", "Pencari Kerja menurut Lapangan Usaha Pekerjaan Terakhir (kategori KBLI)", SEEKERS,
             KBLI_SEEKERS, header="Lapangan usaha"),)),
    Form("III/8", "Penempatan Tenaga Kerja (AKL, AKAD, AKAN)", (
        Part("pendidikan", "A. Menurut Tingkat Pendidikan", PLACEMENTS, EDUCATION, "placements", "Pendidikan"),
        Part("pemberi_kerja", "B. Menurut Jenis Pemberi Kerja", PLACEMENTS,
             RowSource("employer", "Tidak diketahui (dilaporkan di loket)"), "placements", "Pemberi kerja"))),
)


def form(slug_or_code: str) -> Form | None:
    return next((f for f in FORMS if slug_or_code in (f.slug, f.code)), None)


# ---- the national export: one row per form × row × sex (issue 11 part 5) -------------------------------------

NATIONAL_COLUMNS = (("kode_form", "Kode form"), ("kode_baris", "Kode baris"), ("uraian", "Uraian"),
                    ("jenis_kelamin", "Jenis kelamin"), (START, "Sisa bulan lalu"), (REGISTERED, "Terdaftar"),
                    (PLACED, "Ditempatkan/terisi"), (REMOVED, "Dihapuskan"), (END, "Sisa akhir bulan"))
