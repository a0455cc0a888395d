"""Matching job seekers and vacancies, both ways: `vacancies_for(seeker)` and `candidates_for(vacancy)`.

1. Hard filters, in SQL: the seeker holds an issued, unexpired AK-1; the vacancy is open (`slots.open_clause`);
   the seeker's education is at least the level asked (IPK codes: the first digit is the level, 1 SD … 8 S3);
   their age is within the range stated; a vacancy with slots of one sex only takes that sex; a vacancy in a
   kecamatan is for seekers with no place preference or with that kecamatan among theirs, one outside the
   regency only for those willing to work outside (`willing_outside_regency`).
2. A bounded pool: the SQL orders what passes by a cheap pre-score (occupation level, distance; skills on the
   candidates' side) and hands at most POOL rows to Python, so no call ever reads a whole table.
3. The score in [0, 1]: a weighted sum of occupation, skills, distance, experience and wage fit, multiplied by
   the congestion damping of the vacancy (applications already received per slot still open).
Each `Match` carries its explanation: matched and missing skills, distance, the component that counted most,
the damping applied.
"""
import math
from dataclasses import dataclass, field
from datetime import UTC, date, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import Date, Integer, String, case, exists, func, literal, or_, select, true

from app.core.formatting import today_jakarta
from app.core.models import utcnow
from app.extensions import db
from app.reference.models import EducationLevel, Kbji, Region, SchoolLevel
from app.seekers.models import Ak1Card, Experience, JobSeeker, SeekerPreference, SeekerSkill, Skill
from app.vacancies.models import Application, Invitation, Vacancy, VacancySkill, VacancySlotEvent
from app.vacancies.slots import open_clause

# ---- weights (named, with the reason) ----------------------------------------------------------------------

# Occupation first: an employer hires for a position; a seeker from another occupation group rarely fits
# whatever else they bring. Skills next: they are what the vacancy states it needs. Distance matters in a
# regency where most people commute by motorbike. Experience and wage fit refine the order, they do not
# make a match.
WEIGHTS = {"occupation": 0.35, "skills": 0.30, "distance": 0.15, "experience": 0.10, "wage": 0.10}
# KBJI levels by the length of the code prefix shared: 4 = same unit group … 1 = same major group.
OCCUPATION_LEVEL_SCORE = {4: 1.0, 3: 0.7, 2: 0.45, 1: 0.15, 0: 0.0}
MUST_HAVE_WEIGHT, NICE_TO_HAVE_WEIGHT = 2.0, 1.0  # a missing must-have costs twice a missing nice-to-have
DISTANCE_SCALE_KM = 12.0  # exp(-d/12): the same kecamatan 1.0, 10 km 0.43, 30 km 0.08
OUTSIDE_REGENCY_DISTANCE_SCORE = 0.2  # work outside the regency, for a seeker who said they would go
UNKNOWN_DISTANCE_SCORE = 0.5  # the seeker's kecamatan is not recorded
WAGE_SHORTFALL_SLOPE = 2.0  # expected wage 10 % above what is offered: 0.8; 50 % above: 0.0
NEUTRAL = 0.5  # a component the data cannot tell (no wage stated, …)
# Congestion: the first FREE_APPLICATIONS_PER_SLOT applications per open slot cost nothing; each further one
# per slot divides by (1 + DAMPING_RATE · excess): 7 per slot → 0.5. A popular vacancy drops down the lists of
# seekers who would also fit elsewhere, so the best candidates are not all sent to the same place.
FREE_APPLICATIONS_PER_SLOT = 3.0
DAMPING_RATE = 0.25
POOL = 150  # rows the SQL pre-score hands to the exact score
NEAR_KM, MIDDLE_KM = 6.0, 15.0  # the pre-score's distance bands
SCAN_CAP = 4000  # candidates for a vacancy: people read per occupation source and tier (bounds the cost)
EARTH_RADIUS_KM = 6371.0

COMPONENT_LABELS = {"occupation": "jabatan", "skills": "keterampilan", "distance": "jarak",
                    "experience": "pengalaman", "wage": "upah"}
LEVEL_LABELS = {4: "jabatan yang sama (golongan KBJI 4 digit)", 3: "jabatan yang mirip (sub-golongan KBJI)",
                2: "bidang jabatan yang sama (sub-golongan pokok KBJI)", 1: "golongan pokok KBJI yang sama",
                0: "jabatan dari bidang lain"}


