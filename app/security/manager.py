"""FAB's security manager, hardened: our user model, logout by POST, a rate-limited JSON login, a record
of every login attempt, sessions and tokens that logout and a password change end (sessions.py), a growing
wait after failed logins on one account, and operators of a company not (yet) verified kept out of everything."""
import logging

from flask import current_app, flash, g, has_request_context, redirect, request, session, url_for
from flask_appbuilder import expose
from flask_appbuilder.security.decorators import no_cache
from flask_appbuilder.security.forms import LoginForm_db
from flask_appbuilder.security.utils import is_null_password
from flask_appbuilder.utils.base import get_safe_redirect
from flask_appbuilder.security.api import SecurityApi
from flask_appbuilder.security.sqla.manager import SecurityManager
from flask_appbuilder.security.sqla.models import assoc_permissionview_role
from flask_appbuilder.security.views import AuthDBView
from flask_appbuilder.hooks import before_request
from flask_appbuilder.utils.limit import Limit
from flask_limiter.util import get_remote_address
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from sqlalchemy.orm import joinedload, undefer
from werkzeug.exceptions import NotFound
from werkzeug.security import check_password_hash

from app.core.models import utcnow
from app.errors import OutageAwareApi
from app.security import views
from app.security.models import AppUser, LoginEvent
from app.security.sessions import end_sessions, login_wait, name_wait, parse_session_id

log = logging.getLogger(__name__)


# Session key of an operator whose registration was returned: it opens the correction page and nothing else
# (the operator is not signed in; every other screen and the API treat the browser as a visitor).
CORRECTION_SESSION_KEY = "registration_correction_user"


class PostLogoutAuthView(AuthDBView):
    """FAB logs out on GET, so any page could log a user out with an <img>; we accept POST only. The login
    tells an operator with the right password why their company's registration keeps them out."""

    @expose("/login/", methods=["GET", "POST"])
    @no_cache
    def login(self):
        if g.user is not None and g.user.is_authenticated:
            return redirect(self._get_safe_next_url())
        form = LoginForm_db()
        if form.validate_on_submit():
            next_url = get_safe_redirect(request.args.get("next", ""))
            session.pop(CORRECTION_SESSION_KEY, None)
            user = self.appbuilder.sm.auth_user_db(form.username.data, form.password.data)
            if user:
                login_user(user, remember=False)
                return redirect(next_url)
            pending = g.pop("pending_registration", None)
            wait = g.pop("login_wait", 0)
            if wait:
                flash(_login_wait_message(wait), "warning")
            elif pending is None:
                flash(str(self.invalid_login_message), "warning")
            elif pending[1].status == "returned":
                session[CORRECTION_SESSION_KEY] = pending[0].id
                return redirect(url_for("CompanyRegistrationView.correction"))
            else:
                flash(_registration_message(pending[1]), "info")
            return redirect(self.appbuilder.get_url_for_login_with(next_url))
        return self.render_template(self.login_template, title=self.title, form=form, appbuilder=self.appbuilder)

    @expose("/logout/", methods=["POST"])
    def logout(self):
        user = self._get_authenticated_user()
        logout_user()
        if user is not None:
            end_sessions(user)  # a copy of this session, on any device, ends too
            self.appbuilder.sm.update_user(user)
            self.appbuilder.sm.on_user_logout(user)
        return redirect(self.appbuilder.get_url_for_index)


class RateLimitedSecurityApi(OutageAwareApi, SecurityApi):
    """FAB's AUTH_RATE_LIMITED covers the form login only; the JSON login gets its own limit. An account
    that must wait after failed logins is told so (429, Retry-After) instead of "not authorized"."""

    limits = [
        Limit(
            limit_value=lambda: current_app.config["API_LOGIN_RATE_LIMIT"],
            key_func=get_remote_address,
            methods=("POST",),
        )
    ]

    @before_request(only=["login"])
    def _password_by_default(self):
        """FAB reads `provider` without requiring it (500 without it); this office signs in by password only."""
        payload = request.get_json(silent=True)
        if isinstance(payload, dict):
            payload.setdefault("provider", "db")  # FAB's login reads this same parsed body

    def response_401(self):
        wait = g.pop("login_wait", 0)
        if not wait:
            return super().response_401()
        response = self.response(429, message=_login_wait_message(wait))
        response.headers["Retry-After"] = str(wait)
        return response


