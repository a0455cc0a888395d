"""Settings with safe defaults; every one can be overridden by an environment variable."""
import os
import secrets
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("INSTANCE_DIR", BASE_DIR / "instance"))


def _env_bool(name, default):
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in ("1", "true", "yes", "on")


def _secret_key():
    """SECRET_KEY from the environment, else one generated into instance/ on first run (never committed)."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _database_url():
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{INSTANCE_DIR / 'dnaker.db'}"
    # psycopg 3 is the PostgreSQL driver; accept the usual postgres:// spellings.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


class Config:
    APP_NAME = "d'naker DIGI"
    APP_ICON = ""
    SECRET_KEY = _secret_key()
    SQLALCHEMY_DATABASE_URI = _database_url()
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    # Schema comes from Alembic; permissions are synced by `flask dnaker sync-roles`, not at every boot.
    FAB_CREATE_DB = False
    FAB_UPDATE_PERMS = False
    FAB_SECURITY_MANAGER_CLASS = "app.security.manager.AppSecurityManager"
    FAB_INDEX_VIEW = "app.home.views.HomeView"
    FAB_ADD_SECURITY_API = False
    FAB_API_SWAGGER_UI = True  # /swagger/v1 and /api/v1/_openapi, for signed-in users (roles.ACCOUNT_PERMISSIONS)
    FAB_API_MAX_PAGE_SIZE = 100
    FAB_ADD_MENU_API = False  # /api/v1/menu/: the screens render their menu themselves
    LIST_MAX_PAGE_SIZE = 100
    # Lists (screens and API) count exactly up to this many rows; beyond it they say "lebih dari …" and page by
    # previous/next, so a page costs the same at a million rows. Exports and reports count exactly.
    LIST_EXACT_COUNT_LIMIT = int(os.environ.get("LIST_EXACT_COUNT_LIMIT", "10000"))
    # The same for a list searched by a text pattern ("contains"): each match is checked in the table, not the index.
    LIST_SEARCH_COUNT_LIMIT = int(os.environ.get("LIST_SEARCH_COUNT_LIMIT", "100"))

    # Authentication
    AUTH_TYPE = 1  # AUTH_DB
    AUTH_ROLE_ADMIN = "Admin"
    AUTH_ROLE_PUBLIC = "Public"
    AUTH_USER_REGISTRATION = False
    AUTH_RATE_LIMITED = True
    AUTH_RATE_LIMIT = os.environ.get("AUTH_RATE_LIMIT", "10 per 5 minute")
    API_LOGIN_RATE_LIMIT = os.environ.get("API_LOGIN_RATE_LIMIT", "10 per 5 minute")
    VERIFY_RATE_LIMIT = os.environ.get("VERIFY_RATE_LIMIT", "60 per minute")
    RATELIMIT_ENABLED = _env_bool("RATELIMIT_ENABLED", True)
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", os.environ.get("REDIS_URL", "memory://"))
    # Redis down: count in this process (logged by flask-limiter) rather than refuse every login.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    # Per account (addresses change, accounts do not): after this many failed logins in a row the account
    # waits LOGIN_DELAY_SECONDS before the next try, doubled after each further failure, up to the maximum.
    LOGIN_FAILURES_BEFORE_DELAY = int(os.environ.get("LOGIN_FAILURES_BEFORE_DELAY", "5"))
    LOGIN_DELAY_SECONDS = int(os.environ.get("LOGIN_DELAY_SECONDS", "30"))
    LOGIN_DELAY_MAX_SECONDS = int(os.environ.get("LOGIN_DELAY_MAX_SECONDS", "900"))
    # Proxies in front of the app whose X-Forwarded-* headers are believed (0: none; behind the HTTPS
    # proxy: 1). Otherwise a client could name any address, for the audit trail and the login limits.
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
    FAB_PASSWORD_COMPLEXITY_ENABLED = True
    PASSWORD_MIN_LENGTH = 10

    # Sessions: HTTP-only, secure (HTTPS) cookies that expire after inactivity.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", True)
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    PERMANENT_SESSION_LIFETIME = timedelta(minutes=int(os.environ.get("SESSION_IDLE_MINUTES", "30")))
    SESSION_REFRESH_EACH_REQUEST = True
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
    JWT_ACCESS_TOKEN_EXPIRES = timedelta(minutes=30)
    JWT_ERROR_MESSAGE_KEY = "message"  # a missing or bad token answers like every other API error

    # Language and time
    BABEL_DEFAULT_LOCALE = "id"
    BABEL_DEFAULT_TIMEZONE = "Asia/Jakarta"
    TIMEZONE = "Asia/Jakarta"
    LANGUAGES = {
        "id": {"flag": "id", "name": "Bahasa Indonesia"},
        "en": {"flag": "gb", "name": "English"},
    }

    # Files
    UPLOAD_FOLDER = os.environ.get("UPLOAD_FOLDER", str(INSTANCE_DIR / "uploads"))
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", str(20 * 1024 * 1024)))
    UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(5 * 1024 * 1024)))

    # Audit anchor: signed checkpoints of the audit chain's head, kept outside the database so that deleting the
    # newest entries is detected (`flask dnaker verify-audit`). Keep the file where the database user cannot
    # write; the key defaults to SECRET_KEY.
    AUDIT_CHECKPOINT_FILE = os.environ.get("AUDIT_CHECKPOINT_FILE", str(INSTANCE_DIR / "audit-checkpoints.jsonl"))
    AUDIT_CHECKPOINT_KEY = os.environ.get("AUDIT_CHECKPOINT_KEY")

    # Background jobs: Redis + `rq worker` when REDIS_URL is set, otherwise run in-process.
    REDIS_URL = os.environ.get("REDIS_URL")
    RQ_QUEUE = os.environ.get("RQ_QUEUE", "dnaker")
    JOB_TIMEOUT = int(os.environ.get("JOB_TIMEOUT", "1800"))  # seconds a job may run before it is stopped
    JOB_RETRIES = int(os.environ.get("JOB_RETRIES", "2"))  # runs after a failure or a dead worker
    # A worker tells Redis every JOB_HEARTBEAT_SECONDS that its job is alive; a started job silent for
    # JOB_ABANDONED_AFTER seconds had its worker die, and is retried (or failed) by the next check, which runs
    # every JOB_MAINTENANCE_SECONDS in each worker and whenever someone looks at the job.
    JOB_HEARTBEAT_SECONDS = int(os.environ.get("JOB_HEARTBEAT_SECONDS", "30"))
    JOB_ABANDONED_AFTER = int(os.environ.get("JOB_ABANDONED_AFTER", "90"))
    JOB_MAINTENANCE_SECONDS = int(os.environ.get("JOB_MAINTENANCE_SECONDS", "60"))
    # Seconds without progress (or without a worker) before the progress page says "belum bergerak sejak …".
    JOB_STALLED_AFTER = int(os.environ.get("JOB_STALLED_AFTER", "60"))

    # Mail
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "localhost")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_USE_TLS = _env_bool("MAIL_USE_TLS", False)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "noreply@disnaker.tangerangkab.go.id")
    MAIL_ENABLED = _env_bool("MAIL_ENABLED", True)

    # Exports
    EXPORT_MAX_ROWS = int(os.environ.get("EXPORT_MAX_ROWS", "100000"))
    # Monthly vacancy/placement reports (app/reporting): a Karirhub export with more rows than this is written by a
    # background job with a progress page; fewer are sent at once.
    REPORT_SYNC_MAX_ROWS = int(os.environ.get("REPORT_SYNC_MAX_ROWS", "2000"))
    # The warning letter to an employer that does not report vacancies (Perpres 57/2023 art. 17) asks it to
    # report within this many days of receiving the letter (office policy; the Perpres sets no period).
    VACANCY_WARNING_REPORT_DAYS = int(os.environ.get("VACANCY_WARNING_REPORT_DAYS", "14"))

    # Public address used in QR codes of printed documents; a local run's codes point to its own port.
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL") or f"http://127.0.0.1:{os.environ.get('PORT', '8080')}"

    # Demo data
    DEMO_SCALE = int(os.environ.get("DEMO_SCALE", "1"))

    # AK-1 card rules (Permenaker 39/2016).
    # Minimum age of a job seeker: office policy, not UU 13/2003 (which forbids employing children under 18, art. 68,
    # and allows light work from 13, art. 69); 15 is the lower bound of the working-age population in the IPK report.
    AK1_MIN_AGE = int(os.environ.get("AK1_MIN_AGE", "15"))
    AK1_VALID_YEARS = 2
    AK1_REPORT_MONTHS = (6, 12, 18)
    # Permenaker 39/2016 asks the holder to report every 6 months. "window" (default, local practice): a report is
    # taken AK1_REPORT_WINDOW_DAYS before to after each due date; "latest" (the text read as "at the latest every
    # 6 months"): from the previous due date (the issue date for the first) until the due date + the same grace.
    AK1_REPORT_MODE = os.environ.get("AK1_REPORT_MODE", "window")
    AK1_REPORT_WINDOW_DAYS = int(os.environ.get("AK1_REPORT_WINDOW_DAYS", "30"))

    # PKWT registration (PP 35/2021 art. 14): online within 3 working days of signing (14(1)); where registration
    # is done in writing at the regency office, 7 working days (14(2)). Set 7 if this office's register is read as
    # the written registration of art. 14(2).
    PKWT_REGISTRATION_WORKING_DAYS = int(os.environ.get("PKWT_REGISTRATION_WORKING_DAYS", "3"))
    # Cuti bersama (SKB 3 Menteri) is collective annual leave, not a public holiday: the law does not say whether it
    # counts as a working day for the registration deadline. Default: not a working day (offices are closed).
    PKWT_CUTI_BERSAMA_IS_WORKING_DAY = _env_bool("PKWT_CUTI_BERSAMA_IS_WORKING_DAY", False)
    # Compensation for a partial month (PP 35/2021 art. 16 counts months): remaining days / 30 ("30", default) or
    # remaining days / the length of that month ("month").
    PKWT_PARTIAL_MONTH_DIVISOR = os.environ.get("PKWT_PARTIAL_MONTH_DIVISOR", "30")

    # The office's service standard for its decisions, in working days from when a request arrived
    # (verify against the current SOP); work queues show each request's deadline and flag the late ones.
    DEADLINE_COMPANY_VERIFY = int(os.environ.get("DEADLINE_COMPANY_VERIFY", "3"))
    DEADLINE_AK1_VERIFY = int(os.environ.get("DEADLINE_AK1_VERIFY", "1"))
    DEADLINE_AK1_ISSUE = int(os.environ.get("DEADLINE_AK1_ISSUE", "1"))
    DEADLINE_PKWT_VERIFY = int(os.environ.get("DEADLINE_PKWT_VERIFY", "3"))
    DEADLINE_VACANCY_VERIFY = int(os.environ.get("DEADLINE_VACANCY_VERIFY", "1"))
    DEADLINE_DKPTKA_VALIDATE = int(os.environ.get("DEADLINE_DKPTKA_VALIDATE", "1"))  # issue 12: 1 working day

    # Vacancies (Perpres 57/2023 art. 5 asks for a validity period but sets no ceiling). Office rule: at most 6
    # months from the first valid day, so the portal and the IPK count of open vacancies do not carry offers long
    # filled or forgotten; a company still hiring afterwards reports the vacancy again.
    VACANCY_MAX_VALIDITY_MONTHS = int(os.environ.get("VACANCY_MAX_VALIDITY_MONTHS", "6"))

    # The head of office who signs PKWT registration letters (verify the current office holder).
    HEAD_OF_OFFICE_NAME = os.environ.get("HEAD_OF_OFFICE_NAME", "Kepala Dinas Tenaga Kerja")
    HEAD_OF_OFFICE_NIP = os.environ.get("HEAD_OF_OFFICE_NIP", "-")
