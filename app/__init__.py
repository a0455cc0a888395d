"""create_app(): the only application factory."""
import gc
import itertools
from importlib import import_module

from flask import Flask, session
from flask_appbuilder import AppBuilder

from app.extensions import csrf, db, migrate

# Modules that add screens and APIs, in menu order; each has `register(appbuilder)`.
VIEW_MODULES = [
    "app.home.views",
    "app.core.decisions",
    "app.core.api",
    "app.core.files",
    "app.reference.views",
    "app.companies.views",
    "app.seekers.views",
    "app.contracts.views",
    "app.vacancies.vacancy_views",
    "app.vacancies.application_views",
    "app.foreign_workers.views",
    "app.foreign_workers.extension_views",
    "app.foreign_workers.recap_views",
    "app.foreign_workers.payment_views",
    "app.foreign_workers.revenue_views",
    "app.office.views",
    "app.audit.views",
    "app.portal.views",
    "app.portal.vacancies",
    "app.vacancies.fair_views",
    "app.core.notifications",
    "app.tasks.views",
    "app.core.documents",
    "app.core.choices",
    "app.reporting.views",
    "app.reporting.dashboard_views",
    "app.reporting.ipk.views",
    "app.reporting.archive_views",
    "app.vacancies.matching_views",
]


def create_app(config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object("config.Config")
    app.config.update(config or {})
    from app.security.passwords import validate_password

    app.config.setdefault("FAB_PASSWORD_COMPLEXITY_VALIDATOR", validate_password)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.config.get("MIGRATIONS_DIR", _migrations_dir())))
    csrf.init_app(app)

    with app.app_context():
        from app.audit.listener import install as install_audit
        from app.security.tenancy import guard_flush

        _install_session_listeners(install_audit, guard_flush)
        appbuilder = AppBuilder(update_perms=False)
        appbuilder.init_app(app, db.session)
        appbuilder.menu_resources = {}  # menu item name -> resource, for menu permissions
        for module in VIEW_MODULES:
            import_module(module).register(appbuilder)
        from app.core.menu import arrange

        arrange(appbuilder)
        # The REST API authenticates with JWT, not with the session cookie: no CSRF token there.
        for blueprint in app.blueprints.values():
            if (blueprint.url_prefix or "").startswith("/api/"):
                csrf.exempt(blueprint)

    from app import cli, errors
    from app.core import formatting, i18n
    from app.security import headers

    errors.register(app)
    formatting.register(app)
    i18n.register(app)
    cli.register(app)
    headers.install(app)
    _install_request_guards(app)
    if not app.testing:
        _freeze_long_lived_objects()
        _freeze_when_warm(app)
    return app


# Python's full garbage collection walks every object that has lived long: the app's own, built at start (about
# 380,000: FAB, SQLAlchemy, the catalogs), and the caches its first requests fill (SQL compiled for each list
# and filter, templates: 300,000 more). Now and then it held a request up by 150-180 ms. These live as long as the
# process, so they are frozen out of it (the collection then takes 6-8 ms); forked work horses share their pages.
WARM_AFTER_REQUESTS = 500


def _freeze_long_lived_objects():
    gc.collect()
    gc.freeze()


def _freeze_when_warm(app):
    served = itertools.count(1)

    @app.teardown_request
    def freeze_warm_caches(_error):
        if next(served) == WARM_AFTER_REQUESTS:
            _freeze_long_lived_objects()


_listeners_installed = False


def _install_session_listeners(install_audit, guard_flush):
    """The session is process-wide (Flask-SQLAlchemy's scoped session): listen once."""
    global _listeners_installed
    if not _listeners_installed:
        from sqlalchemy import event

        event.listen(db.session, "before_flush", guard_flush)
        install_audit(db.session)
        _listeners_installed = True


def _install_request_guards(app):
    from app.security.sessions import NavigationRefreshedSession

    app.session_interface = NavigationRefreshedSession()

    @app.before_request
    def _sessions_expire_after_inactivity():
        if not session.permanent:  # setting it marks the session changed, which re-sends the cookie every time
            session.permanent = True  # PERMANENT_SESSION_LIFETIME, refreshed at each page

    from app.core.arguments import check_request

    # Ids, pages, filters, sorting and `q` of every screen and API, checked before FAB reads them.
    app.before_request(check_request)


def _migrations_dir():
    from pathlib import Path

    return Path(__file__).resolve().parent.parent / "migrations"
