"""Relation choices loaded on demand.

A relation field (add/edit forms) or relation filter (search form) of a generated screen renders only the chosen
row(s) as <option>s; the rest come page by page, searched by label, from ``GET /pilihan/<view>/<column>``
(forms.js turns the select into a Select2 list that asks it). On a form, a small reference list (``SMALL_LIST``
rows or fewer, decided when the field renders) stays a plain list with every option; the search form's filters
always load on demand, so a list page spends no statement on them.

Both the field and the endpoint take their rows from one ``RelationChoices``: the related model's rows the
user may reach (tenancy), narrowed by the view's ``*_form_query_rel_fields`` for that form. The endpoint
answers only a user who may use that form (list: read, add: create, edit: write).
"""
from flask import jsonify, request, url_for
from flask_appbuilder import BaseView, ModelView, expose
from flask_appbuilder.fields import QuerySelectField, QuerySelectMultipleField
from flask_appbuilder.fieldwidgets import Select2ManyWidget, Select2Widget
from flask_babel import gettext as _, lazy_gettext as _l
from sqlalchemy import inspect as sa_inspect, or_
from wtforms import widgets
from wtforms.fields.core import UnboundField
from wtforms.validators import StopValidation

from app.extensions import db
from app.security.tenancy import parse_key, request_user, scope_query

SMALL_LIST = 20  # a relation with at most this many choices renders them all (the reference lists: 4–18)
PAGE_SIZE = 20
MAX_PAGE = 1000  # nobody scrolls further: type to narrow the list
# Columns a label is made of, searched by the typed text; the first one present orders the list.
LABEL_COLUMNS = ("name", "full_name", "number", "code", "ipk_code")
# form (FAB's method of its page) -> (the view's columns of that form, its query_rel_fields)
FORMS = {"list": ("search_columns", "search_form_query_rel_fields"),
         "add": ("add_columns", "add_form_query_rel_fields"),
         "edit": ("edit_columns", "edit_form_query_rel_fields")}
NOT_A_CHOICE = _l("Pilihan tidak valid.")


