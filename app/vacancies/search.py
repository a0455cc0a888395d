"""Searching open vacancies: by keyword through the database's full-text index (never LIKE), and by the filters of
the public portal. Services only: the portal (app.portal.vacancies) turns a URL's arguments into `Criteria` and
renders the `Page`; the matching baseline calls `keyword_search`.

The full-text index (migration 0014) holds each vacancy's title, company name, education field and description:
- PostgreSQL: `vacancy.search_document`, a tsvector in the `indonesian` configuration (Snowball stemming: "menjual",
  "penjual", "penjualan" all meet at "jual"), weighted title > company > education field > description, ranked by
  `ts_rank`;
- SQLite: the FTS5 table `vacancy_fts` (no stemming: each word matches as a prefix, so "penjual" still finds
  "penjualan"), ranked by `bm25` with the same order of columns.
Words are letters and digits only, so no user input reaches a query's syntax."""
import re
import time
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import Float, Integer, and_, func, or_, select, text

from app.companies.models import Company
from app.core.formatting import today_jakarta
from app.core.models import utcnow
from app.extensions import db
from app.reference.models import EducationLevel, Kbji, Kbli, Region
from app.vacancies.models import Vacancy
from app.vacancies.slots import open_clause

WORD = re.compile(r"[^\W_]+")
MAX_WORDS = 8
MAX_WORD_LENGTH = 40
PER_PAGE = 20
MAX_PAGE = 50  # 1,000 results: past that, a narrower search serves the reader better than page 51
COUNT_CAP = PER_PAGE * MAX_PAGE  # counted up to this many; "more than 1.000" past it
# A keyword ranks the newest this many matches, not all of them: a common word ("mesin", "operator") can match tens
# of thousands of open vacancies, and ranking each costs more than the search (bench/portal.py --all-open). Past
# COUNT_CAP the count shown is "more than 1.000" either way.
RANK_WINDOW = 2 * COUNT_CAP
POSTED_WITHIN = (1, 3, 7, 30)  # days
OUTSIDE = "luar"  # the kecamatan filter's value for work outside the regency
# Column weights: title, company, education field, description (PostgreSQL's A, B, C, D).
SQLITE_WEIGHTS = "10.0, 4.0, 2.0, 1.0"
PG_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"  # D, C, B, A


def words_of(text_: str | None) -> list[str]:
    """The words of a keyword text, lowercased, each once, at most MAX_WORDS."""
    words = []
    for word in WORD.findall((text_ or "").lower()):
        word = word[:MAX_WORD_LENGTH]
        if word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def _is_postgresql() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def matching(query, words: list[str], any_word: bool = False, title_only: bool = False):
    """`query` (a select from `vacancy`) narrowed to the vacancies whose document holds the words (all of them, or
    any), and the score to order by (higher is better); (query, None) when there is no word.

    PostgreSQL: a condition on the vacancy row itself (no second pass over the table); SQLite: a join with the
    FTS5 table's matches."""
    words = words_of(" ".join(words))
    if not words:
        return query, None
    if _is_postgresql():
        weight = ":A" if title_only else ""
        tsquery = func.to_tsquery("indonesian", (" | " if any_word else " & ").join(word + weight for word in words))
        score = func.ts_rank(text(f"'{PG_WEIGHTS}'::float4[]"), Vacancy.search_document, tsquery)
        return query.where(Vacancy.search_document.op("@@")(tsquery)), score
    terms = (" OR " if any_word else " AND ").join(f'"{word}"*' for word in words)
    found = (text(f"SELECT rowid AS id, -bm25(vacancy_fts, {SQLITE_WEIGHTS}) AS score FROM vacancy_fts "
                  "WHERE vacancy_fts MATCH :fts_expression")
             .bindparams(fts_expression=f"title : ({terms})" if title_only else terms)
             .columns(id=Integer, score=Float).subquery("fts"))
    return query.join(found, found.c.id == Vacancy.id), found.c.score


def keyword_search(words: list[str], limit: int, any_word: bool = False, title_only: bool = False,
                   today: date | None = None) -> list[int]:
    """Ids of open vacancies matching the words, best first (ties: newest). `any_word` matches one word or more
    (the matching baseline's seeker occupation words); `title_only` searches titles alone."""
    query, score = matching(select(Vacancy.id), words, any_word=any_word, title_only=title_only)
    if score is None:
        return []
    query = (query.where(open_clause(today)).order_by(score.desc(), Vacancy.published_at.desc(), Vacancy.id.desc())
             .limit(limit))
    return list(db.session.scalars(query))


