"""`flask dnaker …` commands."""
import json

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
@click.option("--checkpoint", is_flag=True, help="Append a signed checkpoint of the head when the chain is intact.")
def verify_audit(checkpoint):
    """Check the audit hash chain against its signed checkpoints (AUDIT_CHECKPOINT_FILE); exit 1 on tampering,
    on entries missing since a checkpoint (truncation) or on a forged checkpoint. Prints the signed head."""
    from app.audit.chain import append_checkpoint, signed_head, verify_audit as verify

    report = verify(db.session)
    if report.broken is not None:
        click.echo(f"Jejak audit RUSAK: entri #{report.broken} tidak cocok (setelah {report.checked} entri yang utuh).",
                   err=True)
    for missing in report.missing:
        click.echo(f"Jejak audit TERPOTONG: entri #{missing['id']} yang tercatat pada titik periksa {missing['at']} "
                   f"tidak ada lagi (entri terakhir kini #{report.last_id}).", err=True)
    if report.forged:
        click.echo(f"Titik periksa PALSU: {report.forged} baris berkas titik periksa tanpa tanda tangan yang sah.",
                   err=True)
    if not report.intact:
        raise SystemExit(1)
    click.echo(f"Jejak audit utuh: {report.checked} entri diperiksa.")
    if checkpoint:
        append_checkpoint(db.session)
    # The signed head, to keep outside this server: a later run must still find this entry with this hash.
    click.echo("Kepala rantai: " + json.dumps(signed_head(report.last_id, report.last_hash)))


def register(app):
    app.cli.add_command(dnaker)
