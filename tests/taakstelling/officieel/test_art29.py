"""Art. 29 for all gemeenten at once (issue 15 item 3): the proposal per province from the
national number and CBS population, applied as new quota or revisions with their source."""

import pytest
from django.core.exceptions import PermissionDenied

from kern.perioden import Halfjaar
from kern.regels import taakstelling_art29
from prognose.models import Rekenstatus
from taakstelling.models import Bijstelling, Taakstelling
from taakstelling.officieel.models import LandelijkeTaakstelling
from taakstelling.officieel.selectors import art29_voorstel
from taakstelling.officieel.services import art29_toepassen

H = Halfjaar(2024, 1)
URL = "/provincies/flevoland/art29/"


def _teller(gemeente) -> int:
    status = Rekenstatus.objects.filter(gemeente=gemeente).first()
    return 0 if status is None else status.wijziging


def test_the_proposal_uses_the_population_of_the_year_before(demo):
    voorstel = art29_voorstel(demo.flevoland, H)
    assert voorstel.landelijk.aantal == 20000 and voorstel.peiljaar == 2023
    almere = next(r for r in voorstel.regels if r.gemeente == demo.almere)
    assert almere.inwoners == 222_000
    assert almere.voorstel == taakstelling_art29(20000, 222_000, 17_800_000) == 250
    assert almere.huidig is None
    assert len(voorstel.regels) == 6 and voorstel.te_wijzigen == 6


def test_the_page_shows_the_proposal_and_only_the_province_applies_it(demo):
    html = demo.client("beheerder").get(URL + "?halfjaar=2024-H1").content.decode()
    assert "Voorstel per gemeente" in html and "Almere" in html and "illustratief" in html
    assert "Voorstel vaststellen</button>" not in html  # the beheerder reads only
    assert demo.client("provincie_elders").get(URL).status_code == 404
    assert demo.client("opgaveteam_a").get(URL).status_code == 404
    assert (
        demo.client("beheerder").post(URL + "?halfjaar=2024-H1", {"reden": "x"}).status_code == 403
    )
    c = demo.client("provincie_a")
    assert "Voorstel vaststellen</button>" in c.get(URL + "?halfjaar=2024-H1").content.decode()
    zonder = c.post(URL + "?halfjaar=2024-H1", {"reden": ""})
    assert (
        zonder.status_code == 400
        and not Taakstelling.objects.filter(jaar=2024, gemeente__provincie=demo.flevoland).exists()
    )
    assert c.get(URL + "?halfjaar=2024-H9").status_code == 400


def test_applying_creates_quota_and_revises_with_source_and_recompute(demo):
    voor = _teller(demo.almere)
    c = demo.client("provincie_a")
    antwoord = c.post(URL + "?halfjaar=2024-H1", {"reden": "Circulaire ontvangen"})
    assert antwoord.status_code == 302
    t = Taakstelling.objects.get(gemeente=demo.almere, jaar=2024, helft=1)
    assert t.aantal == 250 and "Art. 29" in t.bron
    assert "Circulaire ontvangen" in t.history.first().history_change_reason
    assert _teller(demo.almere) > voor
    assert (
        Taakstelling.objects.filter(jaar=2024, helft=1, gemeente__provincie=demo.flevoland).count()
        == 6
    )
    # nothing left to change: applying again writes nothing
    assert (
        art29_toepassen(
            provincie=demo.flevoland, halfjaar=H, door=demo.user("provincie_a"), reden="nogmaals"
        )
        == []
    )
    # the national number is revised: the quota is revised (a Bijstelling), history kept
    herzien = LandelijkeTaakstelling(
        jaar=2024,
        helft=1,
        geldig_vanaf="2024-03-01",
        aantal=24000,
        publicatie_titel="Proef: verhoging",
        organisatie="Proef",
        publicatie_datum="2024-03-01",
    )
    herzien.save()
    gewijzigd = art29_toepassen(
        provincie=demo.flevoland, halfjaar=H, door=demo.user("provincie_a"), reden="Verhoging"
    )
    assert len(gewijzigd) == 6
    b = Bijstelling.objects.get(taakstelling=t)
    assert str(b.datum) == "2024-03-01"
    assert b.aantal == taakstelling_art29(24000, 222_000, 17_800_000)
    assert "Proef: verhoging" in b.reden
    t.refresh_from_db()
    assert t.aantal == 250  # the original stays; the revision holds from its date
    wijzigingen = demo.client("opgaveteam_a").get("/gemeenten/GM0034/wijzigingen/")
    assert "Proef: verhoging" in wijzigingen.content.decode()


def test_only_the_province_of_the_gemeente_applies(demo):
    with pytest.raises(PermissionDenied):
        art29_toepassen(
            provincie=demo.flevoland, halfjaar=H, door=demo.user("provincie_elders"), reden="x"
        )
    assert not Taakstelling.objects.filter(jaar=2024, gemeente__provincie=demo.flevoland).exists()


def test_a_gemeente_formed_after_the_reference_date_gets_its_predecessors_inhabitants(demo):
    """CBS codes with validity dates: Zeewolde (GM0050) stands here for a gemeente formed on
    1 July 2023 from two (fictional) codes; on 1 January 2023 only those existed."""
    from datetime import date

    from taakstelling.officieel.models import Bevolking, Gemeentecode

    Bevolking.objects.filter(regio_code="GM0050", jaar=2023).delete()
    for code, inwoners in (("GM9001", 15_000), ("GM9002", 8_300)):
        Bevolking.objects.create(regio_code=code, jaar=2023, inwoners=inwoners)
        Gemeentecode.objects.create(
            code=code,
            naam=f"Voorganger {code}",
            geldig_van=date(2000, 1, 1),
            geldig_tot=date(2023, 7, 1),
            opgegaan_in="GM0050",
        )
    regel = next(
        r for r in art29_voorstel(demo.flevoland, H).regels if r.gemeente.cbs_code == "GM0050"
    )
    assert regel.inwoners == 23_300
    assert regel.voorstel == taakstelling_art29(20000, 23_300, 17_800_000)
    Bevolking.objects.filter(regio_code="GM9002").delete()
    regel = next(
        r for r in art29_voorstel(demo.flevoland, H).regels if r.gemeente.cbs_code == "GM0050"
    )
    assert regel.inwoners is None and regel.voorstel is None  # never a partial sum


