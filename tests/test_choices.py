"""Relation fields and filters load their choices on demand from /pilihan/<view>/<column>: the pages carry only
the chosen rows, and the endpoint answers only users who may use that form, with only rows they may reach."""
import re

import pytest

from app.core.choices import PAGE_SIZE, SMALL_LIST
from tests.conftest import unique
from tests.test_browser import base_url, browser, new_page, shots  # noqa: F401  (fixtures)


def _company_of(db, username):
    from app.security.models import AppUser

    return db.session.query(AppUser).filter_by(username=username).one().company


def _choices(client, view, column, **args):
    response = client.get(f"/pilihan/{view}/{column}", query_string=args)
    return response.status_code, response.get_json()


def _options(html, field):
    """The <option>s of a select named `field`, inline or inside the search form's JSON (where < is \\u003c)."""
    html = html.replace("\\u003c", "<").replace("\\u003e", ">").replace('\\"', '"')
    selects = re.findall(rf'<select[^>]*name="{field}"[^>]*>(.*?)</select>', html, re.S)
    return [option for select in selects for option in re.findall(r"<option[^>]*>[^<]*", select)]


def test_operator_gets_only_own_company(db, client_as):
    company_a, company_b = _company_of(db, "operator"), _company_of(db, "operator2")
    operator = client_as("operator")
    status, body = _choices(operator, "BranchView", "company", form="add")
    assert status == 200
    assert [row["id"] for row in body["results"]] == [str(company_a.id)] and body["more"] is False
    status, body = _choices(operator, "BranchView", "company", form="add", q=company_b.name)
    assert status == 200 and body["results"] == []
    # staff reach every company, found by typing part of its name
    status, body = _choices(client_as("petugas.hi"), "BranchView", "company", form="add", q=company_b.name[2:12])
    assert status == 200 and str(company_b.id) in [row["id"] for row in body["results"]]


def test_choices_need_sign_in_and_the_forms_permission(app, client_as):
    status, body = _choices(app.test_client(), "CompanyView", "kecamatan")
    assert status == 401 and body["message"]
    assert _choices(app.test_client(), "NoSuchView", "x")[0] == 401  # names are not probed without signing in
    # job seekers do not browse companies; a reader may filter the list but not fill the add form
    assert _choices(client_as("pencaker"), "CompanyView", "kecamatan")[0] == 403
    assert _choices(client_as("kadis"), "CompanyView", "kecamatan", form="list")[0] == 200
    assert _choices(client_as("kadis"), "CompanyView", "kecamatan", form="add")[0] == 403


def test_the_security_screens_filters_load_on_demand_for_the_administrator_only(client_as):
    """FAB's own user, role and permission lists: their role/group/permission filters come from the endpoint
    under FAB's own permission of the list (can_list), like ours under can_read."""
    from tests.conftest import ADMIN_PASSWORD

    admin = client_as("admin", ADMIN_PASSWORD)
    status, body = _choices(admin, "UserDBModelView", "roles", q="Pengaw")
    assert status == 200 and [row["text"] for row in body["results"]] == ["Pengawas"]
    assert _choices(admin, "PermissionViewModelView", "view_menu", q="CompanyV")[0] == 200
    html = admin.get("/users/list/").get_data(as_text=True)
    assert 'data-choices-url="/pilihan/UserDBModelView/roles?form=list"' in html.replace("\\u0026", "&").replace(
        "&amp;", "&").replace('\\"', '"')
    assert len(_options(html, "roles")) <= 1  # not every role in the page
    assert _choices(client_as("kadis"), "UserDBModelView", "roles")[0] == 403


@pytest.mark.parametrize("view,column,args,status", [
    ("CompanyView", "name", {}, 400),              # not a relation
    ("CompanyView", "nope", {}, 400),
    ("CompanyView", "desa", {"form": "list"}, 400),  # not a filter of the list
    ("CompanyView", "kecamatan", {"page": "x"}, 400),
    ("CompanyView", "kecamatan", {"page": "0"}, 400),
    ("CompanyView", "kecamatan", {"page": "99999999999999999999"}, 400),
    ("NoSuchView", "kecamatan", {}, 404),
    ("CompanyView", "kecamatan", {"form": "delete"}, 404),
])
def test_bad_requests_answer_json(client_as, view, column, args, status):
    code, body = _choices(client_as("petugas.hi"), view, column, **args)
    assert code == status and body["message"]


