"""Row ownership: one mechanism for every screen, API, action, download and export.

A model declares who owns its rows, e.g. ``__tenant__ = {"company": "company_id"}`` (the Company itself:
``{"company": "id"}``; a job seeker's rows: ``{"seeker": "job_seeker_id"}``). A user of a scoped role
(company operator, job seeker) then
- reads only their own rows: ``TenantInterface`` adds the owner filter to every query FAB makes (list, count,
  show, edit, delete, actions, REST GET/PUT/DELETE, related-field choices), so another owner's row is simply
  not found (404);
- writes only their own rows: ``guard_flush`` runs before every flush, sets the owner of new rows and refuses
  to create, move, change or delete a row of another owner, whatever code path made the change.
Staff and background jobs are not scoped: their reach is decided by role permissions alone.
"""
from contextlib import contextmanager
from copy import copy
from dataclasses import dataclass
from datetime import date

from flask import current_app, g, has_app_context, has_request_context
from flask_appbuilder.models.sqla.filters import FilterContains, FilterEndsWith, FilterStartsWith
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_login import current_user
from sqlalchemy import false, func, inspect as sa_inspect, select
from sqlalchemy.orm import joinedload, lazyload, selectinload
from werkzeug.exceptions import NotFound

from app.core.filter_kinds import RememberingFilterConverter
from app.security.roles import SCOPED_ROLES, STAFF_ROLES


class TenancyViolation(Exception):
    """A write that would touch a row of another owner."""


@dataclass(frozen=True)
class Scope:
    kind: str  # "company" | "seeker" | "none"
    owner_id: int | None


NO_ROWS = Scope("none", None)


