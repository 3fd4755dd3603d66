"""A corporatie's supply (R9): form rules equal the database's, shares day-weighted (seed 002),
compliance against the cap, audited and versioned writes, and only the corporatie's own page."""

from datetime import date
from fractions import Fraction

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bemiddeling import selectors
from bemiddeling.models import Aanbod, Verdeelafspraak
from bemiddeling.services import aanbod as diensten
from bemiddeling.services.aanbod import Aanbodcijfers, controleer_aanbod
from bemiddeling.views.aanbod import aandeel_tekst
from kern.perioden import Maand
from organisaties.models import Corporatie
from organisaties.wijzigen import Conflict

HTMX = {"HTTP_HX_REQUEST": "true"}
YMERE = "/corporaties/ymere/aanbod/"


def cijfers(m=30, label=5, huur=4, grootte=2, urgenten=10, vh=6) -> Aanbodcijfers:
    return Aanbodcijfers(m, label, huur, grootte, urgenten, vh)


def post_velden(cbs: str, c: Aanbodcijfers, **extra) -> dict:
    return {f"{cbs}-{k}": v for k, v in vars(c).items()} | {
        f"{cbs}-{k}": v for k, v in extra.items()
    }


# --- the rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("c", "veld"),
    [
        (cijfers(label=20, huur=10, grootte=5), "ongeschikt"),
        (cijfers(urgenten=31), "toegewezen_urgenten"),
        (cijfers(vh=11), "toegewezen_vh"),
        (cijfers(m=12, label=5, huur=4, grootte=2, urgenten=10, vh=2), "toegewezen_vh"),
        (cijfers(m=-1), "mutaties"),
    ],
)
def test_each_rule_has_a_dutch_message_at_its_field(c, veld):
    fouten = controleer_aanbod(c)
    assert list(fouten) == [veld]
    assert fouten[veld][0].isupper() and fouten[veld].endswith(".")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.tuples(*[st.integers(0, 30)] * 6))
def test_the_form_refuses_exactly_what_the_database_refuses(demo, waarden):
    """The rules live in the form and the service; the database constraints are the net."""
    c = Aanbodcijfers(*waarden)
    geldig = not controleer_aanbod(c)
    try:
        with transaction.atomic():
            Aanbod.objects.create(
                corporatie=demo.ymere, gemeente=demo.almere, maand=date(2030, 1, 1), **vars(c)
            )
            transaction.set_rollback(True)
        opgeslagen = True
    except IntegrityError:
        opgeslagen = False
    assert geldig == opgeslagen


@pytest.mark.parametrize(
    ("waarde", "tekst"),
    [
        (Fraction(2, 5), "40%"),
        (Fraction(2, 3), "66,7% (2/3)"),
        (Fraction(1, 10), "10%"),
        (Fraction(61, 310), "19,7%"),
        (Fraction(3, 8), "37,5%"),
        (Fraction(7, 6), "116,7% (7/6)"),
        (None, "–"),
    ],
)
def test_shares_are_shown_exactly_where_a_percentage_cannot(waarde, tekst):
    assert aandeel_tekst(waarde) == tekst


# --- shares and compliance ------------------------------------------------------------------


def stand(corporatie, gemeente, maand: Maand):
    return selectors.aanbodstanden(corporatie, [gemeente], [maand])[(gemeente.pk, maand)]


def test_seed_002_july_2024_cap_is_day_weighted_11_days_10_and_20_days_25_percent(demo):
    s = stand(demo.woonconcept, demo.steenwijkerland, Maand(2024, 7))
    assert (
        s.plafond.waarde == (11 * Fraction(1, 10) + 20 * Fraction(1, 4)) / 31 == Fraction(61, 310)
    )
    assert [(d.van.day, d.tot.day, d.waarde) for d in s.plafond.delen] == [
        (1, 11, Fraction(1, 10)),
        (12, 31, Fraction(1, 4)),
    ]


