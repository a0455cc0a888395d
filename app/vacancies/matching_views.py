"""Matching screens: the job seeker's "Lowongan cocok untuk saya" and the officer's "Kandidat" of a vacancy.

A company operator opening the candidates of their own vacancy sees numbers only (how many fit, how well, which
must-have skills they lack most): the seekers' personal data reach an employer when the seeker applies, not
before (UU 27/2022 on personal data protection: disclosure needs a basis, the seeker's consent is the
application). Officers of the office see the candidates and invite them to apply."""
from collections import Counter

from flask import abort, flash, redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import gettext as _

from app.core.i18n import N_
from app.core.validation import DomainError
from app.extensions import db
from app.security.tenancy import get_owned_or_404, request_user, scope_for
from app.seekers.models import JobSeeker
from app.vacancies import matching
from app.vacancies.models import Vacancy

MATCHES_MENU = N_("Lowongan cocok untuk saya")  # a permission name: plain, translated when shown


def _is_staff(user) -> bool:
    return scope_for(user) is None


class SeekerMatchesView(BaseView):
    """The seeker's best open vacancies with the reasons; staff open any seeker's from `/pencari/<id>`."""

    route_base = "/lowongan-cocok"
    default_view = "mine"
    class_permission_name = "Application"
    method_permission_name = {"mine": "read", "for_seeker": "read"}
    base_permissions = ["can_read"]

    @expose("/")
    @has_access
    def mine(self):
        seeker_id = getattr(request_user(), "job_seeker_id", None)
        if seeker_id is None:
            if _is_staff(request_user()):
                return redirect(url_for("JobSeekerView.list"))
            flash(_("Lowongan yang cocok ditampilkan untuk akun pencari kerja."), "info")
            return redirect(url_for("HomeView.index"))
        return self._render(get_owned_or_404(db.session, JobSeeker, seeker_id), own=True)

    @expose("/pencari/<int:seeker_id>")
    @has_access
    def for_seeker(self, seeker_id):
        seeker = get_owned_or_404(db.session, JobSeeker, seeker_id)  # a seeker reaches only their own
        return self._render(seeker, own=getattr(request_user(), "job_seeker_id", None) == seeker.id)

    def _render(self, seeker, own):
        active = matching.has_active_card(seeker.id)
        matches = matching.attach_names(matching.vacancies_for(seeker)) if active else []
        return self.render_template("vacancies/matching_seeker.html", seeker=seeker, matches=matches,
                                    active=active, own=own, portal_link=matching.portal_link)


class CandidatesView(BaseView):
    """Candidates for one vacancy: officers see who fits and invite them; the vacancy's company sees counts."""

    route_base = "/kandidat"
    class_permission_name = "Vacancy"
    method_permission_name = {"candidates": "read", "invite": "write"}
    base_permissions = ["can_read", "can_write"]

    @expose("/<int:vacancy_id>")
    @has_access
    def candidates(self, vacancy_id):
        vacancy = get_owned_or_404(db.session, Vacancy, vacancy_id)  # an operator: their company's only
        matches = matching.candidates_for(vacancy)
        if not _is_staff(request_user()):
            return self.render_template("vacancies/matching_candidates.html", vacancy=vacancy, matches=[],
                                        summary=_summary(matches), staff=False)
        return self.render_template("vacancies/matching_candidates.html", vacancy=vacancy,
                                    matches=matching.attach_names(matches), summary=_summary(matches), staff=True)

    @expose("/<int:vacancy_id>/undang/<int:seeker_id>", methods=["POST"])
    @has_access
    def invite(self, vacancy_id, seeker_id):
        user = request_user()
        if not _is_staff(user):
            abort(404)  # inviting is the office's: it reads who the candidates are
        vacancy = get_owned_or_404(db.session, Vacancy, vacancy_id)
        seeker = get_owned_or_404(db.session, JobSeeker, seeker_id)
        score = request.form.get("score", type=float)
        try:
            _invitation, created = matching.invite(vacancy, seeker.id, user, score=score)
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "danger")
            return redirect(url_for(".candidates", vacancy_id=vacancy.id))
        db.session.commit()
        if created:
            flash(_("%(name)s diundang melamar; pemberitahuan telah dikirim.", name=seeker.full_name), "success")
        else:
            flash(_("%(name)s sudah pernah diundang ke lowongan ini.", name=seeker.full_name), "info")
        return redirect(url_for(".candidates", vacancy_id=vacancy.id))


def _summary(matches) -> dict:
    """What the company may see: how many fit, how well, what they lack most (no one is named)."""
    bands = {"high": 0, "mid": 0, "low": 0}
    missing = Counter()
    for match in matches:
        bands["high" if match.score >= 0.7 else "mid" if match.score >= 0.4 else "low"] += 1
        missing.update(match.missing_must)
    return {"count": len(matches), "bands": bands, "missing": missing.most_common(5)}


def register(appbuilder):
    appbuilder.add_view_no_menu(SeekerMatchesView)
    appbuilder.add_view_no_menu(CandidatesView)
    appbuilder.add_link(MATCHES_MENU, href="SeekerMatchesView.mine", icon="fa-magic", label=MATCHES_MENU)
    appbuilder.menu_resources[MATCHES_MENU] = "Application"
