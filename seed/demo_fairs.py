"""Demo job fair: one upcoming on-site fair with the demo operator's company approved at booth A-01 (bringing a
published vacancy: the demo vacancies' if present, else one made here) and the demo job seeker registered."""
from datetime import timedelta

from app.core.formatting import today_jakarta
from app.core.models import utcnow
from app.extensions import db
from app.reference.models import Kbji, Region
from app.vacancies.fairs import new_ticket_code
from app.vacancies.models import FairCompany, FairRegistration, FairVacancy, JobFair, Vacancy

SLUG = "bursa-kerja-kabupaten-tangerang"


def _published_vacancy(company, today):
    vacancy = (db.session.query(Vacancy).filter(Vacancy.company_id == company.id, Vacancy.status == "published",
                                                Vacancy.valid_from <= today, Vacancy.valid_until >= today + timedelta(days=30))
               .order_by(Vacancy.id).first())
    if vacancy is not None:
        return vacancy
    # The most specific occupation group the reference data holds (a unit group, 8189, once loaded).
    kbji = (db.session.query(Kbji).filter(Kbji.code.in_(("8189", "81", "8"))).order_by(Kbji.level.desc()).first()
            or db.session.query(Kbji).order_by(Kbji.level.desc(), Kbji.code).first())
    now = utcnow()
    vacancy = Vacancy(company_id=company.id, title="Operator Produksi", kbji_code=kbji.code,
                      description="Mengoperasikan mesin produksi sesuai SOP, kerja bergilir (shift).",
                      slots_male=0, slots_female=0, slots_any=5, valid_from=today,
                      valid_until=today + timedelta(days=60), age_min=18, age_max=35, education_ipk_code=None,
                      experience_years=0, wage_min=4_900_000, wage_max=5_200_000,
                      work_kecamatan_code=company.kecamatan_code, work_type="kontrak", status="published",
                      submitted_at=now, published_at=now)
    db.session.add(vacancy)
    db.session.flush()
    return vacancy


def generate_fairs(company, seeker_id, today=None):
    """Idempotent: nothing happens when the demo fair exists."""
    today = today or today_jakarta()
    if db.session.query(JobFair.id).filter_by(slug=SLUG).first():
        return None
    kecamatan = (db.session.query(Region).filter(Region.level == "kecamatan", Region.name.ilike("%tigaraksa%"))
                 .first() or db.session.query(Region).filter_by(level="kecamatan").order_by(Region.code).first())
    fair = JobFair(name=f"Bursa Kerja Kabupaten Tangerang {today.year}", slug=SLUG, mode="hybrid",
                   starts_on=today + timedelta(days=14), ends_on=today + timedelta(days=15),
                   venue="Gedung Serbaguna Pemkab Tangerang, Jl. Abdul Hamid No. 2", kecamatan_code=kecamatan.code,
                   online_url="https://bursakerja.tangerangkab.go.id/daring",
                   description="Bursa kerja tahunan Disnaker: puluhan perusahaan, loket AK/I dan konsultasi karier.",
                   registration_open=True, booth_capacity=40)
    db.session.add(fair)
    db.session.flush()
    vacancy = _published_vacancy(company, today)
    now = utcnow()
    part = FairCompany(fair_id=fair.id, company_id=company.id, booth="A-01", status="approved", submitted_at=now,
                       approved_at=now, status_changed_at=now)
    part.vacancies.append(FairVacancy(company_id=company.id, vacancy_id=vacancy.id, quota=min(2, vacancy.slots)))
    db.session.add(part)
    if seeker_id:
        db.session.add(FairRegistration(fair_id=fair.id, job_seeker_id=seeker_id, ticket_code=new_ticket_code(),
                                        registered_at=now))
    db.session.flush()
    return fair