def test_compliance_and_capacity_for_woonconcept_july_2024(demo):
    s = stand(demo.woonconcept, demo.steenwijkerland, Maand(2024, 7))
    assert s.naleving.aandeel_vh == Fraction(4, 26)
    assert s.naleving.binnen_plafond is True
    # 26 x urgent share x VH share would be 5.76; the cap holds it at 26 x 61/310
    assert s.capaciteit_vh == 26 * Fraction(61, 310)


def test_seed_000_almere_shares_are_exact_fractions(demo):
    s = stand(demo.ymere, demo.almere, Maand(2023, 4))
    assert (s.urgenten.waarde, s.vh.waarde, s.plafond.waarde) == (
        Fraction(2, 5),
        Fraction(2, 3),
        None,
    )
    assert s.naleving.binnen_plafond is None  # no cap agreed in Almere


def test_a_corporatie_specific_agreement_replaces_the_gemeente_wide_one(demo):
    Verdeelafspraak.objects.create(
        gemeente=demo.almere,
        corporatie=demo.ymere,
        soort="plafond_vh",
        teller=5,
        noemer=100,
        geldig_vanaf=date(2023, 1, 1),
    )
    goedestede = Corporatie.objects.get(slug="goedestede")
    assert stand(demo.ymere, demo.almere, Maand(2023, 4)).plafond.waarde == Fraction(1, 20)
    assert stand(goedestede, demo.almere, Maand(2023, 4)).plafond.waarde is None


def test_a_missing_month_is_missing_not_zero(demo):
    s = stand(demo.ymere, demo.almere, Maand(2023, 5))
    assert s.rij is None and s.naleving is None and s.capaciteit_vh is None


# --- writes ---------------------------------------------------------------------------------


@pytest.fixture
def mei(demo, juni_2023):
    """May 2023 for Ymere in Almere: the previous month on 15 June, so no reason needed."""
    return dict(corporatie=demo.ymere, gemeente=demo.almere, maand=Maand(2023, 5))