def test_search_and_pages_follow_the_forms_choices(db, client_as):
    from app.reference.models import Region

    client = client_as("petugas.hi")
    seen, page = [], 1
    while True:  # the add form offers kecamatan only (add_form_query_rel_fields), page by page
        status, body = _choices(client, "CompanyView", "kecamatan", form="add", page=page)
        assert status == 200 and len(body["results"]) <= PAGE_SIZE
        seen += [row["id"] for row in body["results"]]
        if not body["more"]:
            break
        page += 1
    kecamatan = {code for (code,) in db.session.query(Region.code).filter_by(level="kecamatan")}
    assert len(seen) == len(set(seen)) and set(seen) == kecamatan
    # the list's kecamatan filter offers the same kecamatan, not the villages
    status, body = _choices(client, "CompanyView", "kecamatan", form="list", q="a")
    assert body["results"] and {row["id"] for row in body["results"]} <= kecamatan

    village = db.session.query(Region).filter(Region.level == "desa").order_by(Region.code).first()
    status, body = _choices(client, "CompanyView", "desa", form="add", q=village.name.upper())
    assert status == 200 and village.code in [row["id"] for row in body["results"]]
    assert all(village.name.lower() in row["text"].lower() for row in body["results"])
    # a desa list follows its kecamatan
    status, body = _choices(client, "CompanyView", "desa", form="add", parent=village.parent_code)
    assert body["results"] and all(row["id"].startswith(village.parent_code + ".") for row in body["results"])
    status, body = _choices(client, "CompanyView", "desa", form="add", q="%")
    assert status == 200 and body["results"] == []  # typed wildcards are text


def test_list_page_renders_only_a_handful_of_relation_options(db, client_as):
    from app.reference.models import Region

    client = client_as("petugas.hi")
    html = client.get("/companyview/list/").get_data(as_text=True)
    assert len(_options(html, "kecamatan")) <= 1  # 300+ regions are loaded on demand
    assert 'data-choices-url="/pilihan/CompanyView/kecamatan?form=list"' in html.replace("\\u0026", "&").replace(
        "&amp;", "&").replace('\\"', '"')
    # an active filter shows its value by name
    kecamatan = db.session.query(Region).filter_by(level="kecamatan").order_by(Region.code).first()
    html = client.get(f"/companyview/list/?_flt_0_kecamatan={kecamatan.code}").get_data(as_text=True)
    options = _options(html, "kecamatan")
    assert len(options) == 1 and kecamatan.name in options[0]
    assert _options(html, "employer_type") == []  # even a short list: the list page does not query it
    # on a form, a small reference list stays a plain list with every option
    form = client.get("/companyview/add").get_data(as_text=True)
    assert 'class="my_select2' in form and 5 < len(_options(form, "employer_type")) <= SMALL_LIST + 1
    assert len(_options(form, "desa")) <= 1


def test_related_interface_is_built_once(app, ctx):
    view = next(v for v in app.appbuilder.baseviews if type(v).__name__ == "CompanyView")
    assert view.datamodel.get_related_interface("kecamatan") is view.datamodel.get_related_interface("kecamatan")


