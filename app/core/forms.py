"""Form fields as people in the office type: dates day-first with an Indonesian date picker, rupiah with
dots, choices that start empty. ``adapt_form`` applies them to every generated add/edit form, the public forms
use the fields directly."""
import re
from datetime import date, datetime

from flask_appbuilder.fields import QuerySelectField
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.core import UnboundField
from wtforms.validators import DataRequired, InputRequired, StopValidation
from wtforms.widgets import html_params

from app.core.formatting import model_column
from app.core.validation import strip_text

BLANK_CHOICE = _l("— Pilih —")
DATE_HINT = _l("DD-MM-YYYY, misalnya 12-03-1995")
MONEY_HINT = _l("Rupiah, contoh 5.300.000")
BAD_DATE = _l("Tanggal tidak valid: tulis hari-bulan-tahun, misalnya 12-03-1995.")
BAD_MONEY = _l("Jumlah rupiah tidak valid: tulis angka saja, misalnya 5.300.000.")

_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_RUPIAH = re.compile(r"^(?:rp\.?)?\s*(\d{1,3}(?:\.\d{3})+|\d+)(?:,0{1,2})?$", re.IGNORECASE)


def parse_date(text: str) -> date | None:
    """'12-03-1995', '12/03/1995', '12.03.1995' and ISO '1995-03-12' are all 12 March 1995; None if not a date."""
    text = (text or "").strip()
    if match := _DAY_FIRST.match(text):
        day, month, year = match.groups()
    elif match := _ISO.match(text):
        year, month, day = match.groups()
    else:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_rupiah(text: str) -> int | None:
    """'5.300.000', 'Rp5.300.000', 'Rp 5.300.000' and '5300000' are all 5300000; None if not an amount."""
    match = _RUPIAH.match((text or "").strip().replace(" ", ""))
    return int(match.group(1).replace(".", "")) if match else None


def dotted(amount) -> str:
    """5300000 -> '5.300.000' (the value a rupiah field shows)."""
    return f"{int(amount):,}".replace(",", ".")


def _input_params(field, kwargs):
    kwargs.setdefault("id", field.id)
    kwargs["class"] = kwargs.pop("class_", None) or kwargs.get("class") or "form-control"
    return kwargs


class DateInput:
    """A text input with a calendar button; forms.js attaches the Indonesian, day-first date picker."""

    def __call__(self, field, **kwargs):
        _input_params(field, kwargs)
        params = html_params(type="text", name=field.name, value=field._value(), placeholder="DD-MM-YYYY",
                             inputmode="numeric", autocomplete="off", **kwargs)
        return Markup(f'<div class="input-group app-date"><span class="input-group-addon">'
                      f'<i class="fa fa-calendar"></i></span><input {params}></div>')


class MoneyInput:
    def __call__(self, field, **kwargs):
        _input_params(field, kwargs)
        params = html_params(type="text", name=field.name, value=field._value(), inputmode="numeric",
                             placeholder="5.300.000", **kwargs)
        return Markup(f'<div class="input-group app-money"><span class="input-group-addon">Rp</span>'
                      f'<input {params}></div>')


class _TypedField:
    """A field parsed from text: a value that does not parse gets its one message, not "required" as well."""

    def pre_validate(self, form):
        if self.process_errors:
            raise StopValidation()


class DayFirstDateField(_TypedField, DateField):
    """A date typed and shown DD-MM-YYYY (ISO accepted too); what was typed stays in the box on an error."""

    widget = DateInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs["description"] = kwargs.get("description") or DATE_HINT
        kwargs.pop("format", None)
        super().__init__(label, validators, **kwargs)

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        self.data = parse_date(valuelist[0])
        if self.data is None:
            raise ValueError(str(BAD_DATE))

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        if isinstance(self.data, datetime):
            return f"{self.data:%d-%m-%Y}"
        return f"{self.data:%d-%m-%Y}" if isinstance(self.data, date) else ""