def test_entering_a_month_is_audited_and_asks_a_recompute(
    demo, mei, herberekeningen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rij = diensten.aanbod_registreren(
            **mei, cijfers=cijfers(), door=demo.user("corporatie_a"), versie=None
        )
    h = rij.history.order_by("-history_id").first()
    assert (h.history_type, h.history_user.username, rij.versie) == ("+", "corporatie-ymere", 1)
    assert herberekeningen == [demo.almere.pk]
    diensten.aanbod_registreren(
        **mei, cijfers=cijfers(vh=7), door=demo.user("corporatie_a"), versie=1, reden="telfout"
    )
    rij.refresh_from_db()
    assert (rij.toegewezen_vh, rij.versie) == (7, 2)
    assert rij.history.order_by("-history_id").first().history_change_reason == "telfout"


def test_the_same_figures_again_add_no_history(demo, mei):
    diensten.aanbod_registreren(
        **mei, cijfers=cijfers(), door=demo.user("corporatie_a"), versie=None
    )
    aantal = Aanbod.history.count()
    diensten.aanbod_registreren(
        **mei, cijfers=cijfers(), door=demo.user("corporatie_a"), versie=None
    )
    assert Aanbod.history.count() == aantal


def test_a_stale_or_deleted_row_is_a_conflict(demo, mei):
    diensten.aanbod_registreren(
        **mei, cijfers=cijfers(), door=demo.user("corporatie_a"), versie=None
    )
    diensten.aanbod_registreren(
        **mei, cijfers=cijfers(vh=5), door=demo.user("corporatie_a"), versie=1
    )
    with pytest.raises(Conflict) as fout:
        diensten.aanbod_registreren(
            **mei, cijfers=cijfers(vh=4), door=demo.user("corporatie_a"), versie=1
        )
    assert fout.value.huidig.toegewezen_vh == 5
    diensten.aanbod_verwijderen(**mei, door=demo.user("corporatie_a"), versie=2, reden="dubbel")
    with pytest.raises(Conflict) as fout:
        diensten.aanbod_registreren(
            **mei, cijfers=cijfers(), door=demo.user("corporatie_a"), versie=2
        )
    assert fout.value.huidig is None


def test_invalid_figures_are_refused_and_nothing_is_written(
    demo, mei, herberekeningen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as fout:
        diensten.aanbod_registreren(
            **mei, cijfers=cijfers(vh=11), door=demo.user("corporatie_a"), versie=None
        )
    assert "toegewezen_vh" in fout.value.message_dict
    assert not Aanbod.objects.filter(maand=date(2023, 5, 1), corporatie=demo.ymere).exists()
    assert herberekeningen == []


def test_a_month_not_yet_begun_and_an_old_month_without_reason_are_refused(demo, mei):
    with pytest.raises(ValidationError, match="nog niet begonnen"):
        diensten.aanbod_registreren(
            **(mei | {"maand": Maand(2023, 7)}),
            cijfers=cijfers(),
            door=demo.user("corporatie_a"),
            versie=None,
        )
    with pytest.raises(ValidationError) as fout:
        diensten.aanbod_registreren(
            **(mei | {"maand": Maand(2023, 4)}),
            cijfers=cijfers(),
            door=demo.user("corporatie_a"),
            versie=1,
        )
    assert "reden" in fout.value.message_dict


@pytest.mark.parametrize("persona", ["corporatie_a2", "beheerder", "opgaveteam_a", "provincie_a"])
def test_only_the_corporaties_own_users_change_its_rows(demo, mei, persona):
    with pytest.raises(PermissionDenied):
        diensten.aanbod_registreren(**mei, cijfers=cijfers(), door=demo.user(persona), versie=None)


def test_a_corporatie_cannot_enter_supply_outside_its_werkgebied(demo, mei):
    with pytest.raises(PermissionDenied):
        diensten.aanbod_registreren(
            **(mei | {"gemeente": demo.steenwijkerland}),
            cijfers=cijfers(),
            door=demo.user("corporatie_a"),
            versie=None,
        )


# --- pages ----------------------------------------------------------------------------------


def test_the_start_month_follows_the_last_entered_one(demo, juni_2023):
    c = demo.client("corporatie_a")
    assert c.get(YMERE).url == YMERE + "2023-05/"  # last entered: April
    assert c.get(YMERE + "?maand=2023-02").url == YMERE + "2023-02/"
    fout = c.get(YMERE + "?maand=februari", follow=True)
    assert "&#x27;februari&#x27; is geen maand" in fout.content.decode()
    Aanbod.objects.filter(corporatie=demo.ymere).delete()
    assert c.get(YMERE).url == YMERE + "2023-05/"  # nothing entered: the previous month


def test_logging_in_as_a_corporatie_leads_to_its_supply(demo, juni_2023):
    antwoord = demo.client("corporatie_a").get("/", follow=True)
    assert antwoord.redirect_chain[-1][0] == YMERE + "2023-05/"


def test_the_month_page_shows_missing_months_and_the_day_weighted_cap(demo, augustus_2024):
    html = (
        demo.client("corporatie_b").get("/corporaties/woonconcept/aanbod/2024-07/").content.decode()
    )
    assert "19,7%, naar dagen gewogen" in html
    assert "1 jul 2024 – 11 jul 2024: 10%" in html and "12 jul 2024 – 31 jul 2024: 25%" in html
    assert "4 van 26 mutaties = 15,4%" in html and "binnen het plafond" in html
    assert "ontbreekt (niet ingevuld)" in html  # 2023 months before the demo's figures


def test_saving_with_htmx_returns_the_block_with_the_new_compliance(
    demo, augustus_2024, herberekeningen
):
    c = demo.client("corporatie_b")
    pad = "/corporaties/woonconcept/aanbod/2024-07/GM1708/"
    rij = Aanbod.objects.get(corporatie=demo.woonconcept, maand=date(2024, 7, 1))
    data = post_velden(
        "GM1708", cijfers(m=20, label=2, huur=2, grootte=1, urgenten=8, vh=5), versie=rij.versie
    )
    html = c.post(pad, data, **HTMX).content.decode()
    assert "5 van 20 mutaties = 25%" in html and "boven het plafond" in html
    assert 'id="aanbod-status" hx-swap-oob="innerHTML"' in html
    assert Aanbod.objects.get(pk=rij.pk).toegewezen_vh == 5


def test_bad_figures_get_messages_at_their_fields_and_change_nothing(demo, juni_2023):
    c = demo.client("corporatie_a")
    data = post_velden("GM0034", cijfers(label=20, huur=10, grootte=5, urgenten=40))
    html = c.post(YMERE + "2023-05/GM0034/", data).content.decode()
    assert 'id="GM0034-ongeschikt-fout"' in html and "meer ongeschikte woningen (35" in html
    assert 'aria-describedby="GM0034-ongeschikt-fout"' in html
    assert 'id="id_GM0034-toegewezen_urgenten_fout"' in html
    assert 'aria-describedby="id_GM0034-toegewezen_urgenten_fout"' in html
    html = c.post(
        YMERE + "2023-05/GM0034/", post_velden("GM0034", cijfers()) | {"GM0034-mutaties": "dertig"}
    ).content.decode()
    assert "Vul een geheel aantal in" in html
    assert not Aanbod.objects.filter(corporatie=demo.ymere, maand=date(2023, 5, 1)).exists()


def test_a_conflict_shows_both_figures_and_saving_again_keeps_mine(demo, juni_2023):
    a, b = demo.client("corporatie_a"), demo.client("corporatie_a")
    pad = YMERE + "2023-05/GM0034/"
    a.post(pad, post_velden("GM0034", cijfers()))
    a.post(pad, post_velden("GM0034", cijfers(vh=3), versie=1))
    html = b.post(pad, post_velden("GM0034", cijfers(vh=8), versie=1), **HTMX).content.decode()
    assert "Iemand anders heeft deze cijfers intussen gewijzigd." in html
    assert "Mijn cijfers opslaan" in html
    rij = Aanbod.objects.get(corporatie=demo.ymere, maand=date(2023, 5, 1))
    assert rij.toegewezen_vh == 3
    b.post(pad, post_velden("GM0034", cijfers(vh=8), versie=rij.versie), **HTMX)
    assert Aanbod.objects.get(pk=rij.pk).toegewezen_vh == 8


def test_deleting_a_month_makes_it_missing_again(demo, juni_2023):
    c = demo.client("corporatie_a")
    c.post(YMERE + "2023-05/GM0034/", post_velden("GM0034", cijfers()))
    pad = YMERE + "2023-05/GM0034/verwijderen/"
    assert "Geef een reden" in c.post(pad, {"weg-GM0034-versie": 1}).content.decode()
    assert (
        c.post(pad, {"weg-GM0034-versie": 1, "weg-GM0034-reden": "dubbel ingevoerd"}).status_code
        == 302
    )
    assert not Aanbod.objects.filter(corporatie=demo.ymere, maand=date(2023, 5, 1)).exists()
    html = c.get(YMERE + "2023-05/").content.decode()
    assert "mei 2023 ontbreekt voor Almere (ontbrekend is niet 0)" in html


def test_the_beheerder_reads_without_inputs_and_may_not_post(demo, juni_2023):
    html = demo.client("beheerder").get(YMERE + "2023-04/").content.decode()
    assert "U kunt deze cijfers alleen lezen." in html and 'name="GM0034-mutaties"' not in html
    assert demo.client("beheerder").post(YMERE + "2023-04/GM0034/", {}).status_code == 403


def test_other_corporaties_and_gemeenten_outside_the_werkgebied_are_404(demo, juni_2023):
    assert demo.client("corporatie_a2").get(YMERE + "2023-04/").status_code == 404
    assert demo.client("corporatie_a").post(YMERE + "2023-04/GM1708/", {}).status_code == 404
    assert demo.client("corporatie_a").get(YMERE + "2023-13/").status_code == 404


def test_a_month_not_yet_begun_has_no_form(demo, juni_2023):
    html = demo.client("corporatie_a").get(YMERE + "2023-08/").content.decode()
    assert "Deze maand is nog niet begonnen." in html and 'name="GM0034-mutaties"' not in html


def test_the_query_count_does_not_grow_with_the_number_of_gemeenten(
    demo, juni_2023, django_assert_max_num_queries
):
    c = demo.client("beheerder")
    with django_assert_max_num_queries(14):
        assert c.get(YMERE + "2023-04/").status_code == 200
    with django_assert_max_num_queries(14):  # Flevowonen works in five gemeenten
        assert c.get("/corporaties/flevowonen/aanbod/2023-04/").status_code == 200


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    veld=st.sampled_from([*Aanbodcijfers.__dataclass_fields__, "versie", "reden"]),
    tekst=st.text(max_size=40),
)
def test_no_input_gives_a_500(demo, veld, tekst):
    c = demo.client("corporatie_a")
    data = post_velden("GM0034", cijfers()) | {f"GM0034-{veld}": tekst}
    assert c.post(YMERE + "2023-05/GM0034/", data, **HTMX).status_code == 200


def test_changing_supply_needs_a_gemeente_the_page_flag_has_its_own_question(demo):
    """Finding 14: mag(AANBOD_WIJZIGEN) without a gemeente said yes to any member."""
    from organisaties import toegang
    from organisaties.toegang import Handeling

    ymere_medewerker = demo.user("corporatie_a")
    assert not toegang.mag(ymere_medewerker, Handeling.AANBOD_WIJZIGEN, corporatie=demo.ymere)
    assert toegang.mag(
        ymere_medewerker, Handeling.AANBOD_WIJZIGEN, corporatie=demo.ymere, gemeente=demo.almere
    )
    assert not toegang.mag(
        ymere_medewerker,
        Handeling.AANBOD_WIJZIGEN,
        corporatie=demo.ymere,
        gemeente=demo.steenwijkerland,
    )
    assert toegang.mag_aanbod_invullen(ymere_medewerker, demo.ymere)
    assert not toegang.mag_aanbod_invullen(demo.user("beheerder"), demo.ymere)
    assert not toegang.mag_aanbod_invullen(demo.user("corporatie_b"), demo.ymere)


def test_every_error_comes_in_one_pass(demo, juni_2023):
    """Issue 11, finding 10: a missing reason (April is older than last month), a number
    that is no number and 'VH > urgenten' all come back after the first submit, not one
    after the other, with an error summary that links to each field."""
    c = demo.client("corporatie_a")
    voor = list(Aanbod.objects.filter(corporatie=demo.ymere).values())
    data = post_velden("GM0034", cijfers(urgenten=4, vh=6)) | {"GM0034-ongeschikt_huur": "vier"}
    html = c.post(YMERE + "2023-04/GM0034/", data).content.decode()
    assert 'id="id_GM0034-reden_fout"' in html  # the reason, at its field
    assert 'id="id_GM0034-toegewezen_vh_fout"' in html  # VH above urgenten
    assert 'id="id_GM0034-ongeschikt_huur_fout"' in html  # not a number
    assert 'class="utrecht-alert utrecht-alert--error monitor-foutoverzicht"' in html
    for veld in ("reden", "toegewezen_vh", "ongeschikt_huur"):
        assert f'href="#id_GM0034-{veld}"' in html
    assert list(Aanbod.objects.filter(corporatie=demo.ymere).values()) == voor
