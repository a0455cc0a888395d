"""A form's part as a grid of numbers, the one shape the page, the PDF and the XLSX draw.

A grid knows how each derived cell is made, so the XLSX can write it as a formula: a column may sum sibling
columns (`Column.sum_of`: the L+P columns), a row may add or subtract other rows (`GridRow.terms`: subtotals,
totals, III/1's A = 1+2, B = 3+4 and 5 = A − B). Values are computed here for every cell all the same.
"""
from dataclasses import dataclass, field

from app.reporting.ipk import layouts as L
from app.reporting.ipk.compute import AGE_LABELS, MonthFigures, Row, source_rows


@dataclass
class Column:
    group: str  # the upper header ("Terdaftar bulan ini", "15–19", "AKL")
    label: str  # the lower header ("L", "P", "Jml")
    sum_of: tuple[int, ...] = ()  # the columns this one adds up


@dataclass
class GridRow:
    code: str
    label: str
    kind: str = "data"  # data | subtotal | total
    values: list[int] = field(default_factory=list)
    terms: list[tuple[int, int]] = field(default_factory=list)  # (sign, row index) a derived row adds up


@dataclass
class Grid:
    form: L.Form
    part: L.Part
    columns: list[Column]
    rows: list[GridRow]

    @property
    def groups(self) -> list[tuple[str, int]]:
        """The upper header: (heading, columns spanned), adjacent columns of one group merged."""
        spans = []
        for column in self.columns:
            if spans and spans[-1][0] == column.group:
                spans[-1][1] += 1
            else:
                spans.append([column.group, 1])
        return [(group, span) for group, span in spans]

    def finish(self) -> "Grid":
        for row in self.rows:
            if row.terms:
                row.values = [sum(sign * self.rows[i].values[c] for sign, i in row.terms)
                              for c in range(len(self.columns))]
            else:
                for c, column in enumerate(self.columns):
                    if column.sum_of:
                        row.values[c] = sum(row.values[i] for i in column.sum_of)
        return self


def grids(figures: MonthFigures) -> list[tuple[L.Form, list[Grid]]]:
    return [(form, [grid(form, part, figures) for part in form.parts]) for form in L.FORMS]


def _has_unknown(form, part, figures) -> bool:
    return any(cell.startswith(f"{form.code}|{part.key}|{L.UNKNOWN_KEY}|") for cell in figures.cells)


def grid(form: L.Form, part: L.Part, figures: MonthFigures) -> Grid:
    if part.shape == "summary":
        return _summary(form, part, figures)
    rows = source_rows(part.rows, _has_unknown(form, part, figures))
    if part.shape == "placements":
        columns, cells = _crossed([(t, t) for t in L.PLACEMENT_TYPES], L.SEXES[L.PLACEMENTS])
    else:
        columns, cells = [], []
        for measure in L.MEASURES:
            group = L.MEASURE_LABELS[part.subject][measure]
            sexes = L.SEXES[part.subject]
            first = len(columns)
            for sex in sexes:
                columns.append(Column(group, L.SEX_LABELS[sex]))
                cells.append((sex, measure))
            columns.append(Column(group, "Jml", tuple(range(first, first + len(sexes)))))
            cells.append(None)
    return _with_rows(form, part, figures, rows, columns, cells).finish()


def _crossed(groups, sexes):
    """Columns group × sex with a "Jml" per group, then the totals per sex and their sum (III/1, III/8)."""
    columns, cells, by_sex = [], [], {sex: [] for sex in sexes}
    for group_key, heading in groups:
        first = len(columns)
        for sex in sexes:
            by_sex[sex].append(len(columns))
            columns.append(Column(heading, L.SEX_LABELS[sex]))
            cells.append((sex, group_key))
        if len(groups) > 1 and heading in L.PLACEMENT_TYPES:
            columns.append(Column(heading, "Jml", tuple(range(first, first + len(sexes)))))
            cells.append(None)
    totals = []
    for sex in sexes:
        totals.append(len(columns))
        columns.append(Column(L.TOTAL, L.SEX_LABELS[sex], tuple(by_sex[sex])))
        cells.append(None)
    columns.append(Column(L.TOTAL, "+".join(L.SEX_LABELS[s] for s in sexes), tuple(totals)))
    cells.append(None)
    return columns, cells


def _with_rows(form, part, figures, rows: list[Row], columns, cells) -> Grid:
    """Data rows read their cells (sex, measure or type) from the figures; subtotals and the total add rows."""
    index = {row.key: i for i, row in enumerate(rows)}
    grid_rows = []
    for row in rows:
        if row.kind == "data":
            values = [figures.get(form.code, part.key, row.key, *cell) if cell else 0 for cell in cells]
            grid_rows.append(GridRow(row.code, row.label, "data", values))
        else:
            grid_rows.append(GridRow(row.code, row.label, row.kind, [0] * len(columns),
                                     [(1, index[m]) for m in row.members]))
    return Grid(form, part, columns, grid_rows)


def _summary(form, part, figures) -> Grid:
    """III/1: rows 1, 2, A, 3, 4, B, 5; columns the age groups (or the vacancy slots' requested sex) × sex."""
    labels = L.MEASURE_LABELS[part.subject]
    if part.subject == L.SEEKERS:
        categories = [(str(i), label) for i, label in enumerate(AGE_LABELS)]
        if _has_unknown(form, part, figures):
            categories.append((L.UNKNOWN_KEY, part.rows.unknown))
        columns, spec = _crossed(categories, L.SEXES[L.SEEKERS])
        cells = [(c[1], c[0]) if c else None for c in spec]  # (age group, sex)
    else:
        sexes = L.SEXES[L.VACANCIES]
        columns = [Column("Lowongan", L.SEX_LABELS[s]) for s in sexes]
        columns.append(Column("Lowongan", L.TOTAL, tuple(range(len(sexes)))))
        cells = [("all", s) for s in sexes] + [None]
    rows, index = [], {}
    for code, what in L.SUMMARY_ROWS:
        index[code] = len(rows)
        if isinstance(what, tuple):
            sign, a, b = what
            rows.append(GridRow(code, L.SUMMARY_LABELS[code], "subtotal", [0] * len(columns),
                                [(1, index[a]), (1 if sign == "+" else -1, index[b])]))
        else:
            values = [figures.get(form.code, part.key, cell[0], cell[1], what) if cell else 0 for cell in cells]
            rows.append(GridRow(code, labels[what], "data", values))
    return Grid(form, part, columns, rows).finish()
