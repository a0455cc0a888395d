"""Base classes every generated screen and REST API derives from.

They bring, once for all: tenancy (``TenantInterface``), read/write/delete permissions per resource (so a
screen and its API share one permission name), an explicit search form, per-request filter state and an
XLSX export of the current list.
"""
from flask import has_request_context, request
from flask_appbuilder import ModelRestApi, ModelView

from app.security.tenancy import TenantInterface

# FAB method -> permission ("can_<name>") on the resource named by class_permission_name.
METHOD_PERMISSIONS = {
    "list": "read", "show": "read", "download": "read", "export": "read", "history": "read",
    "get": "read", "get_list": "read", "info": "read",
    "add": "create", "post": "create", "edit": "write", "put": "write",
    "delete": "delete",
}


def _plain_columns(datamodel, columns):
    return [c for c in columns or [] if "." not in c and not datamodel.is_relation(c)
            and (datamodel.is_string(c) or datamodel.is_integer(c) or datamodel.is_date(c)
                 or datamodel.is_enum(c) or datamodel.is_boolean(c))]


class AppModelView(ModelView):
    """A generated CRUD screen. Subclasses set ``datamodel = TenantInterface(Model)`` and ``resource``."""

    resource: str = None
    page_size = 25
    show_template = "appmodel/show.html"

    def __init__(self, **kwargs):
        if not isinstance(self.datamodel, TenantInterface):
            raise TypeError(f"{type(self).__name__}.datamodel must be a TenantInterface")
        self.class_permission_name = self.resource or self.class_permission_name
        self.method_permission_name = {**METHOD_PERMISSIONS, **(self.method_permission_name or {})}
        self.extra_args = {**(self.extra_args or {}), "audit_table": self.datamodel.obj.__tablename__}
        super().__init__(**kwargs)

    def _init_properties(self):
        # FAB searches every column by default and loads whole related tables into the search form.
        if not self.search_columns:
            self.search_columns = _plain_columns(self.datamodel, self.list_columns) or [self.datamodel.get_pk_name()]
        super()._init_properties()

    # FAB keeps the active filters on the view singleton, so concurrent requests would share them
    # (FAB issue #2366). Give each request its own copy.
    @property
    def _filters(self):
        if not has_request_context():
            return self.__dict__.get("_filters_template")
        per_request = request.__dict__.setdefault("_view_filters", {})
        if id(self) not in per_request:
            per_request[id(self)] = self.datamodel.get_filters(self.search_columns)
        return per_request[id(self)]

    @_filters.setter
    def _filters(self, value):
        self.__dict__["_filters_template"] = value


class AppRestApi(ModelRestApi):
    """A REST resource under /api/v1/<resource_name>/ sharing the screen's permissions."""

    resource: str = None
    allow_browser_login = False  # JWT only, so the CSRF exemption of /api/ is safe
    page_size = 25
    max_page_size = 100

    def __init__(self, **kwargs):
        if not isinstance(self.datamodel, TenantInterface):
            raise TypeError(f"{type(self).__name__}.datamodel must be a TenantInterface")
        self.class_permission_name = self.resource or self.class_permission_name
        self.method_permission_name = {**METHOD_PERMISSIONS, **(self.method_permission_name or {})}
        if self.search_columns is None:
            self.search_columns = _plain_columns(self.datamodel, self.list_columns)
        super().__init__(**kwargs)
