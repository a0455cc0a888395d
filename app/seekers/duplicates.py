"""Likely duplicate job seekers (same name and birth date, or the same phone) and merging two records."""
from flask import flash, redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import gettext as _, lazy_gettext as _l
from sqlalchemy import func, update

from app.core.validation import DomainError
from app.extensions import db
from app.seekers.models import (Ak1Card, Ak1Report, Education, Experience, JobSeeker, SeekerLanguage,
                                SeekerPreference, SeekerSkill, Training)
from app.security.models import AppUser

MOVED = (Education, Training, Experience, SeekerLanguage, SeekerPreference, Ak1Card, Ak1Report)


def possible_duplicates(limit: int = 200) -> list[tuple[JobSeeker, JobSeeker, str]]:
    """Pairs (older, newer, why) among active records; grouped in SQL so it stays fast on 200,000 people."""
    active = JobSeeker.status == "active"
    groups = [
        (_l("nama dan tanggal lahir sama"), [JobSeeker.full_name_key, JobSeeker.birth_date]),
        (_l("nomor HP sama"), [JobSeeker.phone]),
    ]
    pairs, seen = [], set()
    for why, columns in groups:
        keys = (db.session.query(*columns).filter(active, *[c.isnot(None) for c in columns])
                .group_by(*columns).having(func.count() > 1).limit(limit).all())
        for key in keys:
            people = (db.session.query(JobSeeker).filter(active, *[c == v for c, v in zip(columns, key)])
                      .order_by(JobSeeker.id).all())
            for other in people[1:]:
                if (people[0].id, other.id) not in seen:
                    seen.add((people[0].id, other.id))
                    pairs.append((people[0], other, why))
    return pairs[:limit]


def merge(keep: JobSeeker, drop: JobSeeker):
    """Move everything of `drop` to `keep`; `drop` stays, marked merged, so its history remains readable."""
    if keep.id == drop.id or "merged" in (keep.status, drop.status):
        raise DomainError(_("Pilih dua data pencari kerja aktif yang berbeda."))
    for model in MOVED:
        db.session.execute(update(model).where(model.job_seeker_id == drop.id).values(job_seeker_id=keep.id))
    kept_skills = {s.skill_id for s in db.session.query(SeekerSkill).filter_by(job_seeker_id=keep.id)}
    for skill in db.session.query(SeekerSkill).filter_by(job_seeker_id=drop.id):
        if skill.skill_id in kept_skills:
            db.session.delete(skill)
        else:
            skill.job_seeker_id = keep.id
    for user in db.session.query(AppUser).filter_by(job_seeker_id=drop.id):
        if db.session.query(AppUser.id).filter_by(job_seeker_id=keep.id).first():
            user.active, user.job_seeker_id = False, None  # one person, one account
        else:
            user.job_seeker_id = keep.id
    drop.status, drop.merged_into_id = "merged", keep.id
    db.session.flush()
    db.session.expire_all()
    return keep


class DuplicatesView(BaseView):
    route_base = "/pencari-kerja/data-ganda"
    default_view = "list"
    class_permission_name = "JobSeeker"
    method_permission_name = {"list": "merge", "merge_post": "merge"}
    base_permissions = ["can_merge"]

    @expose("/")
    @has_access
    def list(self):
        return self.render_template("seekers/duplicates.html", pairs=possible_duplicates(),
                                    title=_("Kemungkinan Data Ganda"))

    @expose("/gabung", methods=["POST"])
    @has_access
    def merge_post(self):
        keep = db.session.get(JobSeeker, request.form.get("keep", type=int) or 0)
        drop = db.session.get(JobSeeker, request.form.get("drop", type=int) or 0)
        try:
            if keep is None or drop is None:
                raise DomainError(_("Data pencari kerja tidak ditemukan."))
            merge(keep, drop)
            db.session.commit()
            flash(_("Data #%(drop)s digabungkan ke #%(keep)s.", drop=drop.id, keep=keep.id), "success")
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "danger")
        return redirect(url_for(".list"))


def duplicates_of(seeker: JobSeeker, limit: int = 10) -> list[tuple[JobSeeker, str]]:
    """Other active records that may be the same person, with why (for the AK-1 review)."""
    found = []
    for why, same in ((_l("nama dan tanggal lahir sama"), (JobSeeker.full_name_key == seeker.full_name_key)
                       & (JobSeeker.birth_date == seeker.birth_date)),
                      (_l("nomor HP sama"), JobSeeker.phone == seeker.phone if seeker.phone else None)):
        if same is None:
            continue
        others = (db.session.query(JobSeeker).filter(JobSeeker.status == "active", JobSeeker.id != seeker.id, same)
                  .order_by(JobSeeker.id).limit(limit).all())
        found += [(other, why) for other in others if other.id not in {o.id for o, _w in found}]
    return found[:limit]
