"""The taakstelling page: quota per half-year with revisions, opening saldo, milestones and the
saldo per period with its FIFO write-offs in words (R2, R3, R5); and the AMV cohorts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from kern import opmaak, regels
from kern.invoer import lees_peildatum
from kern.perioden import EERSTE_GEBOORTEJAAR, Halfjaar, Maand
from kern.regels import saldi_tot
from organisaties import toegang
from organisaties.models import Brondocument
from organisaties.selectors import bronvermelding
from organisaties.toegang import Handeling
from organisaties.views.schrijven import schrijf
from organisaties.wijzigen import Conflict
from taakstelling import selectors
from taakstelling.forms.taakstelling import (
    AmvFormulier,
    AmvWijzigenFormulier,
    Art29Formulier,
    BijstellingFormulier,
    OpeningssaldoFormulier,
    TaakstellingFormulier,
    TaakstellingWijzigenFormulier,
    VerwijderenFormulier,
)
from taakstelling.models import AmvCohort, Bijstelling, Taakstelling
from taakstelling.selectors import standaard_peildatum
from taakstelling.services import taakstelling as diensten
from taakstelling.services.taakstelling import AMV_UITSTROOM_JAREN

SJABLOON = "taakstelling/taakstelling.html"
AMV_SJABLOON = "taakstelling/taakstelling_amv.html"
AMV_SIGNAAL_MAANDEN = 12


def _halfjaar(tekst: str) -> Halfjaar:
    try:
        return Halfjaar.lees(tekst)
    except ValueError as exc:
        raise Http404("Geen geldig halfjaar.") from exc


def _taakstelling(gemeente, tekst: str) -> Taakstelling:
    h = _halfjaar(tekst)
    t = Taakstelling.objects.filter(gemeente=gemeente, jaar=h.jaar, helft=h.helft).first()
    if t is None:
        raise Http404("Voor dit halfjaar is geen taakstelling ingevoerd.")
    t.gemeente = gemeente
    return t


def _naam_schuld(label: str, eerste: Halfjaar | None) -> str:
    if label == "begin":
        return f"de achterstand van vóór de {eerste.naam}" if eerste else "de beginachterstand"
    return f"de taakstelling van de {Halfjaar.parse(label).naam}"


def afboeking_tekst(a: regels.Afboeking, eerste: Halfjaar | None) -> str:
    """'32 personen van de achterstand van vóór de eerste helft 2023 afgelost met realisatie
    in de eerste helft 2023.'"""
    betaald = (
        "de meegebrachte voorsprong"
        if a.betaald_in == "voorsprong"
        else f"realisatie in de {Halfjaar.parse(a.betaald_in).naam}"
    )
    eenheid = "persoon" if a.personen == 1 else "personen"
    return f"{a.personen} {eenheid} van {_naam_schuld(a.schuld, eerste)} afgelost met {betaald}."


@dataclass
class Quotumregel:
    taakstelling: Taakstelling
    bijstellingen: list[Bijstelling]
    wijzigformulier: TaakstellingWijzigenFormulier | None = None
    bijstellingformulier: BijstellingFormulier | None = None
    verwijderformulier: VerwijderenFormulier | None = None
    bijstelling_regels: list[tuple[Bijstelling, VerwijderenFormulier | None]] | None = None
    open: bool = False

    @property
    def geldend(self) -> int:
        return regels.geldende_taakstelling(
            self.taakstelling.aantal, [(b.datum, b.aantal) for b in self.bijstellingen]
        )

    @property
    def sleutel(self) -> str:
        return str(self.taakstelling.halfjaar)


