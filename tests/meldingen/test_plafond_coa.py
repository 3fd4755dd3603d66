"""Two kinds of event of issue 16 item 1 with worked figures: a corporatie's share of mutaties
to VH above the agreed cap (only to who may see that corporatie's supply), and the own count
of a half-year differing from COA's by more than the threshold."""

from datetime import date, timedelta

from bemiddeling.models import Aanbod, Verdeelafspraak
from meldingen import services, soorten
from meldingen.models import Melding, Soort, Wijze
from organisaties.models import Corporatie, Rol
from taakstelling.models import Maandrapportage
from taakstelling.officieel.models import CoaHalfjaar
from tests.conftest import DEMO_VANDAAG, PERSONAS

VANDAAG = date(2030, 5, 20)  # the window: February, March and April 2030


def _wie(sleutel: str) -> dict[str, str]:
    return dict(Melding.objects.filter(sleutel=sleutel).values_list("user__username", "wijze"))


def _almere_coa() -> list[str]:
    return list(
        Melding.objects.filter(soort=Soort.COA_VERSCHIL, gemeente__cbs_code="GM0034").values_list(
            "sleutel", flat=True
        )
    )


def _aanbod(gemeente, corporatie, maand: date, mutaties: int, vh: int) -> None:
    Aanbod.objects.create(
        corporatie=corporatie, gemeente=gemeente, maand=maand, mutaties=mutaties,
        ongeschikt_label=0, ongeschikt_huur=0, ongeschikt_grootte=0,
        toegewezen_urgenten=vh, toegewezen_vh=vh,
    )  # fmt: skip


def _plafond(gemeente, corporatie, teller: int, vanaf: date, tot: date | None = None) -> None:
    Verdeelafspraak.objects.create(
        gemeente=gemeente, corporatie=corporatie, soort=Verdeelafspraak.Soort.PLAFOND_VH,
        teller=teller, noemer=100, geldig_vanaf=vanaf, geldig_tot=tot,
    )  # fmt: skip


def test_the_defaults_per_role():
    assert soorten.standaard([Rol.OPGAVETEAM], Soort.PLAFOND_VH) == Wijze.DIRECT
    assert soorten.standaard([Rol.PROVINCIE], Soort.PLAFOND_VH) == Wijze.OVERZICHT
    assert soorten.standaard([Rol.CORPORATIE], Soort.PLAFOND_VH) == Wijze.DIRECT
    assert soorten.standaard([Rol.TASKFORCE], Soort.PLAFOND_VH) == Wijze.UIT
    assert soorten.standaard([Rol.OPGAVETEAM], Soort.COA_VERSCHIL) == Wijze.DIRECT
    assert soorten.standaard([Rol.PROVINCIE], Soort.COA_VERSCHIL) == Wijze.OVERZICHT
    assert soorten.standaard([Rol.TASKFORCE], Soort.COA_VERSCHIL) == Wijze.UIT
    assert soorten.standaard([Rol.CORPORATIE], Soort.COA_VERSCHIL) == Wijze.UIT