class RelationChoices:
    """The rows one relation field of one form may take, for the current user."""

    def __init__(self, view, form: str, column: str):
        self.view, self.form, self.column = view, form, column
        self.datamodel = view.datamodel.get_related_interface(column)
        self.model = self.datamodel.obj
        self.pk = sa_inspect(self.model).primary_key[0]
        self.labels = [getattr(self.model, c) for c in LABEL_COLUMNS if c in self.datamodel.list_columns]

    def query(self):
        query = scope_query(db.session.query(self.model), self.model)
        spec = (getattr(self.view, FORMS[self.form][1]) or {}).get(self.column)
        if spec:
            query = self.datamodel.get_filters().add_filter_list(spec).apply_all(query)
        return query.order_by(*(self.labels[:1] or [self.pk]))

    def get_many(self, keys) -> list | None:
        """The rows with these primary keys; None if any is not a choice (unknown, filtered or not reachable)."""
        try:
            parsed = {parse_key(self.pk, key) for key in keys}
        except (TypeError, ValueError):
            return None
        rows = self.query().filter(self.pk.in_(parsed)).all() if parsed else []
        return rows if len(rows) == len(parsed) else None

    def small_list(self) -> list | None:
        """Every choice when there are at most SMALL_LIST of them, else None (load on demand)."""
        rows = self.query().limit(SMALL_LIST + 1).all()
        return rows if len(rows) <= SMALL_LIST else None

    def page(self, text: str, number: int, parent: str = "") -> tuple[list, bool]:
        query = self.query()
        if parent and "parent_code" in self.datamodel.list_columns:  # a desa list follows its kecamatan
            query = query.filter(self.model.parent_code == parent)
        if text and self.labels:
            pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            query = query.filter(or_(*(label.ilike(pattern, escape="\\") for label in self.labels)))
        rows = query.offset((number - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1).all()
        return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE

    def url(self) -> str:
        return url_for("ChoicesView.choices", view=type(self.view).__name__, column=self.column, form=self.form)

    def key(self, row) -> str:
        return str(self.datamodel.get_pk_value(row))


class _OnDemand:
    """What the single and multiple relation fields share: rows come from ``self.choices``, and the widget lists
    every choice of a small list or only the chosen ones."""

    choices: RelationChoices
    remote = False

    def show_also(self, rows):
        """Rows to list beside the chosen value (the search form's active filter values)."""
        self._shown = list(rows)

    def _get_object_list(self):
        if self._object_list is None:
            # A list page spends no statement on its filters: they always load on demand.
            rows = None if self.choices.form == "list" else self.choices.small_list()
            self.remote = rows is None
            if self.remote:
                rows = [row for row in (*self._chosen(), *getattr(self, "_shown", ())) if row is not None]
            self._object_list = list({self.choices.key(row): row for row in rows}.items())  # FAB's rows: unhashable
        return self._object_list


class RelationSelectField(_OnDemand, QuerySelectField):
    def __init__(self, *args, choices: RelationChoices, choose_only=False, **kwargs):
        kwargs["widget"] = RelationSelect()
        super().__init__(*args, **kwargs)
        self.choices = choices
        self.choose_only = choose_only  # a required relation with a single choice has it chosen
        self._invalid = False

    def process_formdata(self, valuelist):
        if valuelist and valuelist[0] == "":  # Select2 clears a long list to "" (its placeholder)
            valuelist = ["__None"] if self.allow_blank else []
        super().process_formdata(valuelist)
        if self._formdata is not None:  # one query for the chosen row, not the whole table
            rows = self.choices.get_many([self._formdata])
            self._invalid = rows is None
            self._set_data(rows[0] if rows else None)

    def _chosen(self):
        return [self.data]

    def iter_choices(self):
        only = self.choose_only and len(rows := self._get_object_list()) == 1 and not self.remote
        if only and self.data is None:
            self.data = rows[0][1]
        for value, label, selected, attrs in super().iter_choices():
            if only and value == "__None":
                continue  # nothing else to choose
            # a long list's empty choice is "", which Select2 takes for its placeholder ("__None" would show
            # as a chosen value)
            yield ("" if self.remote and value == "__None" else value), label, selected, attrs

    def pre_validate(self, form):
        if self._invalid:  # an empty choice is left to the field's DataRequired/Optional
            raise StopValidation(str(NOT_A_CHOICE))


class RelationSelectMultipleField(_OnDemand, QuerySelectMultipleField):
    def __init__(self, *args, choices: RelationChoices, **kwargs):
        kwargs["widget"] = RelationSelect(multiple=True)
        super().__init__(*args, **kwargs)
        self.choices = choices

    def process_formdata(self, valuelist):
        rows = self.choices.get_many(set(valuelist))
        self._invalid_formdata = rows is None
        self._set_data(rows or [])

    def _chosen(self):
        return self.data or []

    def pre_validate(self, form):
        if self._invalid_formdata:
            raise StopValidation(str(NOT_A_CHOICE))


class RelationSelect(widgets.Select):
    """FAB's Select2 list for a small list; for a large one a select holding only the chosen option(s), which
    forms.js turns into a searchable list asking the choices endpoint."""

    def __init__(self, multiple=False):
        super().__init__(multiple=multiple)
        self.small = Select2ManyWidget() if multiple else Select2Widget()

    def __call__(self, field, **kwargs):
        field._get_object_list()
        if not field.remote:
            return self.small(field, **kwargs)
        kwargs.pop("name_", None)
        kwargs.update({"class": "form-control app-remote", "data-choices-url": field.choices.url(),
                       "data-placeholder": str(field.blank_text or _l("— Pilih —"))})
        return super().__call__(field, **kwargs)


def make_on_demand(view, form_class, form: str):
    """Swap FAB's relation fields of a generated form class for on-demand ones (changes the class in place)."""
    for name, unbound in list(vars(form_class).items()):
        if (not isinstance(unbound, UnboundField) or not issubclass(unbound.field_class, QuerySelectField)
                or issubclass(unbound.field_class, _OnDemand)):  # a form class shared by add and edit
            continue
        if not view.datamodel.is_relation(name):
            continue
        multiple = issubclass(unbound.field_class, QuerySelectMultipleField)
        cls = RelationSelectMultipleField if multiple else RelationSelectField
        kwargs = {k: v for k, v in unbound.kwargs.items() if k != "widget"}
        if form != "list" and not multiple and not kwargs.get("allow_blank"):
            # FAB offers no empty choice for a required relation, so the browser picks the first row for the
            # user; the list starts at "— Pilih —" (the only choice, e.g. an operator's own company, is chosen)
            # and the field's DataRequired asks for a choice.
            kwargs.update(allow_blank=True, blank_text=kwargs.get("blank_text") or _l("— Pilih —"),
                          choose_only=True)
        replacement = UnboundField(cls, *unbound.args, choices=RelationChoices(view, form, name), **kwargs)
        replacement.creation_counter = unbound.creation_counter  # keep the field order
        setattr(form_class, name, replacement)


class OnDemandSearch:
    """A ModelView mixin: the search form's relation filters load their choices on demand and show the labels of
    the rows its active filters name."""

    def _init_forms(self):
        super()._init_forms()
        make_on_demand(self, self.search_form, "list")

    def _get_search_widget(self, form=None, exclude_cols=None, widgets=None):
        if form is not None:
            show_active_filters(self, form)
        return super()._get_search_widget(form=form, exclude_cols=exclude_cols, widgets=widgets)


def show_active_filters(view, form):
    """The search form's relation filters list the rows its active filters name, so the filter shows labels."""
    values = {}
    for flt, value in view._filters.get_filters_values():
        values.setdefault(flt.column_name, []).extend(value if isinstance(value, (list, tuple)) else [value])
    for name, keys in values.items():
        field = form[name] if name in form else None
        if isinstance(field, _OnDemand):  # the rows the filter itself has read (and scoped): no new query
            field.show_also(row for key in keys if key not in (None, "")
                            if (row := view.datamodel.get_related_obj(name, key)) is not None)


class ChoicesView(BaseView):
    """GET /pilihan/<view>/<column>?form=list|add|edit&q=…&page=… ->
    {"results": [{"id", "text"}], "more": bool}, for a user who may use that form of that view."""

    route_base = "/pilihan"

    @expose("/<view>/<column>")
    def choices(self, view, column):
        if request_user() is None:
            return _error(_("Silakan masuk terlebih dahulu."), 401)
        form = request.args.get("form", "list")
        target = next((v for v in self.appbuilder.baseviews
                       if type(v).__name__ == view and isinstance(v, ModelView)), None)
        if target is None or form not in FORMS:
            return _error(_("Daftar pilihan tidak dikenal."), 404)
        if column not in (getattr(target, FORMS[form][0]) or []) or not target.datamodel.is_relation(column):
            return _error(_("Kolom ini tidak punya daftar pilihan."), 400)
        # The permission of the form's own page: can_read/create/write on our screens, FAB's can_list... on its own
        permission = "can_" + (target.method_permission_name or {}).get(form, form)
        if (permission not in target.base_permissions
                or not self.appbuilder.sm.has_access(permission, target.class_permission_name)):
            return _error(_("Anda tidak berhak melihat pilihan ini."), 403)
        number = request.args.get("page", "1")
        if not number.isdigit() or not 1 <= int(number) <= MAX_PAGE:
            return _error(_("Nomor halaman tidak valid."), 400)
        choices = RelationChoices(target, form, column)
        rows, more = choices.page(request.args.get("q", "").strip()[:100], int(number),
                                  request.args.get("parent", ""))
        return jsonify(results=[{"id": choices.key(row), "text": str(row)} for row in rows], more=more)


def _error(message, status):
    return jsonify(message=message), status


def register(appbuilder):
    appbuilder.add_view_no_menu(ChoicesView)
