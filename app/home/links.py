"""Links to a generated list with filters already set, as FAB reads them from the URL (_flt_<i>_<column>)."""
from flask import current_app, url_for


def _view(name):
    return next((v for v in current_app.appbuilder.baseviews if type(v).__name__ == name), None)


def list_url(view_name, *filters):
    """URL of `view_name`'s list filtered by (column, FilterClass, value) triples; a filter the view does not
    offer on that column is left out rather than guessed (the list then shows more, never less)."""
    view = _view(view_name)
    if view is None:
        return None
    args = {}
    if filters:
        offered = view.datamodel.get_filters(view.search_columns).get_search_filters()
        for column, kind, value in filters:
            index = next((i for i, f in enumerate(offered.get(column, [])) if type(f) is kind), None)
            if index is not None:
                args[f"_flt_{index}_{column}"] = str(value)
    return url_for(f"{view_name}.list", **args)