def test_worked_figures_for_every_demo_gemeente_from_adding_to_revising(
    demo, django_capture_on_commit_callbacks
):
    """The beheerder adds the national number of the second half of 2024: 19.000. Art. 29:
    ceil(19.000 x inhabitants on 1 January 2023 / 17.800.000 (NL, 1-1-2023)), the year before
    the half-year, not 2024 (no figures) nor 2022 (Almere 218.096, NL 17.590.672):

        Almere 222.000 -> 236,97 -> 237    Dronten 42.500 -> 45,37 -> 46
        Lelystad 81.000 -> 86,46 -> 87     Noordoostpolder 48.500 -> 51,77 -> 52
        Urk 22.000 -> 23,48 -> 24          Zeewolde 23.300 -> 24,87 -> 25
        (Overijssel) Steenwijkerland 45.000 -> 48,03 -> 49

    The province applies it (new quotas), then the number is raised to 21.000 from
    1 September 2024: Almere 261,91 -> 262, Dronten 51, Lelystad 96, Noordoostpolder 58,
    Urk 26, Zeewolde 28; applied as revisions on that date with the source in the history,
    a recompute asked, and "taakstelling bijgesteld" on Almere's dashboard."""
    from datetime import date

    from organisaties.models import Gemeente

    h = Halfjaar(2024, 2)
    beheerder = demo.client("beheerder")

    def toevoegen(aantal, vanaf, titel):
        antwoord = beheerder.post(
            "/beheer/taakstelling/landelijketaakstelling/add/",
            {
                "jaar": "2024",
                "helft": "2",
                "geldig_vanaf": vanaf,
                "aantal": str(aantal),
                "publicatie_titel": titel,
                "organisatie": "Rijksoverheid (proef)",
                "publicatie_datum": vanaf,
                "link": "",
                "toelichting": "",
                "reden": "Circulaire ontvangen",
            },
            follow=True,
        )
        assert "/provincies/flevoland/art29/?halfjaar=2024-H2" in antwoord.content.decode()

    toevoegen(19000, "2024-06-01", "Circulaire tweede helft 2024")
    verwacht = {
        "Almere": 237,
        "Dronten": 46,
        "Lelystad": 87,
        "Noordoostpolder": 52,
        "Urk": 24,
        "Zeewolde": 25,
    }
    voorstel = art29_voorstel(demo.flevoland, h)
    assert (voorstel.peiljaar, voorstel.inwoners_nl, voorstel.landelijk.aantal) == (
        2023,
        17_800_000,
        19000,
    )
    assert {r.gemeente.naam: r.voorstel for r in voorstel.regels} == verwacht
    assert all(r.huidig is None for r in voorstel.regels) and voorstel.te_wijzigen == 6
    overijssel = art29_voorstel(demo.overijssel, h)
    assert {r.gemeente.naam: r.voorstel for r in overijssel.regels} == {"Steenwijkerland": 49}
    # shown for review: the beheerder reads, the province applies
    pagina = beheerder.get(URL + "?halfjaar=2024-H2").content.decode()
    assert "Voorstel per gemeente" in pagina and ">237<" in pagina
    c = demo.client("provincie_a")
    assert c.post(URL + "?halfjaar=2024-H2", {"reden": "Vastgesteld"}).status_code == 302
    quota = {
        t.gemeente.naam: t.aantal
        for t in Taakstelling.objects.filter(jaar=2024, helft=2, gemeente__provincie=demo.flevoland)
    }
    assert quota == verwacht

    toevoegen(21000, "2024-09-01", "Verhoging tweede helft 2024")
    herzien = art29_voorstel(demo.flevoland, h)
    nieuw = {
        "Almere": 262,
        "Dronten": 51,
        "Lelystad": 96,
        "Noordoostpolder": 58,
        "Urk": 26,
        "Zeewolde": 28,
    }
    assert {r.gemeente.naam: (r.huidig, r.voorstel) for r in herzien.regels} == {
        naam: (verwacht[naam], nieuw[naam]) for naam in verwacht
    }
    voor = _teller(demo.almere)
    with django_capture_on_commit_callbacks(execute=True):  # the recompute it asks
        assert c.post(URL + "?halfjaar=2024-H2", {"reden": "Verhoging"}).status_code == 302
    assert _teller(demo.almere) > voor
    for naam, aantal in nieuw.items():
        t = Taakstelling.objects.get(gemeente=Gemeente.objects.get(naam=naam), jaar=2024, helft=2)
        assert t.aantal == verwacht[naam]  # the original stays
        b = Bijstelling.objects.get(taakstelling=t)
        assert (b.datum, b.aantal) == (date(2024, 9, 1), aantal)
        assert "Verhoging tweede helft 2024" in b.reden and "Verhoging" in b.reden
        assert b.history.first().history_user.username == "provincie-flevoland"
    dashboard = c.get("/gemeenten/GM0034/?peildatum=2024-10-01").content.decode()
    assert (
        "De taakstelling voor de tweede helft 2024 is op 1 sep 2024 bijgesteld: verhoogd van "
        "237 naar 262 personen." in " ".join(dashboard.split())
    )
