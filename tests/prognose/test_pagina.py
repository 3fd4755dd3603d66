"""/gemeenten/<cbs>/prognose/: the forecast in words and numbers, scenarios, recompute state."""

import pytest

from kern import opmaak
from organisaties.models import Gemeente
from prognose import herberekening, selectors
from prognose.models import Scenario, Snapshot

PAD = "/gemeenten/GM0034/prognose/"


def tekst(antwoord) -> str:
    return antwoord.content.decode()


def test_the_page_shows_three_forecasts_per_milestone_with_reasons(demo):
    pagina = tekst(demo.client("taskforce_a").get(PAD))
    almere = Gemeente.objects.get(cbs_code="GM0034")
    kans = selectors.nieuwste_snapshot(almere).prognose().mijlpalen[0].kans
    assert kans.grondslag == "standaard" and 0.9 < kans.waarde < 1
    for verwacht in (
        "Mijlpaal 1 okt 2023: 293 personen",
        "Mijlpaal 31 dec 2023: 629 personen",
        f"Kans dat de mijlpaal wordt gehaald: {opmaak.procent(kans.waarde)}",
        "Geen planhistorie",
        "P10–P90",
        "Halen we de mijlpaal?",
        "haalt het doel",
        "ruim onder het doel",
        "risico",
        "Het plan haalt 371 (doel 293), maar in het huidige tempo komt u op 171",
        "Met het plan voor mei–september 2023 (133 woningen, 292,6 personen) komt de prognose "
        "op 371 personen, 78 boven het doel van 293.",
        "18,7 personen per maand",
        "verschoonbaar",
        "Juli 2023: het plan rekent op 22 woningen",
        "intensief bemiddelen",
        "Prognose op 1 mei 2023",
    ):
        assert verstaan(verwacht, pagina)
    # The verdict in text and icon, never colour alone.
    assert 'class="prognose-icoon" aria-hidden="true">!</span> risico' in pagina
    # Read from the snapshot, which is up to date.
    assert "Berekend op" in pagina and "Herberekening loopt" not in pagina


def verstaan(verwacht: str, pagina: str) -> bool:
    return verwacht in pagina.replace("\n", " ").replace("  ", " ")


def test_the_page_reads_snapshots_in_a_bounded_number_of_queries(
    demo, django_assert_max_num_queries
):
    client = demo.client("provincie_a")
    with django_assert_max_num_queries(14):
        assert client.get(PAD).status_code == 200


def test_another_peildatum_is_computed_live_in_a_bounded_number_of_queries(
    demo, django_assert_max_num_queries
):
    client = demo.client("provincie_a")
    with django_assert_max_num_queries(14 + 17):
        pagina = tekst(client.get(PAD + "?peildatum=2023-04-01"))
    assert "Prognose op 1 apr 2023" in pagina and "niet opgeslagen" in pagina


def test_doorrekenen_with_htmx_returns_the_comparison_and_saves_nothing(demo):
    voor = (Scenario.objects.count(), Snapshot.objects.count())
    antwoord = demo.client("taskforce_a").get(
        PAD + "?bezetting=2,0&extra_prioritaire_toewijzing=2",
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="vergelijking",
    )
    assert antwoord.status_code == 200
    pagina = tekst(antwoord)
    assert pagina.lstrip().startswith('<div id="vergelijking"')
    assert "Uw scenario (niet opgeslagen)" in pagina
    assert "bezetting 2" in pagina
    # 78 + 133 x 2.0 + 5 x 2 x 2.0 = 364
    assert "364" in pagina
    assert "Opslaan als scenario" not in pagina  # the taskforce reads only
    assert (Scenario.objects.count(), Snapshot.objects.count()) == voor


def test_doorrekenen_without_javascript_renders_the_whole_page(demo):
    pagina = tekst(demo.client("opgaveteam_a").get(PAD + "?aandeel_urgenten=40%25"))
    assert "<h1" in pagina and "Uw scenario (niet opgeslagen)" in pagina
    assert "Opslaan als scenario" in pagina
    assert '<input type="hidden" name="aandeel_urgenten" value="40%">' in pagina  # saved


def test_bad_parameters_get_dutch_messages_and_no_column(demo):
    antwoord = demo.client("opgaveteam_a").get(
        PAD + "?bezetting=veel", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="vergelijking"
    )
    assert antwoord.status_code == 200
    pagina = tekst(antwoord)
    assert "Niet doorgerekend" in pagina and "als getal" in pagina
    assert "Uw scenario" not in pagina


def test_loading_a_scenario_fills_the_form(demo):
    pagina = tekst(demo.client("opgaveteam_a").get(PAD + "?scenario=intensief-bemiddelen"))
    assert "Doorrekenen: intensief bemiddelen" in pagina
    assert 'name="aandeel_urgenten" value="40%"' in pagina
    assert 'name="extra_prioritaire_toewijzing" value="2"' in pagina


