"""AK-1 screens: applications and cards, the officers' work queues, the card PDF."""
from datetime import timedelta
from io import BytesIO

from dateutil.relativedelta import relativedelta
from flask import current_app, flash, redirect, send_file, url_for
from flask_appbuilder import action, expose, has_access
from flask_appbuilder.models.filters import BaseFilter
from flask_babel import gettext as _, lazy_gettext as _l, lazy_pgettext
from sqlalchemy import and_, or_

from app.core.formatting import today_jakarta
from app.core.i18n import N_
from app.core.menu import add_view
from app.core.decisions import DecisionViewMixin, add_queue, queue_view
from app.core.views import AppModelView
from app.extensions import db
from app.tasks import enqueue
from app.seekers import services
from app.seekers.models import Ak1Card
from app.seekers.rules import report_due_dates
from app.seekers.duplicates import duplicates_of
from app.seekers.workflow import APPLICATION_TYPES
from app.security.tenancy import TenantInterface, get_owned_or_404, request_user

LABELS = {"number": _l("Nomor AK/I"), "job_seeker": _l("Pencari kerja"), "application_type": _l("Jenis permohonan"),
          "status": _l("Status"), "status_label": _l("Status"), "issued_at": _l("Tanggal terbit"),
          "valid_until": _l("Berlaku sampai"), "submitted_at": _l("Diajukan"), "signed_by_name": _l("Pengantar kerja"),
          "signed_by_nip": "NIP", "placed_at": _l("Tanggal penempatan"),
          "placement_employer": _l("Diterima bekerja di"), "removed_at": _l("Tanggal dihapuskan"),
          "removal_reason": _l("Alasan penghapusan"), "note": _l("Catatan"), "expired_at": _l("Kedaluwarsa sejak"),
          # the IPK facts, searchable so that the dashboard's figures open their lists (app/reporting/dashboard*)
          "ipk_from": _l("Mulai berlaku (IPK)"), "ipk_registration": _l("Terhitung pendaftaran baru (IPK)"),
          "ipk_kecamatan_code": _l("Kode kecamatan (IPK)"), "ipk_education_code": _l("Kode pendidikan (IPK)")}
Ak1Card.type_label = property(lambda self: APPLICATION_TYPES.get(self.application_type, self.application_type))


class ReportDueFilter(BaseFilter):
    """Issued cards with a re-report whose window is open today (the officers' counter queue)."""

    name = _l("Lapor ulang terbuka")

    def apply(self, query, value):
        config = current_app.config
        today, window = today_jakarta(), timedelta(days=config["AK1_REPORT_WINDOW_DAYS"])
        # due = issued + n months is open when today - window <= due <= today + window
        ranges = [and_(Ak1Card.issued_at >= (today - window) - relativedelta(months=months),
                       Ak1Card.issued_at <= (today + window) - relativedelta(months=months))
                  for months in config["AK1_REPORT_MONTHS"]]
        return query.filter(Ak1Card.status == "issued", or_(*ranges))


class ExpiringFilter(BaseFilter):
    name = _l("Kedaluwarsa ≤ 30 hari")

    def apply(self, query, value):
        today = today_jakarta()
        return query.filter(Ak1Card.status == "issued", Ak1Card.valid_until.between(today, today + timedelta(days=30)))


