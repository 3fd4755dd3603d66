"""A reason where a change rewrites past figures, one rule and one length for every reason
(review findings 10 and 12, D4): ``organisaties.wijzigen.vereis_reden`` applied to the
earliest month a change affects."""

import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from bemiddeling.models import Actie, Actieplan, Planning
from bemiddeling.services import plan as plandiensten
from kern.perioden import Halfjaar, Maand
from organisaties.wijzigen import REDEN_MAX, vereis_reden
from taakstelling.models import IbtStatus, Mijlpaal, Openingssaldo, Realisatie, Trede
from taakstelling.services import taakstelling as taakdiensten
from taakstelling.toezicht import services as toezichtdiensten

TE_LANG = "x" * (REDEN_MAX + 1)
PLAN = "/gemeenten/GM0034/plan/2023-05-01/"


@pytest.fixture
def augustus_2023():
    """15 August 2023: July is the previous month; the plan's start (May) lies further back."""
    amsterdam = ZoneInfo("Europe/Amsterdam")
    with time_machine.travel(datetime(2023, 8, 15, 10, 0, tzinfo=amsterdam), tick=False):
        yield


def _plan(demo) -> Actieplan:
    return Actieplan.objects.get(gemeente=demo.almere, geldig_vanaf=date(2023, 5, 1))


# --- the rule itself ------------------------------------------------------------------------


def test_the_rule_asks_a_reason_for_an_older_month_and_bounds_every_reason():
    vandaag = date(2023, 8, 15)
    assert vereis_reden(" ", maand=Maand(2023, 7), vandaag=vandaag) is None  # previous month
    with pytest.raises(ValidationError, match="juni 2023 ligt meer dan een maand terug"):
        vereis_reden("", maand=Maand(2023, 6), vandaag=vandaag)
    assert vereis_reden(" Nidos ", maand=Maand(2023, 6), vandaag=vandaag) == "Nidos"
    with pytest.raises(ValidationError, match=r"hoogstens 1\.000 tekens"):
        vereis_reden(TE_LANG)  # also where no reason is needed
    assert vereis_reden("x" * REDEN_MAX) == "x" * REDEN_MAX
    with pytest.raises(ValidationError, match="Eigen melding"):
        vereis_reden(None, nodig=True, melding="Eigen melding.")


# --- the plan: start, period, bezetting (finding 10) ----------------------------------------


def test_a_new_bezetting_of_a_plan_that_started_long_ago_needs_a_reason(demo, augustus_2023):
    plan = _plan(demo)
    door = demo.user("opgaveteam_a")
    van, tot = Maand(2023, 5), Maand(2023, 12)
    with pytest.raises(ValidationError) as fout:
        plandiensten.actieplan_wijzigen(
            plan=plan, naam=plan.naam, van=van, tot=tot, bezetting=Decimal("2.0"),
            door=door, versie=plan.versie,
        )  # fmt: skip
    assert "mei 2023 ligt meer dan een maand terug" in fout.value.message_dict["reden"][0]
    # A new name rewrites no figure: no reason needed.
    plandiensten.actieplan_wijzigen(
        plan=plan, naam="Plan van aanpak (herzien)", van=van, tot=tot, bezetting=plan.bezetting,
        door=door, versie=plan.versie,
    )  # fmt: skip
    plan.refresh_from_db()
    plandiensten.actieplan_wijzigen(
        plan=plan, naam=plan.naam, van=van, tot=tot, bezetting=Decimal("2.0"), door=door,
        versie=plan.versie, reden="Gerealiseerde bezetting is 2,0",
    )  # fmt: skip
    plan.refresh_from_db()
    assert plan.bezetting == Decimal("2.0")
    assert plan.history.order_by("-history_id").first().history_change_reason == (
        "Gerealiseerde bezetting is 2,0"
    )


