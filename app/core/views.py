"""Base classes every generated screen and REST API derives from.

They bring, once for all: tenancy (``TenantInterface``), read/write/delete permissions per resource (so a
screen and its API share one permission name), an explicit search form, per-request filter state and an
XLSX export of the current list.
"""
from flask import abort, flash, has_request_context, make_response, redirect, request, url_for
from flask_appbuilder import ModelRestApi, ModelView, expose, has_access
from flask_appbuilder.exceptions import DatabaseException
from flask_appbuilder.urltools import get_filter_args, get_order_args, get_page_args, get_page_size_args
from flask_appbuilder.widgets import ListWidget
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from app.core import exports
from app.core.choices import OnDemandSearch, make_on_demand
from app.core.formatting import formatter_for
from app.core.forms import adapt_form, form_error
from app.core.api import ApiContract
from app.core.validation import DomainError
from app.errors import OutageAwareApi
from app.extensions import db
from app.security.tenancy import TenancyViolation, TenantInterface, get_owned_or_404, request_user, scope_for

# FAB method -> permission ("can_<name>") on the resource named by class_permission_name.
METHOD_PERMISSIONS = {
    "list": "read", "show": "read", "export": "read",
    "get": "read", "get_list": "read", "info": "read",
    "add": "create", "post": "create", "edit": "write", "put": "write",
    "delete": "delete",
    "decide": "read",  # each workflow action then checks its own permission (app.core.decisions)
}


def _plain_columns(datamodel, columns):
    return [c for c in columns or [] if "." not in c and not datamodel.is_relation(c)
            and (datamodel.is_string(c) or datamodel.is_integer(c) or datamodel.is_date(c)
                 or datamodel.is_enum(c) or datamodel.is_boolean(c))]


class CountedListWidget(ListWidget):
    """FAB's list table; a count above LIST_EXACT_COUNT_LIMIT reads "lebih dari …" with previous/next links."""

    template = "appmodel/list_widget.html"