@dataclass
class Match:
    vacancy_id: int
    job_seeker_id: int
    score: float  # damped, in [0, 1]
    raw_score: float  # before damping
    components: dict  # component -> value in [0, 1]
    occupation_level: int
    matched_skills: list = field(default_factory=list)
    missing_must: list = field(default_factory=list)
    missing_nice: list = field(default_factory=list)
    distance_km: float | None = None
    outside_regency: bool = False
    applications: int = 0
    remaining_slots: int = 0
    damping: float = 1.0
    main: str = ""  # the component that contributed most
    applied: bool = False  # candidates: already applied
    invited: bool = False  # candidates: already invited
    vacancy: dict | None = None  # a few columns for the screens
    seeker: dict | None = None

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    def explanation(self) -> list[str]:
        """Plain Indonesian sentences, the most telling first."""
        lines = [f"Paling menentukan: {COMPONENT_LABELS[self.main]}."]
        lines.append(f"Jabatan: {LEVEL_LABELS[self.occupation_level]}.")
        if self.matched_skills:
            lines.append("Keterampilan yang cocok: " + ", ".join(self.matched_skills) + ".")
        if self.missing_must:
            lines.append("Keterampilan wajib yang belum dimiliki: " + ", ".join(self.missing_must) + ".")
        if self.missing_nice:
            lines.append("Keterampilan tambahan yang belum dimiliki: " + ", ".join(self.missing_nice) + ".")
        if self.outside_regency:
            lines.append("Lokasi kerja di luar Kabupaten Tangerang.")
        elif self.distance_km is not None:
            lines.append(f"Jarak antar-kecamatan sekitar {_km(self.distance_km)} km.")
        if self.damping < 0.995:
            lines.append(f"Sudah ada {self.applications} pelamar untuk {self.remaining_slots} lowongan tersisa: "
                         f"nilai dikurangi {round((1 - self.damping) * 100)} % agar pelamar tersebar.")
        return lines