class RupiahField(_TypedField, IntegerField):
    """Whole rupiah: '5.300.000', 'Rp5.300.000' or '5300000'; shown back with dots."""

    widget = MoneyInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs["description"] = kwargs.get("description") or MONEY_HINT
        super().__init__(label, validators, **kwargs)

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        self.data = parse_rupiah(valuelist[0])
        if self.data is None:
            raise ValueError(str(BAD_MONEY))

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return dotted(self.data) if self.data is not None else ""


def with_blank(choices):
    """Choices that start with an empty '— Pilih —', so nothing is chosen until the user chooses."""
    choices = list(choices or [])
    if choices and not isinstance(choices[0], (tuple, list)):
        choices = [(c, c) for c in choices]
    if choices and choices[0][0] in ("", None):
        choices = choices[1:]
    return [("", BLANK_CHOICE)] + choices


def adapt_form(form, model):
    """Make a generated form class behave as our users expect (changes the class in place)."""
    for name, unbound in list(vars(form).items()):
        if isinstance(unbound, UnboundField):
            replacement = _adapted(unbound, model_column(model, name))
            if replacement is not unbound:
                replacement.creation_counter = unbound.creation_counter  # keep the field order
                setattr(form, name, replacement)


def _adapted(unbound, column):
    cls, args, kwargs = unbound.field_class, unbound.args, dict(unbound.kwargs)
    if len(args) > 1:  # Field(label, validators)
        args, kwargs["validators"] = args[:1], args[1]
    info = column.info if column is not None else {}
    validators = [DataRequired() if isinstance(v, InputRequired) else v for v in kwargs.get("validators") or ()]
    if issubclass(cls, (StringField, TextAreaField)) and not issubclass(cls, DayFirstDateField):
        # Surrounding spaces are not data, and a required text must hold more than spaces (FAB checks only
        # that something was typed).
        if strip_text in kwargs.get("filters", ()):
            return unbound
        kwargs.update(filters=(*kwargs.get("filters", ()), strip_text), validators=validators)
    elif issubclass(cls, BooleanField):
        # FAB makes a NOT NULL flag "required", and an unticked box then refuses the form: unticked is "no".
        kept = [v for v in validators if not isinstance(v, DataRequired)]
        if len(kept) == len(validators):
            return unbound
        kwargs["validators"] = kept
    elif issubclass(cls, QuerySelectField):
        if not kwargs.get("allow_blank"):
            return unbound
        # An optional relation's empty choice has no text, and Select2 then shows its value "__None".
        kwargs["blank_text"] = BLANK_CHOICE
    elif issubclass(cls, DateField) and not issubclass(cls, DayFirstDateField):
        cls = DayFirstDateField
        kwargs.pop("widget", None)
    elif issubclass(cls, IntegerField) and info.get("money") and not issubclass(cls, RupiahField):
        cls = RupiahField
        kwargs.pop("widget", None)
    elif issubclass(cls, SelectField) and "choices" in kwargs:
        blanked = with_blank(kwargs["choices"])
        required = column is not None and not column.nullable
        if list(kwargs["choices"]) == blanked and not required:
            return unbound
        kwargs["choices"] = blanked
        if required and not any(isinstance(v, (DataRequired, InputRequired)) for v in validators):
            validators.append(DataRequired())  # a NOT NULL column: the empty choice is refused
        kwargs["validators"] = validators
    else:
        return unbound
    return UnboundField(cls, *args, **kwargs)


def form_error(form, message, field: str | None = None):
    """Show a refusal beside the field it concerns (a column name; ``desa_code`` finds the ``desa`` field), or
    at the top of the form."""
    candidates = [field, re.sub(r"_(code|id)$", "", field)] if field else []
    target = next((form[name] for name in candidates if name in form), None)
    if target is not None and target.type not in ("HiddenField", "CSRFTokenField"):
        target.errors = [*target.errors, message]
    else:
        form.form_errors.append(message)
