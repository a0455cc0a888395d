"""Bad input answers 400 or 404 with a clear message, never a 500, on every screen and API of the app.

The walk enumerates every registered list view and REST API (appbuilder.baseviews) as admin, so a new view is
covered the day it is registered. Each input comes from a probe that found a 500 (issue 8 §2.5)."""
import io
import struct
import zlib
from urllib.parse import quote

import pytest
from flask_appbuilder.api import ModelRestApi
from flask_appbuilder.baseviews import BaseCRUDView

from tests.conftest import ADMIN_PASSWORD, text_of

HUGE = "99999999999"  # past 2^31 (PostgreSQL integer) and past every id
OK = {200, 400, 404}


def _list_views(app):
    return [v for v in app.appbuilder.baseviews
            if isinstance(v, BaseCRUDView) and "list" not in (v.exclude_route_methods or ())]


def _apis(app):
    return [v for v in app.appbuilder.baseviews if isinstance(v, ModelRestApi) and v.datamodel is not None]


def _search_filters(view):
    return view.datamodel.get_filters(view.search_columns).get_search_filters()


def _call(client, method, url, **kwargs):
    """The response, or None when the app raised (tests propagate exceptions instead of answering 500)."""
    try:
        return getattr(client, method)(url, **kwargs)
    except Exception:  # noqa: BLE001 (any exception is the 500 this file is about)
        return None


def _walk(client, urls, expected=OK, json_api=False):
    """Every url answered with an expected status, an Indonesian message for an error, JSON on the API."""
    failures = []
    for url in urls:
        response = _call(client, "get", url)
        status = response.status_code if response is not None else 500
        if status not in expected:
            failures.append(f"{status} {url}")
        elif status >= 400 and json_api and not (response.is_json and response.get_json().get("message")):
            failures.append(f"{status} without a JSON message: {url}")
        elif status >= 400 and not json_api and "Terjadi kesalahan pada sistem" in text_of(response):
            failures.append(f"{status} shows the system-error text: {url}")
    return failures


@pytest.fixture(scope="module")
def admin(app):
    client = app.test_client()
    client.post("/login/", data={"username": "admin", "password": ADMIN_PASSWORD})
    return client


@pytest.fixture(scope="module")
def admin_api(app):
    client = app.test_client()
    token = client.post("/api/v1/security/login", json={"username": "admin", "password": ADMIN_PASSWORD,
                                                         "provider": "db"}).get_json()["access_token"]
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


def test_filter_index_past_a_columns_filters(app, admin):
    urls = [f"{v.route_base}/list/?_flt_9_{col}=1"
            for v in _list_views(app) for col in _search_filters(v)]
    assert urls
    assert _walk(admin, urls, {200, 400}) == []


def test_sorting_by_a_column_that_is_not_sortable(app, admin):
    urls = [f"{v.route_base}/list/?_oc_{type(v).__name__}={col}&_od_{type(v).__name__}=asc"
            for v in _list_views(app) for col in ("password", "no_such_column", "__class__")]
    assert _walk(admin, urls, {200, 400}) == []


def test_huge_integers_in_ids_and_pages(app, admin):
    urls = [f"{v.route_base}/show/{HUGE}" for v in _list_views(app)]
    urls += [f"{v.route_base}/edit/{HUGE}" for v in _list_views(app)]
    urls += [f"{v.route_base}/list/?page_{type(v).__name__}={HUGE}" for v in _list_views(app)]
    urls += [f"{v.route_base}/show/-1" for v in _list_views(app)]
    # 403: FAB's permission screens have no show or edit page, not even for admin
    assert _walk(admin, urls, {200, 400, 403, 404}) == []


@pytest.mark.parametrize("value", [HUGE, "-" + HUGE, "a\x00b", "abc\\", "ab%_\\", "ya", "2026-13-45"],
                         ids=["huge", "negative-huge", "nul", "trailing-backslash", "like-wildcards", "text",
                              "bad-date"])
def test_odd_values_in_every_filter(app, admin, value):
    urls = []
    for view in _list_views(app):
        for col, filters in _search_filters(view).items():
            args = "&".join(f"_flt_{i}_{col}={quote(value)}" for i in range(len(filters)))
            urls.append(f"{view.route_base}/list/?{args}")
    assert _walk(admin, urls, {200, 400}) == []


def test_a_refused_filter_says_why_in_indonesian(app, admin):
    response = admin.get("/pkwtcontractview/list/?_flt_4_start_date=2026-01-01")
    assert response.status_code == 400
    assert "Filter tidak valid" in text_of(response)


