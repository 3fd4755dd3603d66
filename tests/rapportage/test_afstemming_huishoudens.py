"""Afstemming (issue 15 item 6): every difference with its cause and, where the gemeente
keeps the month per household, the households behind it by their short pseudonymous key;
only the gemeente's opgaveteam sees the keys, every view of them is logged."""

from datetime import date

from bemiddeling.models import Huishouden, HuishoudenGebeurtenis, Huishoudeninzage
from kern.perioden import Halfjaar
from rapportage.selectors import afstemming as selector
from taakstelling.models import Invoerwijze


def _coa(regel):
    return next(v for v in regel.verschillen if v.tussen == "gemeente en COA")


def _huishoudens(demo):
    """Almere keeps April 2023 per household: a… (3 persons, moved 28 April) and b… (2
    persons, moved 12 April), both through Ymere."""
    Invoerwijze.objects.create(gemeente=demo.almere, maand=date(2023, 4, 1), per_huishouden=True)
    for sleutel, dag, personen in (
        ("a" * 64, date(2023, 4, 28), 3),
        ("b" * 64, date(2023, 4, 12), 2),
    ):
        h = Huishouden.objects.create(
            gemeente=demo.almere,
            sleutel=sleutel,
            koppeldatum=date(2023, 1, 10),
            volwassenen=personen,
            status="verhuisd",
            status_sinds=dag,
            sleuteldatum=dag,
            route="regulier",
            corporatie=demo.ymere,
        )
        HuishoudenGebeurtenis.objects.create(
            huishouden=h, soort="verhuizen", datum=dag, personen=personen, corporatie=demo.ymere
        )


def test_worked_demo_case_names_the_cause_and_the_households(demo, capsys):
    """Almere, April 2023: the gemeente counts 17 persons, COA's overview of 30 April 14. Not
    a shift between months (March is equal), no AMV, no nareizigers, no HAR: the overview
    came out on the month's last day, so the likely cause is "housed, not yet processed by
    COA", and the latest move covers the 3: household aaaaaaaaaaaa (3 persons, 28 April)."""
    import json

    from django.core.management import call_command

    _huishoudens(demo)
    regels = selector.afstemmen(demo.almere, Halfjaar(2023, 1))
    april = _coa(regels[3])
    assert (april.eigen, april.ander, april.verschil) == (17, 14, -3)
    assert april.oorzaak.startswith("Waarschijnlijk gehuisvest maar nog niet verwerkt door het COA")
    assert april.huishoudens == ["aaaaaaaaaaaa (3 p., verhuisd op 28-4)"]
    februari = _coa(regels[1])  # a month kept as totals: a cause, no households
    assert februari.verschil == -1 and februari.huishoudens == []
    assert "b" * 12 not in str(regels)  # the 2 persons of 12 April are not behind the 3

    url = "/gemeenten/GM0034/afstemming/?halfjaar=2023-H1"
    voor = Huishoudeninzage.objects.filter(gemeente=demo.almere, wat="afstemming").count()
    eigen = demo.client("opgaveteam_a").get(url).content.decode()
    assert "Huishoudens: aaaaaaaaaaaa (3 p., verhuisd op 28-4)" in eigen
    assert Huishoudeninzage.objects.filter(gemeente=demo.almere, wat="afstemming").count() == (
        voor + 1
    )
    for rol in ("provincie_a", "beheerder"):
        html = demo.client(rol).get(url).content.decode()
        assert "nog niet verwerkt door het COA" in html
        assert "aaaaaaaaaaaa" not in html, rol
        assert "&lt;5 huishoudens (alleen zichtbaar voor het opgaveteam)" in html, rol
    api = demo.client("provincie_a").get("/api/v1/gemeenten/GM0034/afstemming?halfjaar=2023-H1")
    call_command("afstemming", "GM0034", "--halfjaar", "2023-H1", "--format", "json")
    uit = json.loads(capsys.readouterr().out)
    assert api.json() == uit
    assert _coa_dict(uit, 3)["huishoudens"] == [
        "<5 huishoudens (alleen zichtbaar voor het opgaveteam)"
    ]
    eigen_api = demo.client("opgaveteam_a").get(
        "/api/v1/gemeenten/GM0034/afstemming?halfjaar=2023-H1"
    )
    assert _coa_dict(eigen_api.json(), 3)["huishoudens"] == [
        "aaaaaaaaaaaa (3 p., verhuisd op 28-4)"
    ]


def _coa_dict(uit, i):
    return next(v for v in uit["regels"][i]["verschillen"] if v["tussen"] == "gemeente en COA")
