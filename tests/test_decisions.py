"""The workflow kit, for each of the three workflows (company registration, AK-1, PKWT submission): every
decision through the screen's decision panel and through POST /api/v1/<resource>/<id>/<action>, the reason
stored as a code, the note rule, one notification to the person concerned, permissions per role, and the work
queues' age and deadline."""
import uuid
from datetime import date, timedelta

import pytest
from werkzeug.security import generate_password_hash

from app.core.workflow import decide
from tests.conftest import DATABASE_URL, DEMO_PASSWORD, text_of, unique
from tests.pkwt_support import attach_signed_contract, company_id, contract
from tests.seekers_support import make_seeker, officer


def _company(db):
    """A registration waiting for verification, with its (inactive) operator account."""
    from app.companies.models import Company
    from app.security.models import AppUser
    from app.security.roles import OPERATOR
    from tests.test_companies import _nib, _valid_npwp

    company = Company(name="PT Keputusan " + unique(), legal_form_code="PT", nib=_nib(),
                      npwp=_valid_npwp(uuid.uuid4().int % 10**7), employer_type_code="PRIVATE",
                      address="Jl. Industri 1", kecamatan_code="36.03.01", desa_code="36.03.01.2003",
                      status="submitted")
    db.session.add(company)
    db.session.flush()
    user = AppUser(username="op" + unique(), email=f"{unique()}@pabrik.co.id", first_name="Rina", last_name="Op",
                   active=False, company_id=company.id, password=generate_password_hash(DEMO_PASSWORD),
                   roles=[db.session.query(AppUser).filter_by(username="operator").one().roles[0]])
    assert user.roles[0].name == OPERATOR
    db.session.add(user)
    db.session.commit()
    return company, user


def _card(db):
    from app.security.models import AppUser
    from app.seekers.services import apply

    seeker = make_seeker(db)
    card = apply(seeker)
    db.session.commit()
    return card, db.session.query(AppUser).filter_by(job_seeker_id=seeker.id).one()


def _submission(db):
    from app.contracts import services
    from app.security.models import AppUser

    submission = services.submit(company_id(db), [contract()])
    attach_signed_contract(db, submission.contracts[0])
    db.session.commit()
    return submission, db.session.query(AppUser).filter_by(username="operator").one()


# name: (make, screen, api, officer who decides, officer who may not, reason code, first positive action)
CASES = {
    "company": (_company, "companyview", "company", "petugas.hi", "petugas.ak", "bukan_wilayah", "verify"),
    "ak1": (_card, "ak1cardview", "ak1", "petugas.ak", "petugas.hi", "dokumen_kurang", "verify"),
    "pkwt": (_submission, "pkwtsubmissionview", "pkwt-submission", "petugas.hi", "petugas.ak", "dokumen", "approve"),
}


def _notices(db, row, user, action):
    from app.core.notifications import Notification

    db.session.expire_all()
    return (db.session.query(Notification)
            .filter(Notification.user_id == user.id, Notification.key.like(f"{row.__tablename__}:{row.id}:{action}:%"))
            .all())


@pytest.mark.parametrize("case", CASES)
def test_return_needs_a_note_keeps_what_was_typed_and_tells_the_owner_once(db, client_as, case):
    make, screen, _api, decider, _other, _reason, positive = CASES[case]
    row, owner = make(db)
    client = client_as(decider)
    page = client.get(f"/{screen}/show/{row.id}")
    assert f'data-test="decide-{positive}"' in page.get_data(as_text=True)  # the panel offers the decision
    refused = client.post(f"/{screen}/decide/{row.id}", data={"action": "return", "note": "  "})
    assert refused.status_code == 422 and "Catatan wajib diisi" in text_of(refused)
    db.session.expire_all()
    assert row.status == "submitted"

    client.post(f"/{screen}/decide/{row.id}", data={"action": "return", "note": "Lengkapi lampiran halaman 2"})
    db.session.expire_all()
    assert row.status == "returned" and row.status_label == "Dikembalikan untuk perbaikan"
    [notice] = _notices(db, row, owner, "return")
    assert "Lengkapi lampiran halaman 2" in notice.body and notice.link.endswith(f"/show/{row.id}")
    shown = text_of(client.get(f"/{screen}/show/{row.id}"))
    assert "Riwayat proses" in shown and "Lengkapi lampiran halaman 2" in shown  # history with the note


@pytest.mark.parametrize("case", CASES)
def test_rejection_through_the_api_stores_the_reason_code(db, api_as, case):
    from app.core.workflow import TransitionLog

    make, _screen, api, decider, other, reason, _positive = CASES[case]
    row, owner = make(db)
    url = f"/api/v1/{api}/{row.id}"
    assert api_as(other).post(f"{url}/reject", json={"reason": reason}).status_code == 403
    assert api_as(decider).post(f"{url}/nonsense", json={}).status_code == 404
    unlisted = api_as(decider).post(f"{url}/reject", json={"reason": "karena saya mau"})
    assert unlisted.status_code == 422 and "Pilih alasan dari daftar" in unlisted.get_json()["message"]
    done = api_as(decider).post(f"{url}/reject", json={"reason": reason, "note": "lihat berkas"})
    assert done.status_code == 200 and done.get_json()["result"]["status"] == "rejected"
    log = db.session.query(TransitionLog).filter_by(table_name=row.__tablename__, row_id=str(row.id),
                                                    action="reject").one()
    assert (log.reason, log.note, log.username) == (reason, "lihat berkas", decider)
    assert len(_notices(db, row, owner, "reject")) == 1
    again = api_as(decider).post(f"{url}/reject", json={"reason": reason})
    assert again.status_code == 409  # a rejected row cannot be rejected twice


