"""Months from users and URLs (review finding 4, D1, D2): one bounded reader
(``Maand.lees``), one ``maand_of_404``, one rule for the month an entry page opens; no view
answers 500 for any month string."""

from datetime import date
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kern.perioden import (
    EERSTE_JAAR,
    EERSTE_MAAND,
    LAATSTE_JAAR,
    LAATSTE_MAAND,
    Maand,
    datum_fout,
    maandnavigatie,
    te_openen_maand,
)

NARE_MAANDEN = [
    "2200-12",  # was a 500: the page built the link to 2201-01 (finding 4)
    "2100-12",
    "2101-01",
    "1999-12",
    "1900-01",
    "0000-00",
    "9999-99",
    "2023-13",
    "2023-00",
    "2023-1",
    "23-05",
    "2023-05-01",
    "-2023-05",
    "２０２３-０５",
    "٢٠٢٣-٠٥",
    "2023‐05",  # a Unicode hyphen
    " 2023-05",
    "NaN",
    "x" * 300,
    "%00",
    "2023-05\n",
    "",
]


@pytest.mark.parametrize("tekst", ["2000-01", "2023-05", "2100-12", " 2023-05 "])
def test_months_within_the_bounds_are_read(tekst):
    m = Maand.lees(tekst)
    assert EERSTE_MAAND <= m <= LAATSTE_MAAND


@pytest.mark.parametrize(
    "tekst", [t for t in NARE_MAANDEN if t.strip() not in ("2100-12", "2023-05")] + [None]
)
def test_anything_else_is_a_dutch_value_error(tekst):
    with pytest.raises(ValueError, match=r"geen maand|Kies een maand tussen"):
        Maand.lees(tekst)


@given(st.text(max_size=40))
def test_no_text_fails_other_than_with_a_value_error(tekst):
    try:
        m = Maand.lees(tekst)
    except ValueError as e:
        assert str(e)
    else:
        assert EERSTE_MAAND <= m <= LAATSTE_MAAND
        m.plus(1), m.plus(-1)  # the arrows of a page never leave Maand's range


def test_a_birth_month_may_lie_before_the_first_year():
    assert Maand.lees("1995-01", eerste_jaar=1979) == Maand(1995, 1)
    with pytest.raises(ValueError, match="tussen januari 2000"):
        Maand.lees("1995-01")


def test_dates_outside_the_kept_years_have_one_message():
    assert datum_fout(date(EERSTE_JAAR, 1, 1)) is None
    assert datum_fout(date(LAATSTE_JAAR, 12, 31)) is None
    assert datum_fout(date(202, 10, 1)) == "Kies een datum tussen 2000 en 2100."


def test_the_month_an_entry_page_opens():
    """D2: realisation opens at most the month that just ended, supply at most the current
    one; both the month after the last entered, or a default when nothing was entered."""
    juni = Maand(2023, 6)
    assert te_openen_maand(None, hoogstens=juni.plus(-1), zonder=juni.plus(-1)) == Maand(2023, 5)
    assert te_openen_maand(Maand(2023, 2), hoogstens=juni, zonder=juni) == Maand(2023, 3)
    assert te_openen_maand(Maand(2023, 6), hoogstens=juni, zonder=juni) == juni
    assert te_openen_maand(Maand(2023, 5), hoogstens=juni.plus(-1), zonder=juni) == Maand(2023, 5)


def test_the_arrows_stop_at_the_bounds():
    assert maandnavigatie(EERSTE_MAAND, laatste=Maand(2023, 6)) == (None, Maand(2000, 2))
    assert maandnavigatie(Maand(2023, 6), laatste=Maand(2023, 6)) == (Maand(2023, 5), None)
    assert maandnavigatie(LAATSTE_MAAND, laatste=Maand(2200, 1)) == (Maand(2100, 11), None)


# --- every month-keyed URL, with every nasty month string --------------------------------


def _gemeente_urls(m: str) -> list[tuple[str, str, dict]]:
    q = quote(m, safe="")
    g = "/gemeenten/GM0034/"
    return [
        ("GET", f"{g}realisatie/{q}/", {}),
        ("POST", f"{g}realisatie/{q}/", {"reden": "x"}),
        ("POST", f"{g}realisatie/{q}/", {"actie": "voorbeeld"}),
        ("GET", f"{g}realisatie/?maand={q}", {}),
        ("GET", f"{g}realisatie/sjabloon.csv?maand={q}", {}),
        ("GET", f"{g}wijzigingen/?maand={q}", {}),
        ("POST", f"{g}plan/2023-05-01/acties/amv/{q}/", {"waarde": "1"}),
        ("POST", f"{g}taakstelling/amv/{q}/2023-01/", {}),
        ("POST", f"{g}taakstelling/amv/2006-01/{q}/", {}),
        ("POST", f"{g}taakstelling/amv/{q}/{q}/verwijderen/", {}),
        ("POST", f"{g}taakstelling/amv/", {"geboortemaand": m, "gehuisvest_in": m}),
        ("POST", f"{g}plan/nieuw/", {"naam": "x", "van": m, "tot": m, "bezetting": "2"}),
    ]


def _aanbod_urls(m: str) -> list[tuple[str, str, dict]]:
    q = quote(m, safe="")
    a = "/corporaties/ymere/aanbod/"
    return [
        ("GET", f"{a}{q}/", {}),
        ("GET", f"{a}?maand={q}", {}),
        ("POST", f"{a}{q}/GM0034/", {}),
        ("POST", f"{a}{q}/GM0034/verwijderen/", {}),
    ]


@pytest.mark.parametrize("maand", NARE_MAANDEN)
def test_no_month_string_makes_any_page_fail(demo, juni_2023, maand):
    # The test client raises a view's exception: a 500 fails here, whatever the month.
    for persona, urls in (
        ("opgaveteam_a", _gemeente_urls(maand)),
        ("taskforce_a", _gemeente_urls(maand)[:6]),
        ("corporatie_a", _aanbod_urls(maand)),
    ):
        client = demo.client(persona)
        for methode, url, data in urls:
            antwoord = client.post(url, data) if methode == "POST" else client.get(url)
            assert antwoord.status_code in (200, 302, 403, 404), (persona, methode, url)


@pytest.mark.parametrize("maand", ["2200-12", "2101-01", "1999-12"])
def test_a_month_outside_the_kept_years_is_not_a_page(demo, maand):
    """One definition of the bounds: the month page, the supply page and the plan cell."""
    assert (
        demo.client("opgaveteam_a").get(f"/gemeenten/GM0034/realisatie/{maand}/").status_code == 404
    )
    assert demo.client("corporatie_a").get(f"/corporaties/ymere/aanbod/{maand}/").status_code == 404


def test_the_last_kept_month_opens_without_a_link_past_the_bounds(demo, juni_2023):
    html = demo.client("opgaveteam_a").get("/gemeenten/GM0034/realisatie/2100-12/").content.decode()
    assert "ligt in de toekomst" in html
    assert "2101-01" not in html


def test_asking_for_a_bad_month_says_why_and_opens_the_current_one(demo, juni_2023):
    antwoord = demo.client("opgaveteam_a").get(
        "/gemeenten/GM0034/realisatie/?maand=2200-12", follow=True
    )
    assert antwoord.redirect_chain[-1][0] == "/gemeenten/GM0034/realisatie/2023-05/"
    assert "Kies een maand tussen januari 2000 en december 2100." in antwoord.content.decode()
