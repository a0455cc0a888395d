"""Every registered screen and API endpoint, for every role: allowed exactly where roles.py says, denied
everywhere else; and a few policy facts stated independently of roles.py."""
import re

import pytest
from flask_appbuilder.baseviews import AbstractViewApi

from app.security import roles as R
from app.security.sync import role_has
from tests.conftest import ADMIN_PASSWORD, DEMO_PASSWORD, api_token

ACCOUNTS = {R.ADMIN: ("admin", ADMIN_PASSWORD), R.KEPALA_DINAS: ("kadis", DEMO_PASSWORD),
            R.PETUGAS_ANTARKERJA: ("petugas.ak", DEMO_PASSWORD), R.PETUGAS_HI: ("petugas.hi", DEMO_PASSWORD),
            R.PETUGAS_TKA: ("petugas.tka", DEMO_PASSWORD), R.PENGAWAS: ("pengawas", DEMO_PASSWORD),
            R.OPERATOR: ("operator", DEMO_PASSWORD), R.PENCARI_KERJA: ("pencaker", DEMO_PASSWORD),
            R.BENDAHARA: ("bendahara", DEMO_PASSWORD)}

# Endpoints anyone may open without signing in. Adding an unprotected endpoint must be a decision.
PUBLIC = {"static", "appbuilder.static", "HomeView.index", "UtilView.back", "LocaleView.index",
          "PostLogoutAuthView.login", "PostLogoutAuthView.logout", "CompanyRegistrationView.company",
          "CompanyRegistrationView.correction", "CompanyRegistrationView.leave_correction",
          "RateLimitedSecurityApi.login", "RateLimitedSecurityApi.refresh", "MenuApi.get_menu_data",
          "DocumentVerificationView.verify", "SeekerRegistrationView.seeker",
          "HomeView.check_document",
          "FairPortalView.index", "FairPortalView.fair",  # the public job-fair pages
          "PortalVacancyView.search", "PortalVacancyView.vacancy", "PortalVacancyView.company",  # public portal
          "ChoicesView.choices"}  # checks the permission of the form it serves (tests/test_choices.py)
# Changing state when allowed: walked only for roles that must be refused.
MUTATING = {"delete", "action_post", "action", "decide", "mark_read", "mark_all_read", "this_form_post"}


def _view_of(app, endpoint):
    blueprint, _, method = endpoint.partition(".")
    for view in app.appbuilder.baseviews:
        if isinstance(view, AbstractViewApi) and getattr(view, "blueprint", None) is not None and view.blueprint.name == blueprint:
            return view, method
    return None, method


def _permission(view, method):
    func = getattr(view, method, None)
    name = getattr(func, "_permission_name", None)
    if name is None:
        return None
    mapped = (view.method_permission_name or {}).get(method)
    return "can_" + (mapped or name.removeprefix("can_"))


def _sample_pk(app, view, db):
    """A row the view shows (its base filters applied), owned by the demo operator's company or the demo job
    seeker where rows have an owner, so that only the role decides; None when the view has no such row."""
    datamodel = view.datamodel
    filters = getattr(view, "_base_filters", None) or datamodel.get_filters()
    tenant = getattr(datamodel.obj, "__tenant__", None) or {}
    from app.security.models import AppUser
    from flask_appbuilder.models.sqla.filters import FilterEqual

    for kind, username, attr in (("company", "operator", "company_id"), ("seeker", "pencaker", "job_seeker_id")):
        if kind in tenant:
            owner = db.session.query(getattr(AppUser, attr)).filter_by(username=username).scalar()
            filters = filters.copy().add_filter(tenant[kind], FilterEqual, owner)
    _, rows = datamodel.query(filters, page=0, page_size=1)
    return getattr(rows[0], datamodel.get_pk_name()) if rows else None


