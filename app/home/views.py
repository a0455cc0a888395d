"""The index page: the public home for visitors, and after login the home of the user's role. Also the menu
entries of those who act for themselves ("Profil saya") and the unread-notification count of the navbar."""
from flask import current_app, flash, g, redirect, request, url_for
from flask_appbuilder import BaseView, IndexView, expose, has_access
from flask_babel import get_locale, gettext as _

from app.core.i18n import N_
from app.core.menu import navbar_menu
from app.home import own, work
from app.security.tenancy import request_user, scope_for

PROFILE_MENU = N_("Profil saya")  # menu names are permission names: plain, translated when shown
CARDS_MENU = N_("Kartu AK/I saya")


class HomeView(IndexView):
    index_template = "portal/index.html"

    @expose("/")
    def index(self):
        user = request_user()
        if user is None:
            return self.render_template(self.index_template)
        scope = scope_for(user)
        if scope is not None and scope.kind == "company":
            return self.render_template("home/company.html", **own.company_home(user))
        if scope is not None and scope.kind == "seeker":
            return self.render_template("home/seeker.html", **own.seeker_home(user))
        groups = work.office_home(user, self.appbuilder.sm.has_access)
        return self.render_template("home/office.html", work=groups[work.WORK], alerts=groups[work.ALERT],
                                    figures=groups[work.FIGURE],
                                    shortcuts=work.shortcuts(user, self.appbuilder.sm.has_access))

    @expose("/cek-dokumen")
    def check_document(self):
        """Public: the link (or its last part) read from a document's QR code opens its verification page."""
        code = request.args.get("kode", "").strip().rstrip("/").rsplit("/", 1)[-1]
        if not code:
            flash(_("Tempel tautan atau kode dari kode QR dokumen."), "warning")
            return redirect(url_for(".index"))
        return redirect(url_for("DocumentVerificationView.verify", token=code))


class MyProfileView(BaseView):
    """ "Profil saya": the job seeker's own profile page, not a list of one row."""

    route_base = "/profil-saya"
    default_view = "profile"
    class_permission_name = "JobSeeker"
    method_permission_name = {"profile": "read"}
    base_permissions = ["can_read"]

    @expose("/")
    @has_access
    def profile(self):
        seeker_id = getattr(request_user(), "job_seeker_id", None)
        if seeker_id is None:  # staff: the register
            return redirect(url_for("JobSeekerView.list"))
        return redirect(url_for("JobSeekerView.show", pk=seeker_id))


def _html_lang():
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"]).split("_")[0]


def _unread_notifications():
    """The signed-in user's unread count (the bell, the inbox page), read with the user."""
    user = getattr(g, "user", None)
    return (user.unread_notifications or 0) if user is not None and user.is_authenticated else 0


def register(appbuilder):
    appbuilder.add_view_no_menu(MyProfileView)
    appbuilder.add_link(PROFILE_MENU, href="MyProfileView.profile", icon="fa-user-circle", label=PROFILE_MENU)
    appbuilder.menu_resources[PROFILE_MENU] = "JobSeeker"
    appbuilder.add_link(CARDS_MENU, href="Ak1CardView.list", icon="fa-id-card-o", label=CARDS_MENU)
    appbuilder.menu_resources[CARDS_MENU] = "Ak1"
    # Read by every page's frame (appbuilder/init.html, navbar_menu.html, navbar_right.html).
    current_app.jinja_env.globals.update(html_lang=_html_lang, unread_notifications=_unread_notifications,
                                          navbar_menu=navbar_menu)
