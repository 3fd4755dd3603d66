"""Writes of the official figures (issue 15): the population and COA imports (all or nothing,
"regel N", idempotent), art. 29 applied to a province's gemeenten, and the exchange ledger.
Every write is audited (who, when, reason) and asks a recompute of the gemeenten it touches."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from kern import officieel
from kern.invoer import MAX_INWONERS, MAX_PERSONEN, lees_aantal
from kern.perioden import EERSTE_JAAR, LAATSTE_JAAR, Halfjaar, Maand
from organisaties.herberekening import herberekening_aanvragen, versie_ophogen
from organisaties.models import Gemeente, Provincie
from organisaties.toegang import Handeling, toegang, vereis
from organisaties.wijzigen import opslaan, vereis_reden
from taakstelling.models import Bijstelling, Taakstelling
from taakstelling.officieel.models import (
    Bevolking,
    CoaHalfjaar,
    CoaMaand,
    Uitruil,
)
from taakstelling.officieel.selectors import Art29Regel, art29_voorstel, geldend_aantal
from taakstelling.services.importeren import Bestandsregel, Importfout, Importfouten

# --- imports: shared ------------------------------------------------------------------------


@dataclass
class Importuitkomst:
    nieuw: int = 0
    gewijzigd: int = 0
    ongewijzigd: int = 0
    gemeenten: set[int] = field(default_factory=set)

    def __str__(self) -> str:
        return f"{self.nieuw} nieuw, {self.gewijzigd} gewijzigd, {self.ongewijzigd} ongewijzigd"


def _vereis_beheerder(door) -> None:
    """``door`` None: the system itself (the demo loader), written without a user, as the
    demo's other rows; every view and command passes a user."""
    if door is not None and not toegang(door).beheerder:
        raise PermissionDenied("Alleen de beheerder importeert officiële cijfers.")


def _tekst(waarde: object) -> str:
    return "" if waarde is None else str(waarde).strip()


def _aantal(regel, kolom, waarde, fouten, *, maximum=MAX_PERSONEN, minimum=0):
    try:
        return lees_aantal(waarde, minimum=minimum, maximum=maximum)
    except ValueError as e:
        fouten.append(Importfout(regel, kolom, str(e)))
        return None


def _schrijf(model, sleutel: dict, waarden: dict, door, reden: str, uitkomst) -> object | None:
    """Create or update one row with its history; leave an equal row alone."""
    rij = model.objects.select_for_update().filter(**sleutel).first()
    if rij is None:
        rij = model(**sleutel, **waarden)
        opslaan(rij, door=door, reden=reden)
        uitkomst.nieuw += 1
        return rij
    if all(getattr(rij, k) == v for k, v in waarden.items()):
        uitkomst.ongewijzigd += 1
        return None
    for k, v in waarden.items():
        setattr(rij, k, v)
    opslaan(rij, door=door, reden=reden)
    uitkomst.gewijzigd += 1
    return rij


# --- population (CBS StatLine) --------------------------------------------------------------

# A StatLine download (table "Bevolking op 1 januari en gemiddeld; geslacht, leeftijd en
# regio", 03759ned, or any table with these columns), as CSV (; or ,) or .xlsx:
BEVOLKING_KOLOMMEN = ("regios", "perioden", "bevolkingop1januari_1")
_PERIODE = re.compile(r"([0-9]{4})(?:JJ00)?")


