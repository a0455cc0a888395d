"""`flask dnaker …` commands."""
import click
from flask.cli import AppGroup

from app import setup
from app.extensions import db

dnaker = AppGroup("dnaker", help="d'naker DIGI administration commands.")


@dnaker.command("init")
@click.option("--demo/--no-demo", default=True, help="Create demo data when the database is empty.")
def init(demo):
    """Migrate, sync roles, load reference data, demo data, admin account."""
    setup.initialize(demo=demo)
    click.echo("Selesai.")


@dnaker.command("sync-roles")
def sync_roles():
    """Make roles and permissions match app/security/roles.py."""
    for role, count in setup.sync_roles().items():
        click.echo(f"{role}: {count} izin")


@dnaker.command("load-reference")
def load_reference():
    """Load (upsert) the reference tables from seed/data."""
    from seed.reference import load_reference as load

    click.echo(f"{load()} baris data referensi dimuat.")


@dnaker.command("demo-data")
@click.option("--scale", type=int, default=None)
def demo_data(scale):
    """Generate the deterministic demo data (when the database has no companies)."""
    click.echo(f"{setup.demo_data_if_empty(scale)} perusahaan dibuat.")


@dnaker.command("verify-audit")
def verify_audit():
    """Check the audit hash chain; exit 1 and name the first broken entry if it was tampered with."""
    from app.audit.chain import verify_chain

    checked, broken = verify_chain(db.session)
    if broken is None:
        click.echo(f"Jejak audit utuh: {checked} entri diperiksa.")
    else:
        click.echo(f"Jejak audit RUSAK: entri #{broken} tidak cocok (setelah {checked} entri yang utuh).", err=True)
        raise SystemExit(1)


def register(app):
    app.cli.add_command(dnaker)
