def test_smoke(app, client_as):
    r = app.test_client().get("/bursa/")
    print(r.status_code, r.get_data(as_text=True)[:200])
    assert r.status_code == 200