@dataclass(frozen=True)
class Criteria:
    """What a portal visitor asks for; every field optional."""

    keyword: str = ""
    kbji: str | None = None  # a KBJI major group (1 digit) or sub-major group (2 digits)
    sector: str | None = None  # a KBLI section letter (the company's sector)
    kecamatan: str | None = None  # a kecamatan code, or OUTSIDE
    education: str | None = None  # a top-level IPK education code ("3000"): vacancies open to that level
    wage: int | None = None  # the lowest monthly wage wanted
    posted_within: int | None = None  # days
    disability_friendly: bool = False
    page: int = 1

    @property
    def words(self):
        return words_of(self.keyword)

    def filtered(self) -> bool:
        return any((self.kbji, self.sector, self.kecamatan, self.education, self.wage, self.posted_within,
                    self.disability_friendly))


@dataclass
class Page:
    criteria: Criteria
    rows: list = field(default_factory=list)
    total: int = 0  # capped at COUNT_CAP + 1
    pages: int = 0

    @property
    def more_than_cap(self):
        return self.total > COUNT_CAP


def _education_clause(code: str):
    """Vacancies a person with this level may apply to: no level asked, or one at most this tier (IPK codes rise
    with the level: 1000 SD … 3000 SLTA with its SMU/SMK fields 3001-3600 … 8000 S3)."""
    ceiling = f"{int(code[0]) + 1}000"
    return or_(Vacancy.education_ipk_code.is_(None), Vacancy.education_ipk_code < ceiling)


def conditions(criteria: Criteria, today: date | None = None) -> list:
    clauses = [open_clause(today)]
    if criteria.kbji:
        clauses.append(Vacancy.kbji_code.startswith(criteria.kbji, autoescape=True))
    if criteria.sector:
        clauses.append(Vacancy.company_id.in_(
            select(Company.id).join(Kbli, Kbli.id == Company.kbli_id).where(Kbli.parent_code == criteria.sector)))
    if criteria.kecamatan == OUTSIDE:
        clauses.append(Vacancy.work_kecamatan_code.is_(None))
    elif criteria.kecamatan:
        clauses.append(Vacancy.work_kecamatan_code == criteria.kecamatan)
    if criteria.education:
        clauses.append(_education_clause(criteria.education))
    if criteria.wage:
        clauses.append(func.coalesce(Vacancy.wage_max, Vacancy.wage_min) >= criteria.wage)
    if criteria.posted_within:
        clauses.append(Vacancy.published_at >= utcnow() - timedelta(days=criteria.posted_within))
    if criteria.disability_friendly:
        clauses.append(Vacancy.disability_friendly.is_(True))
    return clauses


RESULT_COLUMNS = (Vacancy.id, Vacancy.title, Vacancy.company_id, Company.name.label("company_name"),
                  Region.name.label("kecamatan_name"), Vacancy.work_location, Vacancy.wage_min, Vacancy.wage_max,
                  EducationLevel.name.label("education_name"), Vacancy.work_type, Vacancy.disability_friendly,
                  Vacancy.published_at, Vacancy.valid_until, Vacancy.slots_male, Vacancy.slots_female,
                  Vacancy.slots_any)