def test_a_longer_plan_needs_no_reason_when_only_coming_months_change(demo, augustus_2023):
    plan = _plan(demo)
    plandiensten.actieplan_wijzigen(
        plan=plan, naam=plan.naam, van=Maand(2023, 5), tot=Maand(2024, 3),
        bezetting=plan.bezetting, door=demo.user("opgaveteam_a"), versie=plan.versie,
    )  # fmt: skip
    plan.refresh_from_db()
    assert plan.geldig_tot == date(2024, 3, 31)


def test_a_new_bezetting_of_an_action_needs_a_reason_but_its_status_does_not(demo, augustus_2023):
    actie = Actie.objects.select_related("actieplan").get(actieplan=_plan(demo), type_id="amv")
    door = demo.user("opgaveteam_a")
    vast = {
        "eigenaar_corporatie": actie.eigenaar_corporatie,
        "resultaat_toelichting": actie.resultaat_toelichting,
        "omschrijving": actie.omschrijving,
        "door": door,
    }
    with pytest.raises(ValidationError, match="reden"):
        plandiensten.actie_wijzigen(
            actie=actie, status=actie.status, bezetting=Decimal("1.5"), versie=actie.versie, **vast
        )
    plandiensten.actie_wijzigen(
        actie=actie, status="gestopt", bezetting=actie.bezetting, versie=actie.versie, **vast
    )
    actie.refresh_from_db()
    plandiensten.actie_wijzigen(
        actie=actie, status=actie.status, bezetting=Decimal("1.5"), versie=actie.versie,
        reden="Kleinere groepen", **vast,
    )  # fmt: skip
    actie.refresh_from_db()
    assert actie.bezetting == Decimal("1.5")


def test_the_action_row_on_the_page_carries_the_reason(demo, augustus_2023):
    c = demo.client("opgaveteam_a")
    actie = Actie.objects.get(actieplan=_plan(demo), type_id="amv")
    data = {
        "a-amv-eigenaar": "",
        "a-amv-status": actie.status,
        "a-amv-bezetting": "1,5",
        "a-amv-resultaat_toelichting": actie.resultaat_toelichting,
        "a-amv-omschrijving": actie.omschrijving,
        "a-amv-versie": actie.versie,
    }
    html = c.post(PLAN + "acties/amv/", data).content.decode()
    assert "mei 2023 ligt meer dan een maand terug" in html
    assert 'id="kol-reden"' in html and 'aria-labelledby="actienaam-amv kol-reden"' in html
    assert c.post(PLAN + "acties/amv/", data | {"a-amv-reden": "Kleiner"}).status_code == 302


# --- milestones, quotas, the first opening saldo (finding 10) -------------------------------


def test_a_milestone_dated_in_a_past_month_needs_a_reason(demo, juni_2023):
    door = demo.user("provincie_a")
    kwargs = {"gemeente": demo.lelystad, "doel": 50, "startdatum": date(2023, 1, 1), "door": door}
    with pytest.raises(ValidationError, match="april 2023 ligt meer dan een maand terug"):
        toezichtdiensten.mijlpaal_vastleggen(datum=date(2023, 4, 1), omschrijving="", **kwargs)
    assert not Mijlpaal.objects.filter(gemeente=demo.lelystad, datum=date(2023, 4, 1)).exists()
    toezichtdiensten.mijlpaal_vastleggen(
        datum=date(2023, 4, 1), omschrijving="", reden="Afspraak uit het overleg", **kwargs
    )
    # A milestone ahead needs none.
    toezichtdiensten.mijlpaal_vastleggen(datum=date(2023, 11, 1), omschrijving="", **kwargs)


def test_the_quota_of_a_past_half_year_needs_a_reason(demo, augustus_2023):
    door = demo.user("opgaveteam_a")
    with pytest.raises(ValidationError, match="ligt meer dan een maand terug"):
        taakdiensten.taakstelling_vaststellen(
            gemeente=demo.almere, halfjaar=Halfjaar(2022, 2), aantal=100, door=door
        )
    taakdiensten.taakstelling_vaststellen(
        gemeente=demo.almere, halfjaar=Halfjaar(2022, 2), aantal=100, door=door, reden="Brief"
    )
    # The running half-year and coming ones need none.
    taakdiensten.taakstelling_vaststellen(
        gemeente=demo.almere, halfjaar=Halfjaar(2024, 1), aantal=300, door=door
    )


