"""The monthly labour-market report IPK III/1–III/8 (domain guide §8).

- `facts.py`  what counts: the facts recorded on AK-1 cards and vacancies when they happen, and the SQL that
              selects each month's registered, placed (filled) and removed job seekers and vacancy slots. Every
              report and the dashboard count through it, so each rule lives in one place.
"""
