"""Rate limits beyond FAB's login form."""
from flask import current_app


def limit_form_posts(appbuilder, view_class):
    """Public forms that create accounts are limited like the login: no mass sign-ups from one address."""
    if appbuilder.sm.limiter is not None:
        appbuilder.sm.limiter.limit(lambda: current_app.config["AUTH_RATE_LIMIT"], methods=["POST"])(
            current_app.blueprints[view_class.__name__])
