"""After a quota rise, the province's milestone and the legal target for the same date stand
side by side: each card says which it is, and how they differ (finding 12e)."""

from datetime import date

import pytest

from taakstelling.models import Bijstelling, Taakstelling

pytestmark = pytest.mark.django_db


def test_the_provincial_milestone_and_the_legal_target_are_named(demo):
    h2 = Taakstelling.objects.get(gemeente=demo.almere, jaar=2023, helft=2)
    Bijstelling.objects.create(
        taakstelling=h2,
        gemeente=demo.almere,
        datum=date(2023, 6, 15),
        aantal=350,
        reden="Verhoging",
    )
    tekst = demo.client("opgaveteam_a").get("/gemeenten/GM0034/?peildatum=2023-07-01")
    tekst = " ".join(tekst.content.decode().split())
    kaarten = tekst.split("Mijlpaal 31 dec 2023")[1:]
    assert len(kaarten) == 2  # 629 of the province and 32 + 261 + 350 = 643 of the law
    provincie = next(k for k in kaarten if "<dt>Doel</dt><dd>629 personen" in k)
    wet = next(k for k in kaarten if "<dt>Doel</dt><dd>643 personen" in k)
    assert "Provinciale mijlpaal" in provincie.split("</section>")[0]
    assert (
        "Voor dezelfde datum geldt ook de wettelijke taakstelling: 643 personen. De provincie "
        "houdt de gemeente aan deze provinciale mijlpaal van 629 personen." in provincie
    )
    assert "Wettelijke taakstelling" in wet.split("</section>")[0]
    assert (
        "De provincie houdt de gemeente voor deze datum aan haar eigen mijlpaal van 629 personen"
        in wet
    )


def test_the_forecast_page_names_them_too(demo):
    h2 = Taakstelling.objects.get(gemeente=demo.almere, jaar=2023, helft=2)
    Bijstelling.objects.create(
        taakstelling=h2,
        gemeente=demo.almere,
        datum=date(2023, 6, 15),
        aantal=350,
        reden="Verhoging",
    )
    pagina = demo.client("opgaveteam_a").get("/gemeenten/GM0034/prognose/?peildatum=2023-07-01")
    tekst = " ".join(pagina.content.decode().split())
    assert (
        "Provinciale mijlpaal</strong> (de provincie houdt de gemeente hieraan; de wettelijke "
        "taakstelling voor dezelfde datum is 643)" in tekst
    )
    assert (
        "Wettelijke taakstelling</strong> (de provincie houdt de gemeente voor deze datum aan "
        "haar mijlpaal van 629)" in tekst
    )