class AppModelView(OnDemandSearch, ModelView):
    """A generated CRUD screen. Subclasses set ``datamodel = TenantInterface(Model)`` and ``resource``."""

    resource: str = None
    page_size = 25
    list_widget = CountedListWidget
    show_template = "appmodel/show.html"
    list_template = "appmodel/list.html"  # adds the "Ekspor XLSX" button
    export_columns: list[str] | None = None  # columns of the XLSX export; default: list_columns
    # Files are served by /files/<id> after an ownership check, never by FAB's /download/<name>.
    exclude_route_methods = {"download"}

    def __init__(self, **kwargs):
        if not isinstance(self.datamodel, TenantInterface):
            raise TypeError(f"{type(self).__name__}.datamodel must be a TenantInterface")
        self.class_permission_name = self.resource or self.class_permission_name
        self.method_permission_name = {**METHOD_PERMISSIONS, **(self.method_permission_name or {})}
        self.extra_args = {**(self.extra_args or {}), "audit_table": self.datamodel.obj.__tablename__,
                           "resource": self.class_permission_name}
        super().__init__(**kwargs)
        self.datamodel = self.datamodel.showing(self.list_columns)
        # Every value on the list and show pages reads as people read it (app.core.formatting.display);
        # a view's own formatter for a column still wins.
        model = self.datamodel.obj
        self.formatters_columns = {**{column: formatter_for(model, column)
                                      for column in {*self.list_columns, *self.show_columns}},
                                   **(self.formatters_columns or {})}

    def _init_forms(self):
        super()._init_forms()
        for form in (self.add_form, self.edit_form):
            adapt_form(form, self.datamodel.obj)
        # Relation fields, like the filters (OnDemandSearch), list only the chosen rows; the rest load on demand.
        for form, kind in ((self.add_form, "add"), (self.edit_form, "edit")):
            make_on_demand(self, form, kind)

    # FAB's _add/_edit flash a refused rule and redirect: the typed values are lost. Here the same form comes
    # back with every value and the message beside its field; nothing is stored half-way.
    def _add(self):
        get_filter_args(self._filters, disallow_if_not_in_search=False)
        exclude_cols = self._filters.get_relation_cols()
        form = self.add_form.refresh()
        if request.method == "POST":
            self._fill_form_exclude_cols(exclude_cols, form)
            if form.validate():
                self.process_form(form, True)
                item = self.datamodel.obj()
                if self._store(form, item, self.pre_add, self.datamodel.add):
                    self.post_add(item)
                    flash(self.add_row_message, "success")
                    return None
        else:
            self.prefill_add(form)
            self.update_redirect()
        return self._get_add_widget(form=form, exclude_cols=exclude_cols)

    def _edit(self, pk):
        get_filter_args(self._filters, disallow_if_not_in_search=False)
        exclude_cols = self._filters.get_relation_cols()
        item = self.datamodel.get(pk, self._base_filters)
        if not item:
            abort(404)
        pk = self.datamodel.get_pk_value(item)
        if request.method == "POST":
            form = self.edit_form.refresh(request.form)
            self._fill_form_exclude_cols(exclude_cols, form)
            form._id = pk  # FAB's Unique validator skips this row
            if form.validate():
                self.process_form(form, False)
                if self._store(form, item, self.pre_update, self.datamodel.edit):
                    self.post_update(item)
                    flash(self.edit_row_message, "success")
                    return None
        else:
            form = self.edit_form.refresh(obj=item)
            self.prefill_form(form, pk)
            self.update_redirect()
        widgets = self._get_edit_widget(form=form, exclude_cols=exclude_cols)
        return self._get_related_views_widgets(item, filters={}, orders=get_order_args(), pages=get_page_args(),
                                               page_sizes=get_page_size_args(), widgets=widgets)

    def _delete(self, pk):
        # FAB flashes the exception of a refused delete, whose text is empty: say why the row stays.
        item = self.datamodel.get(pk, self._base_filters)
        if not item:
            abort(404)
        try:
            self.pre_delete(item)
            self.datamodel.delete(item)
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "danger")
        except DatabaseException:
            flash(_("Data ini masih dirujuk oleh data lain dan tidak dapat dihapus."), "danger")
        else:
            self.post_delete(item)
            flash(self.delete_row_message, "success")
        self.update_redirect()

    def _fill_form_exclude_cols(self, exclude_cols, form):
        # A related list's "+" and edit links name the parent row in a filter (e.g. the job seeker whose
        # profile tab it is) and the form hides that field. FAB 5 keeps filter values as lists, so its own
        # filling found no row and the hidden required field failed. A parent the user may not reach: 404.
        for name in exclude_cols:
            value = self._filters.get_filter_value(name)
            if isinstance(value, (list, tuple)):
                value = value[0] if value else None
            parent = self.datamodel.get_related_obj(name, value)
            if parent is None:
                abort(404)
            if name in form:
                form[name].data = parent

    @staticmethod
    def _store(form, item, rule, save) -> bool:
        """Fill the row, apply the screen's rule hook and commit; on a refusal put the message on the form
        and undo everything (FAB fills the row before the hook refuses it)."""
        try:
            form.populate_obj(item)
            rule(item)
            save(item)
            return True
        except TenancyViolation:
            db.session.rollback()
            abort(404)
        except DomainError as error:
            db.session.rollback()
            form_error(form, str(error), error.field)
        except (IntegrityError, DatabaseException):
            db.session.rollback()
            form_error(form, _("Data bertentangan dengan data yang sudah ada (duplikat atau rujukan tidak valid)."))
        return False

    def _init_properties(self):
        # FAB searches every column by default and loads whole related tables into the search form.
        if not self.search_columns:
            self.search_columns = _plain_columns(self.datamodel, self.list_columns) or [self.datamodel.get_pk_name()]
        # A relation filter offers what the add form offers (a kecamatan filter lists kecamatan, not villages).
        if self.search_form_query_rel_fields is None:
            self.search_form_query_rel_fields = self.add_form_query_rel_fields
        super()._init_properties()

    # FAB looks an unknown action up without checking and answers 500.
    @expose("/action/<string:name>/<pk>", methods=["GET", "POST"])
    def action(self, name, pk):
        if name not in self.actions:
            abort(404)
        return super().action(name, pk)

    @expose("/action_post", methods=["POST"])
    def action_post(self):
        if request.form.get("action") not in self.actions:
            abort(404)
        return super().action_post()

    @expose("/show/<pk>", methods=["GET"])
    @has_access
    def show(self, pk):
        row = get_owned_or_404(db.session, self.datamodel.obj, pk)
        can_edit = ("can_write" in self.base_permissions and self.row_editable(row)
                    and self.appbuilder.sm.has_access("can_write", self.class_permission_name))
        return self.render_template(self.show_template, pk=pk, title=self.show_title, widgets=self._show(pk),
                                    related_views=self._related_views, record=row, can_edit=can_edit,
                                    **self.show_context(row))

    def row_editable(self, row) -> bool:
        """Whether the row's page offers "Ubah data" (a decided row is no longer changed by its form; the
        service refuses it anyway)."""
        return True

    def prefill_add(self, form):
        """Fill an empty add form from the link that opened it (e.g. a payment opened from its request)."""

    def show_context(self, row) -> dict:
        """What a screen's own show template needs beyond the generated fields (workflow history, forms)."""
        return {}

    def act(self, pk, change, done):
        """Apply a service rule to one row the user may reach, commit, and say the outcome on its page
        (`done` may be a function of the row). A refusal shows the page again (422) with the message, and its
        forms can show what was typed (`request.form`)."""
        row = get_owned_or_404(db.session, self.datamodel.obj, pk)
        try:
            change(row)
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "danger")
            return make_response(self.show(pk), 422)
        flash(done(row) if callable(done) else done, "success")
        return redirect(url_for(".show", pk=pk))

    @expose("/export/")
    @has_access
    def export(self):
        return exports.export_list(self)

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


