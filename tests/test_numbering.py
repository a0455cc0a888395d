import threading

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from app.core.numbering import format_number, next_number
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


def test_format_number():
    assert format_number("560/{n:04d}/AK1/{year}", 7, year=2026) == "560/0007/AK1/2026"


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
