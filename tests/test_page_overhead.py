"""What every page does the same way each time is done once.

The navbar's menu shows what the user's permissions allow, in the page's language; FAB rendered it anew on each
page, asking once per menu item whether the user may see it (an eighth to a fifth of a list page). It is now rendered
once per set of permissions and language, so a change of a role's permissions shows on the next page."""
from tests.conftest import text_of


def _menu_questions(app, monkeypatch):
    """How often the page asked about a menu item (FAB's is_menu_visible filter)."""
    asked = []
    sm = app.appbuilder.sm
    original = sm.has_access

    def has_access(permission_name, view_name):
        if permission_name == "menu_access":
            asked.append(view_name)
        return original(permission_name, view_name)

    monkeypatch.setattr(sm, "has_access", has_access)
    return asked


def test_a_second_page_reuses_the_menu_of_the_same_permissions(app, client_as, monkeypatch):
    client = client_as("kadis")
    first = client.get("/companyview/list/")
    asked = _menu_questions(app, monkeypatch)
    second = client.get("/companyview/list/")
    assert first.status_code == second.status_code == 200
    assert asked == []
    assert "Jejak Audit" in text_of(second) and "Perusahaan" in text_of(second)


def test_a_menu_granted_to_a_role_shows_on_the_next_page(app, client_as):
    client = client_as("operator")
    assert "Jejak Audit" not in text_of(client.get("/"))
    sm = app.appbuilder.sm
    menus = ("Security", "Jejak Audit")  # the category and its entry

    def change(grant):
        with app.app_context():
            role = sm.find_role("Operator Perusahaan")
            for menu in menus:
                (sm.add_permission_role if grant else sm.del_permission_role)(
                    role, sm.find_permission_view_menu("menu_access", menu))

    change(grant=True)
    try:
        assert "Jejak Audit" in text_of(client.get("/"))
    finally:
        change(grant=False)
    assert "Jejak Audit" not in text_of(client.get("/"))


def test_the_menu_follows_the_page_language(client_as):
    client = client_as("kadis")
    indonesian = text_of(client.get("/companyview/list/"))
    client.get("/lang/en")
    english = text_of(client.get("/companyview/list/"))
    assert "Jejak Audit" in indonesian and "Jejak Audit" not in english


def test_a_list_page_does_not_work_out_its_filters_again(app, client_as, monkeypatch):
    """FAB works out the filter kinds of every column of the model for each set of filters it builds, five times
    a list request; they follow from the column types alone."""
    from flask_appbuilder.models.sqla.filters import SQLAFilterConverter

    client = client_as("kadis")
    assert client.get("/jobseekerview/list/?_flt_0_nik=3603").status_code == 200
    worked_out = []
    original = SQLAFilterConverter.convert
    monkeypatch.setattr(SQLAFilterConverter, "convert",
                        lambda self, column: worked_out.append(column) or original(self, column))
    page = client.get("/jobseekerview/list/?_flt_0_nik=3604")
    assert page.status_code == 200 and "Pencari Kerja" in text_of(page)
    assert worked_out == []
