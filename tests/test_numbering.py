import threading

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from datetime import date

from app.core.numbering import NumberFormat, next_number
from tests.conftest import TEST_CONFIG, unique


def test_numbers_run_from_one_per_series_and_year(db):
    ak1, pkwt = unique("ak1-"), unique("pkwt-")
    assert [next_number(ak1, 2026) for _ in range(3)] == [1, 2, 3]
    assert [next_number(ak1, 2027) for _ in range(2)] == [1, 2]
    assert next_number(pkwt, 2026) == 1
    assert next_number(ak1, 2026) == 4
    db.session.commit()


def test_rolled_back_number_is_issued_again(db):
    series = unique("ak1-")
    assert next_number(series, 2026) == 1
    db.session.commit()
    assert next_number(series, 2026) == 2
    db.session.rollback()  # e.g. the card failed validation after taking its number
    assert next_number(series, 2026) == 2
    db.session.commit()
    assert next_number(series, 2026) == 3


def test_rollback_of_a_new_series_leaves_no_row_behind(db):
    series = unique("ak1-")
    assert next_number(series, 2026) == 1
    db.session.rollback()
    assert next_number(series, 2026) == 1


def test_official_numbers_are_written_by_the_format_of_their_series():
    from app.contracts.documents import PKWT_NUMBERS
    from app.seekers.documents import AK1_NUMBERS

    assert AK1_NUMBERS.format(date(2026, 11, 24), 42) == "3603-241126-000042"  # regency, issue date, serial
    assert PKWT_NUMBERS.format(date(2026, 3, 5), 7) == "00007/PKWT/DISNAKER/03/2026"
    assert (AK1_NUMBERS.series, AK1_NUMBERS.reset, PKWT_NUMBERS.series, PKWT_NUMBERS.reset) == \
        ("ak1", "year", "pkwt", "year")


def test_a_monthly_series_starts_again_each_month(db):
    series = NumberFormat(unique("letter-"), prefix="560/%Y%m/", padding=3, reset="month")
    issued = [series.issue(day).text for day in (date(2026, 1, 30), date(2026, 1, 31), date(2026, 2, 1))]
    assert issued == ["560/202601/001", "560/202601/002", "560/202602/001"]
    db.session.commit()


def test_a_series_that_never_resets_runs_on_across_years(db):
    series = NumberFormat(unique("perm-"), prefix="IZN-", padding=5, reset="never", suffix="/%Y")
    issued = [series.issue(day) for day in (date(2025, 12, 31), date(2026, 1, 1))]
    assert [(n.serial, n.text) for n in issued] == [(1, "IZN-00001/2025"), (2, "IZN-00002/2026")]
    db.session.commit()


def test_an_unknown_reset_period_is_refused_where_the_series_is_declared():
    with pytest.raises(ValueError, match="reset"):
        NumberFormat("x", prefix="X-", padding=3, reset="weekly")


@pytest.mark.skipif(not TEST_CONFIG["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"),
                    reason="row locks are only contended on PostgreSQL")
def test_concurrent_issuers_get_unique_gap_free_numbers(app):
    threads, per_thread = 8, 25
    series = unique("ak1-")
    engine = create_engine(TEST_CONFIG["SQLALCHEMY_DATABASE_URI"], pool_size=threads, max_overflow=0)
    start = threading.Barrier(threads)
    committed, rolled_back, errors = [], [], []

    def issue(worker):
        try:
            start.wait()  # all threads race for the (still missing) sequence row at once
            for i in range(per_thread):
                with Session(engine) as session:
                    number = next_number(series, 2026, session)
                    if (worker + i) % 4 == 0:
                        session.rollback()
                        rolled_back.append(number)
                    else:
                        session.commit()
                        committed.append(number)
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)

    workers = [threading.Thread(target=issue, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    engine.dispose()

    assert errors == []
    assert rolled_back  # the scenario did roll some numbers back
    assert len(committed) == threads * per_thread - len(rolled_back)
    assert sorted(committed) == list(range(1, len(committed) + 1))