def test_a_share_to_vh_above_the_cap_per_corporatie_and_month(demo):
    almere = demo.almere
    ymere = Corporatie.objects.get(slug="ymere")
    goedestede = Corporatie.objects.get(slug="goedestede")
    # Almere's cap for every corporatie: 25% until 16 April 2030, then 20%: April is 15 days
    # at 25% and 15 at 20%, 22,5% day-weighted. GoedeStede agreed its own 30%.
    _plafond(almere, None, 25, date(2030, 1, 1), date(2030, 4, 16))
    _plafond(almere, None, 20, date(2030, 4, 16))
    _plafond(almere, goedestede, 30, date(2030, 1, 1))
    _aanbod(almere, ymere, date(2030, 1, 1), 10, 9)  # 90%, but before the window
    _aanbod(almere, ymere, date(2030, 3, 1), 40, 11)  # 27,5% > 25%: above
    _aanbod(almere, ymere, date(2030, 4, 1), 40, 9)  # 22,5% = 22,5%: not above
    _aanbod(almere, goedestede, date(2030, 2, 1), 20, 7)  # 35% > its own 30%: above
    _aanbod(almere, goedestede, date(2030, 3, 1), 20, 6)  # 30%: not above its own cap
    _aanbod(almere, ymere, date(2030, 5, 1), 10, 9)  # May is not complete yet

    services.alles_controleren(VANDAAG)
    services.plafond_controleren(VANDAAG)  # twice: nothing twice

    assert sorted(set(Melding.objects.filter(soort=Soort.PLAFOND_VH).values_list("sleutel"))) == [
        ("plafond:GM0034:goedestede:2030-02",),
        ("plafond:GM0034:ymere:2030-03",),
    ]
    # The gemeente's opgaveteam and the province hear of both; a corporatie only of its own;
    # the taskforce has it off.
    assert _wie("plafond:GM0034:ymere:2030-03") == {
        PERSONAS["opgaveteam_a"]: Wijze.DIRECT,
        PERSONAS["provincie_a"]: Wijze.OVERZICHT,
        PERSONAS["corporatie_a"]: Wijze.DIRECT,
    }
    assert _wie("plafond:GM0034:goedestede:2030-02") == {
        PERSONAS["opgaveteam_a"]: Wijze.DIRECT,
        PERSONAS["provincie_a"]: Wijze.OVERZICHT,
        PERSONAS["corporatie_a2"]: Wijze.DIRECT,
    }
    m = Melding.objects.get(
        sleutel="plafond:GM0034:ymere:2030-03", user__username="opgaveteam-almere"
    )
    assert m.titel == "Almere: Ymere boven het plafond voor vergunninghouders in maart 2030"
    assert m.tekst == (
        "Ymere wees in maart 2030 in Almere 11 woningen van de 40 vrijgekomen sociale "
        "huurwoningen toe aan vergunninghouders: 27,5%. Het afgesproken plafond is 25,0%."
    )
    assert m.link == "/gemeenten/GM0034/"


def test_a_difference_with_coa_above_the_threshold(demo, settings):
    almere = demo.almere
    # Zeewolde's overview of 30 April 2023 (12 against its own 22) is an event of its own.
    # The demo: COA's overview of 30 April 2023 counts 74 persons in 2023-H1; Almere itself
    # 22 + 19 + 20 + 17 = 78 in January to April: a difference of 4, not above 5.
    services.coa_controleren(DEMO_VANDAAG)
    assert _almere_coa() == []
    # A newer overview counts 84: 6 more than Almere's 78.
    CoaHalfjaar.objects.create(
        publicatiedatum=date(2023, 5, 10), gemeente=almere, jaar=2023, helft=1, gerealiseerd=84
    )
    settings.MELDINGEN_COA_DREMPEL = 6
    services.coa_controleren(DEMO_VANDAAG)
    assert _almere_coa() == []  # 6 is not more than 6
    settings.MELDINGEN_COA_DREMPEL = 5
    services.alles_controleren(DEMO_VANDAAG)
    services.coa_controleren(DEMO_VANDAAG)
    sleutel = "coa:GM0034:2023-H1:2023-05-10"
    assert _almere_coa() == [sleutel, sleutel]
    assert _wie(sleutel) == {
        PERSONAS["opgaveteam_a"]: Wijze.DIRECT,
        PERSONAS["provincie_a"]: Wijze.OVERZICHT,
    }
    m = Melding.objects.get(sleutel=sleutel, user__username="opgaveteam-almere")
    assert m.titel == "Almere: het COA telt 6 personen meer in de eerste helft 2023"
    assert m.tekst == (
        "Volgens het overzicht van het COA van 10 mei 2023 zijn van januari 2023 tot en met "
        "april 2023 84 personen gehuisvest; de gemeente telt er zelf 78. Het verschil is 6, "
        "meer dan de drempel van 5. De afstemming toont per maand de waarschijnlijke oorzaak."
    )
    assert m.link == "/gemeenten/GM0034/afstemming/?halfjaar=2023-H1"