def test_add_form_with_relations_saves_and_keeps_the_choice_on_error(db, client_as):
    from app.companies.models import Branch
    from app.reference.models import Region

    company_b = _company_of(db, "operator2")
    village = db.session.query(Region).filter(Region.level == "desa").order_by(Region.code.desc()).first()
    client = client_as("petugas.hi")
    form = client.get("/branchview/add").get_data(as_text=True)
    assert len(_options(form, "desa")) <= 1
    name = "Cabang " + unique()
    data = {"company": company_b.id, "name": name, "address": "Jl. Uji", "kecamatan": village.parent_code,
            "desa": village.code, "headcount": "-1"}
    refused = client.post("/branchview/add", data=data)
    html = refused.get_data(as_text=True)
    assert refused.status_code in (200, 422) and db.session.query(Branch).filter_by(name=name).count() == 0
    desa = _options(html, "desa")
    assert len(desa) <= 2 and any("selected" in o and village.name in o for o in desa)  # kept as chosen
    assert any("selected" in o for o in _options(html, "company"))

    saved = client.post("/branchview/add", data={**data, "headcount": "4"})
    assert saved.status_code == 302
    branch = db.session.query(Branch).filter_by(name=name).one()
    assert (branch.company_id, branch.desa_code, branch.kecamatan_code) == (company_b.id, village.code,
                                                                            village.parent_code)
    # the edit form shows the stored choice; clearing the optional desa ("" from Select2) stores none
    desa = _options(client.get(f"/branchview/edit/{branch.id}").get_data(as_text=True), "desa")
    assert len(desa) == 2 and "selected" in desa[1] and village.name in desa[1] and 'value=""' in desa[0]
    assert client.post(f"/branchview/edit/{branch.id}", data={**data, "headcount": "4", "desa": ""}).status_code == 302
    db.session.refresh(branch)
    assert branch.desa_code is None


def test_multiple_choice_field_takes_only_reachable_rows(app, db):
    from flask_wtf import FlaskForm
    from werkzeug.datastructures import MultiDict

    from app.core.choices import RelationChoices, RelationSelectMultipleField
    from app.reference.models import Region

    view = next(v for v in app.appbuilder.baseviews if type(v).__name__ == "CompanyView")
    codes = [code for (code,) in db.session.query(Region.code).filter_by(level="kecamatan").order_by(Region.code)]

    class Form(FlaskForm):
        areas = RelationSelectMultipleField("Wilayah", choices=RelationChoices(view, "add", "kecamatan"),
                                            get_pk_func=lambda row: row.code)

    with app.test_request_context(method="POST"):
        form = Form(MultiDict([("areas", codes[0]), ("areas", codes[1])]), meta={"csrf": False})
        assert form.validate() and sorted(row.code for row in form.areas.data) == codes[:2]
        html = form.areas()
        assert "app-remote" in html and "multiple" in html and html.count("<option") == 2  # only the chosen
        village = db.session.query(Region.code).filter_by(level="desa").first()[0]  # not a kecamatan
        form = Form(MultiDict([("areas", codes[0]), ("areas", village)]), meta={"csrf": False})
        assert not form.validate() and form.areas.errors == ["Pilihan tidak valid."]


def test_a_choice_out_of_reach_is_refused(db, client_as):
    from app.companies.models import Branch

    company_b = _company_of(db, "operator2")
    name = "Cabang " + unique()
    operator = client_as("operator")
    response = operator.post("/branchview/add", data={"company": company_b.id, "name": name, "address": "Jl. Uji",
                                                      "kecamatan": company_b.kecamatan_code, "headcount": "1"})
    assert response.status_code in (200, 422) and "Pilihan tidak valid" in response.get_data(as_text=True)
    assert db.session.query(Branch).filter_by(name=name).count() == 0


def _filter_by_typing(page, url, field, typed, label, shot):
    """Open the list's search panel, add the `field` filter, type, choose `label` with the keyboard, search."""
    from tests.test_browser import expect

    width = page.viewport_size["width"]
    page.goto(url)
    page.locator("a.accordion-toggle[href='#accordion1_href']").click()  # the search panel
    page.locator("#filter_form .dropdown-toggle").click()
    page.locator(f"#filter_form a.filter[name={field}]").click()
    choice = page.locator("#filter_form .select2-selection").last
    choice.focus()
    page.keyboard.press("Enter")  # opens the list from the keyboard
    page.keyboard.type(typed)
    # the remote answer has replaced the list: the choice Enter takes is the one typed for
    expect(page.locator(".select2-results__option--highlighted", has_text=label)).to_be_visible()
    page.screenshot(path=shot("typed"))
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing wider than the screen
    page.keyboard.press("Enter")
    expect(choice).to_contain_text(label)
    page.locator("#filter_form button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1366, 390])
def test_filter_by_typing_a_kecamatan(db, new_page, shots, width):
    from app.companies.models import Company
    from app.reference.models import Region
    from tests.test_browser import expect, list_rows, log_in

    kecamatan = (db.session.query(Region).join(Company, Company.kecamatan_code == Region.code)
                 .order_by(Region.name).first())
    page = new_page()
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, "kadis")
    _filter_by_typing(page, "/companyview/list/", "kecamatan", kecamatan.name[:5], kecamatan.name,
                      lambda step: shots / f"choices-{step}-{width}.png")
    assert f"_kecamatan={kecamatan.code}" in page.url
    expect(list_rows(page).first).to_be_visible()
    for row in list_rows(page).all():
        expect(row).to_contain_text(kecamatan.name)
    page.locator("a.accordion-toggle[href='#accordion1_href']").click()
    chosen = page.locator("#filter_form .select2-selection--single").last
    expect(chosen).to_be_visible()
    expect(chosen).to_contain_text(kecamatan.name)
    page.wait_for_timeout(400)  # the search panel's opening animation
    page.screenshot(path=shots / f"choices-filtered-{width}.png", full_page=True)


