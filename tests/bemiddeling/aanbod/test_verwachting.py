"""The expected supply with its optional split by household size (issue 14 §9): entered by the
corporatie on its supply page, checked (the split is a part of the expected mutaties), audited
with the reason, a recompute requested, and only by the corporatie's own users."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bemiddeling.huishoudens.aanbod import verwacht_per_maand
from bemiddeling.models import Aanbodverwachting
from bemiddeling.services import aanbod as diensten
from bemiddeling.services.aanbod import Verwachtingcijfers, controleer_verwachting

PAD = "/corporaties/ymere/aanbod/2023-06/GM0034/verwachting/"
PAGINA = "/corporaties/ymere/aanbod/2023-06/"
P = "verwachting-GM0034-"


def velden(**waarden) -> dict:
    basis = {"geldig_vanaf": "2023-06-01", "mutaties_per_maand": "10", "reden": ""}
    return {P + k: v for k, v in (basis | waarden).items()}


def test_the_split_may_not_exceed_the_expected_mutaties():
    assert controleer_verwachting(Verwachtingcijfers(Decimal(10), Decimal(4), Decimal(6))) == {}
    fouten = controleer_verwachting(
        Verwachtingcijfers(Decimal(10), Decimal(4), Decimal(6), Decimal("0.5"))
    )
    assert list(fouten) == ["__all__"]
    assert "samen 10,50 per maand" in fouten["__all__"]
    assert "meer dan de verwachte mutaties per maand (10,00)" in fouten["__all__"]
    assert list(controleer_verwachting(Verwachtingcijfers(Decimal(10), Decimal(-1)))) == ["vh_1"]
    # Without a split nothing is checked beyond the mutaties: empty is unknown, not 0.
    assert Verwachtingcijfers(Decimal(10)).split_totaal is None


def test_the_corporatie_enters_the_split_on_its_supply_page(
    demo, juni_2023, herberekeningen, django_capture_on_commit_callbacks
):
    client = demo.client("corporatie_a")
    voor = verwacht_per_maand(demo.almere, date(2023, 6, 15))
    pagina = client.get(PAGINA).content.decode()
    assert "Verwacht aanbod per maand" in pagina and "Voor 3 of 4 personen" in pagina
    assert "Verwachting vastleggen" in pagina
    # Beside the month's form in the same block: a label of its own.
    assert "Reden van de wijziging van de verwachting" in pagina
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            PAD, velden(vh_1="3,5", vh_2="2", vh_3_4="1", vh_5_plus="", reden="Nieuwe prognose")
        )
    assert antwoord.status_code == 302
    assert antwoord.url.endswith("/corporaties/ymere/aanbod/2023-06/#verwachting-GM0034")
    rij = Aanbodverwachting.objects.get(
        corporatie=demo.ymere, gemeente=demo.almere, geldig_vanaf=date(2023, 6, 1)
    )
    assert (rij.mutaties_per_maand, rij.vh_1, rij.vh_2, rij.vh_3_4, rij.vh_5_plus) == (
        Decimal(10),
        Decimal("3.5"),
        Decimal(2),
        Decimal(1),
        None,
    )
    historie = rij.history.latest()
    assert historie.history_change_reason == "Nieuwe prognose"
    assert historie.history_user == demo.user("corporatie_a")
    assert herberekeningen == [demo.almere.pk]
    # The panel of the gemeente reads it: Ymere's new expectation replaces its older one (the
    # demo's 3 for one person and 0,5 for five or more; the other corporaties' stay).
    per_maand = verwacht_per_maand(demo.almere, date(2023, 6, 15))
    assert per_maand["1"] == voor["1"] + Decimal("0.5")
    assert per_maand["5+"] == voor["5+"] - Decimal("0.5")
    pagina = client.get(PAGINA).content.decode()
    assert "3,5 / 2,0 / 1,0 / onbekend" in pagina


def test_a_split_above_the_mutaties_is_refused_in_dutch_and_changes_nothing(demo, juni_2023):
    voor = Aanbodverwachting.objects.count()
    antwoord = demo.client("corporatie_a").post(PAD, velden(vh_1="8", vh_2="3"))
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Er is niets opgeslagen" in tekst
    assert "zijn samen 11,00 per maand; dat is meer dan de verwachte mutaties" in tekst
    assert Aanbodverwachting.objects.count() == voor


@pytest.mark.parametrize(
    ("veld", "waarde", "melding"),
    [
        ("vh_1", "twee", "geen aantal"),
        ("vh_2", "-1", "0 of meer"),
        ("vh_3_4", "1,234", "hoogstens twee decimalen"),
        ("mutaties_per_maand", "", "Vul de verwachte mutaties per maand in."),
        ("geldig_vanaf", "31-02-2023", "geldige datum"),
    ],
)
def test_bad_input_gets_a_dutch_message_at_its_field(demo, juni_2023, veld, waarde, melding):
    voor = Aanbodverwachting.objects.count()
    tekst = demo.client("corporatie_a").post(PAD, velden(**{veld: waarde})).content.decode()
    assert melding in tekst
    assert Aanbodverwachting.objects.count() == voor


def test_an_expectation_from_long_ago_needs_a_reason(demo, juni_2023):
    tekst = (
        demo.client("corporatie_a")
        .post(PAD, velden(geldig_vanaf="2023-01-01", vh_1="1"))
        .content.decode()
    )
    assert "Geef een reden" in tekst
    with pytest.raises(ValidationError):
        diensten.verwachting_registreren(
            corporatie=demo.ymere,
            gemeente=demo.almere,
            geldig_vanaf=date(2023, 1, 1),
            cijfers=Verwachtingcijfers(Decimal(30), Decimal(1)),
            door=demo.user("corporatie_a"),
        )


def test_only_the_corporatie_itself_may_enter_it(demo, juni_2023):
    for persona in ("corporatie_a2", "opgaveteam_a", "provincie_a", "taskforce_a"):
        with pytest.raises(PermissionDenied):
            diensten.verwachting_registreren(
                corporatie=demo.ymere,
                gemeente=demo.almere,
                geldig_vanaf=date(2023, 6, 1),
                cijfers=Verwachtingcijfers(Decimal(10)),
                door=demo.user(persona),
            )
    voor = Aanbodverwachting.objects.count()
    assert demo.client("corporatie_a2").post(PAD, velden()).status_code == 404
    assert demo.client("beheerder").post(PAD, velden()).status_code == 403
    beheerder = demo.client("beheerder").get(PAGINA).content.decode()
    assert "Verwacht aanbod per maand" in beheerder
    assert "Verwachting vastleggen" not in beheerder  # read only
    assert Aanbodverwachting.objects.count() == voor