def bevolking_importeren(
    *,
    regels: list[Bestandsregel],
    door,
    bestandsnaam: str,
    bron: str = "",
    illustratief: bool = False,
    droog: bool = False,
    reden: str | None = None,
) -> Importuitkomst:
    _vereis_beheerder(door)
    fouten: list[Importfout] = []
    gezien: dict[tuple[str, int], int] = {}
    rijen = []
    for r in regels:
        code = _tekst(r.waarden["regios"]).upper()
        if not re.fullmatch(r"GM[0-9]{4}|NL01", code):
            fouten.append(
                Importfout(
                    r.regel,
                    "regios",
                    "Gebruik een CBS-code: GM gevolgd door vier cijfers, of NL01 voor Nederland.",
                )
            )
        periode = _tekst(r.waarden["perioden"]).upper()
        m = _PERIODE.fullmatch(periode)
        jaar = int(m.group(1)) if m else None
        if jaar is None or not EERSTE_JAAR <= jaar <= LAATSTE_JAAR:
            fouten.append(
                Importfout(
                    r.regel,
                    "perioden",
                    "Gebruik een jaar (2022) of de StatLine-vorm "
                    f"2022JJ00, tussen {EERSTE_JAAR} en {LAATSTE_JAAR}.",
                )
            )
        inwoners = _aantal(
            r.regel,
            "bevolkingop1januari_1",
            r.waarden["bevolkingop1januari_1"],
            fouten,
            maximum=MAX_INWONERS,
        )
        if inwoners is None and not any(f.regel == r.regel for f in fouten):
            fouten.append(Importfout(r.regel, "bevolkingop1januari_1", "Vul het aantal in."))
        if jaar is not None and (code, jaar) in gezien:
            fouten.append(
                Importfout(
                    r.regel, "regios", f"{code} {jaar} staat ook op regel {gezien[(code, jaar)]}."
                )
            )
        elif jaar is not None:
            gezien[(code, jaar)] = r.regel
        rijen.append((code, jaar, inwoners))
    if fouten:
        raise Importfouten(fouten)
    uitkomst = Importuitkomst()
    reden = reden or f"Import {bestandsnaam}"
    bron = bron.strip()[:300]
    with transaction.atomic():
        for code, jaar, inwoners in rijen:
            _schrijf(
                Bevolking,
                {"regio_code": code, "jaar": jaar},
                {"inwoners": inwoners, "bron": bron, "illustratief": illustratief},
                door,
                reden,
                uitkomst,
            )
        if droog:
            transaction.set_rollback(True)
    return uitkomst


# --- COA's periodic overview ----------------------------------------------------------------

COA_KOLOMMEN = (
    "publicatiedatum",
    "gemeente",
    "periode",
    "taakstelling",
    "gerealiseerd",
    "achterstand_voorsprong",
    "in_procedure",
    "koppelingen",
    "gehuisvest",
)
_HALFJAAR_KOLOMMEN = ("taakstelling", "gerealiseerd", "achterstand_voorsprong", "in_procedure")
_MAAND_KOLOMMEN = ("koppelingen", "gehuisvest")


def _datum(regel: int, waarde: object, fouten) -> date | None:
    if isinstance(waarde, date):
        return waarde.date() if hasattr(waarde, "date") else waarde
    try:
        d = date.fromisoformat(_tekst(waarde))
    except ValueError:
        fouten.append(Importfout(regel, "publicatiedatum", "Gebruik de vorm JJJJ-MM-DD."))
        return None
    if not EERSTE_JAAR <= d.year <= LAATSTE_JAAR or d > timezone.localdate():
        fouten.append(
            Importfout(regel, "publicatiedatum", "Deze datum ligt in de toekomst of te ver terug.")
        )
        return None
    return d


