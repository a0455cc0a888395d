"""Make the roles in the database match roles.py (run by `flask dnaker sync-roles`, not at every boot)."""
from flask_appbuilder.security.sqla.models import PermissionView

from app.security.roles import ACCOUNT_PERMISSIONS, ALL, MENU_ROLES, PUBLIC, READ_ONLY, ROLES, allows


def _menu_tree(appbuilder):
    return {cat.name: [c.name for c in cat.childs if c.name != "-"] for cat in appbuilder.menu.get_list()}


def offered(role, menu_name, categories) -> bool:
    """MENU_ROLES: whether the entry, and the category holding it, are offered to `role`."""
    parents = [category for category, children in categories.items() if menu_name in children]
    return all(role in MENU_ROLES[name] for name in [menu_name, *parents] if name in MENU_ROLES)


def role_has(appbuilder, role, permission, view_menu, categories=None):
    categories = categories if categories is not None else _menu_tree(appbuilder)
    if permission == "menu_access" and not offered(role, view_menu, categories):
        return False
    if ROLES[role] == ALL:
        return not (view_menu in READ_ONLY and permission != "can_read")
    if permission == "menu_access":
        target = appbuilder.menu_resources.get(view_menu)  # a resource, or (resource, action)
        if target is not None:
            resource, action = target if isinstance(target, tuple) else (target, "read")
            return allows(role, action, resource)
        return any(role_has(appbuilder, role, "menu_access", child, categories)
                   for child in categories.get(view_menu, ()) if child != view_menu)
    if (permission, view_menu) in ACCOUNT_PERMISSIONS:
        return role != PUBLIC
    return permission.startswith("can_") and allows(role, permission[4:], view_menu)


def create_permissions(appbuilder, categories):
    """Every (permission, resource) the registered views use. A screen and its API share a resource with
    different permission sets, so add their union at once (FAB's per-view update deletes the others')."""
    sm = appbuilder.sm
    wanted = {}
    for view in appbuilder.baseviews:
        if view.base_permissions:
            wanted.setdefault(view.class_permission_name, set()).update(view.base_permissions)
    for resource, permissions in wanted.items():
        sm.add_permissions_view(sorted(permissions), resource)
    for category, children in categories.items():
        for name in [category, *children]:
            sm.add_permissions_menu(name)


def sync_roles(appbuilder):
    sm = appbuilder.sm
    roles = {name: sm.find_role(name) or sm.add_role(name) for name in ROLES}
    categories = _menu_tree(appbuilder)
    create_permissions(appbuilder, categories)
    pvs = sm.session.query(PermissionView).all()
    summary = {}
    for name, role in roles.items():
        role.permissions = [pv for pv in pvs
                            if role_has(appbuilder, name, pv.permission.name, pv.view_menu.name, categories)]
        summary[name] = len(role.permissions)
    sm.session.commit()
    return summary
