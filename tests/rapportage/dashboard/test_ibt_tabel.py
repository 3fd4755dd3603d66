"""The IBT dashboard's table (/provincies/<slug>/): the saldo brought in says achterstand or
voorsprong in words, totals add only like with like and say how many gemeenten are niet
haalbaar or at risk, a total over a gemeente with a missing month says it is incomplete, and
the chart of a gemeente draws no plan line where there is no plan forecast."""

import html
import re
from datetime import date

from rapportage import frames
from rapportage import selectors as queries
from rapportage.views.dashboard import provincie_context

PAD = "/provincies/flevoland/?peildatum=2023-05-01"


def _tekst(x: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", x)).split())


def _pagina(demo, pad=PAD) -> str:
    antwoord = demo.client("provincie_a").get(pad)
    assert antwoord.status_code == 200
    return antwoord.content.decode()


def test_the_saldo_brought_in_says_achterstand_or_voorsprong_in_words(demo):
    gezien = set()
    for provincie, persona in ((demo.flevoland, "provincie_a"), (demo.overijssel, "beheerder")):
        for peil in (date(2023, 5, 1), date(2023, 10, 1), date(2024, 10, 1), date(2025, 4, 1)):
            tabel = frames.provincietabel(queries.provinciegegevens(provincie, peil), peil)
            pagina = (
                demo.client(persona)
                .get(f"/provincies/{provincie.slug}/?peildatum={peil.isoformat()}")
                .content.decode()
            )
            assert "Achterstand ingebracht" not in pagina
            for r in tabel.to_dict("records"):
                rij = pagina[pagina.index(f'data-gemeente="{r["cbs_code"]}"') :]
                cel = _tekst(rij[: rij.index("</tr>")])
                x = r["ingebracht"]
                if x is None or x == 0:
                    continue
                woord = "achterstand" if x < 0 else "voorsprong"
                assert f"{woord} {abs(x)}" in cel, (r["gemeente"], peil, cel)
                gezien.add(woord)
    assert "achterstand" in gezien


def test_totals_add_milestones_per_date_and_count_the_verdicts(demo):
    pagina = _pagina(demo)
    voet = pagina[pagina.index("<tfoot>") : pagina.index("</tfoot>")]
    assert "som van de volgende mijlpalen" not in voet
    # On 1 May 2023 Almere's next milestone is the province's 1 okt 2023, the others' the
    # legal 30 jun 2023: two totals, never one sum of both.
    datums = re.findall(r'data-totaal-mijlpaal="([\d-]+)"', voet)
    assert datums == ["2023-06-30", "2023-10-01"]
    tekst = _tekst(voet)
    assert "Mijlpaal 30 jun 2023 (5 gemeenten)" in tekst
    assert "Mijlpaal 1 okt 2023 (1 gemeente)" in tekst
    # How many gemeenten are niet haalbaar or at risk is said, not hidden in a sum.
    # The verdicts the page counts are those the province holds its gemeenten to (COA's
    # figures by default: tests/taakstelling/officieel/test_ibt_officieel.py).
    tabel = frames.provincietabel(
        queries.provinciegegevens(demo.flevoland, date(2023, 5, 1)), date(2023, 5, 1)
    )
    statussen = [r["status"] for r in provincie_context(demo.flevoland, date(2023, 5, 1))["rijen"]]
    niet = sum(1 for s in statussen if s == "niet haalbaar")
    risico = sum(1 for s in statussen if s == "risico")
    assert niet >= 1 and risico >= 1
    assert f"niet haalbaar {niet}" in tekst and f"risico {risico}" in tekst
    # A surplus of one gemeente does not hide another's shortfall.
    juni = frames.totalen(tabel)["mijlpalen"][0]
    assert juni["tekort_gemeenten"] >= 1
    assert f"tekort bij {juni['tekort_gemeenten']} gemeenten" in tekst
    uitleg = _tekst(pagina[pagina.index('id="totalen-uitleg"') :].split("</p>")[0])
    assert f"{niet} van de 6 gemeenten niet haalbaar" in uitleg
    assert f"{risico} van de 6 gemeenten risico" in uitleg


def test_a_total_with_a_missing_month_says_it_is_incomplete(demo):
    # Noordoostpolder has no figures for April 2023.
    pagina = _pagina(demo)
    voet = _tekst(pagina[pagina.index("<tfoot>") : pagina.index("</tfoot>")])
    assert "(onvolledig)" in voet
    uitleg = _tekst(pagina[pagina.index('id="totalen-uitleg"') :].split("</p>")[0])
    assert "Onvolledig: bij Noordoostpolder (1 maand) ontbreken cijfers" in uitleg
    # A half-year with every month entered has no such remark.
    compleet = frames.totalen(
        frames.provincietabel(
            queries.provinciegegevens(demo.flevoland, date(2023, 4, 1)), date(2023, 4, 1)
        )
    )
    assert [n for n, _ in compleet["onvolledig"]] in ([], ["Noordoostpolder"])


def test_no_plan_line_where_the_card_has_no_plan_forecast(demo):
    # Dronten has no action plan: its card says "–" for the plan, so the chart draws no plan.
    from organisaties.models import Gemeente

    dronten = Gemeente.objects.get(naam="Dronten")
    gegevens = queries.gemeentegegevens(dronten, date(2023, 5, 1), demo.user("beheerder"))
    assert all(m.plan.personen is None for m in gegevens.prognose.mijlpalen)
    df = frames.cumulatief(gegevens.realisatie, gegevens.prognose)
    assert all(x is None for x in df["plan"])
    # Almere has a plan: its line runs from the last known month to the last milestone.
    almere = queries.gemeentegegevens(demo.almere, date(2023, 5, 1), demo.user("beheerder"))
    df = frames.cumulatief(almere.realisatie, almere.prognose)
    assert df["plan"].notna().sum() > 1


def test_the_card_of_a_gemeente_without_plan_says_so_in_words(demo):
    pagina = demo.client("provincie_a").get("/gemeenten/GM0303/?peildatum=2023-05-01")
    tekst = _tekst(pagina.content.decode())
    assert "Prognose volgens plan geen: er is geen plan voor de komende maanden" in tekst
    assert "– personen (–)" not in tekst
