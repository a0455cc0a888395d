"""FAB works out which filters each column of a model has (text: contains, equal...; date: greater than...) and
makes a filter object for each, every time it builds a set of filters, for every column of the model: three times
a list request, about 700 objects on the seekers' list (a third of the page's own work). The kinds follow from
the model's column types alone, and a filter object holds only its column and interface (the values it filters by
are kept beside it, in FAB's Filters): both are made once per interface."""
from weakref import WeakKeyDictionary

from flask_appbuilder.models.sqla.filters import SQLAFilterConverter


class RememberingFilterConverter(SQLAFilterConverter):
    kinds: dict = {}  # (converter class, model, column) -> filter classes, or None: a column without filters
    made = WeakKeyDictionary()  # interface -> {(converter class, column): filter objects}

    def convert(self, col_name):
        key = (type(self), self.datamodel.obj, col_name)
        if key not in self.kinds:
            found = super().convert(col_name)
            self.kinds[key] = [type(f) for f in found] if found else None
        classes = self.kinds[key]
        if classes is None:
            return None
        # Each interface has its own (TenantInterface.showing copies one): a filter queries through its interface.
        made, own = self.made.setdefault(self.datamodel, {}), (type(self), col_name)
        if own not in made:
            made[own] = [cls(col_name, self.datamodel) for cls in classes]
        return list(made[own])  # a new list: FAB appends a view's own search filters to it
