"""The foreign-worker register through the screens and the API: adding with locations, the form that keeps what
was typed, events that change the worker, the departures-not-reported item, permissions per role and tenancy."""
from datetime import date, timedelta

import pytest

from tests.conftest import text_of, unique


def _company_of(db, username):
    from app.security.models import AppUser

    return db.session.query(AppUser).filter_by(username=username).one().company


def _kecamatan(db, n=2):
    from app.reference.models import Region

    return db.session.query(Region).filter_by(level="kecamatan").order_by(Region.code).limit(n).all()


def form_data(db, **changes):
    kec = _kecamatan(db)
    today = date.today()
    data = {"full_name": "Zhang " + unique(), "sex": "L", "birth_place": "Beijing", "birth_date": "12-04-1985",
            "nationality": "CN", "passport_number": "e " + unique("p")[:8], "passport_expires_on": "31-01-2030",
            "position": "Manajer produksi", "rptka_number": "B.3/1/PK/2026",
            "rptka_start": (today - timedelta(days=100)).strftime("%d-%m-%Y"),
            "rptka_end": (today + timedelta(days=200)).strftime("%d-%m-%Y"), "permit_kind": "kitas",
            "permit_number": "2C21AB1", "permit_expires_on": (today + timedelta(days=200)).strftime("%d-%m-%Y"),
            "kecamatan_codes": [kec[0].code, kec[1].code], "counterpart_name": "Budi Santoso",
            "counterpart_nik": "", "arrived_on": ""}
    data.update(changes)
    return data


def add_worker(db, client, **changes):
    from app.foreign_workers.models import ForeignWorker

    data = form_data(db, **changes)
    response = client.post("/foreignworkerview/add", data=data)
    assert response.status_code == 302, text_of(response)[:3000]
    db.session.expire_all()
    return db.session.query(ForeignWorker).filter_by(full_name=data["full_name"]).one()


def test_operator_adds_a_worker_with_two_locations(db, client_as):
    client = client_as("operator")
    worker = add_worker(db, client)
    assert worker.company_id == _company_of(db, "operator").id  # set by the server
    assert worker.passport_number.startswith("EP") and " " not in worker.passport_number
    assert len(worker.locations) == 2 and {loc.regency_code for loc in worker.locations} == {"36.03"}
    page = text_of(client.get(f"/foreignworkerview/show/{worker.id}"))
    assert "Tiongkok" in page  # the country's Indonesian name, not "CN"
    assert "Disnaker Kabupaten Tangerang" in page  # both in the regency: the payment is validated here
    assert "Masih bekerja" in page


