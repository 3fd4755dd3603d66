"""The taakstelling page (R2, R3): quota with revisions, opening saldo, saldo per period with the
FIFO write-offs in words (seed 000), the art. 29 helper and the AMV cohorts."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kern.perioden import Halfjaar, Maand
from kern.regels import Afboeking
from organisaties.wijzigen import Conflict
from taakstelling import selectors
from taakstelling.models import AmvCohort, Bijstelling, Openingssaldo, Taakstelling
from taakstelling.services import taakstelling as diensten
from taakstelling.views.taakstelling import afboeking_tekst

pytestmark = pytest.mark.usefixtures("juni_2023")

T = "/gemeenten/GM0034/taakstelling/"


def h2(demo) -> Taakstelling:
    return Taakstelling.objects.get(gemeente=demo.almere, jaar=2023, helft=2)


def test_seed_000_l36_the_32_backlog_is_paid_first_and_said_in_words(demo):
    html = demo.client("taskforce_a").get(T + "?peildatum=2023-05-01").content.decode()
    assert (
        "32 personen van de achterstand van vóór de eerste helft 2023 afgelost met realisatie "
        "in de eerste helft 2023." in html
    )
    assert "46 personen van de taakstelling van de eerste helft 2023 afgelost" in html
    assert "(voorlopig: niet alle maanden ingevuld)" in html


def test_write_offs_read_well_for_a_surplus_and_a_single_person():
    eerste = Halfjaar(2023, 1)
    assert (
        afboeking_tekst(Afboeking("2023-H2", "voorsprong", 1), eerste)
        == "1 persoon van de taakstelling van de tweede helft 2023 afgelost met de meegebrachte "
        "voorsprong."
    )


def test_the_page_shows_the_provinces_milestones_and_what_they_replaced(demo):
    html = " ".join(demo.client("corporatie_a").get(T).content.decode().split())
    assert "Deadline provincie Flevoland" in html
    assert "Vervangen door een eigen mijlpaal van de provincie: einde halfjaar 30 jun 2023" in html
    assert "Taakstelling voor een halfjaar toevoegen" not in html  # read-only


def test_a_revision_is_a_new_row_and_the_latest_holds(
    demo, herberekeningen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        diensten.bijstelling_vastleggen(
            taakstelling=h2(demo),
            datum=date(2023, 6, 1),
            aantal=350,
            reden="Verhoging landelijke taakstelling",
            door=demo.user("opgaveteam_a"),
        )
    assert dict(selectors.taakstellingen(demo.almere))[Halfjaar(2023, 2)] == 350
    assert h2(demo).aantal == 336  # the original stays
    assert herberekeningen == [demo.almere.pk]
    with pytest.raises(ValidationError, match="al een bijstelling"):
        diensten.bijstelling_vastleggen(
            taakstelling=h2(demo),
            datum=date(2023, 6, 1),
            aantal=360,
            reden="x",
            door=demo.user("opgaveteam_a"),
        )
    with pytest.raises(ValidationError, match="reden"):
        diensten.bijstelling_vastleggen(
            taakstelling=h2(demo),
            datum=date(2023, 6, 2),
            aantal=360,
            reden=" ",
            door=demo.user("opgaveteam_a"),
        )


def test_correcting_the_original_number_needs_a_reason_and_is_versioned(demo):
    t = h2(demo)
    with pytest.raises(ValidationError, match="reden"):
        diensten.taakstelling_wijzigen(
            taakstelling=t,
            aantal=335,
            bron=t.bron,
            door=demo.user("opgaveteam_a"),
            versie=t.versie,
            reden="",
        )
    diensten.taakstelling_wijzigen(
        taakstelling=t,
        aantal=335,
        bron=t.bron,
        door=demo.user("opgaveteam_a"),
        versie=t.versie,
        reden="Typfout",
    )
    with pytest.raises(Conflict):
        diensten.taakstelling_wijzigen(
            taakstelling=t,
            aantal=334,
            bron=t.bron,
            door=demo.user("opgaveteam_a"),
            versie=t.versie,
            reden="Nog een",
        )


def test_a_quota_with_revisions_cannot_be_deleted(demo):
    t = h2(demo)
    diensten.bijstelling_vastleggen(
        taakstelling=t,
        datum=date(2023, 6, 1),
        aantal=350,
        reden="x",
        door=demo.user("opgaveteam_a"),
    )
    with pytest.raises(ValidationError, match="bijstellingen"):
        diensten.taakstelling_verwijderen(
            taakstelling=t, door=demo.user("opgaveteam_a"), versie=t.versie, reden="fout"
        )


def test_a_second_quota_for_the_same_half_year_is_refused(demo):
    with pytest.raises(ValidationError) as fout:
        diensten.taakstelling_vaststellen(
            gemeente=demo.almere,
            halfjaar=Halfjaar(2023, 2),
            aantal=1,
            door=demo.user("opgaveteam_a"),
        )
    assert "halfjaar" in fout.value.message_dict


@pytest.mark.parametrize(
    "persona", ["provincie_a", "taskforce_a", "corporatie_a", "beheerder", "opgaveteam_b"]
)
def test_only_the_opgaveteam_changes_the_quota(demo, persona):
    with pytest.raises(PermissionDenied):
        diensten.taakstelling_vaststellen(
            gemeente=demo.almere, halfjaar=Halfjaar(2024, 1), aantal=300, door=demo.user(persona)
        )


def test_the_opening_saldo_conflicts_on_a_changed_version(demo):
    rij = Openingssaldo.objects.get(gemeente=demo.almere)
    diensten.openingssaldo_zetten(
        gemeente=demo.almere,
        halfjaar=Halfjaar(2023, 1),
        saldo=-30,
        door=demo.user("opgaveteam_a"),
        versie=rij.versie,
        reden="Herteld",
    )
    with pytest.raises(Conflict) as fout:
        diensten.openingssaldo_zetten(
            gemeente=demo.almere,
            halfjaar=Halfjaar(2023, 1),
            saldo=-31,
            door=demo.user("opgaveteam_a"),
            versie=rij.versie,
            reden="Herteld",
        )
    assert fout.value.huidig.saldo == -30
    with pytest.raises(ValidationError, match="reden"):
        diensten.openingssaldo_zetten(
            gemeente=demo.almere,
            halfjaar=Halfjaar(2023, 1),
            saldo=-31,
            door=demo.user("opgaveteam_a"),
            versie=rij.versie + 1,
        )


def test_the_opening_saldo_conflicts_when_only_its_source_changed(demo):
    """Finding 16: the check compared period and saldo, not the source."""
    rij = Openingssaldo.objects.get(gemeente=demo.almere)
    diensten.openingssaldo_zetten(
        gemeente=demo.almere,
        halfjaar=rij.halfjaar,
        saldo=rij.saldo,
        bron="Brief provincie 2023",
        door=demo.user("opgaveteam_a"),
        versie=rij.versie,
        reden="Bron aangevuld",
    )
    with pytest.raises(Conflict) as fout:
        diensten.openingssaldo_zetten(
            gemeente=demo.almere,
            halfjaar=rij.halfjaar,
            saldo=-40,
            bron=rij.bron,
            door=demo.user("opgaveteam_a"),
            versie=rij.versie,
            reden="Herteld",
        )
    assert fout.value.huidig.bron == "Brief provincie 2023"
    assert Openingssaldo.objects.get(gemeente=demo.almere).saldo == rij.saldo


def test_the_quota_forms_on_the_page(demo):
    c = demo.client("opgaveteam_a")
    nieuw = {"nieuw-jaar": "2024", "nieuw-helft": "1"}
    assert (
        c.post(T + "nieuw/", nieuw | {"nieuw-aantal": "300", "nieuw-bron": "Brief"}).status_code
        == 302
    )
    html = c.post(T + "nieuw/", nieuw | {"nieuw-aantal": "3OO"}).content.decode()
    assert "Vul een geheel aantal in, zonder decimalen (bijvoorbeeld 1.250)." in html
    html = c.post(T + "nieuw/", nieuw | {"nieuw-aantal": "301"}).content.decode()
    assert "Voor de eerste helft 2024 is al een taakstelling ingevoerd" in html
    assert (
        c.post(
            T + "2023-H2/bijstellingen/",
            {
                "b-2023-H2-datum": "1-6-2023",
                "b-2023-H2-aantal": "350",
                "b-2023-H2-reden": "Verhoging",
            },
        ).status_code
        == 302
    )
    assert (
        c.post(
            T + "2023-H2/bijstellingen/2023-06-01/verwijderen/", {"bd-2023-H2-2023-06-01-reden": ""}
        ).status_code
        == 200
    )
    assert Bijstelling.objects.filter(taakstelling=h2(demo)).exists()
    assert (
        c.post(
            T + "2023-H2/bijstellingen/2023-06-01/verwijderen/",
            {"bd-2023-H2-2023-06-01-reden": "Vergissing"},
        ).status_code
        == 302
    )
    assert not Bijstelling.objects.filter(taakstelling=h2(demo)).exists()
    assert c.post(T + "2023-H7/", {}).status_code == 404


def test_the_opening_saldo_form_shows_a_conflict_with_both_values(demo):
    c = demo.client("opgaveteam_a")
    versie = Openingssaldo.objects.get(gemeente=demo.almere).versie
    data = {
        "opening-jaar": "2023",
        "opening-helft": "1",
        "opening-saldo": "-30",
        "opening-reden": "Herteld",
        "opening-versie": str(versie),
    }
    assert c.post(T + "openingssaldo/", data).status_code == 302
    html = c.post(T + "openingssaldo/", data | {"opening-saldo": "-31"}).content.decode()
    assert "nu −30 vóór de eerste helft 2023" in html and "u vulde −31 in" in html
    assert Openingssaldo.objects.get(gemeente=demo.almere).saldo == -30
    # Saving again (the form now carries the stored version) means: mine after all.
    assert f'name="opening-versie" value="{versie + 1}"' in html
    data |= {"opening-saldo": "-31", "opening-versie": str(versie + 1)}
    assert c.post(T + "openingssaldo/", data).status_code == 302
    assert Openingssaldo.objects.get(gemeente=demo.almere).saldo == -31


def test_the_art29_helper_rounds_up_and_fills_in_the_quota(demo):
    html = (
        demo.client("opgaveteam_a")
        .get(T, {"landelijk": "9800", "inwoners_gemeente": "218096", "inwoners_nl": "17590672"})
        .content.decode()
    )
    # 9800 x 218096 / 17590672 = 121.5...; art. 29 rounds up
    assert "<strong>Uitkomst: 122 personen</strong>" in html
    assert 'name="nieuw-aantal" value="122"' in html
    html = (
        demo.client("opgaveteam_a")
        .get(T, {"landelijk": "veel", "inwoners_nl": "0"})
        .content.decode()
    )
    assert "Vul een geheel aantal in" in html and "Vul een aantal van 1 of meer in." in html


def test_the_page_needs_a_fixed_number_of_queries(demo, django_assert_max_num_queries):
    c = demo.client("opgaveteam_a")
    # was 22: the opening saldo is read once; +1: the source documents, once for every form
    with django_assert_max_num_queries(17):
        assert c.get(T).status_code == 200


# --- AMV cohorts ----------------------------------------------------------------------------


def test_an_amv_cohort_is_entered_and_flagged_when_it_reaches_21_within_a_year(demo):
    c = demo.client("opgaveteam_a")
    data = {
        "geboortemaand": "2002-09",
        "gehuisvest_in": "2019-05",
        "aantal": "3",
        "reden": "Nidos-overzicht",
    }
    assert c.post(T + "amv/", data).status_code == 302
    cohort = AmvCohort.objects.get(gemeente=demo.almere, geboortemaand=date(2002, 9, 1))
    assert cohort.aantal == 3 and not cohort.illustratief
    html = c.get(T + "amv/").content.decode()
    assert "september 2023" in html and "wordt binnen 12 maanden 21" in html


@pytest.mark.parametrize(
    ("data", "boodschap"),
    [
        ({"geboortemaand": "2020-01", "gehuisvest_in": "2019-05"}, "vóór de maand van huisvesting"),
        ({"geboortemaand": "1995-01", "gehuisvest_in": "2019-05"}, "geen AMV&#x27;er meer"),
        ({"geboortemaand": "2010-01", "gehuisvest_in": "2023-09"}, "nog niet begonnen"),
        ({"geboortemaand": "2010-13", "gehuisvest_in": "2023-01"}, "is geen maand"),
    ],
)
def test_impossible_cohorts_are_refused_in_dutch(demo, data, boodschap):
    voor = AmvCohort.objects.count()
    html = (
        demo.client("opgaveteam_a")
        .post(T + "amv/", data | {"aantal": "1", "reden": "x"})
        .content.decode()
    )
    assert boodschap in html
    assert AmvCohort.objects.count() == voor


def test_a_cohort_is_changed_with_its_version_and_deleted_with_a_reason(demo):
    c = demo.client("opgaveteam_a")
    voor = AmvCohort.objects.count()
    diensten.amv_cohort_vastleggen(
        gemeente=demo.almere,
        geboortemaand=Maand(2007, 3),
        gehuisvest_in=Maand(2023, 5),
        aantal=2,
        door=demo.user("opgaveteam_a"),
    )
    pad = T + "amv/2007-03/2023-05/"
    assert (
        c.post(pad, {"c-2007-03-2023-05-aantal": "4", "c-2007-03-2023-05-versie": "1"}).status_code
        == 302
    )
    html = c.post(
        pad, {"c-2007-03-2023-05-aantal": "5", "c-2007-03-2023-05-versie": "1"}
    ).content.decode()
    assert "nu 4; u vulde 5 in" in html
    weg = {"cd-2007-03-2023-05-versie": "2", "cd-2007-03-2023-05-reden": "Verhuisd"}
    assert c.post(pad + "verwijderen/", weg).status_code == 302
    assert AmvCohort.objects.count() == voor


def test_the_amv_page_query_count_does_not_grow_with_the_cohorts(
    demo, django_assert_max_num_queries
):
    c = demo.client("opgaveteam_a")
    bestaand = sum(AmvCohort.objects.filter(gemeente=demo.almere).values_list("aantal", flat=True))
    for maand in range(1, 7):
        AmvCohort.objects.create(
            gemeente=demo.almere,
            geboortemaand=date(2006, maand, 1),
            gehuisvest_in=date(2023, 1, 1),
            aantal=maand,
        )
    with django_assert_max_num_queries(10):
        html = c.get(T + "amv/").content.decode()
    assert f"AMV-cohorten (totaal {21 + bestaand} AMV'ers)" in html
