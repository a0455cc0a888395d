"""Adding a screen to the menu also records which resource it shows, so role sync can derive menu access.
Who sees which menu is decided in app/security/roles.py (permissions, and MENU_ROLES for entries some roles
may use but should not be offered)."""

# Our security screens join FAB's own "Security" menu (shown as "Keamanan"): one security menu.
MERGED = {"Keamanan": "Security"}
# Administration and the own account close the navbar, after the domains in VIEW_MODULES order.
LAST = ["Data Referensi", "Security", "Akun Saya"]


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
