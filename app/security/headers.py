"""What every response tells the browser (no framing by other sites, no content sniffing, a short Referer),
the client address behind trusted proxies, and a development server that does not name its software."""
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.serving import WSGIRequestHandler

NO_FRAMING = {"X-Frame-Options": "DENY", "frame-ancestors": "'none'"}
OWN_PAGES_ONLY = {"X-Frame-Options": "SAMEORIGIN", "frame-ancestors": "'self'"}


def install(app):
    proxies = app.config["TRUSTED_PROXIES"]
    if proxies > 0:
        # Only the hops we run may speak for the client: the address, scheme and host they saw.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)

    @app.after_request
    def _security_headers(response):
        if "X-Frame-Options" not in response.headers:  # a view may allow its own pages (allow_own_framing)
            _set_framing(response, NO_FRAMING)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        return response


def allow_own_framing(response):
    """A document our own pages show in a frame (a scan beside the data to review); other sites still may not."""
    _set_framing(response, OWN_PAGES_ONLY)
    return response


def _set_framing(response, rule):
    response.headers["X-Frame-Options"] = rule["X-Frame-Options"]
    policy = response.headers.get("Content-Security-Policy")
    ancestors = f"frame-ancestors {rule['frame-ancestors']}"
    if not policy:
        response.headers["Content-Security-Policy"] = ancestors
    elif "frame-ancestors" not in policy:  # keep a policy a view set, adding ours
        response.headers["Content-Security-Policy"] = f"{policy}; {ancestors}"


class AnonymousRequestHandler(WSGIRequestHandler):
    """The development server (run.py) without "Server: Werkzeug/x Python/y"."""

    def version_string(self):
        return "dnaker"
