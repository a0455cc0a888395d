"""While the database is down users get a 503 page in Indonesian with Retry-After, and JSON on the API
(issue 8 §3.3). A fresh app pointed at a closed PostgreSQL port stands for the stopped database; the machine's
database is never stopped."""
import pytest

from tests.conftest import TEST_CONFIG, text_of


@pytest.fixture(scope="module")
def down_app():
    from app import create_app

    return create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://dnaker@127.0.0.1:1/dnaker",
                       "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "connect_args": {"connect_timeout": 2}}})


@pytest.mark.parametrize("url", ["/login/", "/companyview/list/", "/pkwtcontractview/show/1", "/notifikasi/list/"])
def test_screens_answer_503_in_indonesian(down_app, url):
    client = down_app.test_client()
    response = client.get(url)
    if url == "/login/" and response.status_code == 200:
        response = client.post("/login/", data={"username": "operator", "password": "x"})
    assert response.status_code == 503, url
    assert response.headers["Retry-After"] == "30"
    assert "Layanan sedang tidak tersedia, coba lagi sebentar" in text_of(response)
    assert 'lang="id"' in response.get_data(as_text=True)


@pytest.mark.parametrize("method,url", [("get", "/api/v1/pkwt/"), ("get", "/api/v1/company/1"),
                                        ("post", "/api/v1/security/login")])
def test_api_answers_503_json(down_app, method, url):
    client = down_app.test_client()
    response = getattr(client, method)(url, json={"username": "operator", "password": "x", "provider": "db"},
                                       headers={"Authorization": "Bearer x.y.z"} if method == "get" else {})
    assert response.status_code == 503, response.get_data(as_text=True)
    assert response.headers["Retry-After"] == "30"
    assert "tidak tersedia" in response.get_json()["message"]
