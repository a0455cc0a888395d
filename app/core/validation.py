"""One rule, two front doors: a check written once as a function raising DomainError serves the screens
(WTForms validator) and the REST API (marshmallow validator)."""
import marshmallow
from flask_appbuilder.exceptions import PasswordComplexityValidationError
from flask_babel import gettext as _
from wtforms.validators import ValidationError as FormError


class DomainError(ValueError):
    """A rule the user broke; the message is safe to show. Raise it with ``gettext`` (Indonesian msgid), so the
    message is in the request's language (Indonesian outside a request). ``field`` names the column the rule is
    about (e.g. ``"end_date"``), so a form can show the message beside it; None: the record as a whole."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.field = field


class AlreadyRegistered(DomainError):
    """The person, name or address is registered already: staff see the message; a public form must not
    tell a stranger (it answers alike and writes to the address given instead)."""


# What a check may raise: its message is for the user.
USER_ERRORS = (ValueError, PasswordComplexityValidationError)


class FormCheck:
    """WTForms validator from a check function (empty values are left to DataRequired/Optional)."""

    def __init__(self, check):
        self.check = check

    def __call__(self, form, field):
        if field.data in (None, ""):
            return
        try:
            self.check(field.data)
        except USER_ERRORS as error:
            raise FormError(str(error)) from None


def api_check(check):
    """marshmallow validator from a check function."""

    def validate(value):
        if value in (None, ""):
            return
        try:
            check(value)
        except USER_ERRORS as error:
            raise marshmallow.ValidationError(str(error)) from None

    return validate


def non_negative(value):
    if int(value) < 0:
        raise DomainError(_("Tidak boleh negatif."))


def strip_text(value):
    """Form filter: surrounding spaces are not data, and a blank text is no value at all."""
    return value.strip() if isinstance(value, str) else value
