"""The flag "taakstelling bijgesteld": a revised quota (a new national number by art. 29, an
exchange between gemeenten) shows on the gemeente's dashboard, forecast and meeting page, in
Dutch, with the old and the new figure and the date."""

import re
from datetime import date
from fractions import Fraction

from kern.perioden import Halfjaar, Maand
from prognose.rekenen import signalen
from prognose.rekenen.signalen import soortnaam

H2 = Halfjaar(2023, 2)


def test_a_revision_is_flagged_from_its_date_for_six_months():
    bij = [(H2, date(2023, 6, 15), 336, 350)]
    (s,) = signalen.taakstelling_bijgesteld(date(2023, 7, 1), bij)
    assert s.soort == "taakstelling_bijgesteld" and s.ernst == signalen.INFO
    assert s.tekst == (
        "De taakstelling voor de tweede helft 2023 is op 15 jun 2023 bijgesteld: verhoogd van "
        "336 naar 350 personen. De opgave en de mijlpalen rekenen met het nieuwe cijfer."
    )
    assert s.maand == Maand(2023, 6) and s.aantal == Fraction(14)
    assert soortnaam(s.soort) == "Taakstelling bijgesteld"
    # not yet known on a peildatum before it; gone six months after
    assert signalen.taakstelling_bijgesteld(date(2023, 6, 14), bij) == []
    assert len(signalen.taakstelling_bijgesteld(date(2023, 12, 15), bij)) == 1
    assert signalen.taakstelling_bijgesteld(date(2024, 1, 1), bij) == []
    (omlaag,) = signalen.taakstelling_bijgesteld(date(2023, 7, 1), [(H2, date(2023, 6, 1), 40, 35)])
    assert "verlaagd van 40 naar 35 personen" in omlaag.tekst


def _tekst(antwoord) -> str:
    assert antwoord.status_code == 200
    return re.sub(r"\s+", " ", antwoord.content.decode())


def test_an_exchange_shows_on_both_gemeenten_pages(demo, django_capture_on_commit_callbacks):
    from organisaties.models import Gemeente
    from taakstelling.models import Taakstelling
    from taakstelling.officieel.selectors import geldend_aantal
    from taakstelling.officieel.services import uitruil_vastleggen

    urk = Gemeente.objects.get(cbs_code="GM0184")
    zeewolde = Gemeente.objects.get(cbs_code="GM0050")
    was = {
        g.pk: geldend_aantal(Taakstelling.objects.get(gemeente=g, jaar=2023, helft=2))
        for g in (urk, zeewolde)
    }
    with django_capture_on_commit_callbacks(execute=True):  # the recompute it asks
        uitruil_vastleggen(
            provincie=demo.flevoland,
            halfjaar=H2,
            neemt_over=urk,
            draagt_over=zeewolde,
            personen=5,
            instemming_neemt_over=(date(2023, 4, 3), "B&W Urk 2023-17"),
            instemming_draagt_over=(date(2023, 4, 5), "B&W Zeewolde 2023/88"),
            goedkeuring=(date(2023, 4, 20), "GS Flevoland 3012345"),
            door=demo.user("provincie_a"),
        )
    c = demo.client("provincie_a")
    for g, richting, nieuw in ((urk, "verhoogd", was[urk.pk] + 5), (zeewolde, "verlaagd", None)):
        nieuw = was[g.pk] - 5 if nieuw is None else nieuw
        zin = (
            f"De taakstelling voor de tweede helft 2023 is op 20 apr 2023 bijgesteld: {richting} "
            f"van {was[g.pk]} naar {nieuw} personen."
        )
        dashboard = _tekst(c.get(f"/gemeenten/{g.cbs_code}/?peildatum=2023-05-01"))
        assert zin in dashboard, g.naam
        overleg = _tekst(c.get(f"/gemeenten/{g.cbs_code}/overleg/?datum=2023-05-10"))
        assert zin in overleg, g.naam
        # before the approval it is not known
        eerder = _tekst(c.get(f"/gemeenten/{g.cbs_code}/?peildatum=2023-04-01"))
        assert "bijgesteld: " not in eerder