def _without_file_download(view_class):
    """FAB's /download/<filename> serves any uploaded file to anyone with list rights (and answers 500 to
    a name it cannot split): our files are served by /files/<id> after an ownership check."""
    return type(view_class.__name__, (view_class,), {"exclude_route_methods": {"download"}})


class AppSecurityManager(SecurityManager):
    user_model = AppUser
    authdbview = PostLogoutAuthView
    security_api = RateLimitedSecurityApi
    resetmypasswordview = views.ResetMyPasswordView  # asks for the current password
    userdbmodelview = _without_file_download(views.UserDBModelView)  # Indonesian: app/security/views.py
    rolemodelview = _without_file_download(views.RoleModelView)
    groupmodelview = _without_file_download(views.UserGroupModelView)
    permissionmodelview, viewmenumodelview = views.PermissionModelView, views.ViewMenuModelView
    permissionviewmodelview = views.PermissionViewModelView
    userstatschartview = None  # a login-count chart nobody needs, answering 500 to /chart/<non-number>

    def __init__(self, appbuilder):
        super().__init__(appbuilder)
        self.userdbmodelview.datamodel = views.RowsWithCollections(self.user_model, "roles", "groups",
                                                                   untouched=("company",))
        self.rolemodelview.datamodel = views.RowsWithCollections(self.role_model, "permissions")
        self.groupmodelview.datamodel = views.RowsWithCollections(self.group_model, "roles")
        self.permissionviewmodelview.datamodel = views.RowsWithCollections(self.permissionview_model)

    def _has_view_access(self, user, permission_name, view_name):
        """FAB asks the database once per menu item and button; load the user's permissions once a request."""
        if not has_request_context():
            return super()._has_view_access(user, permission_name, view_name)
        return (permission_name, view_name) in self._permissions_of(user)

    def _permissions_of(self, user):
        cache = request.__dict__.setdefault("_user_permissions", {})
        if user.id not in cache:
            cache[user.id] = frozenset(self.get_user_permissions(user))
        return cache[user.id]

    def get_db_role_permissions_names(self, role_ids):
        """The (permission, view) names of the roles, as plain rows: FAB loads every permission of the role as
        three ORM objects (about 4 ms of an administrator's 20 ms list page)."""
        pv, permission, view = self.permissionview_model, self.permission_model, self.viewmenu_model
        return set(self.session.query(permission.name, view.name).select_from(pv)
                   .join(permission, pv.permission_id == permission.id)
                   .join(view, pv.view_menu_id == view.id)
                   .join(assoc_permissionview_role, assoc_permissionview_role.c.permission_view_id == pv.id)
                   .filter(assoc_permissionview_role.c.role_id.in_(role_ids)).distinct())

    def get_user_permissions(self, user):
        roles = self.get_user_roles(user)
        result = {pair for role in roles if role.name in self.builtin_roles
                  for pair in self.get_role_permissions(role)}
        role_ids = [role.id for role in roles if role.name not in self.builtin_roles]
        return result | (self.get_db_role_permissions_names(role_ids) if role_ids else set())

    def _public_permissions(self):
        """What FAB's is_item_public allows a visitor: the public role's (permission, view) pairs, once a request."""
        cache = request.__dict__
        if "_public_permissions" not in cache:
            role = self.find_role(self.auth_role_public)
            cache["_public_permissions"] = frozenset(
                ("public", pair) for pair in ((pv.permission.name, pv.view_menu.name)
                                              for pv in (role.permissions if role is not None else [])))
        return cache["_public_permissions"]

    def menu_permissions(self):
        """What alone decides which menu entries this request's user sees (FAB's has_access): the permissions
        of a signed-in, active user; the public role's for a visitor (the public portal's pages: one menu render
        for all visitors, not two statements per menu entry); None otherwise (inactive, API key: asked entry by
        entry)."""
        if getattr(g, "_api_key_user", False):
            return None
        if not current_user.is_authenticated:
            return self._public_permissions()
        user = self._get_safe_user(g.user)
        return self._permissions_of(user) if user and user.is_active else None

    def get_user_by_id(self, pk):
        """The user with their roles, groups and company in one statement (every request loads the user, and a
        list page has six statements in all); the company's own relations only if touched. `pk` may be the
        text of a URL (FAB's password reset): PostgreSQL does not compare an integer with text."""
        try:
            pk = int(pk)
        except (TypeError, ValueError):
            return None
        return (self.session.query(self.user_model)
                .options(joinedload(self.user_model.roles), joinedload(self.user_model.groups),
                         joinedload(self.user_model.company).lazyload("*"),
                         undefer(self.user_model.unread_notifications))  # the bell (app/core/notifications.py)
                .filter(self.user_model.id == pk).one_or_none())

    def load_user(self, pk):
        """`pk` is "<user id>:<session version>" (sessions.py). Sessions and API tokens (load_user_jwt calls
        this) of an older version, or of an unverified company's operator, are void."""
        parsed = parse_session_id(pk)
        user = super().load_user(parsed[0]) if parsed else None
        if user is None or (user.session_version or 0) != parsed[1]:
            return None
        return user if _unverified_company(user) is None else None

    def create_jwt_manager(self, app):
        manager = super().create_jwt_manager(app)
        manager.additional_claims_loader(self._session_claims)
        return manager

    def _session_claims(self, identity):
        user = self.get_user_by_id(int(identity))
        return {"sv": user.session_version or 0} if user is not None else {}

    def load_user_jwt(self, _jwt_header, jwt_data):
        return super().load_user_jwt(_jwt_header, {**jwt_data, "sub": f"{jwt_data['sub']}:{jwt_data.get('sv')}"})

    def reset_password(self, userid, password):
        """The new password ends every session and token of the user (models.py); the browser that changed
        its own password stays signed in."""
        user = self.get_user_by_id(userid)
        if user is None:
            raise NotFound()
        super().reset_password(userid, password)
        if has_request_context() and current_user.is_authenticated and current_user.id == user.id:
            login_user(user, remember=False)

    def update_user_auth_stat(self, user, success=True):
        if not success:
            user.last_failed_login = utcnow()
        super().update_user_auth_stat(user, success)

    def auth_user_db(self, username, password):
        """An account that failed too often waits (g.login_wait) before its password is checked again. An
        operator of a company not verified never signs in; with the right password (only) the login page
        learns the registration's state from g.pending_registration. Strangers learn nothing: one hash
        check either way."""
        candidate = self.find_user(username=username) if username else None
        if candidate is None and username:
            candidate = self.find_user(email=username)
        company = _unverified_company(candidate) if candidate is not None else None
        wait = login_wait(candidate) if candidate is not None else name_wait(username) if username else 0
        if wait:
            log.warning("login of %s refused: %s s to wait", username, wait)
            g.login_wait, user = wait, None
        elif company is None:
            user = super().auth_user_db(username, password)
        else:
            user = None
            if not is_null_password(password) and check_password_hash(candidate.password, password):
                g.pending_registration = (candidate, company)
        self._record_login(username, user)
        return user

    def _record_login(self, username, user):
        channel = "api" if request.path.startswith("/api/") else "form"
        self.session.add(LoginEvent(
            username=(username or "")[:256], user_id=user.id if user else None, success=user is not None,
            channel=channel, ip=request.remote_addr,
        ))
        self.session.commit()


def _unverified_company(user):
    from app.companies.services import unverified_company

    return unverified_company(user)


def _login_wait_message(seconds):
    wait = _("%(count)d detik", count=seconds) if seconds < 60 else _("%(count)d menit", count=(seconds + 59) // 60)
    return _("Terlalu banyak percobaan masuk yang gagal untuk akun ini. Coba lagi dalam %(wait)s.", wait=wait)


def _registration_message(company):
    if company.status == "rejected":
        return _("Pendaftaran perusahaan %(company)s ditolak. Alasan: %(reason)s. Hubungi Dinas Tenaga Kerja "
                 "Kabupaten Tangerang bila ada pertanyaan.", company=company.name, reason=company.status_note or "–")
    return _("Pendaftaran perusahaan %(company)s masih menunggu verifikasi petugas Disnaker. Anda dapat masuk "
             "setelah pendaftaran diverifikasi; hasilnya dikirim ke e-mail Anda.", company=company.name)
