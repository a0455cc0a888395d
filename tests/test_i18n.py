"""Languages: Bahasa Indonesia by default, English after /lang/en (and back with /lang/id), for our own strings,
FAB's, WTForms' messages and the messages of domain rules."""
from tests.conftest import ADMIN_PASSWORD, text_of, unique
from tests.test_companies import _registration


def english(client):
    assert client.get("/lang/en").status_code == 302
    return client


def test_pages_are_indonesian_by_default_and_switch_to_english_and_back(client_as):
    client = client_as("kadis")
    page = text_of(client.get("/companyview/list/"))
    assert "Daftar Perusahaan" in page and "Nama perusahaan" in page and "Bentuk badan usaha" in page
    assert "Perusahaan" in page and "Keamanan" in page  # menu and category labels
    assert "Ekspor XLSX" in page and "Companies" not in page

    page = text_of(english(client).get("/companyview/list/"))
    assert "Companies" in page and "Company name" in page and "Legal form" in page and "Security" in page
    assert "Export XLSX" in page
    assert "Daftar Perusahaan" not in page and "Nama perusahaan" not in page and "Keamanan" not in page

    client.get("/lang/id")
    page = text_of(client.get("/companyview/list/"))
    assert "Daftar Perusahaan" in page and "Companies" not in page


def test_workflow_labels_and_templates_follow_the_language(client_as):
    client = english(client_as("kadis"))
    page = text_of(client.get("/companyview/show/1"))
    assert "Company Details" in page and "Status: Verified" in page and "Change history" in page
    assert "Terverifikasi" not in page
    # One company in a column, the companies in the menu: one Indonesian word, two English ones.
    branches = text_of(client.get("/branchview/list/"))
    assert "Branch name" in branches and "Company" in branches and "Company Branches" in branches


def test_wtforms_messages_are_indonesian_then_english(client_as):
    client = client_as("operator")
    data = {"company": "1", "name": "Gudang " + unique(), "address": "Jl. Raya Cikupa", "kecamatan": "36.03.01",
            "desa": "36.03.01.2003", "phone": "", "headcount": "abc"}
    page = text_of(client.post("/branchview/add", data=data))
    assert "Bukan bilangan bulat yang valid." in page and "Not a valid integer value" not in page

    page = text_of(english(client).post("/branchview/add", data=data))
    assert "Not a valid integer value." in page and "bilangan bulat" not in page
    assert "Number of workers" in page  # the form's labels too


def test_required_field_message_of_generated_forms(client_as):
    client = client_as("operator")
    data = {"company": "1", "name": "", "address": "Jl. Raya Cikupa", "kecamatan": "36.03.01", "headcount": "1"}
    assert "Kolom ini wajib diisi." in text_of(client.post("/branchview/add", data=data))  # as FAB's own catalog
    assert "This field is required." in text_of(english(client).post("/branchview/add", data=data))


def test_empty_choice_of_an_optional_relation_reads_choose(client_as):
    client = client_as("operator")
    # a long list (desa, loaded on demand) has the empty value Select2 takes for its placeholder
    html = client.get("/branchview/add").get_data(as_text=True)
    assert '<option selected value="">— Pilih —</option>' in html
    html = english(client).get("/branchview/add").get_data(as_text=True)
    assert '<option selected value="">— Select —</option>' in html and 'data-placeholder="Select Value"' in html


def test_domain_error_messages_follow_the_language(app):
    public = app.test_client()
    bad_npwp = _registration(npwp="01.312.166.1-091.000")
    page = text_of(public.post("/daftar/perusahaan", data=bad_npwp))
    assert "NPWP tidak valid" in page and "Periksa kembali isian yang ditandai." in page

    page = text_of(english(public).post("/daftar/perusahaan", data=bad_npwp))
    assert "Invalid NPWP (tax number)" in page and "Please check the marked fields." in page
    assert "NPWP tidak valid" not in page and "Nama perusahaan" not in page and "Company name" in page