def coa_importeren(
    *,
    regels: list[Bestandsregel],
    door,
    bestandsnaam: str,
    illustratief: bool = False,
    droog: bool = False,
    reden: str | None = None,
) -> Importuitkomst:
    _vereis_beheerder(door)
    gemeenten = {g.cbs_code: g for g in Gemeente.objects.all()}
    fouten: list[Importfout] = []
    gezien: dict[tuple, int] = {}
    halfjaren, maanden = [], []
    for r in regels:
        w = r.waarden
        fouten_voor = len(fouten)
        publicatie = _datum(r.regel, w["publicatiedatum"], fouten)
        code = _tekst(w["gemeente"]).upper()
        gemeente = gemeenten.get(code)
        if gemeente is None:
            fouten.append(Importfout(r.regel, "gemeente", f"Onbekende CBS-code '{code[:20]}'."))
        periode = _tekst(w["periode"]).upper()
        soort = None
        try:
            sleutel_periode = Halfjaar.lees(periode)
            soort, leeg, gevuld = "halfjaar", _MAAND_KOLOMMEN, _HALFJAAR_KOLOMMEN
        except ValueError:
            try:
                sleutel_periode = Maand.parse(periode)
                soort, leeg, gevuld = "maand", _HALFJAAR_KOLOMMEN, _MAAND_KOLOMMEN
            except ValueError:
                fouten.append(
                    Importfout(
                        r.regel, "periode", "Gebruik een halfjaar (2023-H1) of een maand (2023-05)."
                    )
                )
        waarden = {}
        if soort is not None:
            for kolom in leeg:
                if _tekst(w[kolom]):
                    fouten.append(
                        Importfout(r.regel, kolom, f"Laat deze kolom leeg bij een {soort}.")
                    )
            for kolom in gevuld:
                minimum = -MAX_PERSONEN if kolom == "achterstand_voorsprong" else 0
                waarden[kolom] = _aantal(r.regel, kolom, w[kolom], fouten, minimum=minimum)
            if all(v is None for v in waarden.values()) and len(fouten) == fouten_voor:
                fouten.append(Importfout(r.regel, "", "Deze regel heeft geen cijfers."))
        if len(fouten) > fouten_voor:
            continue
        sleutel = (publicatie, code, str(sleutel_periode))
        if sleutel in gezien:
            fouten.append(
                Importfout(
                    r.regel,
                    "periode",
                    f"Dezelfde publicatie, gemeente en periode staan "
                    f"ook op regel {gezien[sleutel]}.",
                )
            )
            continue
        gezien[sleutel] = r.regel
        if soort == "halfjaar":
            halfjaren.append((publicatie, gemeente, sleutel_periode, waarden))
        else:
            maanden.append((publicatie, gemeente, sleutel_periode, waarden))
    if fouten:
        raise Importfouten(fouten)
    uitkomst = Importuitkomst()
    reden = reden or f"Import {bestandsnaam}"
    with transaction.atomic():
        for publicatie, gemeente, h, w in halfjaren:
            rij = _schrijf(
                CoaHalfjaar,
                {
                    "publicatiedatum": publicatie,
                    "gemeente": gemeente,
                    "jaar": h.jaar,
                    "helft": h.helft,
                },
                {
                    "taakstelling": w["taakstelling"],
                    "gerealiseerd": w["gerealiseerd"],
                    "saldo": w["achterstand_voorsprong"],
                    "in_procedure": w["in_procedure"],
                    "illustratief": illustratief,
                },
                door,
                reden,
                uitkomst,
            )
            if rij is not None:
                uitkomst.gemeenten.add(gemeente.pk)
        for publicatie, gemeente, m, w in maanden:
            rij = _schrijf(
                CoaMaand,
                {"publicatiedatum": publicatie, "gemeente": gemeente, "maand": m.eerste_dag},
                {
                    "koppelingen": w["koppelingen"],
                    "gehuisvest": w["gehuisvest"],
                    "illustratief": illustratief,
                },
                door,
                reden,
                uitkomst,
            )
            if rij is not None:
                uitkomst.gemeenten.add(gemeente.pk)
        if droog:
            transaction.set_rollback(True)
        else:
            # The IBT dashboard and the afstemming show these figures: the data version of
            # each gemeente whose figures changed goes up (the page cache's key). The
            # forecast does not read COA's overview: no recompute.
            versie_ophogen(uitkomst.gemeenten)
    return uitkomst


# --- art. 29 for all gemeenten of a province ------------------------------------------------


@transaction.atomic
def art29_toepassen(
    *, provincie: Provincie, halfjaar: Halfjaar, door, reden: str | None, datum: date | None = None
) -> list[Art29Regel]:
    """Apply the proposal: a new quota where there is none, else a revision (Bijstelling) on
    ``datum`` (default: the date the national number holds from) where the number differs.
    Each with the national number's source in its reason; history kept; recompute asked."""
    voorstel = art29_voorstel(provincie, halfjaar)
    if voorstel.landelijk is None:
        raise ValidationError(
            {"halfjaar": f"Voor de {halfjaar.naam} is geen landelijke taakstelling vastgelegd."}
        )
    reden = vereis_reden(reden, nodig=True)
    datum = datum or voorstel.landelijk.geldig_vanaf
    bron = voorstel.landelijk.bron_tekst
    tekst = f"Art. 29 Huisvestingswet: {reden} (landelijke taakstelling: {bron})"
    gewijzigd = []
    for regel in voorstel.regels:
        if regel.voorstel is None or regel.voorstel == regel.huidig:
            continue
        vereis(door, Handeling.TAAKSTELLING_VERDELEN, gemeente=regel.gemeente)
        Gemeente.objects.select_for_update().get(pk=regel.gemeente.pk)
        t = (
            Taakstelling.objects.select_for_update()
            .filter(gemeente=regel.gemeente, jaar=halfjaar.jaar, helft=halfjaar.helft)
            .first()
        )
        if t is None:
            t = Taakstelling(
                gemeente=regel.gemeente,
                jaar=halfjaar.jaar,
                helft=halfjaar.helft,
                aantal=regel.voorstel,
                bron=f"Art. 29: {bron}"[:200],
            )
            opslaan(t, door=door, reden=tekst)
        else:
            b = Bijstelling.objects.filter(taakstelling=t, datum=datum).first()
            if b is None:
                b = Bijstelling(taakstelling=t, gemeente_id=t.gemeente_id, datum=datum)
            b.aantal, b.reden = regel.voorstel, tekst
            opslaan(b, door=door, reden=tekst)
        herberekening_aanvragen(regel.gemeente.pk)
        gewijzigd.append(regel)
    return gewijzigd


# --- the exchange ledger (art. 29 lid 2) ----------------------------------------------------


