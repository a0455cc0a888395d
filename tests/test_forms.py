"""Forms keep what the user typed: a refused rule brings the same form back with every value and the message
beside its field; dates are day-first, rupiah with dots, choices start empty, required fields are marked."""
from datetime import date, timedelta

import pytest

from tests.conftest import text_of, unique
from tests.form_support import form_of
from tests.pkwt_support import worker_nik


def test_dates_are_read_day_first_and_as_iso():
    from app.core.forms import parse_date

    for typed in ("12-03-1995", "12/03/1995", "12.03.1995", "1995-03-12", " 12-3-1995 "):
        assert parse_date(typed) == date(1995, 3, 12), typed
    for typed in ("31-02-2020", "12-13-1995", "95-03-12", "12031995", "", "kemarin"):
        assert parse_date(typed) is None, typed


def test_rupiah_is_read_with_or_without_dots_and_prefix():
    from app.core.forms import dotted, parse_rupiah

    for typed in ("5.300.000", "Rp5.300.000", "Rp 5.300.000", "rp. 5.300.000", "5300000", "5.300.000,00"):
        assert parse_rupiah(typed) == 5_300_000, typed
    for typed in ("5,3 juta", "5.30.000", "-5000", "Rp", "lima juta"):
        assert parse_rupiah(typed) is None, typed
    assert dotted(6_600_000) == "6.600.000"


def _pkwt_form(start: date, end: date):
    birth = date(1995, 3, 12)
    return {"nik": worker_nik(birth), "passport_number": "", "full_name": "Dedi " + unique(), "sex": "L",
            "birth_date": "12-03-1995", "address": "Kp. Bitung RT 01/02", "nationality": "ID",
            "position": "Teknisi mesin", "place_of_work": "Cikupa", "wage": "Rp5.300.000",
            "wage_payment": "bulanan", "kind": "jangka_waktu", "start_date": f"{start:%d-%m-%Y}",
            "end_date": f"{end:%d-%m-%Y}", "completion_criterion": "", "previous_id": "",
            "signed_at": f"{start:%d/%m/%Y}"}


def test_pkwt_rule_error_keeps_all_17_values_and_puts_the_message_at_berakhir(db, client_as):
    from app.contracts.models import PkwtContract, PkwtSubmission

    operator = client_as("operator")
    today = date.today()
    typed = _pkwt_form(today, today - timedelta(days=30))  # ends before it starts
    submissions = db.session.query(PkwtSubmission).count()
    response = operator.post("/pkwtcontractview/add", data=typed)

    assert response.status_code == 200  # the same form, not a redirect
    form = form_of(response)
    assert {name: form.values.get(name) for name in typed} == typed  # all 17 values, as typed
    assert form.error_rows() == ["end_date"]
    berakhir = form.row("end_date")["text"]
    assert "Berakhir" in berakhir and "Tanggal berakhir harus sesudah tanggal mulai." in berakhir
    db.session.expire_all()
    assert db.session.query(PkwtContract).filter_by(nik=typed["nik"]).count() == 0  # nothing stored half-way
    assert db.session.query(PkwtSubmission).count() == submissions

    corrected = {**typed, "end_date": f"{today + timedelta(days=180):%d-%m-%Y}"}
    assert operator.post("/pkwtcontractview/add", data=corrected).status_code == 302
    saved = db.session.query(PkwtContract).filter_by(nik=typed["nik"]).one()
    assert (saved.wage, saved.birth_date, saved.start_date) == (5_300_000, date(1995, 3, 12), today)

    shown = form_of(operator.get(f"/pkwtcontractview/edit/{saved.id}")).values
    assert shown["wage"] == "5.300.000" and shown["birth_date"] == "12-03-1995"
    assert shown["end_date"] == f"{today + timedelta(days=180):%d-%m-%Y}"


def test_a_wrong_date_or_amount_is_explained_at_its_field(db, client_as):
    today = date.today()
    typed = {**_pkwt_form(today, today + timedelta(days=90)), "birth_date": "31-02-1995", "wage": "5,3 juta"}
    form = form_of(client_as("operator").post("/pkwtcontractview/add", data=typed))
    assert sorted(form.error_rows()) == ["birth_date", "wage"]
    assert "Tanggal tidak valid" in form.row("birth_date")["text"]
    assert "Jumlah rupiah tidak valid" in form.row("wage")["text"]
    assert form.values["birth_date"] == "31-02-1995" and form.values["wage"] == "5,3 juta"
    assert "Kolom ini wajib diisi" not in form.row("birth_date")["text"]  # one message, not two


