"""Django admin over the benchmark's PostgreSQL tables (bench/lists.py --peer). Django's own tables (users,
sessions, content types) live in a database of their own; the domain tables are read through unmanaged models."""
import os

BENCH_URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/dnaker_bench")


def _database(url):
    rest = url.split("://", 1)[1]
    credentials, _, location = rest.rpartition("@")
    host_port, _, name = location.partition("/")
    host, _, port = host_port.partition(":")
    user, _, password = credentials.partition(":")
    return {"ENGINE": "django.db.backends.postgresql", "NAME": name, "USER": user, "PASSWORD": password,
            "HOST": host, "PORT": port or "5432", "CONN_MAX_AGE": None}


SECRET_KEY = "bench-only"
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "django_peer.urls"
DATABASES = {"default": _database(BENCH_URL + "_django"), "bench": _database(BENCH_URL)}
DATABASE_ROUTERS = ["django_peer.router.BenchRouter"]
INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
                  "django.contrib.sessions", "django.contrib.messages", "django_peer.peer"]
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "django.contrib.sessions.middleware.SessionMiddleware",
              "django.middleware.common.CommonMiddleware", "django.middleware.csrf.CsrfViewMiddleware",
              "django.contrib.auth.middleware.AuthenticationMiddleware",
              "django.contrib.messages.middleware.MessageMiddleware"]
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True,
              "OPTIONS": {"context_processors": ["django.template.context_processors.request",
                                                 "django.contrib.auth.context_processors.auth",
                                                 "django.contrib.messages.context_processors.messages"]}}]
USE_TZ = True
TIME_ZONE = "Asia/Jakarta"
LANGUAGE_CODE = "id"
STATIC_URL = "/static/"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
