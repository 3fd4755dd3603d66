"""Import of COA koppelingen (issue 14 §7): CSV or Excel, all or nothing, idempotent on the
pseudonymous key. The file is read by the same reader as the realisation import (size, encoding
and Excel checks of kern/bestanden.py); numbers by kern/invoer.py.

Columns (header row, in any order; the first three are required):

    referentie,koppeldatum,volwassenen,kinderen,nareizigers_verwacht,nareizigers_maand,behoeften,route

- referentie: COA's reference of the household. Not stored: only its HMAC (the pseudonym).
- koppeldatum: JJJJ-MM-DD or DD-MM-JJJJ (an Excel date cell too).
- behoeften: codes separated by spaces or ';': gelijkvloers, medisch, amv.
- route: regulier (empty), flexwoning, aankoop, andere_verhuurder, kamerverhuur,
  doorstroomlocatie, har, amv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from bemiddeling.huishoudens import services
from bemiddeling.models import Huishouden
from kern import huishoudens as HH
from kern.bestanden import fragment
from kern.invoer import lees_aantal
from kern.perioden import Maand
from organisaties.models import Gemeente
from organisaties.toegang import Handeling, vereis
from taakstelling.services.importeren import Bestandsregel, Importfout, Importfouten, lees_bestand

KOLOMMEN = (
    "referentie",
    "koppeldatum",
    "volwassenen",
    "kinderen",
    "nareizigers_verwacht",
    "nareizigers_maand",
    "behoeften",
    "route",
)
VERPLICHT = ("referentie", "koppeldatum", "volwassenen")


def lees_koppelingen(naam: str, inhoud: bytes) -> list[Bestandsregel]:
    return lees_bestand(naam, inhoud, KOLOMMEN, VERPLICHT)


@dataclass
class Koppelingenuitkomst:
    nieuw: list[Huishouden] = field(default_factory=list)
    al_bekend: int = 0


def _tekst(waarde) -> str:
    return "" if waarde is None else str(waarde).strip()


def _datum(waarde) -> date:
    if isinstance(waarde, datetime):
        return waarde.date()
    if isinstance(waarde, date):
        return waarde
    tekst = _tekst(waarde)
    for vorm in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(tekst, vorm).date()
        except ValueError:
            continue
    raise ValueError(
        f"'{fragment(tekst)}' is geen datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2024-03-01."
    )


@transaction.atomic
def koppelingen_importeren(
    *,
    gemeente: Gemeente,
    regels: list[Bestandsregel],
    door,
    vandaag: date | None = None,
    droog: bool = False,
) -> Koppelingenuitkomst:
    """Every row checked first; one bad row and nothing is written (Importfouten naming each
    bad row). A household whose key is known already is left as it is."""
    vereis(door, Handeling.HUISHOUDENS_WIJZIGEN, gemeente=gemeente)
    vandaag = vandaag or timezone.localdate()
    Gemeente.objects.select_for_update().filter(pk=gemeente.pk).first()
    bekend = set(Huishouden.objects.filter(gemeente=gemeente).values_list("sleutel", flat=True))
    fouten: list[Importfout] = []
    gelezen: list[tuple[int, dict]] = []
    gezien: dict[str, int] = {}
    for r in regels:
        w = r.waarden
        rijfouten: list[Importfout] = []

        def fout(kolom, melding, _r=r, _f=rijfouten):
            _f.append(Importfout(_r.regel, kolom, melding))

        referentie = _tekst(w.get("referentie"))
        sleutel = None
        if not referentie:
            fout("referentie", "De referentie van COA ontbreekt.")
        elif len(referentie) > 60:
            fout("referentie", "Deze referentie is langer dan 60 tekens.")
        else:
            sleutel = HH.pseudoniem(referentie, settings.HUISHOUDEN_SLEUTEL)
        koppeldatum = None
        try:
            koppeldatum = _datum(w.get("koppeldatum"))
            if koppeldatum > vandaag:
                fout("koppeldatum", "Deze datum ligt in de toekomst.")
        except ValueError as e:
            fout("koppeldatum", str(e))
        aantallen = {}
        for kolom in ("volwassenen", "kinderen", "nareizigers_verwacht"):
            try:
                aantallen[kolom] = lees_aantal(w.get(kolom), maximum=services.MAX_PERSONEN) or 0
            except ValueError as e:
                fout(kolom, str(e))
        nareizigers_maand = None
        if _tekst(w.get("nareizigers_maand")):
            try:
                nareizigers_maand = Maand.lees(w.get("nareizigers_maand"))
            except ValueError as e:
                fout("nareizigers_maand", str(e))
        codes = [c for c in re.split(r"[;,\s]+", _tekst(w.get("behoeften")).lower()) if c]
        try:
            codes = HH.controleer_behoeften(codes)
        except ValueError as e:
            fout("behoeften", str(e))
        route = _tekst(w.get("route")).lower() or "regulier"
        if route not in HH.ROUTES:
            fout("route", f"Onbekende route '{fragment(route)}'; kies uit {', '.join(HH.ROUTES)}.")
        if len(aantallen) == 3:  # all three numbers read: check them together
            s = services.Samenstelling(
                aantallen["volwassenen"],
                aantallen["kinderen"],
                aantallen["nareizigers_verwacht"],
                nareizigers_maand,
            )
            for kolom, melding in services.controleer_samenstelling(s).items():
                fout(kolom, melding)
        if sleutel is not None:
            if sleutel in gezien:
                fout("referentie", f"Dit huishouden staat ook op regel {gezien[sleutel]}.")
            else:
                gezien[sleutel] = r.regel
        if rijfouten:
            fouten += rijfouten
            continue
        gelezen.append(
            (
                r.regel,
                {
                    "sleutel": sleutel,
                    "referentie": referentie,
                    "koppeldatum": koppeldatum,
                    "samenstelling": s,
                    "behoeften": codes,
                    "route": route,
                },
            )
        )
    if fouten:
        raise Importfouten(fouten)
    uitkomst = Koppelingenuitkomst()
    for _, d in gelezen:
        if d["sleutel"] in bekend:
            uitkomst.al_bekend += 1
            continue
        if droog:
            continue
        uitkomst.nieuw.append(
            services.huishouden_toevoegen(
                gemeente=gemeente,
                referentie=d["referentie"],
                koppeldatum=d["koppeldatum"],
                samenstelling=d["samenstelling"],
                behoeften=d["behoeften"],
                route=d["route"],
                door=door,
                vandaag=vandaag,
            )
        )
    return uitkomst