@pytest.mark.browser
@pytest.mark.parametrize("width", [1366, 390])
def test_administrator_filters_users_by_typing_a_role(new_page, shots, width):
    """FAB's user list: the role filter loads on demand too."""
    from tests.conftest import ADMIN_PASSWORD
    from tests.test_browser import expect, list_rows, log_in

    page = new_page()
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, "admin", ADMIN_PASSWORD)
    _filter_by_typing(page, "/users/list/", "roles", "engaw", "Pengawas",
                      lambda step: shots / f"choices-role-{step}-{width}.png")
    assert "_roles=" in page.url
    expect(list_rows(page).first).to_be_visible()
    for row in list_rows(page).all():
        expect(row).to_contain_text("Pengawas")
        expect(row).not_to_contain_text("[]")  # no groups: a dash, not Python's empty list
    page.screenshot(path=shots / f"choices-role-filtered-{width}.png", full_page=True)


def _pick(page, field, typed, expected):
    """Choose in a Select2 list with the keyboard: focus, Enter, type, Enter."""
    from tests.test_browser import expect

    box = page.locator(f"select[name={field}] + .select2 .select2-selection")
    box.focus()
    page.keyboard.press("Enter")
    page.keyboard.type(typed)
    expect(page.locator(".select2-results__option--highlighted", has_text=expected)).to_be_visible()
    page.keyboard.press("Enter")
    expect(box).to_contain_text(expected)


@pytest.mark.browser
def test_branch_form_picks_company_kecamatan_and_desa_on_demand(db, new_page, shots):
    from app.companies.models import Branch
    from app.reference.models import Region
    from tests.test_browser import expect

    company_b = _company_of(db, "operator2")
    village = db.session.query(Region).filter(Region.level == "desa").order_by(Region.code).first()
    kecamatan = db.session.get(Region, village.parent_code)
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 800})
    from tests.test_browser import log_in

    log_in(page, "petugas.hi")
    page.goto("/branchview/add")
    name = "Cabang " + unique()
    _pick(page, "company", company_b.name[3:], company_b.name)
    page.locator("#name").fill(name)
    page.locator("#address").fill("Jl. Uji 1")
    _pick(page, "kecamatan", kecamatan.name, kecamatan.name)
    # the desa list offers only the villages of the chosen kecamatan
    page.locator("select[name=desa] + .select2 .select2-selection").click()
    options = page.locator(".select2-results__option:not(.loading-results)")
    expect(options.first).to_be_visible()
    texts = options.all_inner_texts()
    assert texts and all(text.endswith(kecamatan.name) for text in texts), texts
    page.screenshot(path=shots / "choices-desa-390.png")
    page.keyboard.press("Escape")
    _pick(page, "desa", village.name, village.name)
    page.locator("#headcount").fill("5")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=shots / "choices-branch-form-390.png", full_page=True)
    page.locator("form#model_form button[type=submit], form#model_form input[type=submit]").first.click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_be_visible()
    branch = db.session.query(Branch).filter_by(name=name).one()
    assert (branch.company_id, branch.kecamatan_code, branch.desa_code) == (company_b.id, kecamatan.code, village.code)
