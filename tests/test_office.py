"""The office profile Admin keeps: the head of office who signs letters (refused while a placeholder) and the
contact details on letterheads; PUBLIC_BASE_URL follows PORT."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import text_of


@pytest.fixture()
def profile(db):
    """The profile row, put back as it was after the test."""
    from app.office.models import OfficeProfile
    from app.office.services import office_profile

    row = office_profile()
    saved = {c: getattr(row, c) for c in ("head_name", "head_rank", "head_nip", "address", "postal_code", "phone",
                                          "email")}
    yield row
    db.session.rollback()
    row = db.session.get(OfficeProfile, 1)
    for column, value in saved.items():
        setattr(row, column, value)
    db.session.commit()


@pytest.mark.parametrize("name,nip", [("", "197203151998031004"), ("Kepala Dinas Tenaga Kerja", "197203151998031004"),
                                      ("Dr. H. Rudi Hartono, M.Si.", None), ("Dr. H. Rudi Hartono, M.Si.", "-")])
def test_no_signatory_while_the_profile_holds_a_placeholder(profile, name, nip):
    from app.core.validation import DomainError
    from app.office.services import signatory

    profile.head_name, profile.head_nip = name, nip
    with pytest.raises(DomainError, match="Penanda tangan belum ditetapkan.*Profil Kantor"):
        signatory()


def test_signatory_of_a_real_head_of_office(profile):
    from app.office.services import signatory

    profile.head_name, profile.head_rank, profile.head_nip = \
        "Dr. H. Rudi Hartono, M.Si.", "Pembina Utama Muda (IV/c)", "197203151998031004"
    assert tuple(signatory().__dict__.values()) == \
        ("Dr. H. Rudi Hartono, M.Si.", "Pembina Utama Muda (IV/c)", "197203151998031004")


def test_a_fresh_installation_takes_the_configured_head_of_office(app, db, profile, monkeypatch):
    from app.office.services import ensure_office_profile

    db.session.delete(profile)
    db.session.flush()
    monkeypatch.setitem(app.config, "HEAD_OF_OFFICE_NAME", "Drs. Hendra Wijaksana, M.Si.")
    monkeypatch.setitem(app.config, "HEAD_OF_OFFICE_NIP", "19720514 199803 1 005")
    row = ensure_office_profile()
    assert (row.head_name, row.head_nip) == ("Drs. Hendra Wijaksana, M.Si.", "197205141998031005")
    assert row.address.startswith("Jl. Abdul Hamid No. 2, Tigaraksa")


def _form(**overrides):
    data = {"head_name": "Dr. H. Rudi Hartono, M.Si.", "head_rank": "Pembina Utama Muda (IV/c)",
            "head_nip": "19720315 199803 1 004", "address": "Jl. Abdul Hamid No. 2, Tigaraksa, Kabupaten Tangerang",
            "postal_code": "15720", "phone": "(021) 5991234", "email": "disnaker@tangerangkab.go.id"}
    data.update(overrides)
    return data


def test_admin_edits_the_profile_from_the_menu(app, db, client_as, profile):
    from tests.conftest import ADMIN_PASSWORD

    admin = client_as("admin", ADMIN_PASSWORD)
    assert "Profil Kantor" in text_of(admin.get("/"))
    opened = admin.get("/officeprofileview/profil")
    assert opened.status_code == 302 and opened.headers["Location"].endswith("/officeprofileview/edit/1")
    page = admin.get("/officeprofileview/edit/1")
    assert page.status_code == 200 and "Pangkat/golongan" in text_of(page)
    # A wrong NIP comes back at its field with everything typed.
    refused = admin.post("/officeprofileview/edit/1", data=_form(head_nip="1972 0315", head_name="Ir. Siti Aminah"))
    assert refused.status_code in (200, 422) and "NIP harus 18 digit angka" in text_of(refused)
    assert 'value="Ir. Siti Aminah"' in refused.get_data(as_text=True)
    db.session.expire_all()
    assert profile.head_name != "Ir. Siti Aminah"
    admin.post("/officeprofileview/edit/1", data=_form())
    db.session.expire_all()
    assert (profile.head_name, profile.head_nip, profile.postal_code) == \
        ("Dr. H. Rudi Hartono, M.Si.", "197203151998031004", "15720")


@pytest.mark.parametrize("username", ["petugas.hi", "operator", "pencaker"])
def test_only_admin_changes_the_profile(client_as, username):
    client = client_as(username)
    assert client.post("/officeprofileview/edit/1", data=_form(head_name="Orang Lain")).status_code in (302, 403)
    assert client.get("/officeprofileview/edit/1").status_code in (302, 403)
    assert "Profil Kantor" not in text_of(client.get("/"))


def test_documents_print_the_office_profile(app, db, profile):
    from app.seekers.models import Ak1Card
    from reports.ak1_card import render_card
    from reports.pkwt_letter import render_letter_bytes
    from tests.test_pkwt_letter import contract, pages_text, submitted

    profile.head_name, profile.head_rank, profile.head_nip = \
        "Dr. H. Rudi Hartono, M.Si.", "Pembina Utama Muda (IV/c)", "197203151998031004"
    profile.address, profile.postal_code = "Jl. Abdul Hamid No. 2, Tigaraksa", "15720"
    profile.phone, profile.email = "(021) 5991234", "disnaker@tangerangkab.go.id"
    db.session.commit()
    submission = submitted(app, db, [contract("Dewi Lestari")])
    # The approval stores the head of office of the day; the rank is printed while that person holds office.
    submission.signed_by_name, submission.signed_by_nip = profile.head_name, profile.head_nip
    text = " ".join(pages_text(render_letter_bytes(submission)))
    for shown in ("Jl. Abdul Hamid No. 2, Tigaraksa 15720", "Telp. (021) 5991234", "disnaker@tangerangkab.go.id",
                  "Dr. H. Rudi Hartono, M.Si.", "Pembina Utama Muda (IV/c)", "NIP 197203151998031004"):
        assert shown in text, shown
    submission.signed_by_name = "Drs. Kepala Lama"  # a former head: no rank guessed
    assert "Pembina Utama Muda" not in " ".join(pages_text(render_letter_bytes(submission)))
    card = db.session.query(Ak1Card).filter(Ak1Card.number.isnot(None)).first()
    assert "Telp. (021) 5991234" in " ".join(pages_text(render_card(card)))


def test_public_base_url_follows_port():
    root = Path(__file__).resolve().parent.parent
    code = "import config; print(config.Config.PUBLIC_BASE_URL)"
    env = {k: v for k, v in os.environ.items() if k != "PUBLIC_BASE_URL"}
    run = lambda **extra: subprocess.run([sys.executable, "-c", code], cwd=root, env={**env, **extra},  # noqa: E731
                                         capture_output=True, text=True, check=True).stdout.strip()
    assert run(PORT="9137") == "http://127.0.0.1:9137"
    assert run(PORT="9137", PUBLIC_BASE_URL="https://dnaker.tangerangkab.go.id") == "https://dnaker.tangerangkab.go.id"