def test_company_verification_activates_the_operator_and_tells_them(db, client_as):
    company, operator = _company(db)
    assert client_as("kadis").post(f"/companyview/decide/{company.id}", data={"action": "verify"}).status_code == 302
    db.session.expire_all()
    assert company.status == "verified" and operator.active and company.verified_at is not None
    [notice] = _notices(db, company, operator, "verify")
    assert notice.title == "Pendaftaran perusahaan terverifikasi"


def test_ak1_resubmitted_by_its_holder_then_verified_and_issued_from_the_screens(db, client_as):
    from tests.seekers_support import officer as petugas

    card, holder = _card(db)
    decide(card, "return", petugas(db), note="Foto kurang jelas")
    db.session.commit()
    own = client_as(holder.username)
    assert 'data-test="decide-resubmit"' in own.get(f"/ak1cardview/show/{card.id}").get_data(as_text=True)
    assert own.post(f"/ak1cardview/decide/{card.id}", data={"action": "verify"}).status_code == 403
    own.post(f"/ak1cardview/decide/{card.id}", data={"action": "resubmit"})
    db.session.expire_all()
    assert card.status == "submitted" and card.note is None  # the returned note is resolved
    client = client_as("petugas.ak")
    client.post(f"/ak1cardview/decide/{card.id}", data={"action": "verify"})
    client.post(f"/ak1cardview/decide/{card.id}", data={"action": "issue"})
    db.session.expire_all()
    assert card.status == "issued" and card.number
    [notice] = _notices(db, card, holder, "issue")
    assert card.number in notice.body


def test_card_is_not_issued_while_the_profile_is_incomplete(db, client_as):
    card, _holder = _card(db)
    decide(card, "verify", officer(db))
    card.job_seeker.religion_code = None
    db.session.commit()
    refused = client_as("petugas.ak").post(f"/ak1cardview/decide/{card.id}", data={"action": "issue"})
    assert refused.status_code == 422 and "Data belum lengkap: agama" in text_of(refused)
    db.session.expire_all()
    assert card.status == "verified" and card.number is None


def test_placement_asks_for_its_date_and_employer(db, client_as):
    from tests.seekers_support import issued_card

    card = issued_card(db, make_seeker(db))
    client = client_as("petugas.ak")
    missing = client.post(f"/ak1cardview/decide/{card.id}", data={"action": "place", "date": "20-11-2026"})
    assert missing.status_code == 422 and "wajib diisi" in text_of(missing)
    assert 'value="20-11-2026"' in missing.get_data(as_text=True)  # what was typed comes back
    wrong = client.post(f"/ak1cardview/decide/{card.id}", data={"action": "place", "date": "31-02-2026",
                                                                 "employer": "PT Maju Jaya"})
    assert wrong.status_code == 422 and "Tanggal tidak valid" in text_of(wrong)
    client.post(f"/ak1cardview/decide/{card.id}", data={"action": "place", "date": "20-11-2026",
                                                        "employer": "PT Maju Jaya"})
    db.session.expire_all()
    assert card.status == "placed" and card.placement_employer == "PT Maju Jaya"
    assert card.placed_at == date(2026, 11, 20)


def test_pkwt_approval_refused_without_the_signed_contract(db, client_as):
    from app.contracts import services

    submission = services.submit(company_id(db), [contract(full_name="Sutrisno Tanpa Berkas")])
    db.session.commit()
    page = client_as("petugas.hi").get(f"/pkwtsubmissionview/show/{submission.id}")
    assert "belum diunggah untuk: Sutrisno Tanpa Berkas" in text_of(page)  # said before the officer tries
    refused = client_as("petugas.hi").post(f"/pkwtsubmissionview/decide/{submission.id}", data={"action": "approve"})
    assert refused.status_code == 422
    db.session.expire_all()
    assert submission.status == "submitted" and submission.number is None