def search(criteria: Criteria, today: date | None = None) -> Page:
    """One page of open vacancies for the criteria: by relevance when there is a keyword, else newest first.

    One pass over the matches: the ids of the first COUNT_CAP + 1 in order (their number is the count shown,
    "more than 1.000" past it), then the page's 20 rows by id."""
    today = today or today_jakarta()
    newest = [Vacancy.published_at.desc(), Vacancy.id.desc()]
    found, score = matching(select(Vacancy.id), criteria.words)
    found = found.where(and_(*conditions(criteria, today))).order_by(*newest)
    if score is not None:
        window = found.limit(RANK_WINDOW).subquery()
        found, score = matching(select(Vacancy.id).where(Vacancy.id.in_(select(window.c.id))), criteria.words)
        found = found.order_by(score.desc(), *newest)
    ids = list(db.session.scalars(found.limit(COUNT_CAP + 1)))
    pages = min(MAX_PAGE, -(-len(ids) // PER_PAGE))
    criteria = replace(criteria, page=max(1, min(criteria.page, pages or 1)))
    shown = ids[(criteria.page - 1) * PER_PAGE:criteria.page * PER_PAGE]
    if not shown:
        return Page(criteria)
    rows = db.session.execute(
        select(*RESULT_COLUMNS).select_from(Vacancy).join(Company, Company.id == Vacancy.company_id)
        .outerjoin(Region, Region.code == Vacancy.work_kecamatan_code)
        .outerjoin(EducationLevel, EducationLevel.ipk_code == Vacancy.education_ipk_code)
        .where(Vacancy.id.in_(shown))).all()
    place = {vacancy_id: n for n, vacancy_id in enumerate(shown)}
    return Page(criteria, rows=sorted(rows, key=lambda row: place[row.id]), total=len(ids), pages=pages)


# ---- the portal's URL: every search is a shareable link ------------------------------------------------------
PARAMETERS = {"keyword": "q", "kbji": "kbji", "sector": "sektor", "kecamatan": "kecamatan", "education": "pendidikan",
              "wage": "gaji", "posted_within": "baru", "disability_friendly": "disabilitas", "page": "hal"}
MAX_WAGE = 1_000_000_000
MAX_KEYWORD = 200


CHOICES_KEPT_SECONDS = 300


def choices() -> dict:
    """The portal's filter lists (reference data, a few hundred rows): value -> label; read again after
    CHOICES_KEPT_SECONDS (an admin's edit of the reference tables shows within minutes)."""
    kept = current_app.extensions.get("portal_choices")
    if kept is None or time.monotonic() - kept[0] > CHOICES_KEPT_SECONDS:
        kept = (time.monotonic(), _read_choices())
        current_app.extensions["portal_choices"] = kept
    return kept[1]


def _read_choices() -> dict:
    session = db.session
    return {
        "kbji": {code: f"{code} {name}" for code, name in session.execute(
            select(Kbji.code, Kbji.name).where(Kbji.level <= 2).order_by(Kbji.code))},
        "sector": {code: f"{code} {name}" for code, name in session.execute(
            select(Kbli.code, Kbli.name).where(Kbli.level == "section").order_by(Kbli.code).distinct())},
        "kecamatan": {code: name for code, name in session.execute(
            select(Region.code, Region.name).where(Region.level == "kecamatan").order_by(Region.name))},
        "education": {code: name for code, name in session.execute(
            select(EducationLevel.ipk_code, EducationLevel.name).where(EducationLevel.parent_code.is_(None))
            .order_by(EducationLevel.sort_order))},
    }


def parse(args, lists: dict | None = None) -> tuple[Criteria, list[str]]:
    """Criteria from a URL's arguments, and what was ignored (a value no list holds, a wage that is not a
    number…), in the reader's words. Nothing a visitor types can fail the search."""
    from flask_babel import gettext as _

    lists = lists or choices()
    ignored = []
    values = {}

    def pick(name, allowed, message):
        value = (args.get(PARAMETERS[name]) or "").strip()
        if value and value in allowed:
            values[name] = value
        elif value:
            ignored.append(message)

    keyword = " ".join((args.get("q") or "").split())[:MAX_KEYWORD]
    values["keyword"] = keyword.replace("\x00", "")
    pick("kbji", lists["kbji"], _("Golongan jabatan tidak dikenal; filter jabatan diabaikan."))
    pick("sector", lists["sector"], _("Sektor tidak dikenal; filter sektor diabaikan."))
    pick("kecamatan", {**lists["kecamatan"], OUTSIDE: ""}, _("Kecamatan tidak dikenal; filter lokasi diabaikan."))
    pick("education", lists["education"], _("Jenjang pendidikan tidak dikenal; filter pendidikan diabaikan."))
    wage = re.sub(r"[\s.,]|^Rp", "", (args.get("gaji") or "").strip(), flags=re.IGNORECASE)
    if wage:
        if wage.isdigit() and int(wage) <= MAX_WAGE:
            values["wage"] = int(wage) or None
        else:
            ignored.append(_("Gaji harus berupa angka rupiah per bulan; filter gaji diabaikan."))
    posted = (args.get("baru") or "").strip()
    if posted:
        if posted.isdigit() and int(posted) in POSTED_WITHIN:
            values["posted_within"] = int(posted)
        else:
            ignored.append(_("Pilihan tanggal tayang tidak dikenal; filter tanggal diabaikan."))
    values["disability_friendly"] = (args.get("disabilitas") or "") in ("1", "ya", "y", "on")
    page = (args.get("hal") or "1").strip()
    values["page"] = min(int(page), MAX_PAGE) if page.isdigit() and len(page) < 6 and int(page) > 0 else 1
    return Criteria(**values), ignored


def link_args(criteria: Criteria, **changes) -> dict:
    """The URL arguments that reproduce the search (only those set), with `changes` (e.g. page=2)."""
    criteria = replace(criteria, **changes)
    args = {}
    for name, parameter in PARAMETERS.items():
        value = getattr(criteria, name)
        if name == "page" and value == 1 or not value:
            continue
        args[parameter] = 1 if value is True else value
    return args