def test_a_month_not_entered_makes_the_own_count_unknown_not_zero(demo):
    CoaHalfjaar.objects.create(
        publicatiedatum=date(2023, 5, 10), gemeente=demo.almere, jaar=2023, helft=1,
        gerealiseerd=84,
    )  # fmt: skip
    Maandrapportage.objects.filter(gemeente=demo.almere, maand=date(2023, 3, 1)).delete()
    services.coa_controleren(DEMO_VANDAAG)
    assert _almere_coa() == []


def test_at_sending_a_corporatie_still_gets_only_its_own_supply(demo):
    """Access is checked again at sending and showing: a row about Ymere's supply that reached
    a user of GoedeStede (say it moved between organisations) is not mailed nor shown."""
    from meldingen import verzenden
    from organisaties.models import User

    almere = demo.almere
    ymere = Corporatie.objects.get(slug="ymere")
    _plafond(almere, None, 25, date(2030, 1, 1))
    _aanbod(almere, ymere, date(2030, 3, 1), 40, 11)
    services.plafond_controleren(VANDAAG)
    eigen = Melding.objects.get(user__username=PERSONAS["corporatie_a"], soort=Soort.PLAFOND_VH)
    ander = User.objects.get(username=PERSONAS["corporatie_a2"])
    vreemd = Melding.objects.create(
        user=ander, sleutel=eigen.sleutel, soort=eigen.soort, gemeente=almere, titel=eigen.titel,
        tekst=eigen.tekst, link=eigen.link, gegevens=eigen.gegevens, wijze=Wijze.DIRECT,
    )  # fmt: skip
    assert verzenden._mag_zien(ander, [vreemd]) == []
    assert verzenden._mag_zien(eigen.user, [eigen]) == [eigen]
    # Nor in the application: not in the list, opening it is 404; Ymere's own user sees it.
    titel = "Ymere boven het plafond"
    assert titel not in demo.client("corporatie_a2").get("/meldingen/").content.decode()
    assert demo.client("corporatie_a2").get(f"/meldingen/{vreemd.pk}/").status_code == 404
    assert titel in demo.client("corporatie_a").get("/meldingen/").content.decode()
    assert titel in demo.client("opgaveteam_a").get("/meldingen/").content.decode()


def test_both_kinds_are_on_the_settings_page_and_the_command_reports_them(demo):
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    pagina = demo.client("corporatie_a").get("/meldingen/instellingen/").content.decode()
    assert "Een corporatie wijst meer toe aan vergunninghouders dan het afgesproken" in pagina
    assert "De eigen telling wijkt meer dan de drempel af van die van het COA" in pagina

    # Last month, whatever day the test runs (the command looks at today).
    vorige = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    _plafond(demo.almere, None, 25, vorige)
    _aanbod(demo.almere, Corporatie.objects.get(slug="ymere"), vorige, 40, 11)
    uit = StringIO()
    call_command("signalen_versturen", stdout=uit)
    # The opgaveteam, the province and Ymere: three notifications of one event.
    assert "3 over het plafond, 0 over verschillen met het COA." in uit.getvalue()


def test_both_kinds_in_the_provinces_weekly_overview(demo, smtp):
    from meldingen import verzenden
    from tests.meldingen.hulp import geef_iedereen_een_adres

    adres = geef_iedereen_een_adres()
    _plafond(demo.almere, None, 25, date(2030, 1, 1))
    _aanbod(demo.almere, Corporatie.objects.get(slug="ymere"), date(2030, 3, 1), 40, 11)
    services.plafond_controleren(VANDAAG)
    CoaHalfjaar.objects.create(
        publicatiedatum=date(2023, 5, 10), gemeente=demo.almere, jaar=2023, helft=1,
        gerealiseerd=84,
    )  # fmt: skip
    services.coa_controleren(DEMO_VANDAAG)
    assert verzenden.digest_versturen("week") >= 1
    [bericht] = smtp.verzamelaar.aan(adres["provincie_a"])
    tekst = bericht.get_body(("plain",)).get_content()
    assert "Ymere boven het plafond voor vergunninghouders in maart 2030" in tekst
    assert "het COA telt 6 personen meer in de eerste helft 2023" in tekst