def test_queues_list_the_oldest_first_with_their_deadline(app, db, client_as):
    from app.core.formatting import today_jakarta
    from app.core.models import utcnow
    from app.core.workflow import request_calendar
    from app.seekers.models import Ak1Card

    late, _owner = _card(db)
    late.status_changed_at = utcnow() - timedelta(days=20)
    fresh, _owner = _card(db)
    db.session.commit()
    with app.test_request_context():
        assert late.overdue and not fresh.overdue
        assert late.waiting_days >= 10 and fresh.waiting_days == 0
        clause = Ak1Card.workflow.overdue_clause(Ak1Card, "submitted", request_calendar(), today_jakarta())
        overdue_ids = {i for (i,) in db.session.query(Ak1Card.id).filter(clause)}
    assert late.id in overdue_ids and fresh.id not in overdue_ids
    page = client_as("petugas.ak").get("/ak1verificationqueueview/list/?psize_Ak1VerificationQueueView=100")
    html = page.get_data(as_text=True)
    assert "Tenggat" in html and "Lewat tenggat" in html
    assert html.index(late.job_seeker.full_name) < html.index(fresh.job_seeker.full_name)  # oldest first


@pytest.mark.parametrize("username, menu, shown", [
    ("petugas.ak", "Antrean Verifikasi AK/I", True), ("petugas.ak", "Antrean Verifikasi PKWT", False),
    ("petugas.hi", "Antrean Verifikasi PKWT", True), ("petugas.hi", "Antrean Verifikasi Perusahaan", True),
    ("operator", "Antrean Verifikasi PKWT", False), ("pencaker", "Antrean Verifikasi AK/I", False),
])
def test_queues_are_in_the_menu_of_those_who_decide(client_as, username, menu, shown):
    assert (menu in text_of(client_as(username).get("/"))) is shown


def test_a_decision_taken_in_a_queue_leads_to_the_record_not_back_to_the_queue(db, client_as):
    submission, _operator = _submission(db)
    done = client_as("petugas.hi").post(f"/pkwtqueueview/decide/{submission.id}", data={"action": "approve"})
    assert done.headers["Location"].endswith(f"/pkwtsubmissionview/show/{submission.id}")  # it left the queue


@pytest.mark.parametrize("username, url", [
    ("operator", "/pkwtsubmissionview/edit/{pkwt}"), ("petugas.hi", "/pkwtsubmissionview/edit/{pkwt}"),
    ("pencaker", "/ak1cardview/add"), ("petugas.ak", "/ak1cardview/edit/{card}"),
])
def test_decided_rows_have_no_generated_edit_or_add_form(db, client_as, username, url):
    """Status moves only through decisions: no FAB form may set it, whoever holds the owner's verbs."""
    submission, _operator = _submission(db)
    card, _holder = _card(db)
    response = client_as(username).get(url.format(pkwt=submission.id, card=card.id))
    assert response.status_code in (403, 404) or "/login" in response.headers.get("Location", "")


def test_no_letter_while_the_signatory_is_a_placeholder(db, client_as):
    from app.office.services import office_profile

    submission, _operator = _submission(db)
    profile = office_profile()
    kept = profile.head_name
    profile.head_name = "Kepala Dinas Tenaga Kerja"  # the default of a fresh installation
    db.session.commit()
    try:
        page = client_as("petugas.hi").post(f"/pkwtsubmissionview/decide/{submission.id}",
                                            data={"action": "approve"})
        assert page.status_code == 422 and "Penanda tangan belum ditetapkan" in text_of(page)
        db.session.expire_all()
        assert submission.status == "submitted"
    finally:
        office_profile().head_name = kept
        db.session.commit()


@pytest.mark.skipif(not DATABASE_URL.startswith("postgresql"), reason="row locks are only contended on PostgreSQL")
def test_two_officers_approving_at_once_register_it_once(app, db):
    """The second decision waits for the first, then finds the submission registered and is refused."""
    import threading

    from app.contracts.models import PkwtSubmission
    from app.core.validation import DomainError

    submission, _operator = _submission(db)
    barrier, outcomes = threading.Barrier(2), []

    def approve(username):
        with app.app_context():
            from app.extensions import db as database

            row = database.session.get(PkwtSubmission, submission.id)
            barrier.wait()
            try:
                decide(row, "approve", officer(database, username))
                database.session.commit()
                outcomes.append("approved")
            except DomainError as error:
                database.session.rollback()
                outcomes.append(str(error))

    threads = [threading.Thread(target=approve, args=(name,)) for name in ("petugas.hi", "kadis")]
    [t.start() for t in threads]
    [t.join() for t in threads]
    refused = [o for o in outcomes if o != "approved"]
    assert outcomes.count("approved") == 1 and "statusnya sekarang 'Tercatat'" in refused[0]
    db.session.expire_all()
    from app.core.workflow import TransitionLog

    assert db.session.query(TransitionLog).filter_by(table_name="pkwt_submission", row_id=str(submission.id),
                                                     action="approve").count() == 1


def test_every_decision_on_an_ak1_application_tells_its_holder(db):
    """Verified, then issued: two notices to the job seeker, one per decision, none twice."""
    from app.core.notifications import Notification

    card, holder = _card(db)
    decide(card, "verify", officer(db))
    decide(card, "issue", officer(db))
    db.session.commit()
    titles = [n.title for n in db.session.query(Notification).filter(
        Notification.user_id == holder.id, Notification.key.like(f"ak1_card:{card.id}:%")).order_by(Notification.id)]
    assert titles == ["Permohonan AK/I terverifikasi", "Kartu AK/I Anda telah terbit"]
