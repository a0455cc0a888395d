"""The ordered start-up steps `python run.py` and `flask dnaker init` run (each one idempotent)."""
import os
import secrets

from flask import current_app
from flask_migrate import upgrade

from app.extensions import db


def migrate_database():
    upgrade(directory=current_app.extensions["migrate"].directory)


def sync_roles():
    from app.security.sync import sync_roles as sync

    return sync(current_app.appbuilder)


def load_reference_data():
    """Every start-up: rows of seed/data that are new or changed in this release reach an existing database too
    (the loader upserts by key and writes nothing when a row is unchanged)."""
    from seed.reference import load_reference

    return load_reference()


def office_profile():
    """The office profile row, from HEAD_OF_OFFICE_NAME / HEAD_OF_OFFICE_NIP the first time."""
    from app.office.services import ensure_office_profile

    ensure_office_profile()
    db.session.commit()


def demo_data_if_empty(scale=None):
    from app.companies.models import Company
    from seed.demo import generate

    if db.session.query(Company).first() is None:
        return generate(scale or current_app.config["DEMO_SCALE"])
    return 0


def ensure_admin():
    """Create `admin` once: password from ADMIN_PASSWORD, else a generated one printed this one time."""
    from app.security.roles import ADMIN

    sm = current_app.appbuilder.sm
    if sm.find_user(username="admin"):
        return None
    password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12) + "A1"
    sm.add_user("admin", "Administrator", "Sistem", "admin@disnaker.local", sm.find_role(ADMIN), password)
    if not os.environ.get("ADMIN_PASSWORD"):
        print(f"\n*** Akun admin dibuat. Nama pengguna: admin  Kata sandi: {password}  (simpan sekarang) ***\n",
              flush=True)
    return password


def initialize(demo=True):
    migrate_database()
    sync_roles()
    load_reference_data()
    office_profile()
    if demo:
        demo_data_if_empty()
    ensure_admin()
