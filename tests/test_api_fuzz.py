"""The API against its own contract: schemathesis generates requests from /api/v1/_openapi, valid ones and
invalid ones, for every operation, as Admin and as a company operator, and fails on any 5xx, any status the
document does not list, and any body that does not match its documented schema.

It runs in-process against an app with a database of its own (the fuzzer creates, changes and deletes rows at
random: the shared test database stays as the other tests expect it). FUZZ_EXAMPLES sets the examples per
operation, mode and role (CI's default keeps the run within about two minutes per database); a failure prints
the request to reproduce it."""
import os

import pytest
import schemathesis
from flask import g
from hypothesis import HealthCheck, Phase, given, settings, strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,
                                               status_code_conformance)

from tests.conftest import ADMIN_PASSWORD, DEMO_PASSWORD, TEST_CONFIG, fresh_database_url

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "30"))
KNOWN_KEYS = 8  # existing rows per resource the run also aims at
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def fuzz_app():
    from app import create_app
    from app.setup import initialize

    url = fresh_database_url("_fuzz").replace("postgresql://", "postgresql+psycopg://", 1)
    application = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": url, "MAIL_ENABLED": False})
    with application.app_context():
        initialize(demo=True)
    application.before_request_funcs.setdefault(None, []).insert(0, lambda: g.__dict__.clear())
    return application


def _bearer(app, username, password):
    response = app.test_client().post("/api/v1/security/login",
                                      json={"username": username, "password": password, "provider": "db"})
    assert response.status_code == 200, response.get_data(as_text=True)
    return {"Authorization": f"Bearer {response.get_json()['access_token']}"}


def _known_keys(app, path):
    """Keys of rows that exist: a random integer almost never names one, and reading, changing, deleting and
    deciding a real row is where the rules run."""
    from flask_appbuilder.api import ModelRestApi

    from app.extensions import db

    if "{pk}" not in path:
        return []
    for view in app.appbuilder.baseviews:
        if isinstance(view, ModelRestApi) and path.startswith(view.route_base + "/"):
            model = view.datamodel.obj
            with app.app_context():
                return [pk for (pk,) in db.session.query(model.id).order_by(model.id).limit(KNOWN_KEYS)]
    return []


def _strategy(app, operation):
    """Valid requests and invalid ones (wrong types, missing fields, values out of range), for any key and
    for keys of existing rows."""
    strategies = []
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        for keys in [{}, *({"pk": pk} for pk in _known_keys(app, operation.path))]:
            try:
                strategies.append(operation.as_strategy(generation_mode=mode, path_parameters=keys or None))
            except Exception:  # nothing left to get wrong (e.g. the key is fixed): no negative cases
                continue
    return st.one_of(strategies)


def _fuzz(app, headers):
    """Every operation of the document; the failures of all of them, not only the first."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/_openapi", app, headers=headers)
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  phases=[Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck))
        @given(case=_strategy(app, operation))
        def check(case):
            response = case.call(headers=headers)
            case.validate_response(response, checks=CHECKS, headers=headers)

        try:
            with app.app_context():
                check()
        except (Exception, BaseExceptionGroup) as error:  # reported below with the request that caused it
            failures.append(f"{operation.method.upper()} {operation.path}:\n{error}")
    return failures


@pytest.mark.parametrize("username", ["operator", "admin"])  # the operator first: Admin deletes rows
def test_the_api_honours_its_contract(fuzz_app, username):
    password = ADMIN_PASSWORD if username == "admin" else DEMO_PASSWORD
    failures = _fuzz(fuzz_app, _bearer(fuzz_app, username, password))
    assert not failures, f"{len(failures)} operations broke the contract:\n\n" + "\n\n".join(failures)
