"""FAB's security manager, hardened: our user model, logout by POST, a rate-limited JSON login and a record
of every login attempt."""
from flask import current_app, has_request_context, redirect, request
from flask_appbuilder import expose
from flask_appbuilder.security.api import SecurityApi
from flask_appbuilder.security.sqla.manager import SecurityManager
from flask_appbuilder.security.views import AuthDBView, RoleModelView, UserDBModelView, UserGroupModelView
from flask_appbuilder.utils.limit import Limit
from flask_limiter.util import get_remote_address
from flask_login import logout_user

from app.security.models import AppUser, LoginEvent


class PostLogoutAuthView(AuthDBView):
    """FAB logs out on GET, so any page could log a user out with an <img>; we accept POST only."""

    @expose("/logout/", methods=["POST"])
    def logout(self):
        user = self._get_authenticated_user()
        logout_user()
        if user is not None:
            self.appbuilder.sm.on_user_logout(user)
        return redirect(self.appbuilder.get_url_for_index)


class RateLimitedSecurityApi(SecurityApi):
    """FAB's AUTH_RATE_LIMITED covers the form login only; the JSON login gets its own limit."""

    limits = [
        Limit(
            limit_value=lambda: current_app.config["API_LOGIN_RATE_LIMIT"],
            key_func=get_remote_address,
            methods=("POST",),
        )
    ]


def _without_file_download(view_class):
    """FAB's /download/<filename> serves any uploaded file to anyone with list rights (and answers 500 to
    a name it cannot split): our files are served by /files/<id> after an ownership check."""
    return type(view_class.__name__, (view_class,), {"exclude_route_methods": {"download"}})


class AppSecurityManager(SecurityManager):
    user_model = AppUser
    authdbview = PostLogoutAuthView
    security_api = RateLimitedSecurityApi
    userdbmodelview = _without_file_download(UserDBModelView)
    rolemodelview = _without_file_download(RoleModelView)
    groupmodelview = _without_file_download(UserGroupModelView)
    userstatschartview = None  # a login-count chart nobody needs, answering 500 to /chart/<non-number>

    def _has_view_access(self, user, permission_name, view_name):
        """FAB asks the database once per menu item and button; load the user's permissions once a request."""
        if not has_request_context():
            return super()._has_view_access(user, permission_name, view_name)
        cache = request.__dict__.setdefault("_user_permissions", {})
        if user.id not in cache:
            cache[user.id] = self.get_user_permissions(user)
        return (permission_name, view_name) in cache[user.id]

    def auth_user_db(self, username, password):
        user = super().auth_user_db(username, password)
        self._record_login(username, user)
        return user

    def _record_login(self, username, user):
        channel = "api" if request.path.startswith("/api/") else "form"
        self.session.add(LoginEvent(
            username=(username or "")[:256], user_id=user.id if user else None, success=user is not None,
            channel=channel, ip=request.remote_addr,
        ))
        self.session.commit()