def test_a_rule_about_the_whole_record_is_shown_at_the_top(db, client_as):
    from tests.pkwt_support import approved, contract

    item = approved(db, contract()).contracts[0]
    operator = client_as("operator")
    values = form_of(operator.get(f"/pkwtcontractview/edit/{item.id}")).values
    response = operator.post(f"/pkwtcontractview/edit/{item.id}", data={**values, "full_name": "Diubah"})
    assert response.status_code == 200
    form = form_of(response)
    assert "tidak dapat diubah" in form.top and form.values["full_name"] == "Diubah"
    db.session.expire_all()
    assert db.session.get(type(item), item.id).full_name != "Diubah"


def test_choices_start_empty_and_a_required_one_refuses_the_empty_choice(db, client_as):
    operator = client_as("operator")
    blank = form_of(operator.get("/pkwtcontractview/add"))
    for name in ("sex", "kind", "wage_payment"):
        assert blank.values[name] == "", name  # nothing preselected
    assert "— Pilih —" in operator.get("/pkwtcontractview/add").get_data(as_text=True)
    today = date.today()
    typed = {**_pkwt_form(today, today + timedelta(days=90)), "sex": "", "kind": "", "wage_payment": ""}
    form = form_of(operator.post("/pkwtcontractview/add", data=typed))
    assert sorted(form.error_rows()) == ["kind", "sex", "wage_payment"]


def test_required_fields_are_marked_and_hints_shown_before_any_error(db, client_as):
    html = client_as("operator").get("/pkwtcontractview/add").get_data(as_text=True)
    form = form_of(client_as("operator").get("/pkwtcontractview/add"))
    assert "*" in form.row("full_name")["text"] and "*" not in form.row("passport_number")["text"]
    assert "DD-MM-YYYY" in form.row("birth_date")["text"]
    assert "5.300.000" in form.row("wage")["text"]
    assert "app/forms.js" in html  # the date picker and the rest of the form behaviour
    seeker_form = form_of(client_as("petugas.ak").get("/jobseekerview/add"))
    assert "16 digit" in seeker_form.row("nik")["text"]


def test_desa_follow_the_kecamatan(db, client_as, app):
    from app.reference.models import Region

    kecamatan = db.session.query(Region).filter_by(level="kecamatan").order_by(Region.code).first()
    rows = client_as("operator").get(f"/ref/desa?kecamatan={kecamatan.code}").get_json()
    expected = db.session.query(Region).filter(Region.parent_code == kecamatan.code).count()
    assert len(rows) == expected > 0
    assert all(row["id"].startswith(kecamatan.code + ".") and row["text"] for row in rows)
    assert client_as("pencaker").get("/ref/desa?kecamatan=").get_json() == []
    assert app.test_client().get(f"/ref/desa?kecamatan={kecamatan.code}").status_code in (302, 401, 403)


@pytest.mark.parametrize("path", ["/daftar/perusahaan", "/daftar/pencari-kerja"])
def test_public_forms_keep_both_passwords_and_every_value_after_an_error(app, path):
    client = app.test_client()
    typed = {"name": "PT " + unique(), "nib": "123", "npwp": "1", "address": "Jl. Raya 1", "contact_name": "Ani",
             "email": "bukan-email", "contact_phone": "0812345678", "username": "u" + unique(),
             "password": "Rahasia-Kuat-2026", "confirm": "Rahasia-Kuat-2026", "nik": "123",
             "full_name": "Ani " + unique(), "birth_place": "Tangerang", "birth_date": "12-03-1995",
             "phone": "081234567890"}
    response = client.post(path, data=typed)
    assert response.status_code == 200
    form = form_of(response)
    for name, value in typed.items():
        if name in form.values:
            assert form.values[name] == value, name
    assert form.values["password"] == form.values["confirm"] == "Rahasia-Kuat-2026"
    assert "Alamat e-mail tidak valid." in text_of(response)