def test_api_huge_ids_and_bad_queries(app, admin_api):
    urls = []
    for api in _apis(app):
        base = f"/api/v1/{api.resource_name}"
        urls += [f"{base}/{HUGE}", f"{base}/-{HUGE}", f"{base}/?q=(page:-1)", f"{base}/?q=((((",
                 f"{base}/?q=(page:{HUGE},page_size:10)", f"{base}/?q=(page_size:-5)",
                 f"{base}/?q=(order_column:password,order_direction:asc)",
                 f"{base}/?q=(filters:!((col:id,opr:eq,value:{HUGE})))",
                 f"{base}/?q=(filters:!((col:id,opr:nope,value:1)))",
                 f"{base}/?q=(filters:!((col:id,opr:eq,value:'a%00b')))",
                 f"{base}/?q=(columns:!(password))"]
        for col in api.search_columns or []:
            urls += [f"{base}/?q=(filters:!((col:{col},opr:eq,value:{v})))"
                     for v in ("'a%00b'", "ya", "'ya'", HUGE, f"'{HUGE}'", "!t", "'2026-13-45'", "!(1,'x')")]
            urls += [f"{base}/?q=(filters:!((col:{col},opr:ct,value:'a%5C%5C')))"]
    assert urls
    # 405: a negative id matches no GET route
    assert _walk(admin_api, urls, {200, 400, 404, 405}, json_api=True) == []


def test_api_json_list_as_a_body(app, admin_api):
    failures = []
    for api in _apis(app):
        base = f"/api/v1/{api.resource_name}/"
        for method, url in (("post", base), ("put", f"{base}1"), ("put", f"{base}{HUGE}")):
            for body in ([1, 2], "text", 7, None):
                response = _call(admin_api, method, url, json=body)
                if response is None or response.status_code not in {400, 404, 405, 422} or not response.is_json:
                    failures.append(f"{getattr(response, 'status_code', 500)} {method.upper()} {url} {body!r}")
    assert failures == []


def test_a_nul_character_in_text_is_refused_not_a_server_error(app, admin, admin_api):
    """PostgreSQL cannot store a NUL in text: a body carrying one is refused with a message, on every API and
    form, before anything is written (the fuzz run found POST /api/v1/branch/ answering 500)."""
    failures = []
    for api in _apis(app):
        base = f"/api/v1/{api.resource_name}/"
        response = _call(admin_api, "post", base, json={"name": "PT A\u0000B", "nested": [{"note": "x\x00"}]})
        if response is None or response.status_code != 400 or "karakter NUL" not in response.get_json()["message"]:
            failures.append(f"{getattr(response, 'status_code', 500)} POST {base}")
    assert failures == []
    page = admin.post("/branchview/add", data={"name": "Cabang\x00", "address": "Jl. A"})
    assert page.status_code == 400 and "karakter NUL" in page.get_data(as_text=True)


def test_api_refusal_is_clear_json(admin_api):
    response = admin_api.get(f"/api/v1/pkwt/{HUGE}")
    assert response.status_code == 404 and response.get_json()["message"]
    response = admin_api.get("/api/v1/pkwt/?q=((((")
    assert response.status_code == 400 and response.get_json()["message"]


def _png_header(width, height):
    """A valid PNG whose header declares width × height: a few hundred bytes, gigabytes once decoded."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + chunk(b"IEND", b""))


def _seeker_page(app, admin):
    from app.extensions import db
    from app.seekers.models import JobSeeker

    with app.app_context():
        return db.session.query(JobSeeker.id).order_by(JobSeeker.id).first()[0]


def test_decompression_bomb_photo_is_refused_with_a_message(app, admin):
    pk = _seeker_page(app, admin)
    response = admin.post(f"/jobseekerview/dokumen/{pk}", follow_redirects=True, content_type="multipart/form-data",
                          data={"kind": "photo", "file": (io.BytesIO(_png_header(20000, 20000)), "foto.png")})
    assert response.status_code == 200
    assert "terlalu besar" in text_of(response)


def test_nul_byte_in_an_upload_name(app, admin):
    from tests.test_files import pdf_bytes

    pk = _seeker_page(app, admin)
    response = admin.post(f"/jobseekerview/dokumen/{pk}", follow_redirects=True, content_type="multipart/form-data",
                          data={"kind": "ktp", "file": (io.BytesIO(pdf_bytes()), "ktp\x00.pdf")})
    assert response.status_code == 200
    assert "Dokumen tersimpan" in text_of(response)


def test_a_method_not_allowed_says_which_are(admin, admin_api):
    """405 keeps its Allow header (RFC 9110 §15.5.6), on the API and on screens alike."""
    for client, url in ((admin_api, "/api/v1/company/1"), (admin, "/companyview/list/")):
        response = client.patch(url, json={})
        assert response.status_code == 405
        assert "GET" in response.headers.get("Allow", ""), url