def test_a_refused_form_keeps_what_was_typed(db, client_as):
    client = client_as("operator")
    data = form_data(db, full_name="Tetap " + unique(), kecamatan_codes=[], outside_regency="99.99")
    response = client.post("/foreignworkerview/add", data=data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert data["full_name"] in page and "99.99" in page
    assert "Kode kabupaten/kota harus berbentuk" in text_of(response)


@pytest.mark.parametrize("changes,message", [
    ({"nationality": "ID"}, "Pilih"),  # Indonesia is not offered
    ({"passport_number": "!!"}, "Nomor paspor tidak valid"),
    ({"counterpart_nik": "123"}, "NIK"),
    ({"kecamatan_codes": []}, "paling sedikit satu lokasi kerja"),
    ({"rptka_end": "01-01-2020"}, "Akhir masa RPTKA harus sesudah awalnya"),
])
def test_bad_input_is_explained(db, client_as, changes, message):
    response = client_as("operator").post("/foreignworkerview/add", data=form_data(db, **changes))
    assert response.status_code == 200 and message in text_of(response)


def test_locations_outside_decide_where_the_payment_belongs(db, client_as):
    client = client_as("operator")
    worker = add_worker(db, client, kecamatan_codes=[_kecamatan(db, 1)[0].code], outside_regency="36.71")
    assert {loc.regency_name for loc in worker.locations} == {"Kabupaten Tangerang", "Kota Tangerang"}
    assert "Provinsi Banten" in text_of(client.get(f"/foreignworkerview/show/{worker.id}"))
    other = add_worker(db, client, outside_regency="31.74", outside_name="Kota Jakarta Selatan")
    assert "Kementerian Ketenagakerjaan" in text_of(client.get(f"/foreignworkerview/show/{other.id}"))


def test_events_update_the_worker(db, client_as):
    client = client_as("operator")
    worker = add_worker(db, client)
    today = date.today()
    url = f"/foreignworkerview/peristiwa/{worker.id}"
    assert client.post(url, data={"kind": "arrival", "occurred_on": (today - timedelta(days=90)).strftime(
        "%d-%m-%Y")}).status_code == 302
    new_end = worker.rptka_end + timedelta(days=365)
    assert client.post(url, data={"kind": "extension", "occurred_on": today.strftime("%d-%m-%Y"),
                                  "rptka_number": "B.3/99/PK/2026",
                                  "rptka_end": new_end.strftime("%d-%m-%Y")}).status_code == 302
    too_long = worker.rptka_end + timedelta(days=365 * 3)
    refused = client.post(url, data={"kind": "extension", "occurred_on": today.strftime("%d-%m-%Y"),
                                     "rptka_number": "B.3/100/PK/2026", "rptka_end": too_long.strftime("%d-%m-%Y")})
    assert refused.status_code == 422 and "paling lama 2 tahun" in text_of(refused)
    assert "B.3/100/PK/2026" in refused.get_data(as_text=True)  # what was typed stays
    outside = client.post(url, data={"kind": "transfer", "occurred_on": today.strftime("%d-%m-%Y"),
                                     "outside_regency": "36.74"})
    assert outside.status_code == 302
    future = client.post(url, data={"kind": "departure",
                                    "occurred_on": (today + timedelta(days=3)).strftime("%d-%m-%Y")})
    assert future.status_code == 422 and "sesudah hari ini" in text_of(future)
    assert client.post(url, data={"kind": "departure", "occurred_on": today.strftime("%d-%m-%Y")}).status_code == 302
    db.session.expire_all()
    worker = db.session.get(type(worker), worker.id)
    assert worker.arrived_on == today - timedelta(days=90)
    assert worker.rptka_number == "B.3/99/PK/2026" and worker.rptka_end == new_end
    assert [loc.regency_name for loc in worker.locations] == ["Kota Tangerang Selatan"]
    assert worker.status == "departed" and worker.departed_on == today
    assert [e.kind for e in worker.events] == ["arrival", "extension", "transfer", "departure"]
    page = text_of(client.get(f"/foreignworkerview/show/{worker.id}"))
    assert "Sudah pulang/keluar" in page and "Kota Tangerang Selatan" in page
    again = client.post(url, data={"kind": "departure", "occurred_on": today.strftime("%d-%m-%Y")})
    assert again.status_code == 422 and "sudah tercatat pulang" in text_of(again)


def test_departures_not_reported_on_the_home_pages(db, client_as):
    operator = client_as("operator")
    past = (date.today() - timedelta(days=5)).strftime("%d-%m-%Y")
    worker = add_worker(db, operator, full_name="Lupa " + unique(), permit_expires_on=past)
    listing = text_of(operator.get("/foreignworkerunreportedview/list/"))
    assert worker.full_name in listing
    home = operator.get("/").get_data(as_text=True)
    assert 'data-test="tka-unreported"' in home
    officer_home = client_as("petugas.tka").get("/").get_data(as_text=True)
    assert "tanpa laporan kepulangan" in officer_home
    operator.post(f"/foreignworkerview/peristiwa/{worker.id}",
                  data={"kind": "departure", "occurred_on": date.today().strftime("%d-%m-%Y")})
    assert worker.full_name not in text_of(operator.get("/foreignworkerunreportedview/list/"))
    # Another company's forgotten worker is not the operator's concern.
    other = add_worker(db, client_as("operator2"), full_name="Lain " + unique(), permit_expires_on=past)
    assert other.full_name not in text_of(operator.get("/foreignworkerunreportedview/list/"))
    assert other.full_name in text_of(client_as("petugas.tka").get("/foreignworkerunreportedview/list/"))


def test_list_filters(db, client_as):
    client = client_as("petugas.tka")
    worker = add_worker(db, client_as("operator"), nationality="JP", full_name="Sato " + unique())
    page = client.get("/foreignworkerview/list/?_flt_0_nationality=JP").get_data(as_text=True)
    assert worker.full_name in page and "Jepang" in page
    end = worker.rptka_end
    window = (f"/foreignworkerview/list/?_flt_1_rptka_end={(end - timedelta(days=1)).isoformat()}"
              f"&_flt_2_rptka_end={(end + timedelta(days=1)).isoformat()}")
    response = client.get(window)
    assert response.status_code == 200 and worker.full_name in response.get_data(as_text=True)


@pytest.mark.parametrize("username,add,show", [
    ("petugas.tka", 200, 200), ("operator", 200, 200), ("bendahara", 403, 200), ("kadis", 403, 200),
    ("petugas.hi", 403, 403), ("pencaker", 403, 403), ("pengawas", 403, 403),
])
def test_permissions_per_role(db, client_as, username, add, show):
    worker = add_worker(db, client_as("operator"))
    client = client_as(username)
    assert client.get("/foreignworkerview/add").status_code == add
    assert client.get(f"/foreignworkerview/show/{worker.id}").status_code == show
    event = client.post(f"/foreignworkerview/peristiwa/{worker.id}",
                        data={"kind": "arrival", "occurred_on": date.today().strftime("%d-%m-%Y")})
    assert event.status_code in ((302,) if add == 200 else (302, 403)) and (add == 200) == (event.status_code == 302)


def test_officer_records_for_a_company(db, client_as):
    company = _company_of(db, "operator2")
    worker = add_worker(db, client_as("petugas.tka"), company=str(company.id))
    assert worker.company_id == company.id


def test_tenancy_on_screens(db, client_as):
    theirs = add_worker(db, client_as("operator2"))
    client = client_as("operator")
    assert client.get(f"/foreignworkerview/show/{theirs.id}").status_code == 404
    assert client.get(f"/foreignworkerview/edit/{theirs.id}").status_code == 404
    assert client.post(f"/foreignworkerview/peristiwa/{theirs.id}",
                       data={"kind": "departure", "occurred_on": date.today().strftime("%d-%m-%Y")}).status_code == 404
    assert theirs.full_name not in text_of(client.get("/foreignworkerview/list/?psize_ForeignWorkerView=100"))


API_WORKER = {"full_name": "Li Wei", "sex": "L", "birth_place": "Shanghai", "birth_date": "1985-04-12",
              "nationality": "CN", "passport_number": "E1234", "position": "Manajer produksi",
              "rptka_number": "B.3/1/PK/2026", "rptka_start": "2026-01-01", "rptka_end": "2027-12-31"}


def test_api_register_locations_and_events(db, api_as):
    api = api_as("operator")
    body = {**API_WORKER, "full_name": "Api " + unique(), "passport_number": unique("x")}
    created = api.post("/api/v1/foreignworker/", json=body)
    assert created.status_code == 201, created.get_json()
    worker_id = created.get_json()["id"]
    assert api.get(f"/api/v1/foreignworker/{worker_id}").get_json()["result"]["status"] == "present"
    kec = _kecamatan(db, 1)[0].code
    assert api.post("/api/v1/foreignworker-location/",
                    json={"worker_id": worker_id, "kecamatan_code": kec}).status_code == 201
    bad = api.post("/api/v1/foreignworker-location/", json={"worker_id": worker_id, "regency_code": "3671"})
    assert bad.status_code == 422 and "99.99" in bad.get_json()["message"]
    assert api.post("/api/v1/foreignworker-event/", json={"worker_id": worker_id, "kind": "extension",
                                                          "occurred_on": date.today().isoformat(),
                                                          "rptka_number": "B.3/2", "rptka_end": "2031-01-01"}
                    ).status_code == 422  # more than 2 years
    departed = api.post("/api/v1/foreignworker-event/", json={"worker_id": worker_id, "kind": "departure",
                                                             "occurred_on": date.today().isoformat()})
    assert departed.status_code == 201, departed.get_json()
    assert api.get(f"/api/v1/foreignworker/{worker_id}").get_json()["result"]["status"] == "departed"
    assert api.post("/api/v1/foreignworker/", json={**body, "nationality": "ID"}).status_code == 422
    assert api.post("/api/v1/foreignworker-event/", json=[1]).status_code == 400


def test_api_tenancy(db, api_as):
    theirs = api_as("operator2").post("/api/v1/foreignworker/",
                                      json={**API_WORKER, "passport_number": unique("t")}).get_json()["id"]
    api = api_as("operator")
    assert api.get(f"/api/v1/foreignworker/{theirs}").status_code == 404
    assert api.put(f"/api/v1/foreignworker/{theirs}", json={"full_name": "diambil"}).status_code == 404
    assert api.post("/api/v1/foreignworker-event/", json={"worker_id": theirs, "kind": "departure",
                                                          "occurred_on": date.today().isoformat()}).status_code == 404
    assert api.post("/api/v1/foreignworker-location/", json={"worker_id": theirs,
                                                             "regency_code": "36.71"}).status_code == 404
    assert theirs not in api.get("/api/v1/foreignworker/?q=(page_size:100)").get_json()["ids"]
    company = _company_of(db, "operator2").id
    assert api.post("/api/v1/foreignworker/", json={**API_WORKER, "passport_number": unique("u"),
                                                    "company_id": company}).status_code == 404
    # The treasurer reads, and writes nothing.
    treasurer = api_as("bendahara")
    assert treasurer.get(f"/api/v1/foreignworker/{theirs}").status_code == 200
    assert treasurer.post("/api/v1/foreignworker-event/", json={"worker_id": theirs, "kind": "departure",
                                                                "occurred_on": date.today().isoformat()}
                          ).status_code == 403


def test_demo_operator_has_a_worker_whose_kitas_ended_without_departure(db, client_as):
    # Whole lists on one page: other tests add workers to the demo company.
    listing = text_of(client_as("operator").get("/foreignworkerunreportedview/list/"
                                                "?psize_ForeignWorkerUnreportedView=100"))
    assert "Park Ji-hoon" in listing and "Tanaka Yui" not in listing  # Tanaka's departure was reported
    assert "Park Ji-hoon" in text_of(client_as("bendahara").get("/foreignworkerview/list/"
                                                                "?psize_ForeignWorkerView=100"))
