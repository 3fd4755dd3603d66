"""A quota revised after the peildatum: the figures are the ones known today (the latest
revision applies everywhere), and the dashboard says next to the figure that it was revised
after the peildatum (docs/ARCHITECTURE.md, "Peildatum en bijstellingen")."""

import re
from datetime import date

import pytest

from taakstelling.models import Bijstelling, Taakstelling

NOTITIE = "bijgesteld op 15 jun 2023, na de peildatum"


def _tekst(antwoord) -> str:
    assert antwoord.status_code == 200
    return re.sub(r"\s+", " ", antwoord.content.decode())


@pytest.fixture
def verhoging(demo):
    """Seed 000 L33: Almere's 2023-II quota was raised mid-year; here 336 -> 350 on 15 June."""
    t = Taakstelling.objects.get(gemeente=demo.almere, jaar=2023, helft=2)
    Bijstelling.objects.create(
        taakstelling=t,
        gemeente=demo.almere,
        datum=date(2023, 6, 15),
        aantal=350,
        reden="Verhoging (test)",
    )
    return demo


def test_a_stand_before_the_revision_says_it_came_later(verhoging):
    tekst = _tekst(verhoging.client("provincie_a").get("/gemeenten/GM0034/?peildatum=2023-06-01"))
    # Known today: the raised figure is the one that applies.
    assert "350" in tekst
    assert NOTITIE in tekst
    assert "was 336" in tekst


def test_a_stand_after_the_revision_has_no_note(verhoging):
    tekst = _tekst(verhoging.client("provincie_a").get("/gemeenten/GM0034/?peildatum=2023-07-01"))
    assert "na de peildatum" not in tekst