def test_error_pages_follow_the_language(client_as):
    client = client_as("kadis")
    assert "Data atau halaman tidak ditemukan." in text_of(client.get("/companyview/show/999999"))
    page = text_of(english(client).get("/companyview/show/999999"))
    assert "Data or page not found." in page and "Back to the home page" in page


def test_a_stored_rejection_note_stays_indonesian_when_the_officer_reads_english(app, db, client_as):
    from app.companies.models import Company

    data = _registration()
    app.test_client().post("/daftar/perusahaan", data=data)
    company = db.session.query(Company).filter_by(nib=data["nib"]).one()
    officer = english(client_as("petugas.hi"))
    page = text_of(officer.post(f"/companyview/decide/{company.id}",
                                data={"action": "reject", "reason": "bukan_wilayah", "note": "di Kota Serang"},
                                follow_redirects=True))
    assert "Reject: saved. Status is now Rejected." in page  # the officer's flash, in English
    db.session.expire_all()
    # What the operator reads (the note and the notification) is in Indonesian.
    assert company.status_note == "Perusahaan tidak berdomisili di Kabupaten Tangerang; di Kota Serang"


def test_gettext_outside_a_request_gives_the_indonesian_msgid():
    from app.core.identifiers import clean_nib
    from app.core.validation import DomainError

    try:
        clean_nib("123")
    except DomainError as error:
        assert str(error) == "NIB harus 13 digit angka (Nomor Induk Berusaha dari OSS)."
    else:
        raise AssertionError("clean_nib accepted 3 digits")


# ---- job seekers and the AK/I card ---------------------------------------------------------------------------

def test_seeker_list_and_menu_follow_the_language(client_as):
    client = client_as("petugas.ak")
    page = text_of(client.get("/jobseekerview/list/"))
    assert "Daftar Pencari Kerja" in page and "Nama lengkap" in page and "Tanggal lahir" in page
    assert "Kartu AK/I" in page and "Antrean Verifikasi AK/I" in page  # menu
    assert "Job Seekers" not in page and "AK/I Cards" not in page

    page = text_of(english(client).get("/jobseekerview/list/"))
    assert "Job Seekers" in page and "Full name" in page and "Date of birth" in page and "Sex" in page
    assert "AK/I Cards" in page and "AK/I Verification Queue" in page and "Possible Duplicates" in page
    assert "Daftar Pencari Kerja" not in page and "Nama lengkap" not in page and "Kartu AK/I" not in page


def test_seeker_rules_and_registration_form_follow_the_language(app):
    from tests.test_seekers import _registration as _seeker_registration

    public = app.test_client()
    bad_nik = _seeker_registration(nik="12345")
    page = text_of(public.post("/daftar/pencari-kerja", data=bad_nik))
    assert "Pendaftaran Pencari Kerja" in page and "NIK tidak valid: harus 16 digit sesuai KTP." in page

    english(public)
    page = text_of(public.post("/daftar/pencari-kerja", data=bad_nik))
    assert "Job Seeker Registration" in page and "Full name" in page and "Please check the marked fields." in page
    assert "Invalid NIK: it must be the 16 digits on the KTP (identity card)." in page
    assert "NIK tidak valid" not in page and "Nama lengkap" not in page
    # A rule of the service (raised after the form is valid) too.
    page = text_of(public.post("/daftar/pencari-kerja", data=_seeker_registration(sex="P")))
    assert "The sex does not match the NIK." in page and "Jenis kelamin tidak sesuai" not in page


