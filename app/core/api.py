"""What every REST resource shares beyond FAB's defaults, so that the API keeps its documented contract
(app.core.openapi): typed request fields, datetimes with their time zone, no SQL in error messages, and
401 for any bad token. Found by the property-based run in tests/test_api_fuzz.py."""
from datetime import timezone

import sqlalchemy as sa
from flask import current_app, jsonify, request
from flask_appbuilder.api.convert import Model2SchemaConverter
from flask_babel import gettext as _
from marshmallow import fields, validate
from marshmallow_sqlalchemy import SQLAlchemyAutoSchema

from app.core.openapi import DocumentedApi

# The integers each column type holds (PostgreSQL refuses more, and a refused INSERT is not the client's 500).
INTEGER_RANGES = {sa.SmallInteger: 2 ** 15, sa.BigInteger: 2 ** 63, sa.Integer: 2 ** 31}


class UtcDateTime(fields.DateTime):
    """Stored datetimes are UTC; SQLite hands them back without their zone: say it (RFC 3339 needs one)."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return super()._serialize(value, attr, obj, **kwargs)


class JsonDecimal(fields.Decimal):
    """A Numeric column as a JSON number, as the document says (marshmallow dumps a Decimal that JSON writes as
    a string). Numeric(14, 4) has at most 14 digits: a float's shortest form gives them back exactly."""

    def _serialize(self, value, attr, obj, **kwargs):
        value = super()._serialize(value, attr, obj, **kwargs)
        return None if value is None else float(value)


def _integer_range(column_type):
    for sa_type, limit in INTEGER_RANGES.items():
        if isinstance(column_type, sa_type):
            return validate.Range(min=-limit, max=limit - 1)
    return None


class TypedSchemaConverter(Model2SchemaConverter):
    """FAB's schemas as the columns are: foreign keys typed like their column (FAB leaves them 'Inferred', so
    any JSON value, an object or a text in an integer column, reached the database), integers within their
    column's range, datetimes with their zone, decimals as numbers; the owner column optional (tenancy sets
    it)."""

    def _meta_schema_factory(self, columns, model, class_mixin, parent_schema_name=None):
        meta = {"model": model, "load_instance": True, "include_fk": True,
                "sqla_session": current_app.appbuilder.session, "parent_schema_name": parent_schema_name}
        if columns:
            meta["fields"] = columns
        return type("MetaSchema", (SQLAlchemyAutoSchema, class_mixin), {"Meta": type("Meta", (), meta)})

    def _column2field(self, datamodel, column, nested=True, parent_schema_name=None):
        field = super()._column2field(datamodel, column, nested, parent_schema_name)
        if column.name in (getattr(datamodel.obj, "__tenant__", None) or {}).values():
            field.required = False  # an operator's or job seeker's own rows get their owner from the server
        sqla_column = datamodel.list_columns.get(column.name)
        if sqla_column is not None and type(field) is fields.Decimal:
            return JsonDecimal(required=field.required, allow_none=field.allow_none, dump_only=field.dump_only,
                               load_only=field.load_only, validate=field.validators or None)
        if sqla_column is None or not isinstance(field, (fields.Integer, fields.DateTime)):
            return field
        if type(field) is fields.DateTime:  # not Date, a subclass
            return UtcDateTime(required=field.required, allow_none=field.allow_none, dump_only=field.dump_only,
                               load_only=field.load_only, validate=field.validators or None)
        bounds = _integer_range(sqla_column.type)
        if bounds is not None and not field.dump_only:
            field.validators.append(bounds)
        return field


class ApiContract(DocumentedApi):
    """Mixed into ``AppRestApi``."""

    model2schemaconverter = TypedSchemaConverter

    def _register_urls(self):
        """FAB routes GET by <int:pk> but PUT and DELETE by <pk>, so GET /x/abc answered 405 and PUT /x/abc
        reached the database: every route of an integer key takes integers, anything else is 404 like a row
        that does not exist. (Not int(max=…): Werkzeug then answers 405 to a number past it; app.core.arguments
        checks the range.)"""
        if not self.datamodel.is_integer(self.datamodel.get_pk_name()):
            return super()._register_urls()
        add_url_rule = self.blueprint.add_url_rule
        self.blueprint.add_url_rule = lambda rule, *args, **kwargs: add_url_rule(
            rule.replace("<pk>", "<int:pk>"), *args, **kwargs)
        try:
            super()._register_urls()
        finally:
            del self.blueprint.add_url_rule  # the Blueprint's own method again

    def _get_field_info(self, field, filter_rel_field, page=None, page_size=None):
        info = super()._get_field_info(field, filter_rel_field, page=page, page_size=page_size)
        if not self.description_columns.get(field.name):
            info["description"] = ""  # gettext("") is the catalog's header, not an empty text
        return info

    def response_422(self, message=None):
        # FAB answers a failed write with the database's own message (SQL, table and constraint names).
        if isinstance(message, str) and message.startswith("Database exception occurred"):
            current_app.logger.warning("API write refused by the database: %s", message)
            message = (_("Data ini masih dirujuk oleh data lain dan tidak dapat dihapus.")
                       if request.method == "DELETE" else
                       _("Data tidak dapat disimpan: ada isian yang tidak sesuai dengan data yang sudah ada."))
        return super().response_422(message)


def _bad_token(reason):
    """A malformed or wrong-kind token is not a 422 (flask-jwt-extended's default): the client is not signed in."""
    return jsonify(message=reason), 401


def register(appbuilder):
    appbuilder.sm.jwt_manager.invalid_token_loader(_bad_token)
