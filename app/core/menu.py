"""Adding a screen to the menu also records which resource it shows, so role sync can derive menu access."""


def add_view(appbuilder, view, name, category, icon="fa-table", category_icon="fa-folder"):
    # `name` and `category` are permission names: plain Indonesian strings, marked with N_ by callers. FAB's
    # menu template shows labels through _(), so the same strings serve as labels translated at render time.
    instance = appbuilder.add_view(view, name, icon=icon, label=name, category=category,
                                   category_icon=category_icon, category_label=category)
    appbuilder.menu_resources[name] = instance.class_permission_name
    return instance


def add_api(appbuilder, api):
    return appbuilder.add_api(api)
