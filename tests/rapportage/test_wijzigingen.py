"""The audit trail page /gemeenten/<cbs>/wijzigingen/ (issue 'Invoer' §6)."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from bemiddeling.models import Aanbod
from kern.perioden import Maand
from organisaties.wijzigen import opslaan
from rapportage.selectors.wijzigingen import Filter, historiebronnen, wijzigingen
from taakstelling.models import Trede
from taakstelling.services.realisatie import Regelinvoer, realisatie_maand_opslaan
from taakstelling.toezicht import services as toezicht

URL = "/gemeenten/GM0034/wijzigingen/"
JUNI = date(2023, 6, 15)


def maand_opslaan(demo, maand, regels, persona="opgaveteam_a", reden=None):
    realisatie_maand_opslaan(
        gemeente=demo.almere,
        maand=maand,
        regels_in=regels,
        koppeling=None,
        door=demo.user(persona),
        reden=reden,
        vandaag=JUNI,
    )


def test_every_audited_model_with_a_gemeente_takes_part():
    labels = {b.label for b in historiebronnen()}
    assert {
        "taakstelling.realisatie",
        "taakstelling.koppeling",
        "taakstelling.maandrapportage",
        "taakstelling.mijlpaal",
        "taakstelling.ibtstatus",
        "bemiddeling.aanbod",
        "bemiddeling.planning",
    } <= labels


def test_a_change_shows_who_what_old_new_and_why(demo):
    ymere = demo.almere.realisaties.get(maand="2023-04-01", corporatie__slug="ymere")
    maand_opslaan(
        demo,
        Maand(2023, 4),
        [Regelinvoer(("regulier", "ymere"), "7", "7", "3", versie=ymere.versie)],
        reden="Nagekomen toewijzing",
    )
    html = demo.client("taskforce_a").get(URL).content.decode()
    assert "Gewijzigd: Realisatie april 2023, Reguliere toewijzing door corporatie, Ymere" in html
    assert "personen gehuisvest: 6 → 7" in html and "personen tellend: 6 → 7" in html
    rij = "Realisatie april 2023, Reguliere toewijzing door corporatie, Ymere"
    assert "woningen:" not in html.split(rij)[1].split("</tr>")[0]
    assert "opgaveteam-almere" in html and "Nagekomen toewijzing" in html


def test_creates_and_deletes_show_their_values(demo):
    maand_opslaan(demo, Maand(2023, 5), [Regelinvoer(("amv", None), "3", "3", "1")])
    r = demo.almere.realisaties.get(maand="2023-05-01", bron="amv")
    maand_opslaan(demo, Maand(2023, 5), [Regelinvoer(("amv", None), "", "", "", versie=r.versie)])
    ik = demo.user("opgaveteam_a").pk
    pagina = wijzigingen(
        demo.almere, demo.user("taskforce_a"), Filter(maand=Maand(2023, 5), persoon_id=ik)
    )
    soorten = [(w.soort, w.wat) for w in pagina.wijzigingen]
    assert soorten == [
        ("Verwijderd", "Realisatie mei 2023, AMV (Nidos)"),
        ("Nieuw", "Realisatie mei 2023, AMV (Nidos)"),
        ("Nieuw", "Maandrapportage mei 2023"),
    ]
    weg, nieuw = pagina.wijzigingen[0], pagina.wijzigingen[1]
    assert ("personen gehuisvest", "3", "–") in [(v.veld, v.oud, v.nieuw) for v in weg.velden]
    assert ("personen gehuisvest", "–", "3") in [(v.veld, v.oud, v.nieuw) for v in nieuw.velden]


def test_it_filters_by_the_figures_month_and_by_person(demo):
    maand_opslaan(demo, Maand(2023, 5), [Regelinvoer(("amv", None), "3", "3", "1")])
    client = demo.client("opgaveteam_a")
    html = client.get(URL + "?maand=2023-05").content.decode()
    assert "Realisatie mei 2023, AMV (Nidos)" in html and "april 2023" not in html
    ik = demo.user("opgaveteam_a")
    html = client.get(URL + f"?persoon={ik.pk}").content.decode()
    assert "2 wijzigingen, nieuwste eerst" in html  # the month header and the row
    assert "Demo geladen" not in html
    assert f'<option value="{ik.pk}" selected>' in html


@pytest.mark.parametrize(
    "query",
    [
        "?maand=2023-13",
        "?maand=mei",
        "?persoon=999999",
        "?persoon=x",
        "?pagina=-4",
        "?pagina=abc",
        "?pagina=99999",
    ],
)
def test_bad_filters_get_a_message_never_a_500(demo, query):
    antwoord = demo.client("opgaveteam_a").get(URL + query)
    assert antwoord.status_code == 200
    if "maand" in query or "persoon" in query:
        assert 'aria-invalid="true"' in antwoord.content.decode()


def test_a_corporatie_does_not_see_another_corporaties_supply_rows(demo):
    goedestede_aanbod = Aanbod.objects.filter(
        gemeente=demo.almere, corporatie__slug="goedestede"
    ).first()
    goedestede_aanbod.mutaties += 1
    goedestede_aanbod.toegewezen_urgenten += 0
    opslaan(goedestede_aanbod, door=demo.user("corporatie_a2"), reden="correctie GoedeStede")
    ymere = wijzigingen(demo.almere, demo.user("corporatie_a"), Filter(), per_pagina=500)
    alles = wijzigingen(demo.almere, demo.user("taskforce_a"), Filter(), per_pagina=500)
    assert "correctie GoedeStede" in [w.reden for w in alles.wijzigingen]
    assert "correctie GoedeStede" not in [w.reden for w in ymere.wijzigingen]
    assert "correctie GoedeStede" not in demo.client("corporatie_a").get(URL).content.decode()
    assert "correctie GoedeStede" in demo.client("provincie_a").get(URL).content.decode()


def test_pages_hold_fifty_and_link_on(demo):
    client = demo.client("opgaveteam_a")
    # The page's own table; the reference data note below it is not paged.
    eerste = client.get(URL).content.decode().split('id="referentie-kop"')[0]
    totaal = wijzigingen(demo.almere, demo.user("opgaveteam_a"), Filter()).aantal
    assert totaal > 50 and eerste.count('scope="row">') == 50
    assert "Oudere wijzigingen" in eerste
    laatste = client.get(URL + f"?pagina={-(-totaal // 50)}").content.decode()
    assert laatste.count('scope="row">') == totaal - 50 * (
        totaal // 50 if totaal % 50 else totaal // 50 - 1
    )


def _veel_wijzigingen(demo, n):
    maanden = [Maand(2023, m) for m in (1, 2, 3, 4)]
    for i in range(n):
        for maand in maanden:
            r = demo.almere.realisaties.get(maand=maand.eerste_dag, corporatie__slug="ymere")
            maand_opslaan(
                demo,
                maand,
                [
                    Regelinvoer(
                        ("regulier", "ymere"),
                        str(r.personen_gehuisvest + 1),
                        "",
                        str(r.woningen),
                        versie=r.versie,
                    )
                ],
                reden=f"ronde {i}",
            )


@pytest.mark.parametrize("rondes", [1, 15])
def test_the_query_count_does_not_grow_with_the_rows(demo, rondes, django_assert_max_num_queries):
    """A page with 50 rows of many kinds costs what a page with a few does."""
    _veel_wijzigingen(demo, rondes)
    client = demo.client("opgaveteam_a")
    client.get(URL)
    with django_assert_max_num_queries(45):
        antwoord = client.get(URL)
    assert antwoord.status_code == 200
    with django_assert_max_num_queries(45):
        client.get(URL + "?maand=2023-03&pagina=2")


# --- dates in Amsterdam time (finding 3) ----------------------------------------------------

ZOMERNACHT = datetime(2023, 7, 14, 23, 30, tzinfo=UTC)  # 01:30 on 15 July in Amsterdam


def test_a_change_just_after_midnight_shows_its_own_day_and_time(demo):
    """The date was formatted in UTC (14 jul) beside a local time (01:30)."""
    with time_machine.travel(ZOMERNACHT, tick=False):
        maand_opslaan(demo, Maand(2023, 6), [Regelinvoer(("amv", None), "3", "3", "1")])
        trede = Trede.objects.filter(provincie=demo.flevoland).order_by("nummer").last()
        toezicht.ibt_status_vastleggen(
            gemeente=demo.almere,
            trede=trede,
            sinds=date(2023, 7, 1),
            reden="Na het overleg",
            verschoonbaar=False,
            verschoonbaar_grond="",
            door=demo.user("provincie_a"),
            huidig_id=toezicht.huidige_status(demo.almere).pk,
        )
    client = demo.client("opgaveteam_a")
    ik, provincie = demo.user("opgaveteam_a").pk, demo.user("provincie_a").pk
    html = client.get(URL + f"?persoon={ik}&maand=2023-06").content.decode()
    assert '<time datetime="2023-07-15T01:30:00+02:00">15 jul 2023 01:30</time>' in html
    assert "14 jul 2023" not in html
    # A datetime field of a figure (the IBT status's 'vastgesteld op') reads the same way.
    html = client.get(URL + f"?persoon={provincie}").content.decode()
    assert "vastgesteld op: – → 15 jul 2023 01:30" in html and "14 jul 2023" not in html
    ibt = " ".join(client.get("/gemeenten/GM0034/ibt/").content.decode().split())
    assert "provincie-flevoland, 15 jul 2023" in ibt


# --- what a corporatie sees (finding 15) ----------------------------------------------------


def test_a_corporatie_sees_the_gemeentes_realisation_of_other_corporaties_everywhere(demo):
    """Realisation through GoedeStede is a figure of Almere: Ymere sees it on the month page,
    in the export and now also in the audit trail (it used to be hidden only there)."""
    goedestede = demo.almere.realisaties.get(maand="2023-04-01", corporatie__slug="goedestede")
    maand_opslaan(
        demo,
        Maand(2023, 4),
        [
            Regelinvoer(
                ("regulier", "goedestede"),
                str(goedestede.personen_gehuisvest + 1),
                "",
                str(goedestede.woningen),
                versie=goedestede.versie,
            )
        ],
        reden="Nagekomen GoedeStede",
    )
    ymere = demo.client("corporatie_a")
    assert "Nagekomen GoedeStede" in ymere.get(URL).content.decode()
    maand = ymere.get("/gemeenten/GM0034/realisatie/2023-04/").content.decode()
    assert "Reguliere toewijzing door corporatie: GoedeStede" in maand
    export = ymere.get("/gemeenten/GM0034/realisatie/export.csv").content.decode()
    assert "GM0034,2023-04,regulier,goedestede," in export


def test_who_sees_whose_supply_rows_is_decided_in_toegang(demo):
    from organisaties import toegang

    assert toegang.zichtbare_aanbod_corporaties(demo.user("corporatie_a"), demo.almere) == {
        demo.ymere.pk
    }
    for persona in ("opgaveteam_a", "taskforce_a", "provincie_a", "beheerder"):
        assert toegang.zichtbare_aanbod_corporaties(demo.user(persona), demo.almere) is None