def _quotumregels(
    gemeente, kan: bool, vervang: dict | None = None, documenten=None
) -> list[Quotumregel]:
    vervang = vervang or {}
    rijen = []
    for t in (
        Taakstelling.objects.filter(gemeente=gemeente)
        .select_related("brondocument")
        .prefetch_related("bijstellingen")
    ):
        t.gemeente = gemeente
        q = Quotumregel(t, sorted(t.bijstellingen.all(), key=lambda b: b.datum))
        if kan:
            s = q.sleutel
            q.wijzigformulier = TaakstellingWijzigenFormulier(
                documenten=documenten,
                prefix=f"t-{s}",
                initial={
                    "aantal": t.aantal,
                    "brondocument": t.brondocument_id,
                    "paragraaf": t.paragraaf,
                    "bron": t.bron,
                    "versie": t.versie,
                },
            )
            q.bijstellingformulier = BijstellingFormulier(prefix=f"b-{s}")
            q.verwijderformulier = VerwijderenFormulier(
                prefix=f"d-{s}", initial={"versie": t.versie}
            )
            vervangen = vervang.get(s, {})
            q.bijstelling_regels = [
                (
                    b,
                    vervangen.get(f"bijstelling-{b.datum.isoformat()}")
                    or VerwijderenFormulier(prefix=f"bd-{s}-{b.datum.isoformat()}"),
                )
                for b in q.bijstellingen
            ]
            for attribuut, formulier in vervangen.items():
                if not attribuut.startswith("bijstelling-"):
                    setattr(q, attribuut, formulier)
                q.open = True
        else:
            q.bijstelling_regels = [(b, None) for b in q.bijstellingen]
        rijen.append(q)
    return rijen


def _context(request, gemeente, **extra) -> dict:
    kan = toegang.mag(request.user, Handeling.TAAKSTELLING_WIJZIGEN, gemeente=gemeente)
    peildatum, peildatum_fout = lees_peildatum(request.GET.get("peildatum"))
    if peildatum is None:
        peildatum = standaard_peildatum(gemeente)
    invoer = selectors.saldo_invoer(gemeente)
    quota, opening, opening_rij = invoer.quota, invoer.opening, invoer.opening_rij
    tot = Maand.van(peildatum).plus(-1)
    saldi = saldi_tot(invoer.rijen, invoer.ingevoerd, quota, opening, tot)
    eerste = quota[0][0] if quota else None
    begin = opening[1] if opening and eerste and opening[0] == eerste else 0
    standaard = regels.standaard_mijlpalen(quota, begin)
    geldend = selectors.geldende_mijlpalen(gemeente, quota, opening)

    art29 = None
    art29_formulier = Art29Formulier(
        request.GET if "landelijk" in request.GET else None,
        initial={"inwoners_gemeente": gemeente.inwoners},
    )
    if art29_formulier.is_bound and art29_formulier.is_valid():
        d = art29_formulier.cleaned_data
        art29 = regels.taakstelling_art29(d["landelijk"], d["inwoners_gemeente"], d["inwoners_nl"])

    # The documents to choose a source from: read once for every form on the page.
    documenten = list(Brondocument.objects.all()) if kan else None
    ctx = {
        "gemeente": gemeente,
        "kan_wijzigen": kan,
        "quotumregels": _quotumregels(gemeente, kan, extra.pop("vervang", None), documenten),
        "opening": opening_rij,
        "opening_past_niet": bool(opening and eerste and opening[0] != eerste),
        "eerste_periode": eerste,
        "mijlpalen": geldend,
        "vervangen": [m for m in standaard if m not in geldend],
        "peildatum": peildatum,
        "peildatum_fout": peildatum_fout,
        "tot": tot,
        "saldi": [(s, [afboeking_tekst(a, eerste) for a in s.afboekingen]) for s in saldi],
        "art29_formulier": art29_formulier,
        "art29": art29,
        "beheerder": toegang.toegang(request.user).beheerder,
        "kan_mijlpalen": toegang.mag(request.user, Handeling.MIJLPAAL_WIJZIGEN, gemeente=gemeente),
    }
    if kan:
        ctx["toevoegformulier"] = TaakstellingFormulier(
            documenten=documenten, initial={"aantal": art29} if art29 is not None else None
        )
        ctx["openingformulier"] = OpeningssaldoFormulier(
            documenten=documenten,
            initial={
                "jaar": opening[0].jaar if opening else (eerste.jaar if eerste else None),
                "helft": opening[0].helft if opening else (eerste.helft if eerste else 1),
                "saldo": opening[1] if opening else None,
                "brondocument": opening_rij.brondocument_id if opening_rij else None,
                "paragraaf": opening_rij.paragraaf if opening_rij else "",
                "bron": opening_rij.bron if opening_rij else "",
                "versie": opening_rij.versie if opening_rij else None,
            },
        )
    return ctx | extra


