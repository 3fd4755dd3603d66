"""'1.000' is a thousand in every place a number is typed or imported (review findings 1, 2;
D3): the month form, the supply form, the quota, the milestone, the AMV cohort, the opening
saldo, a plan cell and the import. Before, the IntegerField forms stored 1 ("20.000" -> 20),
the month form refused it and the plan grid stored "1.5" as 15."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bemiddeling.models import Aanbod, Planning
from taakstelling.models import AmvCohort, Mijlpaal, Openingssaldo, Realisatie, Taakstelling
from tests.formulier import formulier

pytestmark = pytest.mark.usefixtures("juni_2023")

G = "/gemeenten/GM0034/"
MEI = G + "realisatie/2023-05/"


def test_the_month_form(demo):
    c = demo.client("opgaveteam_a")
    data = formulier(c.get(MEI).content) | {
        "r-regulier-ymere-personen_gehuisvest": "1.000",
        "r-regulier-ymere-woningen": "450",
        "koppeling": "1.200",
    }
    assert c.post(MEI, data).status_code == 302
    r = Realisatie.objects.get(gemeente=demo.almere, maand="2023-05-01", corporatie=demo.ymere)
    assert (r.personen_gehuisvest, r.personen_tellend, r.woningen) == (1000, 1000, 450)
    assert r.gemeente.koppelingen.get(maand="2023-05-01").personen == 1200


def test_the_month_form_refuses_a_decimal(demo):
    c = demo.client("opgaveteam_a")
    data = formulier(c.get(MEI).content) | {"r-amv-personen_gehuisvest": "1,5"}
    html = c.post(MEI, data).content.decode()
    assert "Vul een geheel aantal in, zonder decimalen (bijvoorbeeld 1.250)." in html
    assert not Realisatie.objects.filter(maand="2023-05-01").exists()


def test_the_supply_form(demo):
    c = demo.client("corporatie_a")
    velden = {
        "mutaties": "1.000",
        "ongeschikt_label": "20",
        "ongeschikt_huur": "10",
        "ongeschikt_grootte": "5",
        "toegewezen_urgenten": "400",
        "toegewezen_vh": "100",
    }
    data = {f"GM0034-{k}": v for k, v in velden.items()}
    assert c.post("/corporaties/ymere/aanbod/2023-06/GM0034/", data).status_code == 302
    assert Aanbod.objects.get(corporatie=demo.ymere, maand="2023-06-01").mutaties == 1000


def test_the_quota_and_the_opening_saldo(demo):
    c = demo.client("opgaveteam_a")
    nieuw = {"nieuw-jaar": "2024", "nieuw-helft": "1", "nieuw-aantal": "20.000"}
    assert c.post(G + "taakstelling/nieuw/", nieuw).status_code == 302
    assert Taakstelling.objects.get(gemeente=demo.almere, jaar=2024, helft=1).aantal == 20_000
    html = c.post(G + "taakstelling/nieuw/", nieuw | {"nieuw-helft": "2", "nieuw-aantal": "2.0"})
    assert "zonder decimalen" in html.content.decode()
    rij = Openingssaldo.objects.get(gemeente=demo.almere)
    opening = {
        "opening-jaar": "2023",
        "opening-helft": "1",
        "opening-saldo": "−1.000",  # as the page prints a negative number
        "opening-reden": "Herteld",
        "opening-versie": str(rij.versie),
    }
    assert c.post(G + "taakstelling/openingssaldo/", opening).status_code == 302
    assert Openingssaldo.objects.get(gemeente=demo.almere).saldo == -1000


def test_the_milestone(demo):
    data = {"datum": "2023-12-01", "doel": "1.000", "startdatum": "2023-01-01"}
    assert demo.client("provincie_a").post(G + "mijlpalen/", data).status_code == 302
    assert Mijlpaal.objects.get(gemeente=demo.almere, datum=date(2023, 12, 1)).doel == 1000


def test_the_amv_cohort(demo):
    data = {"geboortemaand": "2007-03", "gehuisvest_in": "2023-05", "aantal": "1.000"}
    assert demo.client("opgaveteam_a").post(G + "taakstelling/amv/", data).status_code == 302
    assert AmvCohort.objects.get(gemeente=demo.almere, geboortemaand="2007-03-01").aantal == 1000


@pytest.mark.parametrize(("tekst", "verwacht"), [("1.000", 1000), ("1 000", 1000)])
def test_a_plan_cell(demo, tekst, verwacht):
    plan = "/gemeenten/GM0034/plan/2023-05-01/"
    rij = Planning.objects.get(
        actie__actieplan__gemeente=demo.almere, actie__type_id="amv", maand="2023-06-01"
    )
    data = {"c-amv-2023-06": tekst, "v-amv-2023-06": rij.versie}
    assert demo.client("opgaveteam_a").post(plan + "acties/amv/2023-06/", data).status_code == 302
    rij.refresh_from_db()
    assert rij.woningen == verwacht


@pytest.mark.parametrize("tekst", ["1.5", "2.0", ".5", "1 5"])
def test_a_plan_cell_refuses_what_it_used_to_read_as_tens(demo, tekst):
    plan = "/gemeenten/GM0034/plan/2023-05-01/"
    rij = Planning.objects.get(
        actie__actieplan__gemeente=demo.almere, actie__type_id="amv", maand="2023-06-01"
    )
    data = {"c-amv-2023-06": tekst, "v-amv-2023-06": rij.versie}
    html = demo.client("opgaveteam_a").post(plan + "acties/amv/2023-06/", data).content.decode()
    assert "zonder decimalen" in html
    rij.refresh_from_db()
    assert rij.woningen == 0


@pytest.mark.parametrize("scheiding", [",", ";"])
def test_the_import(demo, scheiding):
    kop = "gemeente,maand,bron,corporatie,personen_gehuisvest,personen_tellend,woningen"
    regel = 'GM0034,2023-05,regulier,ymere,"1.000",,450'
    tekst = f"{kop}\n{regel}\n".replace(",", scheiding)
    c = demo.client("opgaveteam_a")
    html = c.post(
        G + "realisatie/import/", {"bestand": SimpleUploadedFile("mei.csv", tekst.encode())}
    ).content.decode()
    assert "1 regel, waarvan 1 nieuw" in html
    assert "1000 / 1000 / 450" in html  # what the confirmation will write