def _walk(app, db):
    """(endpoint, url, http method, view, permission) for every route."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC:
            continue
        view, method = _view_of(app, rule.endpoint)
        if method in ("action", "action_post"):  # FAB checks the permission of each action inside
            continue
        assert view is not None, f"{rule.endpoint} is not a FAB view: protect it or list it in PUBLIC"
        permission = _permission(view, method)
        assert permission is not None, f"{rule.endpoint} has no permission check"
        sample = _sample_pk(app, view, db) if getattr(view, "datamodel", None) is not None else None
        url = re.sub(r"<(?:[^:>]+:)?([^>]+)>",
                     lambda m: str(sample or 1 if m.group(1) == "pk" or m.group(1).endswith("_id") else "x"), rule.rule)
        has_row = sample is not None or "<" not in rule.rule
        http = "GET" if "GET" in rule.methods else sorted(rule.methods - {"HEAD", "OPTIONS"})[0]
        yield rule.endpoint, url, http, view, method, permission, has_row


def _is_api(url):
    return url.startswith("/api/")


@pytest.fixture(scope="module")
def sessions(app):
    from tests.conftest import login

    out = {}
    for role, (username, password) in ACCOUNTS.items():
        out[role] = (login(app, username, password), {"Authorization": f"Bearer {api_token(app, username, password)}"})
    out[R.PUBLIC] = (app.test_client(), {})
    return out


def test_every_endpoint_answers_every_role_as_roles_py_says(app, db, sessions):
    failures, checked = [], 0
    routes = list(_walk(app, db))
    assert len(routes) > 50
    for role, (client, headers) in sessions.items():
        for endpoint, url, http, view, method, permission, has_row in routes:
            allowed = (role != R.PUBLIC and permission in view.base_permissions
                       and role_has(app.appbuilder, role, permission, view.class_permission_name))
            if allowed and (method in MUTATING or http not in ("GET",)):
                continue
            response = client.open(url, method=http, headers=headers if _is_api(url) else {})
            checked += 1
            status = response.status_code
            if allowed:
                ok = status < 400 or (status == 404 and not has_row)
            elif role == R.PUBLIC:
                ok = status in (401, 403) or (status == 302 and "/login" in response.headers.get("Location", ""))
            else:
                ok = status in (401, 403, 405) or (status == 302 and "/login" in response.headers.get("Location", ""))
            if not ok:
                failures.append(f"{role:28} {http} {url} -> {status} (expected {'allowed' if allowed else 'denied'})")
            db.session.rollback()
    assert not failures, "\n".join(failures[:40])
    assert checked > 300


@pytest.mark.parametrize("username,url,expected", [
    ("operator", "/auditentryview/list/", 403),          # operators never read the audit trail
    ("pencaker", "/companyview/list/", 403),             # job seekers do not browse companies
    ("kadis", "/auditentryview/list/", 200),             # the head of office reads the audit trail
    ("kadis", "/companyview/add", 403),                  # … but reads only
    ("petugas.hi", "/operatorview/add", 200),            # industrial-relations officers create operators
    ("petugas.ak", "/operatorview/add", 403),
    ("pengawas", "/companyview/list/", 200),
    ("operator", "/operatorview/list/", 403),
    ("operator", "/users/list/", 403),                   # FAB's own security screens: Admin only
    ("kadis", "/roles/list/", 403),
])
def test_policy_facts(client_as, username, url, expected):
    assert client_as(username).get(url).status_code == expected


def test_unknown_actions_answer_404_not_500(client_as):
    client = client_as("petugas.hi")
    assert client.post("/companyview/action_post", data={"action": "nope", "rowid": ["1"]}).status_code == 404
    assert client.get("/companyview/action/nope/1").status_code == 404


def test_each_role_sees_only_its_menus(client_as):
    kadis = client_as("kadis").get("/").get_data(as_text=True)
    operator = client_as("operator").get("/").get_data(as_text=True)
    assert "Jejak Audit" in kadis and "Akun Operator" in kadis
    assert "Jejak Audit" not in operator and "Akun Operator" not in operator and "Perusahaan" in operator
    pencaker = client_as("pencaker").get("/").get_data(as_text=True)
    assert "Cabang Perusahaan" not in pencaker and "Data Referensi" not in pencaker  # lookups only: roles.MENU_ROLES
