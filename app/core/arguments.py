"""Checks of the arguments every generated screen and REST API reads from the URL, before FAB reads them.

FAB trusts them: a filter index past a column's filters, a sort column that is not sortable, an unparsable `q`
or an id past the database's integer answer 500 (issue 8 §2.5). One check per request, for every CRUD view and
API registered on the app (FAB's own user and role screens too), so a new view is covered without a line.
Refusals are 400 with the reason (404 for an id no row can have); app.errors renders them."""
import json
import re
from datetime import datetime

import prison
from flask import current_app, request
from flask_appbuilder.api import ModelRestApi
from flask_appbuilder.baseviews import BaseCRUDView
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest, NotFound

INT_MIN, INT_MAX = -(2**31), 2**31 - 1  # PostgreSQL `integer`: every id and integer column of the schema
FILTER_ARG = re.compile(r"_flt_(\d)_(.*)")


def check_request():
    _check_body_text()
    view = _views().get(request.blueprint)
    _check_pages()
    if view is None:
        return
    _check_pk(view)
    if isinstance(view, ModelRestApi):
        _check_rison(view)
        return
    _check_orders()
    _check_filters(view)


def _check_body_text():
    """A NUL character cannot be stored in PostgreSQL text (the insert fails): refuse it in any submitted form
    field or JSON string instead of answering 500."""
    if request.method not in ("POST", "PUT", "PATCH"):
        return
    values = list(request.form.values()) if request.form else []
    if request.is_json:
        values += _strings(request.get_json(silent=True))
    if any("\x00" in value for value in values):
        _refuse(_("Teks yang dikirim berisi karakter NUL yang tidak dapat disimpan."))


def _strings(data) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for key, value in data.items() for s in _strings(key) + _strings(value)]
    if isinstance(data, list):
        return [s for item in data for s in _strings(item)]
    return []


def _views() -> dict:
    """Blueprint name -> CRUD view or REST API, built once per app."""
    views = current_app.extensions.get("dnaker_crud_views")
    if views is None:
        views = {v.blueprint.name: v for v in current_app.appbuilder.baseviews
                 if isinstance(v, (BaseCRUDView, ModelRestApi)) and getattr(v, "datamodel", None) is not None
                 and getattr(v, "blueprint", None) is not None}
        current_app.extensions["dnaker_crud_views"] = views
    return views


def _refuse(message):
    raise BadRequest(message)


def _check_pages():
    # FAB answers 500 to ?page_X=abc and serves any ?psize_X=1000000.
    limit = current_app.config["LIST_MAX_PAGE_SIZE"]
    for key, value in request.args.items():
        if key.startswith(("page_", "psize_")):
            low, top = (1, limit) if key.startswith("psize_") else (0, INT_MAX)
            if not value.isdigit() or not low <= int(value) <= top:
                _refuse(_("Parameter halaman tidak valid: %(key)s harus angka %(low)s–%(top)s.", key=key[:50],
                          low=low, top=top))


def _check_pk(view):
    """An integer id no row can have (past the column's range, or not a number) is a missing row."""
    pk = (request.view_args or {}).get("pk")
    if pk is None or view.datamodel.is_pk_composite() or not _integer_pk(view):
        return
    try:
        number = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    if not INT_MIN <= number <= INT_MAX:
        raise NotFound()


def _integer_pk(view) -> bool:
    return view.datamodel.is_integer(view.datamodel.get_pk_name())


def _check_orders():
    """`_oc_<View>=<column>` names a sortable column of that view (sorting by any attribute answered 500)."""
    by_class = {type(v).__name__: v for v in _views().values()}
    for key, column in request.args.items():
        if key.startswith("_oc_"):
            view = by_class.get(key[4:])
            if view is not None and column not in (view.order_columns or []):
                _refuse(_("Urutan tidak valid: kolom %(column)s tidak dapat diurutkan.", column=column[:50]))


def _check_filters(view):
    filters = _search_filters(view)
    for key in request.args:
        match = FILTER_ARG.fullmatch(key)
        if not match:
            continue
        index, column = int(match.group(1)), match.group(2)
        if column not in filters:
            continue  # FAB ignores filters on columns that are not searchable
        if index >= len(filters[column]):
            _refuse(_("Filter tidak valid untuk kolom %(column)s.", column=column[:50]))
        for value in request.args.getlist(key):
            check_filter_value(view.datamodel, column, value)


def check_filter_value(datamodel, column, value, api=False):
    """A value the database can compare with the column. FAB converts some values of the screens' filters and
    passes the others on as text, which PostgreSQL refuses for a number, a date or a yes/no column; the API
    passes every value on as it came."""
    if isinstance(value, (list, tuple)):  # the `in` operators
        for item in value:
            check_filter_value(datamodel, column, item, api)
        return
    if "\x00" in str(value):
        _refuse(_("Filter tidak valid: nilai %(column)s berisi karakter yang tidak diizinkan.", column=column))
    if datamodel.is_relation(column):
        related = datamodel.get_related_interface(column)
        if related.is_integer(related.get_pk_name()):
            _integer(column, value)
    elif datamodel.is_boolean(column):
        # the screens' filter sends "y" for Ya; the API takes JSON true/false
        if value not in ((True, False) if api else ("y",)):
            _refuse(_("Filter tidak valid: kolom %(column)s hanya menerima Ya atau Tidak.", column=column))
    elif datamodel.is_integer(column):
        _integer(column, value)
    elif api and datamodel.is_string(column) and not isinstance(value, str):
        _refuse(_("Filter tidak valid: kolom %(column)s harus teks.", column=column))
    elif api and (datamodel.is_date(column) or datamodel.is_datetime(column)):
        try:
            datetime.fromisoformat(str(value))
        except ValueError:
            _refuse(_("Filter tidak valid: kolom %(column)s harus tanggal (TTTT-BB-HH).", column=column))


def _integer(column, value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = None
    if isinstance(value, bool) or number is None or not INT_MIN <= number <= INT_MAX:
        _refuse(_("Filter tidak valid: kolom %(column)s harus bilangan bulat yang wajar.", column=column))


def _search_filters(view) -> dict:
    cache = view.__dict__.setdefault("_argument_filters", {})
    if not cache:
        cache.update(view.datamodel.get_filters(view.search_columns).get_search_filters())
    return cache


def _check_rison(view):
    """`q` must be rison (or JSON) of an object; FAB answers 500 to some unparsable ones (`q=((((`)."""
    value = request.args.get("q")
    if not value:
        return
    try:
        parsed = prison.loads(value)
    except Exception:  # noqa: BLE001 (prison raises several kinds on broken input)
        try:
            parsed = json.loads(value)
        except ValueError:
            parsed = None
    if not isinstance(parsed, dict):
        _refuse(_("Parameter q tidak valid: harus objek rison atau JSON."))
    for key, low in (("page", 0), ("page_size", 1)):
        if key in parsed and (not isinstance(parsed[key], int) or not low <= parsed[key] <= INT_MAX):
            _refuse(_("Parameter q tidak valid: %(key)s harus angka %(low)s atau lebih.", key=key, low=low))
    filters = parsed.get("filters") or []
    for item in filters if isinstance(filters, list) else []:
        if isinstance(item, dict) and item.get("col") in (view.search_columns or []) and "value" in item:
            check_filter_value(view.datamodel, item["col"], item["value"], api=True)