def test_saving_a_scenario_redirects_and_recomputes(demo, django_capture_on_commit_callbacks):
    client = demo.client("opgaveteam_a")
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            PAD + "scenarios/", {"naam": "Meer aankoop", "extra_aankoop_vastgoed": "5"}
        )
    assert antwoord.status_code == 302
    assert antwoord.url == PAD + "?scenario=meer-aankoop"
    rij = Scenario.objects.get(gemeente=demo.almere, slug="meer-aankoop")
    assert rij.parameters == {"extra_woningen": {"aankoop_vastgoed": 5}}
    snapshot = selectors.nieuwste_snapshot(demo.almere, rij)
    assert snapshot.prognose().mijlpalen[0].plan.personen_afgerond == 371 + 55
    pagina = tekst(client.get(antwoord.url))
    assert "Meer aankoop" in pagina and "opgeslagen" in pagina


@pytest.mark.parametrize(
    ("gegevens", "melding"),
    [
        ({"naam": ""}, "Geef het scenario een naam"),
        ({"naam": "Basis"}, "kies een andere naam"),
        ({"naam": "intensief bemiddelen"}, "Er bestaat al een scenario met deze naam"),
        ({"naam": "x", "bezetting": "nul"}, "bezetting: Vul de bezetting in als getal"),
    ],
)
def test_saving_bad_input_changes_nothing_and_says_why(demo, gegevens, melding):
    voor = list(Scenario.objects.values_list("pk", "versie"))
    antwoord = demo.client("opgaveteam_a").post(PAD + "scenarios/", gegevens)
    assert antwoord.status_code == 200
    assert melding in tekst(antwoord)
    assert list(Scenario.objects.values_list("pk", "versie")) == voor


def test_deleting_needs_the_version_shown(demo):
    rij = Scenario.objects.get(gemeente=demo.almere)
    client = demo.client("opgaveteam_a")
    pad = f"{PAD}scenarios/{rij.slug}/verwijderen/"
    antwoord = client.post(pad, {"versie": rij.versie + 1})
    assert antwoord.status_code == 200 and "intussen gewijzigd" in tekst(antwoord)
    assert Scenario.objects.filter(pk=rij.pk).exists()
    assert client.post(pad, {"versie": rij.versie}).status_code == 302
    assert not Scenario.objects.filter(pk=rij.pk).exists()
    assert client.post(pad, {"versie": rij.versie}).status_code == 404


def test_a_change_not_yet_recomputed_says_herberekening_loopt_and_polls(demo):
    herberekening.wijziging_registreren(demo.almere.pk)
    client = demo.client("opgaveteam_a")
    pagina = tekst(client.get(PAD))
    assert "Herberekening loopt." in pagina
    assert 'hx-trigger="every 5s"' in pagina
    status = client.get(PAD + "?deel=status", HTTP_HX_REQUEST="true")
    assert "Herberekening loopt." in tekst(status)
    from prognose.services import herberekenen

    herberekenen(demo.almere.pk)
    klaar = tekst(client.get(PAD + "?deel=status", HTTP_HX_REQUEST="true"))
    assert "De herberekening is klaar" in klaar and "every 5s" not in klaar


def test_without_a_snapshot_the_page_computes_live(demo):
    Snapshot.objects.filter(gemeente=demo.almere).delete()
    pagina = tekst(demo.client("opgaveteam_a").get(PAD))
    assert "niet opgeslagen" in pagina and "Mijlpaal 1 okt 2023" in pagina


def test_a_gemeente_without_milestones_says_so(demo):
    pagina = tekst(demo.client("beheerder").get("/gemeenten/GM1708/prognose/?peildatum=2026-01-01"))
    assert "er valt niets te voorspellen" in pagina


def test_a_bad_peildatum_gets_a_message(demo):
    antwoord = demo.client("opgaveteam_a").get(PAD + "?peildatum=morgen")
    assert antwoord.status_code == 200 and "geen datum" in tekst(antwoord)


def test_the_dashboard_links_to_the_forecast(demo):
    assert f'href="{PAD}"' in tekst(demo.client("opgaveteam_a").get("/gemeenten/GM0034/"))


def test_steenwijkerland_forecast_uses_the_cap_of_seed_002(demo):
    pagina = tekst(demo.client("opgaveteam_b").get("/gemeenten/GM1708/prognose/"))
    assert "Prognose op 1 okt 2024" in pagina
    # The caps of the prestatieafspraken (seed 002: 10%, and 25% from 12 July 2024 to 2025).
    assert (
        "Plafond naar vergunninghouders (prestatieafspraak): 10% tot 1 jan 2028, "
        "vanaf 12 jul 2024 25% tot 1 jan 2025"
    ) in pagina
    assert "Mijlpaal 31 dec 2024" in pagina
