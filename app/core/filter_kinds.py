"""FAB works out which filters each column of a model has (text: contains, equal...; date: greater than...) every
time it builds a set of filters, for every column of the model: five times a list request, about 160 columns'
type checks on the seekers' list. The kinds follow from the model's column types alone: worked out once."""
from flask_appbuilder.models.sqla.filters import SQLAFilterConverter


class RememberingFilterConverter(SQLAFilterConverter):
    kinds: dict = {}  # (converter class, model, column) -> filter classes, or None: a column without filters

    def convert(self, col_name):
        key = (type(self), self.datamodel.obj, col_name)
        if key not in self.kinds:
            found = super().convert(col_name)
            self.kinds[key] = [type(f) for f in found] if found else None
        classes = self.kinds[key]
        # Fresh instances: a filter belongs to the interface that asked (TenantInterface.showing copies it).
        return None if classes is None else [cls(col_name, self.datamodel) for cls in classes]