def _km(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


# ---- the components (pure) ---------------------------------------------------------------------------------

def haversine_km(a: tuple | None, b: tuple | None) -> float | None:
    if not a or not b or None in a or None in b:
        return None
    lat1, lng1, lat2, lng2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def occupation_level(seeker_codes, vacancy_code: str) -> int:
    """The longest KBJI prefix a seeker's occupation shares with the vacancy's (4 = same unit group)."""
    best = 0
    for code in seeker_codes:
        shared = 0
        for x, y in zip(code, vacancy_code):
            if x != y:
                break
            shared += 1
        best = max(best, min(shared, 4))
    return best


def skill_coverage(seeker_skills: set, vacancy_skills: list) -> tuple[float, list, list, list]:
    """(coverage, matched, missing must-have, missing nice-to-have); vacancy_skills: (id, name, must_have)."""
    if not vacancy_skills:
        return NEUTRAL, [], [], []  # nothing asked: no evidence either way (1.0 would lift any unrelated vacancy)
    have = total = 0.0
    matched, missing_must, missing_nice = [], [], []
    for skill_id, name, must in vacancy_skills:
        weight = MUST_HAVE_WEIGHT if must else NICE_TO_HAVE_WEIGHT
        total += weight
        if skill_id in seeker_skills:
            have += weight
            matched.append(name)
        else:
            (missing_must if must else missing_nice).append(name)
    return have / total, sorted(matched), sorted(missing_must), sorted(missing_nice)


def distance_score(km: float | None, outside: bool) -> float:
    if outside:
        return OUTSIDE_REGENCY_DISTANCE_SCORE
    if km is None:
        return UNKNOWN_DISTANCE_SCORE
    return math.exp(-km / DISTANCE_SCALE_KM)


def experience_score(years: float, required: int | None) -> float:
    if not required:
        return 1.0
    return min(1.0, years / required)


def wage_score(expected: int | None, wage_min: int | None, wage_max: int | None) -> float:
    offered = wage_max or wage_min
    if not expected or not offered:
        return NEUTRAL
    if expected <= offered:
        return 1.0
    return max(0.0, 1.0 - WAGE_SHORTFALL_SLOPE * (expected - offered) / offered)


def damping_factor(applications: int, remaining: int) -> float:
    per_slot = applications / max(remaining, 1)
    return 1.0 / (1.0 + DAMPING_RATE * max(0.0, per_slot - FREE_APPLICATIONS_PER_SLOT))


def score(components: dict) -> tuple[float, str]:
    contributions = {name: WEIGHTS[name] * value for name, value in components.items()}
    return sum(contributions.values()), max(contributions, key=contributions.get)


# ---- reference lookups ---------------------------------------------------------------------------------------

def education_rank(ipk_code: str | None) -> int:
    """IPK education codes: the first digit is the level (1000 SD, 2000 SLTP, 3xxx SLTA/SMK … 8000 S3)."""
    return int(ipk_code[0]) if ipk_code and ipk_code[0].isdigit() else 0


REFERENCE_TTL = 300.0  # seconds: school levels, IPK codes and kecamatan centroids change with a release
_reference = {"at": -1e9}


def _reference_data() -> dict:
    """Reference rows the matcher reads on every call, kept per process for a few minutes."""
    import time

    if time.monotonic() - _reference["at"] > REFERENCE_TTL:
        _reference.update(
            school_ranks={code: education_rank(ipk) for code, ipk in db.session.execute(
                select(SchoolLevel.code, SchoolLevel.ipk_code))},
            ipk_codes=[code for (code,) in db.session.execute(select(EducationLevel.ipk_code))],
            centroids={code: (lat, lng) for code, lat, lng in db.session.execute(
                select(Region.code, Region.lat, Region.lng).where(Region.level == "kecamatan"))},
            at=time.monotonic())
    return _reference


def _school_ranks() -> dict:
    return _reference_data()["school_ranks"]


def _centroids() -> dict:
    return _reference_data()["centroids"]


def _region_names(codes) -> dict:
    codes = [c for c in set(codes) if c]
    if not codes:
        return {}
    return dict(db.session.execute(select(Region.code, Region.name).where(Region.code.in_(codes))).all())


def _age(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def _experience_years(spans, today: date) -> float:
    return sum(max(0, ((end or today) - start).days) for start, end in spans) / 365.25


def active_card_clause(seeker_id_column, today: date):
    """SQL: the seeker holds an issued AK-1 that has not expired."""
    return exists().where(Ak1Card.job_seeker_id == seeker_id_column, Ak1Card.status == "issued",
                          or_(Ak1Card.valid_until.is_(None), Ak1Card.valid_until >= today))


def _distance_case(column, origin, centroids):
    """SQL CASE: a coarse distance score of a kecamatan column from `origin` (near, middle, far), enough to
    order the pool; the exact score is computed in Python."""
    near, middle = [], []
    for code, point in centroids.items():
        distance = haversine_km(origin, point)
        if distance is None:
            continue
        (near if distance <= NEAR_KM else middle if distance <= MIDDLE_KM else []).append(code)
    whens = [(column.in_(codes), distance_score(at, False)) for codes, at in ((near, NEAR_KM / 2),
                                                                              (middle, (NEAR_KM + MIDDLE_KM) / 2))
             if codes]
    return case(*whens, else_=distance_score(MIDDLE_KM * 1.5, False)) if whens else literal(UNKNOWN_DISTANCE_SCORE)


def _level_case(column, codes):
    """SQL CASE: the occupation level score of a KBJI code column against the seeker's codes."""
    prefixes = {n: sorted({c[:n] for c in codes if len(c) >= n}) for n in (4, 3, 2, 1)}
    whens = [(func.substr(column, 1, n) .in_(prefixes[n]), OCCUPATION_LEVEL_SCORE[n])
             for n in (4, 3, 2, 1) if prefixes[n]]
    return case(*whens, else_=0.0) if whens else literal(0.0)


def _with_slot_state(limited):
    """The rows of `limited` (a LIMITed select of _VACANCY_COLUMNS) with, for each, the applications not
    withdrawn and the slots already used per requested sex: counted for those rows only."""
    inner = limited.subquery()

    def used(sex):
        return (select(func.coalesce(func.sum(VacancySlotEvent.count), 0))
                .where(VacancySlotEvent.vacancy_id == inner.c.id, VacancySlotEvent.slot_sex == sex)
                .scalar_subquery())

    applications = (select(func.count()).select_from(Application)
                    .where(Application.vacancy_id == inner.c.id, Application.status != "withdrawn")
                    .scalar_subquery())
    return select(inner, applications.label("applications"), used("L").label("used_l"),
                  used("P").label("used_p"), used("X").label("used_x"))


def _used(row) -> dict:
    return {"L": int(row.used_l or 0), "P": int(row.used_p or 0), "X": int(row.used_x or 0)}


def _remaining(row, used: dict) -> dict:
    return {"L": (row.slots_male or 0) - used.get("L", 0), "P": (row.slots_female or 0) - used.get("P", 0),
            "X": (row.slots_any or 0) - used.get("X", 0)}


def _vacancy_skills(vacancy_ids) -> dict:
    skills = {}
    if not vacancy_ids:
        return skills
    for vacancy_id, skill_id, name, must in db.session.execute(
            select(VacancySkill.vacancy_id, VacancySkill.skill_id, Skill.name, VacancySkill.must_have)
            .join(Skill, Skill.id == VacancySkill.skill_id).where(VacancySkill.vacancy_id.in_(vacancy_ids))):
        skills.setdefault(vacancy_id, []).append((skill_id, name, must))
    return skills


# ---- a seeker's profile, as the matcher reads it ---------------------------------------------------------------

@dataclass
class Profile:
    id: int
    sex: str
    birth_date: date
    education_rank: int
    kecamatan_code: str | None
    expected_wage: int | None
    willing_outside: bool
    occupations: set
    skills: set
    locations: set
    experience_years: float


def _profiles(seeker_ids, today: date, card_required: bool = False) -> dict:
    """The matcher's view of these seekers, in two queries (the person; their occupations, places, past jobs
    and skills). `card_required`: leave out those without an active AK-1."""
    if not seeker_ids:
        return {}
    ranks = _school_ranks()
    profiles = {}
    base = select(JobSeeker.id, JobSeeker.sex, JobSeeker.birth_date, JobSeeker.education_level_code,
                  JobSeeker.kecamatan_code, JobSeeker.expected_wage, JobSeeker.willing_outside_regency
                  ).where(JobSeeker.id.in_(seeker_ids))
    if card_required:
        base = base.where(active_card_clause(JobSeeker.id, today))
    for row in db.session.execute(base):
        profiles[row.id] = Profile(row.id, row.sex, row.birth_date, ranks.get(row.education_level_code, 0),
                                   row.kecamatan_code, row.expected_wage, bool(row.willing_outside_regency),
                                   set(), set(), set(), 0.0)
    if not profiles:
        return profiles
    ids = list(profiles)
    none_date = literal(None, type_=Date)
    parts = select(SeekerPreference.job_seeker_id, SeekerPreference.kind, SeekerPreference.kbji_code,
                   SeekerPreference.kecamatan_code, none_date, none_date, literal(None, type_=Integer)).where(
        SeekerPreference.job_seeker_id.in_(ids), SeekerPreference.kind.in_(("occupation", "location"))
    ).union_all(
        select(Experience.job_seeker_id, literal("experience"), Experience.kbji_code, literal(None, type_=String),
               Experience.start_date, Experience.end_date, literal(None, type_=Integer))
        .where(Experience.job_seeker_id.in_(ids)),
        select(SeekerSkill.job_seeker_id, literal("skill"), literal(None, type_=String),
               literal(None, type_=String), none_date, none_date, SeekerSkill.skill_id)
        .where(SeekerSkill.job_seeker_id.in_(ids)))
    spans = {}
    for seeker_id, kind, kbji, kecamatan, start, end, skill_id in db.session.execute(parts):
        profile = profiles[seeker_id]
        if kind == "occupation" and kbji:
            profile.occupations.add(kbji)
        elif kind == "location" and kecamatan:
            profile.locations.add(kecamatan)
        elif kind == "experience":
            if kbji:
                profile.occupations.add(kbji)
            spans.setdefault(seeker_id, []).append((start, end))
        elif kind == "skill":
            profile.skills.add(skill_id)
    for seeker_id, items in spans.items():
        profiles[seeker_id].experience_years = _experience_years(items, today)
    return profiles


def has_active_card(seeker_id: int, today: date | None = None) -> bool:
    today = today or today_jakarta()
    return bool(db.session.execute(select(active_card_clause(literal(seeker_id), today))).scalar())


# ---- one pair ------------------------------------------------------------------------------------------------

_VACANCY_COLUMNS = (Vacancy.id, Vacancy.title, Vacancy.company_id, Vacancy.kbji_code, Vacancy.slots_male,
                    Vacancy.slots_female, Vacancy.slots_any, Vacancy.age_min, Vacancy.age_max,
                    Vacancy.education_ipk_code, Vacancy.experience_years, Vacancy.wage_min, Vacancy.wage_max,
                    Vacancy.work_kecamatan_code, Vacancy.published_at, Vacancy.valid_until)


def _pair(profile: Profile, row, skills, centroids, damping: bool) -> Match | None:
    """The score of one seeker for one vacancy (hard filters already passed in SQL), or None when no slot is
    left that the seeker's sex may take."""
    applications = row.applications
    left = _remaining(row, _used(row))
    own = left.get(profile.sex, 0) + left["X"] if profile.sex in ("L", "P") else sum(left.values())
    if own <= 0:
        return None
    level = occupation_level(profile.occupations, row.kbji_code)
    coverage, matched, missing_must, missing_nice = skill_coverage(profile.skills, skills)
    outside = row.work_kecamatan_code is None
    km = None if outside else haversine_km(centroids.get(profile.kecamatan_code),
                                           centroids.get(row.work_kecamatan_code))
    components = {"occupation": OCCUPATION_LEVEL_SCORE[level], "skills": coverage,
                  "distance": distance_score(km, outside),
                  "experience": experience_score(profile.experience_years, row.experience_years),
                  "wage": wage_score(profile.expected_wage, row.wage_min, row.wage_max)}
    raw, main = score(components)
    remaining = max(sum(left.values()), 0)
    factor = damping_factor(applications, remaining) if damping else 1.0
    return Match(vacancy_id=row.id, job_seeker_id=profile.id, score=raw * factor, raw_score=raw,
                 components=components, occupation_level=level, matched_skills=matched, missing_must=missing_must,
                 missing_nice=missing_nice, distance_km=km, outside_regency=outside, applications=applications,
                 remaining_slots=remaining, damping=factor, main=main)


# ---- vacancies for a seeker ------------------------------------------------------------------------------------

def vacancies_for(seeker, limit: int = 20, today: date | None = None, damping: bool = True,
                  published_since=None) -> list[Match]:
    """The open vacancies that fit `seeker` (a JobSeeker or its id), best first. Empty without an active AK-1.
    `published_since`: only vacancies published at or after that moment (the daily digest)."""
    today = today or today_jakarta()
    seeker_id = getattr(seeker, "id", seeker)
    profile = _profiles([seeker_id], today, card_required=True).get(seeker_id)
    if profile is None:  # no active AK-1
        return []
    centroids = _centroids()
    age = _age(profile.birth_date, today)
    allowed_education = [code for code in _reference_data()["ipk_codes"]
                         if education_rank(code) <= profile.education_rank]
    conditions = [open_clause(today),
                  or_(Vacancy.education_ipk_code.is_(None), Vacancy.education_ipk_code.in_(allowed_education)),
                  or_(Vacancy.age_min.is_(None), Vacancy.age_min <= age),
                  or_(Vacancy.age_max.is_(None), Vacancy.age_max >= age),
                  ~exists().where(Application.vacancy_id == Vacancy.id, Application.job_seeker_id == seeker_id,
                                  Application.status != "withdrawn")]
    if profile.sex == "L":
        conditions.append(Vacancy.slots_male + Vacancy.slots_any > 0)
    elif profile.sex == "P":
        conditions.append(Vacancy.slots_female + Vacancy.slots_any > 0)
    inside = Vacancy.work_kecamatan_code.in_(profile.locations) if profile.locations \
        else Vacancy.work_kecamatan_code.isnot(None)
    conditions.append(or_(inside, Vacancy.work_kecamatan_code.is_(None)) if profile.willing_outside else inside)
    if published_since is not None:
        conditions.append(Vacancy.published_at >= published_since)
    origin = centroids.get(profile.kecamatan_code)
    distance = (_distance_case(Vacancy.work_kecamatan_code, origin, centroids) if origin
                else literal(UNKNOWN_DISTANCE_SCORE))
    pre = (WEIGHTS["occupation"] * _level_case(Vacancy.kbji_code, profile.occupations)
           + WEIGHTS["distance"] * case((Vacancy.work_kecamatan_code.is_(None), OUTSIDE_REGENCY_DISTANCE_SCORE),
                                        else_=distance))
    rows = db.session.execute(_with_slot_state(
        select(*_VACANCY_COLUMNS).where(*conditions)
        .order_by(pre.desc(), Vacancy.published_at.desc(), Vacancy.id.desc()).limit(max(POOL, limit)))).all()
    skills = _vacancy_skills([row.id for row in rows])
    matches, by_id = [], {}
    for row in rows:
        match = _pair(profile, row, skills.get(row.id, []), centroids, damping)
        if match is not None:
            matches.append(match)
            by_id[row.id] = row
    matches.sort(key=lambda m: (-m.score, -m.vacancy_id))
    for match in matches[:limit]:
        match.vacancy = by_id[match.vacancy_id]._asdict()  # for the screens; costly, so for the shown only
    return matches[:limit]


# ---- candidates for a vacancy ------------------------------------------------------------------------------------

def candidates_for(vacancy, limit: int = 50, today: date | None = None, damping: bool = True) -> list[Match]:
    """The job seekers (active AK-1) who fit `vacancy` (a Vacancy or its id), best first; empty when the
    vacancy is not open."""
    today = today or today_jakarta()
    vacancy_id = getattr(vacancy, "id", vacancy)
    row = db.session.execute(_with_slot_state(
        select(*_VACANCY_COLUMNS).where(Vacancy.id == vacancy_id, open_clause(today)).limit(1))).first()
    if row is None:
        return []
    centroids = _centroids()
    skills = _vacancy_skills([vacancy_id]).get(vacancy_id, [])
    left = _remaining(row, _used(row))
    sexes = [sex for sex in ("L", "P") if left[sex] + left["X"] > 0]
    if not sexes:
        return []
    required = education_rank(row.education_ipk_code)
    allowed_schools = [code for code, rank in _school_ranks().items() if rank >= required]
    conditions = [JobSeeker.status == "active", JobSeeker.sex.in_(sexes), active_card_clause(JobSeeker.id, today)]
    if required:
        conditions.append(JobSeeker.education_level_code.in_(allowed_schools))
    if row.age_min is not None:  # age ≥ min: born on or before today − min years
        conditions.append(JobSeeker.birth_date <= today - relativedelta(years=row.age_min))
    if row.age_max is not None:  # age ≤ max: born after today − (max + 1) years
        conditions.append(JobSeeker.birth_date > today - relativedelta(years=row.age_max + 1))
    places = select(SeekerPreference.id).where(SeekerPreference.job_seeker_id == JobSeeker.id,
                                               SeekerPreference.kind == "location")
    if row.work_kecamatan_code is None:
        conditions.append(JobSeeker.willing_outside_regency.is_(true()))
    else:
        conditions.append(or_(~places.exists(),
                              places.where(SeekerPreference.kecamatan_code == row.work_kecamatan_code).exists()))

    # Who wants or did an occupation of the vacancy's minor group (KBJI 3 digits) first; the sub-major, then the
    # major group when that leaves fewer than `limit`. People of other fields are not candidates (their
    # occupation scores 0). Widening only when short keeps the pool query to a few thousand rows at 500,000.
    code = row.kbji_code
    pool = {}
    for prefix in (code[:3], code[:2], code[:1]):
        pool = _candidate_pool(row, prefix, conditions, skills, centroids, max(POOL, limit))
        if len(pool) >= limit:
            break
    profiles = _profiles(list(pool), today)
    applied, invited = set(), set()
    for seeker_id, kind in db.session.execute(
            select(Application.job_seeker_id, literal("applied")).where(
                Application.vacancy_id == vacancy_id, Application.job_seeker_id.in_(list(pool)),
                Application.status != "withdrawn")
            .union_all(select(Invitation.job_seeker_id, literal("invited")).where(
                Invitation.vacancy_id == vacancy_id, Invitation.job_seeker_id.in_(list(pool))))):
        (applied if kind == "applied" else invited).add(seeker_id)
    matches = []
    for seeker_id, profile in profiles.items():
        match = _pair(profile, row, skills, centroids, damping)
        if match is not None:
            match.applied, match.invited = seeker_id in applied, seeker_id in invited
            matches.append(match)
    matches.sort(key=lambda m: (-m.score, m.job_seeker_id))
    shown = row._asdict()
    for match in matches[:limit]:
        match.vacancy = shown
    return matches[:limit]


def _kbji_codes(prefix: str) -> list[str]:
    return list(db.session.scalars(select(Kbji.code).where(Kbji.code.like(prefix + "%"))))


def _candidate_pool(row, prefix, conditions, skills, centroids, size) -> dict:
    """seeker id -> pre-score of at most `size` seekers who pass the filters and have an occupation (wanted or
    done) starting with `prefix` ("" for anyone)."""
    code = row.kbji_code
    if prefix:
        codes = _kbji_codes(prefix)
        # At most SCAN_CAP people per source, the most recently registered first (higher ids): the cost of a
        # popular occupation stays bounded, and there the list of 50 is full of that occupation's people anyway
        wanted = select(SeekerPreference.job_seeker_id.label("sid"), SeekerPreference.kbji_code.label("kbji")).where(
            SeekerPreference.kbji_code.in_(codes), SeekerPreference.kind == "occupation"
        ).order_by(SeekerPreference.job_seeker_id.desc()).limit(SCAN_CAP).subquery()
        done = select(Experience.job_seeker_id.label("sid"), Experience.kbji_code.label("kbji")).where(
            Experience.kbji_code.in_(codes)).order_by(Experience.job_seeker_id.desc()).limit(SCAN_CAP).subquery()
        occ = select(wanted.c.sid, wanted.c.kbji).union_all(select(done.c.sid, done.c.kbji)).subquery()
        level = func.max(_level_case(occ.c.kbji, [code]))
        occupations = select(occ.c.sid, level.label("level")).group_by(occ.c.sid).subquery()
        source = select(JobSeeker.id, occupations.c.level).join(occupations, occupations.c.sid == JobSeeker.id)
        level_column = occupations.c.level
    else:
        source = select(JobSeeker.id, literal(0.0).label("level"))
        level_column = literal(0.0)
    origin = centroids.get(row.work_kecamatan_code)
    distance = (_distance_case(JobSeeker.kecamatan_code, origin, centroids) if origin
                else literal(OUTSIDE_REGENCY_DISTANCE_SCORE if row.work_kecamatan_code is None
                             else UNKNOWN_DISTANCE_SCORE))
    pre = WEIGHTS["occupation"] * level_column + WEIGHTS["distance"] * distance
    if skills:
        total = sum(MUST_HAVE_WEIGHT if must else NICE_TO_HAVE_WEIGHT for _, _, must in skills)
        weight = case(*[(SeekerSkill.skill_id == skill_id, MUST_HAVE_WEIGHT if must else NICE_TO_HAVE_WEIGHT)
                        for skill_id, _, must in skills], else_=0.0)
        have = (select(func.coalesce(func.sum(weight), 0.0))
                .where(SeekerSkill.job_seeker_id == JobSeeker.id,
                       SeekerSkill.skill_id.in_([skill_id for skill_id, _, _ in skills]))
                .correlate(JobSeeker).scalar_subquery())
        pre = pre + WEIGHTS["skills"] * have / total
    else:
        pre = pre + literal(WEIGHTS["skills"] * NEUTRAL)
    query = source.where(*conditions).order_by(pre.desc(), JobSeeker.id).limit(size)
    return {seeker_id: level for seeker_id, level in db.session.execute(query)}


# ---- for screens -----------------------------------------------------------------------------------------------

def attach_names(matches: list[Match]) -> list[Match]:
    """Kecamatan and company names, the seeker's name and masked NIK, for the screens (two small queries)."""
    from app.companies.models import Company

    companies = dict(db.session.execute(select(Company.id, Company.name).where(
        Company.id.in_({m.vacancy["company_id"] for m in matches if m.vacancy}))).all()) if matches else {}
    places = _region_names([m.vacancy["work_kecamatan_code"] for m in matches if m.vacancy])
    seekers = {}
    ids = {m.job_seeker_id for m in matches}
    if ids:
        for row in db.session.execute(select(JobSeeker.id, JobSeeker.full_name, JobSeeker.nik, JobSeeker.sex,
                                             JobSeeker.birth_date, JobSeeker.kecamatan_code)
                                      .where(JobSeeker.id.in_(ids))):
            seekers[row.id] = row._asdict()
        names = _region_names([s["kecamatan_code"] for s in seekers.values()])
        for seeker in seekers.values():
            seeker["kecamatan"] = names.get(seeker["kecamatan_code"], "")
            seeker["nik_masked"] = mask_nik(seeker["nik"])
    for m in matches:
        if m.vacancy:
            m.vacancy["company"] = companies.get(m.vacancy["company_id"], "")
            m.vacancy["kecamatan"] = places.get(m.vacancy["work_kecamatan_code"], "")
        m.seeker = seekers.get(m.job_seeker_id)
    return matches


def mask_nik(nik: str | None) -> str:
    """3603XXXXXXXX1234: the regency and the last four digits, enough to tell two people apart at the desk."""
    if not nik:
        return ""
    return nik[:4] + "•" * max(0, len(nik) - 8) + nik[-4:]



# ---- invitations and the daily digest ----------------------------------------------------------------------------

DIGEST_KIND = "match_digest"
INVITE_KIND = "vacancy_invitation"
DIGEST_CANDIDATES = 200  # per new vacancy: the best this many candidates hear about it
DIGEST_MIN_SCORE = 0.4  # weaker matches are not worth a message
DIGEST_MIN_LEVEL = 2  # and only vacancies of the seeker's own field (same KBJI sub-major group at least)
DIGEST_CATCH_UP = timedelta(days=7)  # vacancies published this long ago still reach a digest missed meanwhile
DIGEST_LISTED = 5
MATCHES_LINK = "/lowongan-cocok/"


def _register_kinds():
    from flask_babel import lazy_gettext as _l

    from app.core.notifications import register_kind

    register_kind(DIGEST_KIND, _l("Lowongan cocok harian"))
    register_kind(INVITE_KIND, _l("Undangan melamar"))


_register_kinds()


def portal_link(vacancy_id: int) -> str:
    return f"/lowongan/{vacancy_id}"


def invite(vacancy: Vacancy, seeker_id: int, user=None, score: float | None = None, note: str | None = None):
    """An officer invites a candidate to apply: one invitation per seeker and vacancy, and a notification with
    the link to the vacancy's public page. Returns (invitation, created); not committed."""
    from app.core.notifications import notify
    from app.core.validation import DomainError
    from app.security.models import AppUser
    from app.security.tenancy import acting_for_system

    existing = db.session.execute(select(Invitation).where(Invitation.vacancy_id == vacancy.id,
                                                           Invitation.job_seeker_id == seeker_id)).scalar()
    if existing is not None:
        return existing, False
    if not has_active_card(seeker_id):
        raise DomainError("Pencari kerja ini tidak memiliki kartu AK/I yang aktif.")
    invitation = Invitation(vacancy_id=vacancy.id, company_id=vacancy.company_id, job_seeker_id=seeker_id,
                            invited_at=utcnow(), invited_by_id=getattr(user, "id", None), note=note, score=score)
    with acting_for_system():  # the officer acts for the office: the row belongs to the company and the seeker
        db.session.add(invitation)
        db.session.flush()
    account = db.session.scalar(select(AppUser.id).where(AppUser.job_seeker_id == seeker_id,
                                                         AppUser.active.is_(True)))
    if account is not None:
        company = vacancy.company.name if vacancy.company is not None else ""
        notify(account, INVITE_KIND, f"invite:{vacancy.id}:{seeker_id}", "Undangan melamar lowongan",
               f"Petugas Dinas Tenaga Kerja mengundang Anda melamar lowongan {vacancy.title} di {company}. "
               "Lihat lowongan dan lamar melalui tautan ini.", portal_link(vacancy.id))
    return invitation, True


def _aware(moment):
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def send_match_digests(today: date | None = None) -> dict:
    """The daily digest: each seeker with an active AK-1 and an account hears once a day (key per seeker per
    day) of the open vacancies published since their last digest that match them; nothing when none, nothing
    for those who switched the kind off. Works from the new vacancies (a few a day) to their candidates, not
    from every seeker to every vacancy. Commits; returns counts."""
    from app.core.formatting import date_id
    from app.core.notifications import Notification, NotificationPreference, notify, send_pending_emails
    from app.security.models import AppUser

    today = today or today_jakarta()
    now = utcnow()
    since = now - DIGEST_CATCH_UP
    fresh = db.session.execute(select(Vacancy.id, Vacancy.title, Vacancy.published_at)
                               .where(open_clause(today), Vacancy.published_at >= since)
                               .order_by(Vacancy.published_at)).all()
    found = {}  # seeker id -> [(vacancy row, score)]
    for vacancy in fresh:
        for match in candidates_for(vacancy.id, limit=DIGEST_CANDIDATES, today=today):
            if (match.score >= DIGEST_MIN_SCORE and match.occupation_level >= DIGEST_MIN_LEVEL
                    and not match.applied):
                found.setdefault(match.job_seeker_id, []).append((vacancy, match.score))
    counts = {"sent": 0, "none": 0, "off": 0, "no_account": 0}
    if not found:
        return counts
    accounts = dict(db.session.execute(select(AppUser.job_seeker_id, AppUser.id).where(
        AppUser.job_seeker_id.in_(list(found)), AppUser.active.is_(True))).all())
    users = list(accounts.values())
    off = set(db.session.scalars(select(NotificationPreference.user_id).where(
        NotificationPreference.user_id.in_(users), NotificationPreference.kind == DIGEST_KIND,
        NotificationPreference.in_app.is_(False), NotificationPreference.email.is_(False))))
    last = dict(db.session.execute(select(Notification.user_id, func.max(Notification.created_at)).where(
        Notification.user_id.in_(users), Notification.kind == DIGEST_KIND).group_by(Notification.user_id)).all())
    to_mail = []
    for seeker_id, items in found.items():
        user_id = accounts.get(seeker_id)
        if user_id is None:
            counts["no_account"] += 1
            continue
        if user_id in off:
            counts["off"] += 1
            continue
        previous = _aware(last.get(user_id))
        new = [(v, s) for v, s in items if previous is None or _aware(v.published_at) > previous]
        if not new:
            counts["none"] += 1
            continue
        new.sort(key=lambda item: -item[1])
        lines = [f"- {v.title} (kecocokan {round(s * 100)} %): {portal_link(v.id)}" for v, s in new[:DIGEST_LISTED]]
        more = len(new) - DIGEST_LISTED
        body = (f"Ada {len(new)} lowongan baru yang cocok untuk Anda ({date_id(today)}):\n" + "\n".join(lines)
                + (f"\n… dan {more} lainnya." if more > 0 else "")
                + "\nBerhenti menerima ringkasan ini di pengaturan notifikasi.")
        notification = notify(user_id, DIGEST_KIND, f"{DIGEST_KIND}:{seeker_id}:{today.isoformat()}",
                              "Lowongan baru yang cocok untuk Anda", body, MATCHES_LINK)
        if notification is not None:
            counts["sent"] += 1
            if notification.email_status == "pending":
                to_mail.append(notification.id)
    db.session.commit()
    if to_mail:
        send_pending_emails(to_mail)
    return counts