def test_the_first_opening_saldo_of_a_period_long_begun_needs_a_reason(demo, juni_2023):
    Openingssaldo.objects.filter(gemeente=demo.almere).delete()
    door = demo.user("opgaveteam_a")
    with pytest.raises(ValidationError, match="januari 2023 ligt meer dan een maand terug"):
        taakdiensten.openingssaldo_zetten(
            gemeente=demo.almere, halfjaar=Halfjaar(2023, 1), saldo=-32, door=door, versie=None
        )
    taakdiensten.openingssaldo_zetten(
        gemeente=demo.almere, halfjaar=Halfjaar(2023, 1), saldo=-32, door=door, versie=None,
        reden="Achterstand 2022 (seed 000)",
    )  # fmt: skip
    assert Openingssaldo.objects.get(gemeente=demo.almere).saldo == -32


# --- one length for every reason (finding 12) -----------------------------------------------


def test_the_import_refuses_a_reason_that_is_too_long(demo, juni_2023):
    c = demo.client("opgaveteam_a")
    kop = "gemeente,maand,bron,corporatie,personen_gehuisvest,personen_tellend,woningen"
    html = c.post(
        "/gemeenten/GM0034/realisatie/import/",
        {"bestand": SimpleUploadedFile("a.csv", f"{kop}\nGM0034,2023-04,amv,,2,2,1\n".encode())},
    ).content.decode()
    token = re.search(r'name="token" value="([^"]*)"', html).group(1)
    vinger = re.search(r'name="vingerafdruk" value="([^"]*)"', html).group(1)
    antwoord = c.post(
        "/gemeenten/GM0034/realisatie/import/bevestigen/",
        {"token": token, "vingerafdruk": vinger, "reden": TE_LANG},
    )
    assert "hoogstens 1.000 tekens" in antwoord.content.decode()
    assert not Realisatie.objects.filter(maand="2023-04-01", bron="amv").exists()


def test_the_plan_grid_cell_and_action_refuse_a_reason_that_is_too_long(demo, juni_2023):
    c = demo.client("opgaveteam_a")
    rij = Planning.objects.get(
        actie__actieplan=_plan(demo), actie__type_id="amv", maand="2023-06-01"
    )
    cel = {"c-amv-2023-06": "3", "v-amv-2023-06": rij.versie, "w-amv-2023-06": "0"}
    html = c.post(PLAN + "acties/amv/2023-06/", cel | {"reden": TE_LANG}).content.decode()
    assert "hoogstens 1.000 tekens" in html
    html = c.post(PLAN, cel | {"reden": TE_LANG}).content.decode()
    assert "hoogstens 1.000 tekens" in html
    rij.refresh_from_db()
    assert rij.woningen == 0
    actie = Actie.objects.get(actieplan=_plan(demo), type_id="amv")
    data = {
        "a-amv-status": "gestopt",
        "a-amv-omschrijving": actie.omschrijving,
        "a-amv-versie": actie.versie,
        "a-amv-reden": TE_LANG,
    }
    html = c.post(PLAN + "acties/amv/", data).content.decode()
    assert "hoogstens 1.000 tekens" in html
    actie.refresh_from_db()
    assert actie.status != "gestopt"


def test_the_ibt_reason_has_the_same_limit(demo, juni_2023):
    trede = Trede.objects.filter(provincie=demo.flevoland).first()
    with pytest.raises(ValidationError, match=r"hoogstens 1\.000 tekens"):
        toezichtdiensten.ibt_status_vastleggen(
            gemeente=demo.almere, trede=trede, sinds=date(2023, 6, 1), reden=TE_LANG,
            verschoonbaar=False, verschoonbaar_grond="", door=demo.user("provincie_a"),
            huidig_id=toezichtdiensten.huidige_status(demo.almere).pk,
        )  # fmt: skip
    assert IbtStatus.objects.filter(gemeente=demo.almere).count() == 1