def test_ak1_card_screen_in_english_keeps_the_stored_note_indonesian(db, client_as):
    from app.seekers.services import apply
    from tests.seekers_support import make_seeker

    card = apply(make_seeker(db))
    db.session.commit()
    officer = english(client_as("petugas.ak"))
    page = text_of(officer.get(f"/ak1cardview/show/{card.id}"))
    assert "Status: Submitted" in page and "Return for correction" in page
    assert "Data does not match the documents" in page
    assert "Kembalikan untuk perbaikan" not in page and "Diajukan" not in page

    page = text_of(officer.post(f"/ak1cardview/decide/{card.id}",
                                data={"action": "reject", "reason": "dokumen_kurang", "note": "KTP buram"},
                                follow_redirects=True))
    assert "Reject: saved. Status is now Rejected." in page and "Status: Rejected" in page
    db.session.expire_all()
    assert card.status == "rejected" and card.note == "Dokumen tidak lengkap atau tidak terbaca; KTP buram"


# ---- PKWT ----------------------------------------------------------------------------------------------------

def test_pkwt_register_and_menu_follow_the_language(client_as):
    client = client_as("petugas.hi")
    page = text_of(client.get("/pkwtcontractview/list/"))
    assert "Register PKWT" in page and "Nama pekerja" in page and "Jenis PKWT" in page and "Berakhir" in page
    assert "Pengajuan PKWT" in page and "Rekap Bulanan PKWT" in page and "UMK" in page  # menu
    assert "PKWT Register" not in page and "Fixed-Term Contracts" not in page and "Kind of PKWT" not in page

    page = text_of(english(client).get("/pkwtcontractview/list/"))
    assert "PKWT Register" in page and "Kind of PKWT" in page and "Wage below the UMK" in page
    assert "Fixed-Term Contracts" in page and "PKWT Submissions" in page and "PKWT Monthly Recap" in page
    assert "Register PKWT" not in page and "Nama pekerja" not in page and "Jenis PKWT" not in page
    assert "Pengajuan PKWT" not in page and "Rekap Bulanan PKWT" not in page

    client.get("/lang/id")
    assert "Register PKWT" in text_of(client.get("/pkwtcontractview/list/"))
    admin = english(client_as("admin", ADMIN_PASSWORD))  # the reference tables (UMK among them): Admin's menu
    assert "Minimum Wage (UMK)" in text_of(admin.get("/pkwtcontractview/list/"))


def test_pkwt_rule_messages_follow_the_language(app):
    from datetime import date

    from flask_babel import force_locale

    from app.contracts import rules
    from app.core.validation import DomainError

    def age_error():
        try:
            rules.check_age(date(2010, 3, 1), date(2026, 1, 5))
        except DomainError as error:
            return str(error)
        raise AssertionError("a 15-year-old worker was accepted")

    with app.test_request_context():
        assert age_error() == ("Pekerja berusia di bawah 18 tahun pada tanggal penandatanganan: anak tidak boleh "
                               "dipekerjakan dengan PKWT.")
        with force_locale("en"):
            assert age_error() == ("The worker is under 18 years old on the signing date: children may not be "
                                   "employed under a PKWT.")


def test_pkwt_submission_screen_in_english_keeps_the_stored_note_indonesian(db, client_as):
    from app.contracts import services
    from tests.pkwt_support import company_id, contract

    submission = services.submit(company_id(db), [contract()])
    db.session.commit()
    officer = english(client_as("petugas.hi"))
    page = text_of(officer.get(f"/pkwtsubmissionview/show/{submission.id}"))
    assert "Status: Submitted" in page and "Approve and register" in page and "Return for correction" in page
    assert "Contract document incomplete or illegible" in page and "Kind of PKWT" in page
    assert "Setujui dan catat" not in page and "Diajukan" not in page

    page = text_of(officer.post(f"/pkwtsubmissionview/decide/{submission.id}",
                                data={"action": "reject", "reason": "dokumen", "note": "halaman 2 hilang"},
                                follow_redirects=True))
    assert "Reject: saved. Status is now Rejected." in page
    db.session.expire_all()
    assert submission.status == "rejected"
    assert submission.note == "Dokumen perjanjian tidak lengkap atau tidak terbaca; halaman 2 hilang"
