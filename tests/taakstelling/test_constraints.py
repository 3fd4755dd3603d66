"""The database refuses what a form should have refused.

The subject is the database, not the demo: the tests make their own gemeente and corporatie
(tests/fabriek.py) and rely only on the reference data of the migrations; the plan test
borrows an existing action of the demo."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from bemiddeling.models import Aanbod, Planning
from taakstelling.models import Bron, Realisatie, Taakstelling
from tests import fabriek

pytestmark = pytest.mark.django_db


def realisatie(gemeente, **kwargs):
    waarden = {
        "gemeente": gemeente,
        "maand": date(2023, 6, 1),
        "bron": Bron.objects.get(code="amv"),
        "personen_gehuisvest": 3,
        "personen_tellend": 3,
        "woningen": 1,
    }
    waarden.update(kwargs)
    return Realisatie.objects.create(**waarden)


@pytest.fixture
def proef():
    """A fresh gemeente and a corporatie."""
    return fabriek.gemeente(), fabriek.corporatie()


def geweigerd(fn):
    with pytest.raises(IntegrityError), transaction.atomic():
        fn()


def test_counting_persons_never_exceed_persons_housed(proef):
    gemeente, _corporatie = proef
    geweigerd(lambda: realisatie(gemeente, personen_tellend=4))


def test_one_row_per_gemeente_month_and_source(proef):
    gemeente, _corporatie = proef
    realisatie(gemeente)
    geweigerd(lambda: realisatie(gemeente))


def test_one_row_per_corporatie_for_regulier(proef):
    gemeente, corporatie = proef
    regulier = Bron.objects.get(code="regulier")
    realisatie(gemeente, bron=regulier, corporatie=corporatie)
    geweigerd(lambda: realisatie(gemeente, bron=regulier, corporatie=corporatie))


def test_regulier_needs_a_corporatie_and_other_sources_have_none(proef):
    gemeente, corporatie = proef
    geweigerd(lambda: realisatie(gemeente, bron=Bron.objects.get(code="regulier")))
    geweigerd(lambda: realisatie(gemeente, corporatie=corporatie))


def test_counts_cannot_be_negative(proef):
    gemeente, _corporatie = proef
    geweigerd(lambda: realisatie(gemeente, woningen=-1))


def test_a_month_is_stored_as_its_first_day(proef):
    gemeente, _corporatie = proef
    geweigerd(lambda: realisatie(gemeente, maand=date(2023, 6, 15)))


def test_one_quota_per_gemeente_per_half_year(proef):
    gemeente, _corporatie = proef
    Taakstelling.objects.create(gemeente=gemeente, jaar=2023, helft=1, aantal=1)
    geweigerd(lambda: Taakstelling.objects.create(gemeente=gemeente, jaar=2023, helft=1, aantal=1))


def test_planning_is_a_number_or_pm_never_both(demo):
    bestaand = Planning.objects.filter(gemeente=demo.almere).first()
    geweigerd(
        lambda: Planning.objects.create(
            actie=bestaand.actie, gemeente=demo.almere, maand=date(2024, 1, 1), pm=True, woningen=3
        )
    )
    geweigerd(
        lambda: Planning.objects.create(
            actie=bestaand.actie, gemeente=demo.almere, maand=date(2024, 2, 1), pm=False
        )
    )


def test_supply_to_vh_cannot_exceed_urgent_allocations(proef):
    gemeente, corporatie = proef
    geweigerd(
        lambda: Aanbod.objects.create(
            corporatie=corporatie,
            gemeente=gemeente,
            maand=date(2024, 1, 1),
            mutaties=10,
            ongeschikt_label=0,
            ongeschikt_huur=0,
            ongeschikt_grootte=0,
            toegewezen_urgenten=2,
            toegewezen_vh=3,
        )
    )