def acting_company_id():
    """The operator's company id when the signed-in user acts for a company; None for staff (and outside a request)."""
    if not has_request_context():
        return None
    scope = scope_for(request_user())
    return scope.owner_id if scope is not None and scope.kind == "company" else None


class OwnCompanyAddFormMixin:
    """An add form whose company is the operator's own: no company field for an operator (set by the service),
    the full form for staff, who record for any company. Put before AppModelView in the bases."""

    @property
    def add_form(self):
        full = self.__dict__.get("_add_form")
        if full is None or acting_company_id() is None:
            return full
        own = self.__dict__.get("_own_add_form")
        if own is None:
            own = self.__dict__["_own_add_form"] = type(f"Own{full.__name__}", (full,), {"company": None})
        return own

    @add_form.setter
    def add_form(self, value):
        self.__dict__["_add_form"] = value
        self.__dict__.pop("_own_add_form", None)

    def _get_add_widget(self, form, exclude_cols=None, widgets=None):
        exclude = list(exclude_cols or [])
        if acting_company_id() is not None:
            exclude.append("company")
        return super()._get_add_widget(form, exclude_cols=exclude, widgets=widgets)


class AppRestApi(ApiContract, OutageAwareApi, ModelRestApi):
    """A REST resource under /api/v1/<resource_name>/ sharing the screen's permissions, keeping the contract
    its OpenAPI document states (app.core.api, app.core.openapi)."""

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
        self.datamodel = self.datamodel.showing(self.list_columns)

    def pre_get_list(self, data):
        # `count` is exact up to LIST_EXACT_COUNT_LIMIT; beyond it count_is_estimate is true and `count` only
        # says that more rows than that match (page on until a page comes back short).
        data["count_is_estimate"] = getattr(data["count"], "is_estimate", False)
        data["count"] = int(data["count"])

    def _merge_update_item(self, model_item, data):
        # PUT acts as PATCH. FAB re-submits every stored value, and then refuses the stored nulls of
        # optional foreign keys; re-submit only the stored values that are set.
        stored = self.edit_model_schema.dump(model_item, many=False)
        return {**{k: v for k, v in stored.items() if k in self.edit_columns and v is not None}, **data}

    # Domain refusals are the client's doing: 422 with the message, or 404 for another owner's row,
    # never FAB's generic 500.
    def post_headless(self):
        return self._guarded(super().post_headless)

    def put_headless(self, pk):
        return self._guarded(lambda: super(AppRestApi, self).put_headless(pk))

    def delete_headless(self, pk):
        return self._guarded(lambda: super(AppRestApi, self).delete_headless(pk))

    def _guarded(self, call):
        # A body, when there is one, is a JSON object (an action that needs none may come without); an upload
        # route's body is multipart.
        if request.method in ("POST", "PUT") and request.mimetype != "multipart/form-data" and \
                request.get_data() and not isinstance(request.get_json(silent=True), dict):
            return self.response_400(message=_("Isi permintaan harus objek JSON."))
        try:
            return call()
        except TenancyViolation:
            db.session.rollback()
            return self.response_404()
        except DomainError as error:
            db.session.rollback()
            return self.response_422(message=str(error))
        except IntegrityError:
            db.session.rollback()
            return self.response_422(
                message=_("Data bertentangan dengan data yang sudah ada (duplikat atau rujukan tidak valid)."))