def request_user():
    """The authenticated user of this request, by session or JWT, or None."""
    if not has_request_context():
        return None
    user = getattr(g, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return user
    if current_user and getattr(current_user, "is_authenticated", False):
        return current_user
    try:
        from flask_jwt_extended import current_user as jwt_user, verify_jwt_in_request

        verify_jwt_in_request(optional=True)
        if jwt_user:
            return jwt_user
    except Exception:  # no or invalid token: not authenticated through the API
        return None
    return None


def scope_for(user) -> Scope | None:
    """None means unscoped (staff); NO_ROWS for a user with no role that owns anything."""
    if user is None:
        return None
    names = {role.name for role in user.roles}
    if names & STAFF_ROLES:
        return None
    for role_name, (kind, user_attr) in SCOPED_ROLES.items():
        if role_name in names:
            return Scope(kind, getattr(user, user_attr, None))
    return NO_ROWS


def current_scope() -> Scope | None:
    if not has_request_context():
        return None  # CLI and background jobs act for the system
    if g.get("acting_for_system"):
        return None
    return scope_for(request_user())


@contextmanager
def acting_for_system():
    """A rule's own consequence on another owner's rows, inside a service that has already checked the user's
    right to act: a company's placement closes the job seeker's AK-1, a seeker's application reaches the company.
    Never around code that reads ids from the request."""
    previous = g.get("acting_for_system", False)
    g.acting_for_system = True
    try:
        yield
    finally:
        g.acting_for_system = previous


def owner_attr(model, kind: str) -> str | None:
    return (getattr(model, "__tenant__", None) or {}).get(kind)


def scope_query(query, model, scope: Scope | None = None):
    scope = scope if scope is not None else current_scope()
    if scope is None or getattr(model, "__tenant__", None) is None:
        return query
    attr = owner_attr(model, scope.kind)
    if attr is None or scope.owner_id is None:
        return query.filter(false())
    return query.filter(getattr(model, attr) == scope.owner_id)


def parse_key(column, value):
    """A URL or form value as the primary key's type: PostgreSQL will not compare text to integers or dates.
    Raises ValueError or TypeError for a value of the wrong shape."""
    python_type = column.type.python_type
    if python_type is date and isinstance(value, str):
        return date.fromisoformat(value)
    return python_type(value)


def get_owned_or_404(session, model, pk):
    """Load one row the current user may reach; anything else is 404 (custom views, downloads, exports)."""
    column = sa_inspect(model).primary_key[0]
    try:
        key = parse_key(column, pk)
    except (ValueError, TypeError):
        raise NotFound() from None
    row = scope_query(session.query(model), model).filter(column == key).one_or_none()
    if row is None:
        raise NotFound()
    return row


class ListCount(int):
    """How many rows a list matches. ``is_estimate``: more rows match than this (the exact count was not taken,
    so that counting stays as cheap at a million rows as at a thousand)."""

    is_estimate = False

    @classmethod
    def more_than(cls, value):
        count = cls(value)
        count.is_estimate = True
        return count


DEFERRED_JOIN_FROM = 1000  # rows skipped from which a list page reads its keys first (TenantInterface.query)


# A text pattern (ILIKE '%…%') matches through a trigram index that only narrows the rows: each match is then read
# from the table to check it, and for a common name PostgreSQL, misjudging how many match, reads the table from
# the start until it has enough (1,001 "Maulana"s in a million contracts: 100 ms; 101: 13 ms). Such a search
# counts to LIST_SEARCH_COUNT_LIMIT: nobody pages through a hundred "Maulana"s, they type more of the name.
TEXT_PATTERN_FILTERS = (FilterContains, FilterStartsWith, FilterEndsWith)


def searched_by_pattern(filters) -> bool:
    return any(isinstance(flt, TEXT_PATTERN_FILTERS) for flt in getattr(filters, "filters", ()))


def exact_count_limit(filters=None) -> int:
    key, default = (("LIST_SEARCH_COUNT_LIMIT", 100) if searched_by_pattern(filters)
                    else ("LIST_EXACT_COUNT_LIMIT", 10000))
    return current_app.config.get(key, default) if has_app_context() else default


def load_options(model, columns):
    """Loader options for a list showing `columns`: each shown relation loaded with the rows (a to-one in the
    same statement, a collection in one more), its own relations and the relations not shown only if touched."""
    relations = sa_inspect(model).relationships
    options = [lazyload("*")]
    for root in dict.fromkeys(column.split(".")[0] for column in columns or []):
        if root in relations:
            load = selectinload if relations[root].uselist else joinedload
            options.append(load(getattr(model, root)).lazyload("*"))
    return options


class TenantInterface(SQLAInterface):
    """FAB's data interface with the owner filter on every query it builds."""

    shown_columns: list[str] | None = None  # set per screen or API by showing(); None: the model's own loading
    filter_converter_class = RememberingFilterConverter

    def showing(self, columns):
        """This interface for a list that shows `columns` (its relations loaded with the rows)."""
        interface = copy(self)
        interface.shown_columns = list(columns or [])
        return interface

    def query(self, filters=None, order_column="", order_direction="", page=None, page_size=None,
              select_columns=None, outer_default_load=False):
        """FAB's list query with a count that stops at LIST_EXACT_COUNT_LIMIT + 1 rows (a ListCount) and the
        shown relations loaded with the rows."""
        query = self.session.query(self.obj)
        keys_first = bool(page_size and not select_columns
                          and ((page or 0) * page_size >= DEFERRED_JOIN_FROM or searched_by_pattern(filters)))
        if keys_first:
            # OFFSET over rows joined to their relations reads the relations of every skipped row (page 500 of a
            # million contracts: 12,500 joins for 25 rows), and a name search sorts every match, all its columns,
            # to keep 25 (5,600 "Firgantoro"s: 37 ms; 15 ms for their keys): the page's keys are chosen first, in
            # the same statement, then only those rows are read with their relations, in the same order.
            keys = self.apply_all(query, filters, order_column, order_direction, page,
                                  page_size).with_entities(self.get_pk()).subquery()
            query = query.options(*self.row_options()).filter(self.get_pk().in_(select(keys)))
            rows = self.apply_all(query, None, order_column, order_direction).all()
        else:
            rows = self.apply_all(query.options(*self.row_options()), filters, order_column, order_direction, page,
                                  page_size, select_columns, outer_default_load).all()
        # FAB's dotted select columns add the related entities to each row: keep the list's own objects.
        rows = [getattr(row, self.obj.__name__, row) for row in rows]
        if page_size and (page or len(rows) >= page_size or select_columns):
            return self.bounded_count(self.session.query(self.obj), filters), rows
        # Unpaged (choices), or a first page that is not full (a NIK looked up): every match is on this page.
        return ListCount(len(rows)), rows

    def row_options(self) -> list:
        """Loader options of a list's rows: the shown relations loaded with them."""
        return load_options(self.obj, self.shown_columns) if self.shown_columns is not None else []

    def bounded_count(self, query, filters=None) -> ListCount:
        """SELECT count(*) FROM (SELECT id … LIMIT limit + 1): exact up to the limit, else "more than limit".
        Reports and exports that need the exact figure use query_count."""
        limit = exact_count_limit(filters)
        inner = self._apply_inner_all(query, filters, aliases_mapping={}).with_entities(self.get_pk())
        counted = self.session.query(func.count()).select_from(inner.limit(limit + 1).subquery()).scalar()
        return ListCount.more_than(limit) if counted > limit else ListCount(counted)

    def _apply_inner_all(self, query, filters=None, *args, **kwargs):
        return super()._apply_inner_all(scope_query(query, self.obj), filters, *args, **kwargs)

    def get_related_interface(self, col_name):
        # FAB asks for it once per option and per row: build one per column and keep it.
        cache = self.__dict__.setdefault("_related_interfaces", {})
        if col_name not in cache:
            cache[col_name] = TenantInterface(self.get_related_model(col_name), self.session)
        return cache[col_name]

    def get_related_obj(self, col_name, value):
        related = self.get_related_model(col_name)
        pk = sa_inspect(related).primary_key[0]
        try:
            key = parse_key(pk, value)
        except (TypeError, ValueError):
            return None
        if not has_request_context():
            return self._read_related(related, pk, key)
        # Read once per request (a relation filter asks for its row for every query it builds, and the label of
        # the active filter asks again; the identity map holds rows only weakly). One user per request: the
        # owner filter is the same each time.
        rows = g.setdefault("related_rows", {})
        if (related, key) not in rows:
            rows[(related, key)] = self._read_related(related, pk, key)
        return rows[(related, key)]

    def _read_related(self, related, pk, key):
        if getattr(related, "__tenant__", None) is None:
            return self.session.get(related, key)
        # The row a filter names shows only as its label: its own relations load if that label touches them.
        return (scope_query(self.session.query(related), related).options(lazyload("*")).filter(pk == key)
                .one_or_none())


def guard_flush(session, flush_context=None, instances=None):
    """before_flush: scoped users create, change and delete only rows they own."""
    scope = current_scope()
    if scope is None:
        return
    new = set(session.new)  # IdentitySet membership is linear: take it once
    for obj in list(new) + list(session.dirty) + list(session.deleted):
        model = type(obj)
        if getattr(model, "__tenant__", None) is None:
            continue
        attr = owner_attr(model, scope.kind)
        if attr is None or scope.owner_id is None:
            raise TenancyViolation(f"{model.__name__} is not writable for this user")
        state = sa_inspect(obj)
        value = getattr(obj, attr)
        if obj in new:
            is_pk = attr in {c.key for c in sa_inspect(model).primary_key}
            if value is None and not is_pk:
                setattr(obj, attr, scope.owner_id)  # the server sets the owner
            elif value != scope.owner_id:
                raise TenancyViolation(f"new {model.__name__} for another owner")
            continue
        history = state.attrs[attr].history
        before = history.deleted[0] if history.deleted else value
        if before != scope.owner_id or value != scope.owner_id:
            raise TenancyViolation(f"{model.__name__} {state.identity} belongs to another owner")
