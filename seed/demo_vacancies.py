"""Demo vacancies: a dozen reports of the demo companies in the states people meet — published with varied
occupations, education, kecamatan and wages (some with slots filled), one waiting for the officer, one returned
for correction, one closed at the end of its validity — so the portal, matching and the officer's queue have
something real. Deterministic; the rules of app.vacancies.vacancies apply to every one."""
from datetime import datetime, time, timedelta

from app.core.formatting import JAKARTA, today_jakarta
from app.core.workflow import decide
from app.extensions import db
from app.reference.models import Region
from app.security.models import AppUser
from app.seekers.models import Skill
from app.vacancies import vacancies
from app.vacancies.models import Vacancy

SKILLS = ["Menjahit dengan mesin industri", "Mengoperasikan forklift", "Pengelasan SMAW", "Microsoft Excel",
          "Pengendalian mutu (QC)", "Perawatan mesin produksi", "Administrasi gudang", "Mengemudi (SIM B1)",
          "Pelayanan pelanggan", "Akuntansi dasar", "Instalasi listrik", "Pemrograman Python"]

# title, KBJI, (male, female, either), sex reason, minimum education (IPK), field, must / nice skills (indexes),
# experience years, wage min / max, work type, age min / max, disability friendly
VACANCIES = [
    ("Operator Mesin Jahit", "8153", (0, 0, 12), None, "1000", None, [0], [4], 0, 5_250_000, 5_400_000,
     "penuh_waktu", 18, None, True),
    ("Operator Forklift", "8344", (0, 0, 3), None, "3001", None, [1], [6], 1, 5_600_000, 6_000_000,
     "penuh_waktu", 20, None, False),
    ("Tukang Las", "7212", (0, 0, 4), None, "3002", "Teknik Pengelasan", [2], [], 2, 5_800_000, 6_500_000,
     "kontrak", 18, None, False),
    ("Staf Gudang", "4321", (0, 0, 2), None, "3001", None, [6], [3], 0, 5_300_000, None, "penuh_waktu", 18, None,
     True),
    ("Teknisi Perawatan Mesin", "3115", (0, 0, 2), None, "5000", "Teknik Mesin", [5], [2], 3, 6_500_000, 8_000_000,
     "penuh_waktu", 21, None, False),
    ("Petugas Keamanan", "5414", (2, 0, 0), "Jaga malam di area tambang pasir dengan patroli fisik dan pemeriksaan "
     "badan pekerja laki-laki", "3001", None, [], [8], 1, 5_300_000, None, "penuh_waktu", 21, 40, False),
    ("Staf Akuntansi", "3313", (0, 0, 1), None, "6000", "Akuntansi", [3, 9], [], 2, 7_000_000, 9_000_000,
     "penuh_waktu", 22, None, True),
    ("Pengemudi Truk", "8332", (0, 0, 2), None, "2000", None, [7], [], 2, 5_500_000, 6_200_000, "kontrak", 21, None,
     False),
    ("Kasir Minimarket", "5230", (0, 0, 5), None, "3001", None, [8], [3], 0, 2_800_000, None, "paruh_waktu", 18,
     None, True),
    ("Pengembang Perangkat Lunak", "2512", (0, 0, 1), None, "6000", "Informatika", [11], [3], 2, 9_000_000,
     13_000_000, "penuh_waktu", 21, None, True),
    ("Perakit Elektronik", "8212", (0, 0, 8), None, "3002", "Teknik Elektronika", [4], [0], 0, 5_250_000, None,
     "penuh_waktu", 18, None, True),
    ("Pekerja Bongkar Muat", "9333", (0, 0, 6), None, "1000", None, [], [1], 0, 5_250_000, None, "harian", 18, None,
     False),
]
# index in VACANCIES -> what happens to it after the report
STATES = {0: "published", 1: "published", 2: "published", 3: "submitted", 4: "returned", 5: "published",
          6: "published", 7: "published", 8: "published", 9: "published", 10: "published", 11: "expired"}
RETURN_NOTE = "Lengkapi uraian tugas dan sebutkan shift kerja."


def _skills():
    rows = {row.name: row for row in db.session.query(Skill).filter(Skill.name.in_(SKILLS))}
    for name in SKILLS:
        if name not in rows:
            rows[name] = Skill(name=name, approved=True)
            db.session.add(rows[name])
    db.session.flush()
    return [rows[name] for name in SKILLS]


def generate_vacancies(companies, today=None) -> int:
    """About 12 vacancies of the two demo operators' companies and a few other verified ones."""
    if db.session.query(Vacancy.id).first() is not None:
        return 0
    today = today or today_jakarta()
    officer = db.session.query(AppUser).filter_by(username="petugas.ak").one()
    skills = _skills()
    kecamatan = [code for (code,) in db.session.query(Region.code).filter_by(level="kecamatan").order_by(Region.code)]
    verified = [c for c in companies if c.status == "verified"]
    owners = [companies[0], companies[0], companies[1], companies[0], companies[0], *verified[2:9]]
    made = 0
    for n, spec in enumerate(VACANCIES):
        (title, kbji, (male, female, either), reason, education, field, must, nice, years, wage_min, wage_max,
         work_type, age_min, age_max, accessible) = spec
        company = owners[n % len(owners)]
        state = STATES[n]
        start = today - timedelta(days=40 if state == "expired" else 3 + n)
        vacancy = Vacancy(company_id=company.id, title=title, kbji_code=kbji, slots_male=male, slots_female=female,
                          slots_any=either, sex_reason=reason, valid_from=start,
                          valid_until=start + timedelta(days=30 if state == "expired" else 60 + 7 * n),
                          education_ipk_code=education, education_field=field, experience_years=years,
                          wage_min=wage_min, wage_max=wage_max, work_type=work_type, age_min=age_min,
                          age_max=age_max, disability_friendly=accessible,
                          work_kecamatan_code=kecamatan[(n * 5) % len(kecamatan)] if n != 7 else None,
                          work_location="Kawasan Industri Cikande, Kabupaten Serang" if n == 7 else None,
                          description=f"{title}: bekerja sesuai standar operasional perusahaan.",
                          recorded_by_office=n == 10)
        vacancies.choose_skills(vacancy, must=[skills[i] for i in must], nice=[skills[i] for i in nice])
        vacancies.submit(vacancy, today=start)
        db.session.add(vacancy)
        db.session.flush()
        if state == "returned":
            decide(vacancy, "return", officer, note=RETURN_NOTE)
        elif state in ("published", "expired"):
            decide(vacancy, "verify", officer, at=datetime.combine(start, time(9), JAKARTA))
        if n in (0, 2):  # some slots already filled (art. 6)
            for k in range(2 if n == 0 else 1):
                vacancies.report_filled(vacancy, today, "X", None, name=f"Pekerja Demo {n}-{k + 1}")
        made += 1
    db.session.commit()
    vacancies.expire_vacancies(today)
    return made
