"""Public job-fair pages (/bursa, /bursa/<slug>) and the job seeker's registration and ticket."""
from io import BytesIO

from flask import abort, flash, redirect, send_file, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import gettext as _

from app.core.i18n import N_
from app.core.validation import DomainError
from app.extensions import db
from app.security.tenancy import request_user, scope_query
from app.vacancies import fairs
from app.vacancies.models import FairRegistration, JobFair

MY_TICKETS = N_("Tiket bursa kerja saya")  # a menu entry: a permission name


def _seeker_id():
    return getattr(request_user(), "job_seeker_id", None)


class FairPortalView(BaseView):
    """Public pages and the job seeker's own registration; templates read the fair modes as `fair_modes`."""

    route_base = "/bursa"
    default_view = "index"
    class_permission_name = "JobFair"
    method_permission_name = {"register": "register", "ticket": "register", "mine": "register"}
    base_permissions = ["can_register"]

    def render_template(self, template, **kwargs):
        from app.vacancies.workflow import FAIR_MODES

        return super().render_template(template, fair_modes=FAIR_MODES, **kwargs)

    @expose("/")
    def index(self):
        """Fairs happening now or later: public."""
        return self.render_template("fairs/portal_list.html", fairs=fairs.public_fairs(),
                                    running=fairs.is_running)

    @expose("/<slug>")
    def fair(self, slug):
        """A fair, its approved companies by booth and their vacancies: public. A signed-in job seeker sees
        their registration and ticket, or the button to register."""
        fair = db.session.query(JobFair).filter_by(slug=slug.lower()[:80]).one_or_none() or abort(404)
        seeker_id = _seeker_id()
        registration = fairs.registration_of(fair, seeker_id) if seeker_id else None
        card = None
        if seeker_id:
            from app.seekers.services import current_card

            card = current_card(seeker_id)
        registered, _attended = fairs.attendance(fair)
        return self.render_template("fairs/portal_fair.html", fair=fair, participants=fairs.participants(fair),
                                    registration=registration, seeker_id=seeker_id, card=card,
                                    registered=registered, running=fairs.is_running(fair),
                                    signed_in=request_user() is not None)

    @expose("/<slug>/daftar", methods=["POST"])
    @has_access
    def register(self, slug):
        fair = db.session.query(JobFair).filter_by(slug=slug.lower()[:80]).one_or_none() or abort(404)
        seeker_id = _seeker_id()
        if seeker_id is None:
            abort(404)
        from app.seekers.models import JobSeeker

        seeker = scope_query(db.session.query(JobSeeker), JobSeeker).filter_by(id=seeker_id).one_or_none()
        if seeker is None:
            abort(404)
        try:
            known = fairs.registration_of(fair, seeker.id) is not None
            registration = fairs.register(fair, seeker)
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "danger")
            return redirect(url_for(".fair", slug=fair.slug))
        if known:
            flash(_("Anda sudah terdaftar di bursa ini. Kode tiket Anda: %(code)s.", code=registration.ticket_code),
                  "info")
        else:
            flash(_("Pendaftaran berhasil. Kode tiket Anda: %(code)s. Unduh tiket dan tunjukkan kode QR-nya di "
                    "pintu masuk.", code=registration.ticket_code), "success")
        return redirect(url_for(".fair", slug=fair.slug))

    @expose("/saya/tiket")
    @has_access
    def mine(self):
        seeker_id = _seeker_id()
        rows = (scope_query(db.session.query(FairRegistration), FairRegistration)
                .filter(FairRegistration.job_seeker_id == seeker_id).order_by(FairRegistration.id.desc()).all()
                if seeker_id else [])
        return self.render_template("fairs/my_tickets.html", registrations=rows)

    @expose("/saya/tiket/<int:pk>")
    @has_access
    def ticket(self, pk):
        """The ticket PDF: its job seeker only (anyone else, staff included, is answered 404)."""
        from reports.fair_ticket import render_ticket

        seeker_id = _seeker_id()
        registration = db.session.get(FairRegistration, pk)
        if seeker_id is None or registration is None or registration.job_seeker_id != seeker_id:
            abort(404)
        return send_file(BytesIO(render_ticket(registration)), mimetype="application/pdf", max_age=0, as_attachment=True,
                         download_name=f"tiket-bursa-{registration.ticket_code}.pdf")


def register(appbuilder):
    appbuilder.add_view_no_menu(FairPortalView)
    appbuilder.add_link(MY_TICKETS, href="FairPortalView.mine", icon="fa-ticket", label=MY_TICKETS)
    appbuilder.menu_resources[MY_TICKETS] = ("JobFair", "register")
