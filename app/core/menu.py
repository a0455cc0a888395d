"""Adding a screen to the menu also records which resource it shows, so role sync can derive menu access.
Who sees which menu is decided in app/security/roles.py (permissions, and MENU_ROLES for entries some roles
may use but should not be offered)."""
from flask import current_app, render_template, request
from flask_babel import get_locale
from markupsafe import Markup

# Our security screens join FAB's own "Security" menu (shown as "Keamanan"): one security menu.
MERGED = {"Keamanan": "Security"}
# Administration closes the navbar, after the domains in VIEW_MODULES order (the own account is on the right).
LAST = ["Data Referensi", "Security"]
MENUS_KEPT = 200  # rendered navbar menus kept (navbar_menu): roles × languages are few; a bound all the same


def add_view(appbuilder, view, name, category, icon="fa-table", category_icon="fa-folder"):
    # `name` and `category` are permission names: plain Indonesian strings, marked with N_ by callers. FAB's
    # menu template shows labels through _(), so the same strings serve as labels translated at render time.
    instance = appbuilder.add_view(view, name, icon=icon, label=name, category=category,
                                   category_icon=category_icon, category_label=category)
    appbuilder.menu_resources[name] = instance.class_permission_name
    return instance


def add_api(appbuilder, api):
    return appbuilder.add_api(api)


def arrange(appbuilder):
    """After every module has registered: merge the categories of MERGED and put LAST at the end."""
    items = appbuilder.menu.get_list()
    by_name = {item.name: item for item in items}
    for source, target in MERGED.items():
        if source in by_name and target in by_name:
            by_name[target].childs.extend(by_name[source].childs)
            items.remove(by_name.pop(source))
    for name in LAST:
        if name in by_name:
            items.remove(by_name[name])
            items.append(by_name[name])


def navbar_menu():
    """The navbar's menu entries (templates/appbuilder/navbar_menu.html). FAB renders them on every page, asking
    for each of some 40 entries whether the user may see it: an eighth to a fifth of a list page. They depend only on
    the user's permissions and the language, so each such pair is rendered once (a role's changed permissions
    make a new pair: the next page shows them)."""
    appbuilder = current_app.appbuilder
    permissions = appbuilder.sm.menu_permissions()
    if permissions is None:
        return _render_menu(appbuilder)
    key = (str(get_locale()), request.script_root, permissions)
    rendered = current_app.extensions.setdefault("navbar_menus", {})
    if key not in rendered:
        if len(rendered) >= MENUS_KEPT:
            rendered.clear()
        rendered[key] = _render_menu(appbuilder)
    return rendered[key]


def _render_menu(appbuilder):
    return Markup(render_template("appbuilder/navbar_menu_entries.html", menu=appbuilder.menu))