@transaction.atomic
def uitruil_vastleggen(
    *,
    provincie: Provincie,
    halfjaar: Halfjaar,
    neemt_over: Gemeente,
    draagt_over: Gemeente,
    personen: int,
    instemming_neemt_over: tuple[date, str],
    instemming_draagt_over: tuple[date, str],
    goedkeuring: tuple[date, str],
    door,
    toelichting: str = "",
) -> Uitruil:
    """Both quota change by ``personen`` (one Bijstelling each, dated on the province's
    approval), so the province's sum is unchanged. Only the province of both gemeenten."""
    for g in (neemt_over, draagt_over):
        if g.provincie_id != provincie.pk:
            raise ValidationError({"gemeente": f"{g.naam} ligt niet in {provincie.naam}."})
        vereis(door, Handeling.TAAKSTELLING_VERDELEN, gemeente=g)
    if neemt_over.pk == draagt_over.pk:
        raise ValidationError({"draagt_over": "Kies twee verschillende gemeenten."})
    try:
        personen = lees_aantal(personen, minimum=1, maximum=MAX_PERSONEN)
    except ValueError as e:
        raise ValidationError({"personen": str(e)}) from None
    for veld, (d, kenmerk) in {
        "instemming_neemt_over": instemming_neemt_over,
        "instemming_draagt_over": instemming_draagt_over,
        "goedkeuring": goedkeuring,
    }.items():
        if d is None or d > timezone.localdate():
            raise ValidationError({veld: "Vul de datum van het besluit in (niet in de toekomst)."})
        if not (kenmerk or "").strip():
            raise ValidationError({veld: "Vul het kenmerk van het besluit in."})
    if goedkeuring[0] < max(instemming_neemt_over[0], instemming_draagt_over[0]):
        raise ValidationError(
            {"goedkeuring": "De provincie keurt goed na de instemming van beide colleges."}
        )
    # Lock both gemeenten in a fixed order: two exchanges at once never deadlock.
    for g in sorted((neemt_over, draagt_over), key=lambda g: g.pk):
        Gemeente.objects.select_for_update().get(pk=g.pk)
    taken = {}
    for g in (neemt_over, draagt_over):
        t = (
            Taakstelling.objects.select_for_update()
            .filter(gemeente=g, jaar=halfjaar.jaar, helft=halfjaar.helft)
            .first()
        )
        if t is None:
            raise ValidationError(
                {"halfjaar": f"{g.naam} heeft voor de {halfjaar.naam} nog geen taakstelling."}
            )
        taken[g.pk] = t
    datum = goedkeuring[0]
    huidig = {pk: geldend_aantal(t, datum) for pk, t in taken.items()}
    try:
        na = officieel.na_uitruil(huidig, neemt_over.pk, draagt_over.pk, personen)
    except ValueError:
        raise ValidationError(
            {
                "personen": f"{draagt_over.naam} heeft voor de {halfjaar.naam} een taakstelling "
                f"van {huidig[draagt_over.pk]}; meer kan zij niet overdragen."
            }
        ) from None
    uitruil = Uitruil(
        provincie=provincie,
        jaar=halfjaar.jaar,
        helft=halfjaar.helft,
        neemt_over=neemt_over,
        draagt_over=draagt_over,
        personen=personen,
        instemming_neemt_over_datum=instemming_neemt_over[0],
        instemming_neemt_over_kenmerk=instemming_neemt_over[1].strip()[:200],
        instemming_draagt_over_datum=instemming_draagt_over[0],
        instemming_draagt_over_kenmerk=instemming_draagt_over[1].strip()[:200],
        goedkeuring_datum=datum,
        goedkeuring_kenmerk=goedkeuring[1].strip()[:200],
        toelichting=toelichting.strip(),
        vastgelegd_door=door,
    )
    reden = (
        f"Uitruil art. 29 lid 2: {neemt_over.naam} neemt {personen} personen over van "
        f"{draagt_over.naam} ({halfjaar.naam}); goedgekeurd door Gedeputeerde Staten op "
        f"{datum:%d-%m-%Y}, kenmerk {uitruil.goedkeuring_kenmerk}"
    )
    opslaan(uitruil, door=door, reden=reden)
    for g in (neemt_over, draagt_over):
        t = taken[g.pk]
        b = Bijstelling.objects.filter(taakstelling=t, datum=datum).first()
        if b is None:
            b = Bijstelling(taakstelling=t, gemeente_id=g.pk, datum=datum)
        b.aantal, b.reden = na[g.pk], reden
        opslaan(b, door=door, reden=reden)
        herberekening_aanvragen(g.pk)
    return uitruil