def _toon(request, gemeente, **extra):
    return render(request, SJABLOON, _context(request, gemeente, **extra))


def _url(gemeente, anker: str = "") -> str:
    return reverse("taakstelling", args=[gemeente.cbs_code]) + anker


@login_required
@require_http_methods(["GET"])
def taakstelling(request, cbs: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    return _toon(request, gemeente)


@login_required
@require_http_methods(["POST"])
def taakstelling_toevoegen(request, cbs: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    toegang.vereis(request.user, Handeling.TAAKSTELLING_WIJZIGEN, gemeente=gemeente)
    formulier = TaakstellingFormulier(request.POST)
    return schrijf(
        request,
        formulier,
        lambda d: diensten.taakstelling_vaststellen(
            gemeente=gemeente,
            halfjaar=formulier.halfjaar,
            aantal=d["aantal"],
            reden=d["reden"] or None,
            door=request.user,
            **formulier.bron_gegevens(),
        ),
        conflict="Voor dit halfjaar legde iemand anders zojuist een taakstelling vast.",
        conflict_veld="jaar",
        melding=lambda t: f"Taakstelling {t.halfjaar.naam} vastgelegd: {t.aantal}.",
        naar=_url(gemeente, "#taakstellingen"),
        opnieuw=lambda: _toon(request, gemeente, toevoegformulier=formulier, toevoegen_open=True),
    )


@login_required
@require_http_methods(["POST"])
def taakstelling_wijzigen(request, cbs: str, halfjaar: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    toegang.vereis(request.user, Handeling.TAAKSTELLING_WIJZIGEN, gemeente=gemeente)
    t = _taakstelling(gemeente, halfjaar)
    s = str(t.halfjaar)
    formulier = TaakstellingWijzigenFormulier(request.POST, prefix=f"t-{s}")

    def conflict(c: Conflict) -> None:
        formulier.add_error(
            None,
            f"Iemand anders heeft deze taakstelling intussen gewijzigd: nu {c.huidig.aantal} "
            f"personen (bron: {bronvermelding(c.huidig) or 'geen'}); u vulde "
            f"{formulier.cleaned_data['aantal']} in. Sla opnieuw op om uw aantal toch te "
            "gebruiken, of laad de pagina opnieuw.",
        )
        formulier.zet_invoer("versie", c.huidig.versie)

    return schrijf(
        request,
        formulier,
        lambda d: diensten.taakstelling_wijzigen(
            taakstelling=t,
            aantal=d["aantal"],
            door=request.user,
            versie=d["versie"],
            reden=d["reden"],
            **formulier.bron_gegevens(),
        ),
        conflict=conflict,
        melding=f"Taakstelling {t.halfjaar.naam} gewijzigd.",
        naar=_url(gemeente, f"#taakstelling-{s}"),
        opnieuw=lambda: _toon(request, gemeente, vervang={s: {"wijzigformulier": formulier}}),
    )


@login_required
@require_http_methods(["POST"])
def taakstelling_verwijderen(request, cbs: str, halfjaar: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    toegang.vereis(request.user, Handeling.TAAKSTELLING_WIJZIGEN, gemeente=gemeente)
    t = _taakstelling(gemeente, halfjaar)
    s = str(t.halfjaar)
    formulier = VerwijderenFormulier(request.POST, prefix=f"d-{s}")
    return schrijf(
        request,
        formulier,
        lambda d: diensten.taakstelling_verwijderen(
            taakstelling=t, door=request.user, versie=d["versie"], reden=d["reden"]
        ),
        conflict="Iemand anders heeft deze taakstelling intussen gewijzigd; bekijk haar opnieuw "
        "voordat u haar verwijdert.",
        melding=f"Taakstelling {t.halfjaar.naam} verwijderd.",
        naar=_url(gemeente, "#taakstellingen"),
        opnieuw=lambda: _toon(request, gemeente, vervang={s: {"verwijderformulier": formulier}}),
    )


@login_required
@require_http_methods(["POST"])
def bijstelling_toevoegen(request, cbs: str, halfjaar: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    toegang.vereis(request.user, Handeling.TAAKSTELLING_WIJZIGEN, gemeente=gemeente)
    t = _taakstelling(gemeente, halfjaar)
    s = str(t.halfjaar)
    formulier = BijstellingFormulier(request.POST, prefix=f"b-{s}")
    return schrijf(
        request,
        formulier,
        lambda d: diensten.bijstelling_vastleggen(
            taakstelling=t,
            datum=d["datum"],
            aantal=d["aantal"],
            reden=d["reden"],
            door=request.user,
        ),
        conflict="Op deze datum legde iemand anders zojuist een bijstelling vast.",
        conflict_veld="datum",
        melding=lambda _: (
            f"Bijstelling van de {t.halfjaar.naam} vastgelegd: {formulier.cleaned_data['aantal']}."
        ),
        naar=_url(gemeente, f"#taakstelling-{s}"),
        opnieuw=lambda: _toon(request, gemeente, vervang={s: {"bijstellingformulier": formulier}}),
    )


@login_required
@require_http_methods(["POST"])
def bijstelling_verwijderen(request, cbs: str, halfjaar: str, datum: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    toegang.vereis(request.user, Handeling.TAAKSTELLING_WIJZIGEN, gemeente=gemeente)
    t = _taakstelling(gemeente, halfjaar)
    try:
        d = date.fromisoformat(datum)
    except ValueError as exc:
        raise Http404("Geen geldige datum.") from exc
    b = Bijstelling.objects.filter(taakstelling=t, datum=d).first()
    if b is None:
        raise Http404("Deze bijstelling bestaat niet (meer).")
    b.gemeente = gemeente
    formulier = VerwijderenFormulier(request.POST, prefix=f"bd-{t.halfjaar}-{d.isoformat()}")
    terug = _url(gemeente, f"#taakstelling-{t.halfjaar}")

    def al_weg(_: Conflict) -> HttpResponse:
        messages.error(request, "Deze bijstelling was intussen al verwijderd.")
        return redirect(terug)

    return schrijf(
        request,
        formulier,
        lambda v: diensten.bijstelling_verwijderen(
            bijstelling=b, door=request.user, reden=v["reden"]
        ),
        conflict=al_weg,
        melding=f"Bijstelling van {d:%d-%m-%Y} verwijderd.",
        naar=terug,
        opnieuw=lambda: _toon(
            request,
            gemeente,
            vervang={str(t.halfjaar): {f"bijstelling-{d.isoformat()}": formulier}},
        ),
    )


@login_required
@require_http_methods(["POST"])
def openingssaldo(request, cbs: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    toegang.vereis(request.user, Handeling.TAAKSTELLING_WIJZIGEN, gemeente=gemeente)
    formulier = OpeningssaldoFormulier(request.POST)

    def conflict(c: Conflict) -> None:
        nu = c.huidig
        beschrijving = (
            "verwijderd"
            if nu is None
            else f"nu {opmaak.getal(nu.saldo, teken=True)} vóór de {nu.halfjaar.naam}"
            + (f", bron: {b}" if (b := bronvermelding(nu)) else "")
        )
        ingevuld = opmaak.getal(formulier.cleaned_data["saldo"], teken=True)
        formulier.add_error(
            None,
            f"Iemand anders heeft het openingssaldo intussen gewijzigd ({beschrijving}); u "
            f"vulde {ingevuld} in. Sla opnieuw op om uw waarde toch te gebruiken.",
        )
        formulier.zet_invoer("versie", "" if nu is None else nu.versie)

    return schrijf(
        request,
        formulier,
        lambda d: diensten.openingssaldo_zetten(
            gemeente=gemeente,
            halfjaar=formulier.halfjaar,
            saldo=d["saldo"],
            **formulier.bron_gegevens(),
            door=request.user,
            versie=d["versie"],
            reden=d["reden"] or None,
        ),
        conflict=conflict,
        melding="Openingssaldo opgeslagen.",
        naar=_url(gemeente, "#openingssaldo"),
        opnieuw=lambda: _toon(request, gemeente, openingformulier=formulier, opening_open=True),
    )


# --- AMV cohorts ----------------------------------------------------------------------------


@dataclass
class Cohortregel:
    cohort: AmvCohort
    wijzigformulier: AmvWijzigenFormulier | None = None
    verwijderformulier: VerwijderenFormulier | None = None

    @property
    def sleutel(self) -> str:
        return f"{Maand.van(self.cohort.geboortemaand)}-{Maand.van(self.cohort.gehuisvest_in)}"

    @property
    def geboren(self) -> str:
        return str(Maand.van(self.cohort.geboortemaand))

    @property
    def gehuisvest(self) -> str:
        return str(Maand.van(self.cohort.gehuisvest_in))

    @property
    def wordt_21(self) -> Maand:
        return Maand.van(self.cohort.geboortemaand).plus(AMV_UITSTROOM_JAREN * 12)

    def signaal(self, vandaag: Maand) -> str | None:
        """R11: a cohort reaching 21 soon (or already) needs an outflow plan."""
        if self.wordt_21 <= vandaag:
            return "is 21 geworden"
        if vandaag.tot(self.wordt_21) <= AMV_SIGNAAL_MAANDEN:
            return f"wordt binnen {AMV_SIGNAAL_MAANDEN} maanden 21"
        return None


def _cohort(gemeente, geboren: str, gehuisvest: str) -> AmvCohort:
    try:
        g = Maand.lees(geboren, eerste_jaar=EERSTE_GEBOORTEJAAR)
        h = Maand.lees(gehuisvest)
    except ValueError as exc:
        raise Http404("Geen geldig cohort.") from exc
    c = AmvCohort.objects.filter(
        gemeente=gemeente, geboortemaand=g.eerste_dag, gehuisvest_in=h.eerste_dag
    ).first()
    if c is None:
        raise Http404("Dit cohort bestaat niet (meer).")
    c.gemeente = gemeente
    return c


def _amv_toon(request, gemeente, formulier=None, vervang: dict | None = None):
    kan = toegang.mag(request.user, Handeling.REALISATIE_WIJZIGEN, gemeente=gemeente)
    vandaag = Maand.van(timezone.localdate())
    regels_ = []
    for c in AmvCohort.objects.filter(gemeente=gemeente).order_by("geboortemaand", "gehuisvest_in"):
        r = Cohortregel(c)
        if kan:
            r.wijzigformulier = AmvWijzigenFormulier(
                prefix=f"c-{r.sleutel}", initial={"aantal": c.aantal, "versie": c.versie}
            )
            r.verwijderformulier = VerwijderenFormulier(
                prefix=f"cd-{r.sleutel}", initial={"versie": c.versie}
            )
            for attribuut, f in (vervang or {}).get(r.sleutel, {}).items():
                setattr(r, attribuut, f)
        regels_.append((r, r.signaal(vandaag)))
    return render(
        request,
        AMV_SJABLOON,
        {
            "gemeente": gemeente,
            "kan_wijzigen": kan,
            "cohorten": regels_,
            "totaal": sum(r.cohort.aantal for r, _ in regels_),
            "formulier": formulier or (AmvFormulier() if kan else None),
            "signaal_maanden": AMV_SIGNAAL_MAANDEN,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def taakstelling_amv(request, cbs: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    if request.method == "GET":
        return _amv_toon(request, gemeente)
    toegang.vereis(request.user, Handeling.REALISATIE_WIJZIGEN, gemeente=gemeente)
    formulier = AmvFormulier(request.POST)
    return schrijf(
        request,
        formulier,
        lambda d: diensten.amv_cohort_vastleggen(
            gemeente=gemeente,
            geboortemaand=d["geboortemaand"],
            gehuisvest_in=d["gehuisvest_in"],
            aantal=d["aantal"],
            door=request.user,
            reden=d["reden"] or None,
        ),
        conflict="Dit cohort legde iemand anders zojuist vast; wijzig daar het aantal.",
        conflict_veld="aantal",
        melding="AMV-cohort vastgelegd.",
        naar=reverse("taakstelling_amv", args=[gemeente.cbs_code]),
        opnieuw=lambda: _amv_toon(request, gemeente, formulier=formulier),
    )


@login_required
@require_http_methods(["POST"])
def amv_cohort(request, cbs: str, geboren: str, gehuisvest: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    toegang.vereis(request.user, Handeling.REALISATIE_WIJZIGEN, gemeente=gemeente)
    c = _cohort(gemeente, geboren, gehuisvest)
    sleutel = Cohortregel(c).sleutel
    formulier = AmvWijzigenFormulier(request.POST, prefix=f"c-{sleutel}")

    def conflict(botsing: Conflict) -> None:
        formulier.add_error(
            None,
            f"Iemand anders heeft dit cohort intussen gewijzigd: nu {botsing.huidig.aantal}; "
            f"u vulde {formulier.cleaned_data['aantal']} in. Sla opnieuw op om uw aantal toch "
            "te gebruiken.",
        )
        formulier.zet_invoer("versie", botsing.huidig.versie)

    return schrijf(
        request,
        formulier,
        lambda d: diensten.amv_cohort_wijzigen(
            cohort=c,
            aantal=d["aantal"],
            door=request.user,
            versie=d["versie"],
            reden=d["reden"] or None,
        ),
        conflict=conflict,
        melding="Aantal van het cohort gewijzigd.",
        naar=reverse("taakstelling_amv", args=[gemeente.cbs_code]),
        opnieuw=lambda: _amv_toon(
            request, gemeente, vervang={sleutel: {"wijzigformulier": formulier}}
        ),
    )


@login_required
@require_http_methods(["POST"])
def amv_cohort_verwijderen(request, cbs: str, geboren: str, gehuisvest: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    toegang.vereis(request.user, Handeling.REALISATIE_WIJZIGEN, gemeente=gemeente)
    c = _cohort(gemeente, geboren, gehuisvest)
    sleutel = Cohortregel(c).sleutel
    formulier = VerwijderenFormulier(request.POST, prefix=f"cd-{sleutel}")
    return schrijf(
        request,
        formulier,
        lambda d: diensten.amv_cohort_verwijderen(
            cohort=c, door=request.user, versie=d["versie"], reden=d["reden"]
        ),
        conflict="Iemand anders heeft dit cohort intussen gewijzigd; bekijk het opnieuw.",
        melding="AMV-cohort verwijderd.",
        naar=reverse("taakstelling_amv", args=[gemeente.cbs_code]),
        opnieuw=lambda: _amv_toon(
            request, gemeente, vervang={sleutel: {"verwijderformulier": formulier}}
        ),
    )
