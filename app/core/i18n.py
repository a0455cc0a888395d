"""Languages: Bahasa Indonesia by default, English on request (FAB's flag menu, /lang/en, /lang/id).

Our own strings are written in Indonesian and that text is the msgid, so Indonesian needs no catalog entry
for them; app/translations/en holds their English. Mark strings with Flask-Babel's ``lazy_gettext`` (as
``_l``) where they are defined at import time (titles, labels), ``gettext`` (as ``_``) where they are used
in a request (flash, errors raised by rules); Flask-Babel's ``gettext`` also works outside a request (the
default language, or the msgid without an app context). ``N_`` only marks a string for extraction (pybabel
extracts ``N_`` by default): for menu names, which stay plain strings because they are permission names;
FAB's menu template translates them with ``_()`` when it renders.
"""
from pathlib import Path

from babel.support import Translations
from flask import current_app, has_app_context, request
from flask_babel import force_locale, get_locale
from wtforms.i18n import messages_path

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"
_wtforms_catalogs = {}  # locale -> WTForms translations, loaded once per process


def N_(text: str) -> str:  # noqa: N802 (gettext's conventional name)
    """Mark ``text`` for extraction without translating it."""
    return text


def stored_text(text) -> str:
    """A translatable text as it is stored or sent to someone else (a note, a notification): in the default
    language, whatever language the current user reads."""
    if not has_app_context():
        return str(text)
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        return str(text)


def wtforms_translations(locale) -> Translations:
    """WTForms' messages in ``locale``: our catalog when we ship one (WTForms has none in Indonesian), else
    the one inside the wtforms package."""
    key = str(locale)
    if key not in _wtforms_catalogs:
        ours = (TRANSLATIONS_DIR / key / "LC_MESSAGES" / "wtforms.mo").is_file()
        _wtforms_catalogs[key] = Translations.load(str(TRANSLATIONS_DIR) if ours else messages_path(), [locale],
                                                   domain="wtforms")
    return _wtforms_catalogs[key]


def register(app):
    # Flask-WTF reads request.wtforms_translations before falling back to the wtforms package's catalogs.
    @app.before_request
    def _wtforms_in_request_language():
        request.wtforms_translations = wtforms_translations(get_locale())
