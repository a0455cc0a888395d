"""The API's contract: the OpenAPI document and Swagger UI are there for signed-in users only, the document is
valid OpenAPI 3, it documents exactly the routes the API has, with their errors and examples."""
import re

import pytest
from openapi_spec_validator import validate

from tests.conftest import ADMIN_PASSWORD, DEMO_PASSWORD, api_token

METHODS = {"get", "post", "put", "delete", "patch"}


@pytest.fixture(scope="module")
def spec(app):
    token = api_token(app, "operator")
    response = app.test_client().get("/api/v1/_openapi", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    return response.get_json()


def test_anonymous_visitors_get_neither_the_document_nor_swagger(app):
    client = app.test_client()
    response = client.get("/api/v1/_openapi")
    assert response.status_code == 401 and "message" in response.get_json()
    response = client.get("/swagger/v1")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("username", ["operator", "pencaker", "petugas.hi"])
def test_every_signed_in_user_reads_swagger_and_the_document_it_loads(client_as, username):
    client = client_as(username)
    page = client.get("/swagger/v1")
    assert page.status_code == 200
    assert "/api/v1/_openapi" in page.get_data(as_text=True)
    # Swagger UI loads the document with the browser's session cookie.
    document = client.get("/api/v1/_openapi")
    assert document.status_code == 200 and "/api/v1/pkwt/" in document.get_json()["paths"]


def test_the_document_is_valid_openapi(spec):
    validate(spec)  # raises on the first error


def _routes(app):
    """(method, path as OpenAPI writes it) of every API route."""
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/"):
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        for method in rule.methods & {m.upper() for m in METHODS}:
            yield method.lower(), path


def test_every_documented_operation_exists_and_every_api_route_is_documented(app, spec):
    documented = {(method, path) for path, operations in spec["paths"].items()
                  for method in operations if method in METHODS}
    routed = set(_routes(app))
    assert documented - routed == set(), "documented but not routed"
    assert routed - documented == set(), "routed but not documented"
    assert ("post", "/api/v1/pkwt-submission/{pk}/{action}") in documented


# FAB's own endpoints: sign-in, the menu and the document itself; they check no resource permission.
FAB_OWN = {"/api/v1/security/login", "/api/v1/security/refresh", "/api/v1/menu/", "/api/{version}/_openapi"}


def test_every_operation_of_our_resources_documents_its_errors_and_no_500(spec):
    missing = []
    for path, operations in spec["paths"].items():
        if path in FAB_OWN:
            continue
        for method, operation in operations.items():
            codes = set(operation["responses"])
            expected = {"401", "403", "503"} | ({"404"} if "{pk}" in path else set())
            if "requestBody" in operation:
                expected |= {"400", "422"}
            if expected - codes or "500" in codes or not operation.get("summary"):
                missing.append(f"{method.upper()} {path}: {sorted(codes)}")
    assert not missing, "\n".join(missing)
    for code in ("400", "401", "403", "404", "409", "422", "503"):
        body = spec["components"]["responses"][code]["content"]["application/json"]
        assert body["schema"]["required"] == ["message"] and "message" in body["example"]


def test_decisions_list_their_actions_reasons_and_inputs(spec):
    operation = spec["paths"]["/api/v1/ak1/{pk}/{action}"]["post"]
    action = next(p for p in operation["parameters"] if p["name"] == "action")
    assert {"verify", "issue", "reject", "place", "remove"} <= set(action["schema"]["enum"])
    body = operation["requestBody"]["content"]["application/json"]["schema"]["properties"]
    assert "dokumen_kurang" in body["reason"]["enum"] and body["date"]["format"] == "date"
    assert "`reject`" in operation["description"] and {"403", "404", "409", "422"} <= set(operation["responses"])


@pytest.mark.parametrize("resource", ["pkwt", "jobseeker", "company", "branch"])
def test_every_resource_posts_its_own_example(app, spec, resource):
    """The example shown for each resource is a body the API accepts, as the role that creates it."""
    operation = spec["paths"][f"/api/v1/{resource}/"]["post"]
    example = operation["requestBody"]["content"]["application/json"]["example"]
    username, password = {"pkwt": ("operator", None), "branch": ("operator", None)}.get(
        resource, ("admin", ADMIN_PASSWORD))
    token = api_token(app, username, password) if password else api_token(app, username)
    response = app.test_client().post(f"/api/v1/{resource}/", json=example,
                                      headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201, response.get_data(as_text=True)
    assert isinstance(response.get_json()["id"], int)


# What the property-based run (tests/test_api_fuzz.py) found, each stated as the client sees it.

@pytest.fixture()
def admin_api(api_as):
    return api_as("admin", ADMIN_PASSWORD)


def test_a_foreign_key_takes_only_its_column_type(admin_api):
    """FAB left foreign keys untyped: text reached an integer column (stored by SQLite, 500 on PostgreSQL)."""
    body = {"name": "Gudang", "address": "Jl. A", "kecamatan_code": "36.03.01"}
    for company_id in ("abc", {"a": 1}, 2 ** 40):
        response = admin_api.post("/api/v1/branch/", json={**body, "company_id": company_id})
        assert response.status_code in (400, 422) and "company_id" in response.get_json()["message"]
    response = admin_api.post("/api/v1/branch/", json={**body, "kecamatan_code": {}})
    assert response.status_code in (400, 422) and "kecamatan_code" in response.get_json()["message"]


def test_integers_beyond_their_column_are_refused_at_their_field(admin_api):
    response = admin_api.put("/api/v1/branch/1", json={"headcount": 2 ** 40})
    assert response.status_code in (400, 422) and "headcount" in response.get_json()["message"]


def test_datetimes_carry_their_time_zone(admin_api):
    result = admin_api.get("/api/v1/pkwt-submission/").get_json()["result"]
    stamps = [row["submitted_at"] for row in result if row["submitted_at"]]
    assert stamps and all(s.endswith(("+00:00", "Z")) for s in stamps)


def test_field_descriptions_are_not_the_translation_catalog_header(admin_api):
    info = admin_api.get("/api/v1/branch/_info").get_json()
    assert all("Project-Id-Version" not in f["description"] for f in info["add_columns"])


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_a_key_that_is_not_a_number_is_not_found(admin_api, method):
    response = getattr(admin_api, method)("/api/v1/branch/abc", json={})
    assert response.status_code == 404 and response.get_json()["message"]


def test_bad_tokens_answer_401_with_a_message(app):
    client = app.test_client()
    response = client.get("/api/v1/branch/", headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 401 and response.get_json()["message"]
    access = api_token(app, "operator")  # not a refresh token
    response = client.post("/api/v1/security/refresh", headers={"Authorization": f"Bearer {access}"})
    assert response.status_code == 401 and response.get_json()["message"]


def test_ak1_application_checks_its_body(api_as):
    api = api_as("petugas.ak")
    missing = api.post("/api/v1/ak1/", json={})
    assert missing.status_code == 422 and "job_seeker_id" in missing.get_json()["message"]
    assert api.post("/api/v1/ak1/", json=[1]).status_code == 400


def test_the_menu_api_nobody_uses_is_gone(admin_api):
    assert admin_api.get("/api/v1/menu/").status_code == 404


def test_the_json_login_needs_no_provider(app):
    """FAB read `provider` without requiring it and answered 500 without it; the office signs in by password."""
    response = app.test_client().post("/api/v1/security/login",
                                      json={"username": "operator", "password": DEMO_PASSWORD})
    assert response.status_code == 200 and response.get_json()["access_token"]


@pytest.mark.parametrize("body", [[1], "verify", 5])
def test_a_decision_body_that_is_not_an_object_is_a_400(api_as, db, body):
    from app.seekers.models import Ak1Card

    pk = db.session.query(Ak1Card.id).order_by(Ak1Card.id).first()[0]
    response = api_as("petugas.ak").post(f"/api/v1/ak1/{pk}/verify", json=body)
    assert response.status_code == 400 and response.get_json()["message"]


def test_actions_that_need_no_body_take_a_request_without_one(api_as, db):
    """The check that a body is a JSON object refused a POST with no body at all (a decision, a re-report)."""
    from app.seekers.models import Ak1Card

    pk = db.session.query(Ak1Card.id).order_by(Ak1Card.id.desc()).first()[0]
    api = api_as("petugas.ak")
    for url in (f"/api/v1/ak1/{pk}/lapor-ulang", f"/api/v1/ak1/{pk}/verify"):
        response = api.post(url)
        assert response.status_code != 400, (url, response.get_json())
