"""Periodic reports (design guide: `reporting/`): the monthly vacancy and placement reports, the exports in
Karirhub's layout and the list of employers that do not report vacancies (Perpres 57/2023).

The shape, for the reports to come (the IPK report of issue 11):
- `tables.py`    the month (parsing, WIB bounds) and the plain data every report is made of: a `Report` of
                 `Table`s (label column, number columns, totals);
- `monthly.py`   data functions: SQL GROUP BY over the dated facts, returning a `Report`;
- `xlsx.py`      one renderer of any `Report` to XLSX; reports/vacancy_monthly.py renders it to PDF;
- `karirhub.py`  the export layouts (declared column lists) and their rows;
- `compliance.py` employers with PKWT or placements but no vacancy reported; reports/warning_letter.py;
- `tasks.py`     large exports as background jobs; `views.py` the officers' screens.
Data functions know nothing of HTTP or files; renderers know nothing of SQL.
"""
