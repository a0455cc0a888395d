"""The parts of a job seeker's profile (education, training, experience, skills, languages, preferences) are
added, changed and removed from the tabs of the profile page, by the job seeker and by an officer, and the
user comes back to the profile each time."""
import re

import pytest

from tests.conftest import unique
from tests.form_support import form_of
from tests.seekers_support import make_seeker


def _codes(db):
    from app.reference.models import Kbji
    from app.seekers.models import Skill

    # Two occupations of the most detailed level the reference data holds.
    kbji = [row.code for row in db.session.query(Kbji).order_by(Kbji.level.desc(), Kbji.code).limit(2)]
    skills = []
    for _ in range(2):
        skill = Skill(name="Keterampilan " + unique(), approved=True)
        db.session.add(skill)
        db.session.flush()
        skills.append(str(skill.id))
    db.session.commit()
    return kbji, skills


# view endpoint prefix -> (model, values to add, values to change, column checked)
def _parts(db):
    kbji, skills = _codes(db)
    return {
        "educationview": ("Education", {"level": "SMK", "school": "SMKN 3 " + unique(), "major": "Teknik Mesin",
                                        "year_graduated": "2016", "grade": "85,50"},
                          {"school": "SMKN 4 " + unique()}, "school"),
        "trainingview": ("Training", {"kind": "Las listrik", "institution": "BLK " + unique(), "year": "2020"},
                         {"institution": "LPK " + unique()}, "institution"),
        "experienceview": ("Experience", {"position": "Operator", "kbji": kbji[0], "company_name": "PT " + unique(),
                                          "start_date": "01-02-2018", "end_date": "31-12-2020"},
                           {"company_name": "CV " + unique()}, "company_name"),
        "seekerskillview": ("SeekerSkill", {"skill": skills[0]}, {"skill": skills[1]}, "skill_id"),
        "seekerlanguageview": ("SeekerLanguage", {"language": "Inggris " + unique(), "level": "menengah"},
                               {"language": "Jepang " + unique()}, "language"),
        "seekerpreferenceview": ("SeekerPreference", {"kind": "occupation", "kbji": kbji[0]},
                                 {"kbji": kbji[1]}, "kbji_code"),
    }


def _link(page_html, pattern):
    found = re.search(pattern, page_html)
    assert found, pattern
    return found.group(1).replace("&amp;", "&")


@pytest.mark.parametrize("who", ["pencaker-sendiri", "petugas.ak"])
def test_every_part_is_added_changed_and_removed_from_the_profile(db, client_as, who):
    from app.seekers import models

    seeker = make_seeker(db)
    client = client_as(seeker.username if who == "pencaker-sendiri" else who)
    profile = f"/jobseekerview/show/{seeker.id}"
    for view, (model_name, added, changed, column) in _parts(db).items():
        model = getattr(models, model_name)
        before = {row.id for row in db.session.query(model).filter_by(job_seeker_id=seeker.id)}
        # "+" on the tab, then "Simpan"
        add_url = _link(client.get(profile).get_data(as_text=True), rf'href="(/{view}/add\?[^"]*)"')
        form = form_of(client.get(add_url))
        assert "job_seeker" not in form.values or form.values["job_seeker"]  # the person is not asked again
        response = client.post(add_url, data={**form.values, **added})
        assert response.status_code == 302, (view, form_of(response).top, form_of(response).error_rows())
        assert response.headers["Location"].endswith(profile), view
        db.session.expire_all()
        rows = db.session.query(model).filter_by(job_seeker_id=seeker.id).all()
        new = [row for row in rows if row.id not in before]
        assert len(new) == 1, view
        part = new[0]
        # its pencil on the tab
        edit_url = _link(client.get(profile).get_data(as_text=True), rf'href="(/{view}/edit/{part.id}[^"]*)"')
        values = form_of(client.get(edit_url)).values
        response = client.post(edit_url, data={**values, **changed})
        assert response.status_code == 302 and response.headers["Location"].endswith(profile), view
        db.session.expire_all()
        stored = getattr(db.session.get(model, part.id), column)
        assert str(stored) == list(changed.values())[0], view
        # and its bin
        response = client.post(f"/{view}/delete/{part.id}")
        assert response.status_code == 302 and response.headers["Location"].endswith(profile), view
        db.session.expire_all()
        assert db.session.get(model, part.id) is None, view


def test_a_refused_part_comes_back_with_its_message_and_values(db, client_as):
    from app.seekers.models import Experience

    seeker = make_seeker(db)
    client = client_as(seeker.username)
    url = f"/experienceview/add?_flt_0_job_seeker={seeker.id}"
    typed = {"position": "Operator", "company_name": "PT " + unique(), "start_date": "01-02-2020",
             "end_date": "01-02-2019"}
    response = client.post(url, data=typed)
    assert response.status_code == 200
    form = form_of(response)
    assert form.error_rows() == ["end_date"] and "tidak boleh sebelum tanggal mulai" in form.row("end_date")["text"]
    assert all(form.values[name] == value for name, value in typed.items())
    assert db.session.query(Experience).filter_by(company_name=typed["company_name"]).count() == 0


def test_a_job_seeker_cannot_add_to_another_profile(db, client_as):
    from app.seekers.models import Training

    mine, theirs = make_seeker(db), make_seeker(db, account=False)
    client = client_as(mine.username)
    url = f"/trainingview/add?_flt_0_job_seeker={theirs.id}"
    assert client.post(url, data={"kind": "Las", "institution": "BLK"}).status_code == 404
    assert db.session.query(Training).filter_by(job_seeker_id=theirs.id).count() == 0
