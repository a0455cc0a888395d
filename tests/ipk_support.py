"""Facts for the IPK tests, written as the facts module records them (the columns being what is tested)."""
import uuid
from datetime import UTC, date, datetime, time, timedelta

from tests.seekers_support import make_seeker


def wib(y, m, d, hh=9, mm=0):
    from app.core.formatting import JAKARTA

    return datetime.combine(date(y, m, d), time(hh, mm), JAKARTA).astimezone(UTC)


def holder(db):
    return make_seeker(db, account=False, complete=False)


def card(db, seeker, since, sex, birth, education=None, kbji=None, kbli=None, registration=True,
         kind="baru", placed=None, removed=None, expired=None, closed=None):
    from app.seekers.models import Ak1Card

    row = Ak1Card(job_seeker_id=seeker.id, application_type=kind, status="issued",
                  number=f"3603-010131-{uuid.uuid4().int % 10**6:06d}", issued_at=since,
                  valid_until=since + timedelta(days=730), placed_at=placed, removed_at=removed, expired_at=expired,
                  closed_at=closed, ipk_from=since, ipk_registration=registration, ipk_sex=sex,
                  ipk_birth_date=birth, ipk_education_code=education, ipk_kbji_code=kbji, ipk_kbli_section=kbli)
    db.session.add(row)
    db.session.flush()
    return row


def placement(db, card_row, on, kind, employer_type, education):
    from app.vacancies.models import Placement

    row = Placement(job_seeker_id=card_row.job_seeker_id, ak1_card_id=card_row.id, employer_name="Dinas Contoh",
                    employer_type_code=employer_type, position="Staf", kbji_code=kbji(db, "4110"), placed_on=on,
                    placement_type=kind, destination="Kota Serang" if kind == "AKAD" else None, sex=card_row.ipk_sex,
                    birth_date=card_row.ipk_birth_date, education_ipk_code=education, recorded_by="petugas")
    db.session.add(row)
    db.session.flush()
    return row


def kbji(db, code):
    from app.reference.models import Kbji

    if db.session.get(Kbji, code) is None:
        db.session.add(Kbji(code=code, name=f"Jabatan {code}", level=4, parent_code=None))
        db.session.flush()
    return code


def company(db):
    from app.companies.models import Company
    from tests.test_companies import _nib, _valid_npwp

    row = Company(name="PT IPK " + uuid.uuid4().hex[:6], legal_form_code="PT", nib=_nib(),
                  npwp=_valid_npwp(uuid.uuid4().int % 10**7), employer_type_code="PRIVATE",
                  address="Jl. Raya Serang Km 12 No. 7", kecamatan_code="36.03.01", desa_code="36.03.01.2003",
                  status="verified")
    db.session.add(row)
    db.session.flush()
    return row


def vacancy(db, owner, published, kbji_code, education, section, male=0, female=0, either=0):
    from app.vacancies.models import Vacancy

    row = Vacancy(company_id=owner.id, title="Operator", kbji_code=kbji(db, kbji_code), slots_male=male,
                  slots_female=female, slots_any=either, valid_from=published.date(),
                  valid_until=published.date() + timedelta(days=60), education_ipk_code=education,
                  education_field="Umum", experience_years=0, age_min=18, age_max=40, wage_min=5_000_000,
                  wage_max=5_500_000, work_kecamatan_code="36.03.01", work_location="Cikupa", status="published",
                  submitted_at=published - timedelta(days=1), published_at=published, ipk_kbli_section=section,
                  description="Menjalankan mesin")
    db.session.add(row)
    db.session.flush()
    return row


def event(db, vacancy_row, kind, sex, on, count=1):
    from app.core.models import utcnow
    from app.vacancies.models import VacancySlotEvent

    db.session.add(VacancySlotEvent(vacancy_id=vacancy_row.id, company_id=vacancy_row.company_id, kind=kind,
                                    slot_sex=sex, count=count, on_date=on, recorded_at=utcnow(),
                                    removal_reason="kedaluwarsa" if kind == "removed" else None))
    db.session.flush()
