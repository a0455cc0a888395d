"""Identity numbers are checked in one place (app/core/identifiers.py), whoever holds them: job seekers, PKWT
workers, companies; the closed lists they go with (sex) live once in app/reference."""
from datetime import date, timedelta

import pytest

from app.core.formatting import today_jakarta
from tests.conftest import unique
from tests.seekers_support import nik_for


def test_nik_checks_live_in_core_and_are_the_only_copy():
    from app.core import identifiers
    from app.core.validation import DomainError
    from app.seekers import rules

    nik = nik_for(date(1999, 3, 7), "P")
    identifiers.check_nik_matches(identifiers.clean_nik(f" {nik} "), date(1999, 3, 7), "P")
    with pytest.raises(DomainError, match="NIK tidak valid") as refused:
        identifiers.clean_nik("3603011234")
    assert refused.value.field == "nik"
    assert not hasattr(rules, "clean_nik") and not hasattr(rules, "check_nik_matches")


@pytest.mark.parametrize("typed,stored", [("e1234567", "E1234567"), (" A 123 456 7 ", "A1234567"),
                                          ("X1234", "X1234")])
def test_a_passport_number_is_kept_in_one_spelling(typed, stored):
    from app.core.identifiers import clean_passport

    assert clean_passport(typed) == stored


@pytest.mark.parametrize("typed", ["", "   ", "E-123/4567", "E1234567890123456789012", "É1234567"])
def test_a_passport_number_that_cannot_be_one_is_refused_at_its_field(typed):
    from app.core.identifiers import clean_passport
    from app.core.validation import DomainError

    with pytest.raises(DomainError, match="paspor") as refused:
        clean_passport(typed)
    assert refused.value.field == "passport_number"


def test_a_foreign_worker_is_registered_under_the_passport_as_printed(app, db):
    from app.contracts import services
    from app.contracts.models import PkwtContract
    from app.core.validation import DomainError
    from tests.test_pkwt_letter import company_id_of

    today = today_jakarta()
    worker = dict(nik=None, full_name=f"Li Wei {unique()}", sex="L", birth_date=date(1990, 1, 1), address="Cikupa",
                  nationality="CN", position="Tenaga Ahli", place_of_work="Pabrik", wage=20000000,
                  wage_payment="bulanan", kind="jangka_waktu", start_date=today,
                  end_date=today + timedelta(days=364), signed_at=today)
    submission = services.submit(company_id_of(app), [PkwtContract(passport_number=" e 1234567 ", **worker)])
    assert submission.contracts[0].passport_number == "E1234567"
    with pytest.raises(DomainError, match="paspor") as refused:
        services.submit(company_id_of(app), [PkwtContract(passport_number="E-123/4567", **worker)])
    assert refused.value.field == "passport_number"
    db.session.rollback()


def test_company_identifiers_are_checked_in_core():
    from app.core.identifiers import clean_nib, clean_npwp, format_npwp

    assert clean_npwp("01.312.166.0-091.000") == "0013121660091000"
    assert format_npwp("0013121660091000") == "01.312.166.0-091.000"
    assert clean_nib("9120 0000 00000") == "9120000000000"


def test_the_sex_list_is_defined_once():
    from app.contracts import batch, recap
    from app.reference.lists import SEX_CHOICES, SEX_LABELS, parse_sex
    from app.seekers import models, views

    assert dict(SEX_LABELS) == {"L": "Laki-laki", "P": "Perempuan"}
    assert recap.SEX_LABELS is models.SEX_LABELS is SEX_LABELS
    assert views.SEX_CHOICES is SEX_CHOICES and [code for code, _ in SEX_CHOICES] == ["L", "P"]
    assert [parse_sex(value) for value in ("l", " Laki-laki ", "PEREMPUAN", "x")] == ["L", "L", "P", None]
    assert not hasattr(batch, "SEXES")