class Ak1CardView(DecisionViewMixin, AppModelView):
    datamodel = TenantInterface(Ak1Card)
    resource = "Ak1"
    list_title = _l("Permohonan dan Kartu AK/I")
    show_title = lazy_pgettext("one card", "Kartu AK/I")
    add_title, edit_title = _l("Tambah permohonan AK/I"), _l("Ubah permohonan AK/I")
    list_columns = ["number", "job_seeker", "type_label", "status_label", "issued_at", "valid_until"]
    search_columns = ["number", "status", "application_type", "issued_at", "valid_until", "placed_at", "ipk_from",
                      "ipk_registration", "ipk_kecamatan_code", "ipk_education_code"]
    show_columns = ["number", "job_seeker", "type_label", "status_label", "submitted_at", "issued_at",
                    "valid_until", "signed_by_name", "signed_by_nip", "placement_employer", "placed_at",
                    "removed_at", "note"]
    label_columns = {**LABELS, "type_label": _l("Jenis permohonan")}
    base_permissions = ["can_read", "can_verify", "can_issue", "can_rereport", "can_close"]
    method_permission_name = {"rereport": "rereport", "pdf": "read", "print_cards": "issue"}
    base_order = ("id", "desc")
    show_template = "seekers/ak1_show.html"

    def show_context(self, card):
        seeker = card.job_seeker
        due = report_due_dates(card.issued_at, current_app.config["AK1_REPORT_MONTHS"]) if card.issued_at else []
        reviewing = card.status in ("submitted", "returned", "verified")
        return dict(card=card, seeker=seeker, due_dates=due, reviewing=reviewing,
                    missing=services.missing_for_card(seeker) if reviewing else [],
                    duplicates=duplicates_of(seeker) if reviewing else [])

    @expose("/rereport/<pk>", methods=["POST"])
    @has_access
    def rereport(self, pk):
        def report(card):
            user = request_user()
            staff = user is not None and user.job_seeker_id is None
            services.rereport(card, "loket" if staff else "online", officer=user if staff else None)

        return self.act(pk, report, _("Lapor ulang tercatat."))

    @action("print_cards", N_("Cetak kartu terpilih (PDF)"), icon="fa-print", single=False)  # FAB shows it with _()
    def print_cards(self, cards):
        """Many cards make one PDF in a background job; the officer watches its progress."""
        job_id = enqueue("app.seekers.tasks.print_cards", [card.id for card in cards])
        return redirect(url_for("JobView.progress", job_id=job_id))

    @expose("/pdf/<pk>")
    @has_access
    def pdf(self, pk):
        from reports.ak1_card import render_card

        card = get_owned_or_404(db.session, Ak1Card, pk)
        if not card.number:
            flash(_("Kartu belum diterbitkan."), "warning")
            return redirect(url_for(".show", pk=pk))
        return send_file(BytesIO(render_card(card)), mimetype="application/pdf",
                         download_name=f"AK1-{card.number}.pdf", as_attachment=False)


def _queue(name, title, filters):
    """An officers' list of issued cards with a fixed date filter, under its own permission."""
    return type(name, (Ak1CardView,), {"list_title": title, "base_filters": filters, "resource": "Ak1Queue"})


VerificationQueueView = queue_view(Ak1CardView, "Ak1VerificationQueueView", "submitted",
                                   _l("Antrean Verifikasi AK/I"))
IssueQueueView = queue_view(Ak1CardView, "Ak1IssueQueueView", "verified", _l("AK/I Siap Diterbitkan"))
ReportDueQueueView = _queue("Ak1ReportDueQueueView", _l("Lapor Ulang Terbuka Hari Ini"),
                            [["status", ReportDueFilter, None]])
ExpiringQueueView = _queue("Ak1ExpiringQueueView", _l("AK/I Akan Kedaluwarsa (30 hari)"),
                           [["status", ExpiringFilter, None]])


def register(appbuilder):
    # Menu names are permission names: plain strings, translated when the menu renders.
    category = N_("Pencari Kerja")
    add_view(appbuilder, Ak1CardView, N_("Kartu AK/I"), category, icon="fa-id-card-o", category_icon="fa-id-card")
    add_queue(appbuilder, VerificationQueueView, N_("Antrean Verifikasi AK/I"), category)
    add_queue(appbuilder, IssueQueueView, N_("AK/I Siap Diterbitkan"), category, icon="fa-print")
    add_view(appbuilder, ReportDueQueueView, N_("Lapor Ulang Terbuka"), category, icon="fa-calendar-check-o")
    add_view(appbuilder, ExpiringQueueView, N_("AK/I Akan Kedaluwarsa"), category, icon="fa-hourglass-end")
