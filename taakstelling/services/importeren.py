"""Import and export of monthly figures (issue 'Invoer' §8, the format in README.md).

    gemeente,maand,bron,corporatie,personen_gehuisvest,personen_tellend,woningen
    GM0034,2023-05,regulier,ymere,9,9,4

All or nothing: every row is checked with the same rules as the month form
(``services.realisatie.controleer_maand`` / ``controleer_cijfers`` / ``Invoercontext``) and one
bad row refuses the file, naming every bad row as "regel N" (the line in the file; the header
is regel 1), its column and what is wrong. Rows that equal what is saved are left alone, so
importing the same file twice changes nothing and adds no history. Reads and writes are in
bulk (a fixed number of queries, whatever the number of rows).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from kern import export, opmaak
from kern.bestanden import MAX_CEL, Bestandsfout, controleer_xlsx, fragment, lees_tekst
from kern.perioden import Maand
from organisaties import toegang
from organisaties.herberekening import herberekening_aanvragen
from organisaties.historie import bijwerken_met_historie
from organisaties.models import Corporatie, Gemeente
from organisaties.toegang import Handeling
from organisaties.wijzigen import vereis_reden
from taakstelling.models import Bron, Invoerwijze, Maandrapportage, Realisatie
from taakstelling.services.realisatie import (
    PER_HUISHOUDEN_MELDING,
    VELDEN,
    Cijfers,
    Invoercontext,
    Invoerfout,
    controleer_cijfers,
    controleer_maand,
    lees_aantal,
    reden_nodig,
)

KOLOMMEN = (
    "gemeente",
    "maand",
    "bron",
    "corporatie",
    "personen_gehuisvest",
    "personen_tellend",
    "woningen",
)
MAX_BYTES = 10 * 1024 * 1024
MAX_REGELS = 100_000
# Excel's own limit: a sheet claiming more rows is not a spreadsheet someone filled in.
MAX_BLADREGELS = 1_048_576
BATCH = 2000


@dataclass(frozen=True)
class Bestandsregel:
    regel: int  # line in the file; the header is 1
    waarden: dict[str, object]


@dataclass(frozen=True, order=True)
class Importfout:
    regel: int  # 0: the file as a whole
    kolom: str
    melding: str

    def __str__(self) -> str:
        if self.regel == 0:
            return f"Bestand: {self.melding}"
        if self.kolom:
            return f"regel {self.regel}, kolom {self.kolom}: {self.melding}"
        return f"regel {self.regel}: {self.melding}"


class Importfouten(Exception):
    """The file is refused; nothing was written."""

    def __init__(self, fouten: list[Importfout]):
        self.fouten = sorted(fouten)
        super().__init__(f"{opmaak.aantal(len(self.fouten), 'fout', 'fouten')} in het bestand")


class Importverouderd(Exception):
    """The saved figures changed between the preview and the confirmation."""

    def __init__(self, plan: Importplan):
        super().__init__("De cijfers zijn gewijzigd sinds het voorbeeld.")
        self.plan = plan


# --- reading a file ----------------------------------------------------------------------------


def lees_bestand(
    naam: str,
    inhoud: bytes,
    kolommen: tuple[str, ...] = KOLOMMEN,
    verplicht: tuple[str, ...] | None = None,
) -> list[Bestandsregel]:
    """CSV (comma, semicolon or tab; its encoding detected by ``kern.bestanden.lees_tekst``) or
    .xlsx (first sheet, checked by ``kern.bestanden.controleer_xlsx`` before it is unpacked)
    -> rows. ``kolommen``: the columns a header may name (another import, such as COA's
    koppelingen, passes its own), of which ``verplicht`` (default: all) must be there."""
    soort = PurePath(naam or "").suffix.lower()
    if soort not in (".csv", ".xlsx"):
        raise Importfouten([Importfout(0, "", "Kies een .csv- of .xlsx-bestand.")])
    if len(inhoud) > MAX_BYTES:
        raise Importfouten(
            [Importfout(0, "", f"Het bestand is groter dan {MAX_BYTES // (1024 * 1024)} MB.")]
        )
    if not inhoud:
        raise Importfouten([Importfout(0, "", "Het bestand is leeg.")])
    rijen = _csv_rijen(inhoud) if soort == ".csv" else _xlsx_rijen(inhoud, kolommen)
    return _met_kop(rijen, kolommen, kolommen if verplicht is None else verplicht)


def _bestandsfout(fout: Bestandsfout) -> Importfouten:
    return Importfouten([Importfout(fout.regel, "", str(fout))])


def _te_lang(regel: int, kolom: str, waarde: str) -> Importfouten:
    return Importfouten(
        [
            Importfout(
                regel,
                kolom,
                f"Deze cel heeft meer dan {MAX_CEL:,} tekens ('{fragment(waarde)}'); een cel in "
                f"de import heeft er hoogstens {MAX_CEL:,}.".replace(",", "."),
            )
        ]
    )


def _te_lang_in_tekst(tekst: str, regel: int, scheiding: str, kop: list[str]) -> Importfouten:
    """A field even the csv module will not read (128 KB): found again in the line itself."""
    positie = 0
    for _ in range(regel - 1):
        positie = tekst.index("\n", positie) + 1
    einde = tekst.find("\n", positie)
    velden = tekst[positie : einde if einde != -1 else len(tekst)].split(scheiding)
    i = max(range(len(velden)), key=lambda i: len(velden[i]))
    kolom = fragment(kop[i].strip()) if i < len(kop) else ""
    return _te_lang(regel, kolom, velden[i].strip().lstrip('"'))


_REGEL = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _regels(tekst: str):
    """The lines of the text one at a time, as a file opened with newline="" gives them.

    (io.StringIO would first copy the whole text at four bytes a character: 40 MB for 10.)"""
    return (m.group() for m in _REGEL.finditer(tekst))


def _csv_rijen(inhoud: bytes):
    try:
        tekst = lees_tekst(inhoud).tekst
    except Bestandsfout as e:
        raise _bestandsfout(e) from None
    eerste = tekst.split("\n", 1)[0]
    # Excel's "Unicode-tekst" (UTF-16) separates with tabs, Dutch Excel's CSV with semicolons.
    scheiding = max((",", ";", "\t"), key=eerste.count)
    lezer = csv.reader(_regels(tekst), delimiter=scheiding, strict=True)
    uitkomst = []
    kop: list[str] = []
    while True:
        begin = lezer.line_num + 1
        try:
            rij = next(lezer)
        except StopIteration:
            break
        except csv.Error as e:
            if "field larger than field limit" in str(e):  # the csv module's own bound
                raise _te_lang_in_tekst(tekst, begin, scheiding, kop) from None
            raise Importfouten(
                [
                    Importfout(
                        lezer.line_num, "", "Deze regel is geen geldige CSV (aanhalingstekens?)."
                    )
                ]
            ) from None
        for i, cel in enumerate(rij):
            if len(cel) > MAX_CEL:
                kolom = fragment(kop[i].strip()) if i < len(kop) else ""
                raise _te_lang(lezer.line_num, kolom, cel.strip())
        if not kop:
            kop = rij
        uitkomst.append((lezer.line_num, [export.als_ingevoerd(c).strip() for c in rij]))
        if len(uitkomst) > MAX_REGELS + 1:
            raise Importfouten(
                [Importfout(0, "", f"Meer dan {MAX_REGELS:,} regels.".replace(",", "."))]
            )
    return uitkomst


def _xlsx_rijen(inhoud: bytes, kolommen: tuple[str, ...] = KOLOMMEN):
    """The rows of the first sheet, never wider than the import's columns plus one.

    A sheet states its own size (a cell at XFD1048576 makes it 16.384 columns by a million
    rows); openpyxl pads every row to that size. So the stated size is ignored
    (``reset_dimensions``), the header is read on its own (one row, however wide) and the
    other rows only as far as one column past the import's columns: a value there is
    reported, anything further out is not read at all.
    """
    from openpyxl import load_workbook

    breedte = len(kolommen) + 1
    try:
        controleer_xlsx(inhoud)
    except Bestandsfout as e:
        raise _bestandsfout(e) from None
    try:
        boek = load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
        blad = boek.worksheets[0]
        blad.reset_dimensions()
        kop = next(blad.iter_rows(min_row=1, max_row=1, values_only=True), ())
        if any(not _leeg(c) for c in kop[breedte:]):
            raise Importfouten(
                [
                    Importfout(
                        1,
                        "",
                        f"De kopregel heeft meer dan {len(kolommen)} kolommen; gebruik precies: "
                        + ",".join(kolommen)
                        + ".",
                    )
                ]
            )
        uitkomst = [(1, [_cel(c) for c in kop[:breedte]])]
        leeg = (None,) * breedte
        ingevuld = 0
        for nummer, rij in enumerate(
            blad.iter_rows(min_row=2, max_col=breedte, values_only=True), start=2
        ):
            if nummer > MAX_BLADREGELS:
                raise Importfouten(
                    [Importfout(0, "", "Het blad heeft meer regels dan Excel toestaat.")]
                )
            if rij == leeg or all(_leeg(c) for c in rij):
                continue  # empty rows cost nothing (a sheet may end far below its data)
            ingevuld += 1
            if ingevuld > MAX_REGELS:
                raise Importfouten(
                    [Importfout(0, "", f"Meer dan {MAX_REGELS:,} regels.".replace(",", "."))]
                )
            uitkomst.append((nummer, [_cel(c) for c in rij]))
        boek.close()
    except Importfouten:
        raise
    except Exception:  # openpyxl raises many kinds for a damaged or non-Excel file
        raise Importfouten(
            [Importfout(0, "", "Dit is geen leesbaar Excel-bestand (.xlsx).")]
        ) from None
    return uitkomst


def _cel(waarde: object) -> object:
    """An Excel cell as read: text stripped, without the quote our export put in front."""
    waarde = export.als_ingevoerd(waarde)
    return waarde.strip() if isinstance(waarde, str) else waarde


def _leeg(waarde: object) -> bool:
    return waarde is None or (isinstance(waarde, str) and waarde == "")


def _met_kop(
    rijen: list[tuple[int, list]],
    kolommen: tuple[str, ...] = KOLOMMEN,
    verplicht: tuple[str, ...] = KOLOMMEN,
) -> list[Bestandsregel]:
    if not rijen:
        raise Importfouten([Importfout(0, "", "Het bestand is leeg.")])
    kopnummer, kop = rijen[0]
    namen = [str(k).strip().lower().lstrip("\ufeff") if k is not None else "" for k in kop]
    while namen and namen[-1] == "":  # spreadsheets often carry empty trailing columns
        namen.pop()
    fouten = []
    for ontbreekt in [k for k in verplicht if k not in namen]:
        fouten.append(Importfout(kopnummer, ontbreekt, "Deze kolom ontbreekt in de kopregel."))
    for naam, n in Counter(namen).items():
        if naam not in kolommen:
            fouten.append(
                Importfout(
                    kopnummer,
                    fragment(naam) or "(leeg)",
                    "Onbekende kolom; gebruik precies: " + ",".join(kolommen) + ".",
                )
            )
        elif n > 1:
            fouten.append(Importfout(kopnummer, naam, "Deze kolom staat er meer dan één keer in."))
    if fouten:
        raise Importfouten(fouten)
    uitkomst = []
    breed = []  # rows whose values do not fit the header: all named, nothing read
    for nummer, cellen in rijen[1:]:
        if all(_leeg(c) for c in cellen):
            continue
        if any(not _leeg(c) for c in cellen[len(namen) :]):
            melding = f"Meer waarden dan de {len(namen)} kolommen in de kopregel."
            breed.append(Importfout(nummer, "", melding))
            continue
        if len(cellen) < len(namen):  # a CSV row (Excel rows come padded): a value is missing
            breed.append(
                Importfout(
                    nummer,
                    "",
                    f"Minder waarden ({len(cellen)}) dan de {len(namen)} kolommen in de "
                    "kopregel; staat er een tekst met een komma in zonder aanhalingstekens?",
                )
            )
            continue
        uitkomst.append(Bestandsregel(nummer, dict(zip(namen, cellen, strict=False))))
    if breed:
        raise Importfouten(breed)
    if not uitkomst:
        raise Importfouten([Importfout(0, "", "Het bestand bevat geen regels onder de kopregel.")])
    return uitkomst


# --- checking: the plan --------------------------------------------------------------------------


@dataclass
class Importregel:
    regel: int
    gemeente: Gemeente
    maand: Maand
    bron: Bron
    corporatie: Corporatie | None
    nieuw: Cijfers
    bestaand: Realisatie | None
    # Snapshots at check time: writing updates ``bestaand`` in place.
    oud: Cijfers | None = field(init=False)
    oude_versie: int | None = field(init=False)

    def __post_init__(self) -> None:
        self.oud = Cijfers.van(self.bestaand)
        self.oude_versie = self.bestaand.versie if self.bestaand else None

    @property
    def soort(self) -> str:
        if self.oud is None:
            return "nieuw"
        return "ongewijzigd" if self.oud == self.nieuw else "gewijzigd"


@dataclass
class Importplan:
    regels: list[Importregel] = field(default_factory=list)
    nieuwe_maanden: list[tuple[Gemeente, Maand]] = field(default_factory=list)
    fouten: list[Importfout] = field(default_factory=list)
    vandaag: date | None = None

    @property
    def aantallen(self) -> dict[str, int]:
        telling = Counter(r.soort for r in self.regels)
        return {s: telling.get(s, 0) for s in ("nieuw", "gewijzigd", "ongewijzigd")}

    @property
    def wijzigingen(self) -> list[Importregel]:
        return [r for r in self.regels if r.soort != "ongewijzigd"]

    @property
    def verandert_iets(self) -> bool:
        return bool(self.wijzigingen or self.nieuwe_maanden)

    @property
    def reden_nodig(self) -> bool:
        """Creating or changing a month older than the previous one needs a reason."""
        oud = [r.maand for r in self.wijzigingen] + [m for _, m in self.nieuwe_maanden]
        return any(reden_nodig(m, self.vandaag) for m in oud)

    @property
    def gemeenten(self) -> list[Gemeente]:
        return sorted({r.gemeente.pk: r.gemeente for r in self.regels}.values(), key=str)

    @property
    def vingerafdruk(self) -> str:
        """What confirming would do, on the figures as they are now: a different answer at
        confirmation means someone changed figures after the preview."""
        h = hashlib.sha256()
        for r in sorted(self.regels, key=lambda r: r.regel):
            h.update(
                f"{r.regel}|{r.gemeente.pk}|{r.maand}|{r.bron.code}|"
                f"{r.corporatie.pk if r.corporatie else ''}|{r.oud}|"
                f"{r.oude_versie or ''}|{r.nieuw}\n".encode()
            )
        for g, m in sorted(self.nieuwe_maanden, key=lambda x: (x[0].pk, x[1])):
            h.update(f"kop|{g.pk}|{m}\n".encode())
        return h.hexdigest()


def _tekst(waarde: object) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, float) and waarde.is_integer():
        waarde = int(waarde)
    return str(waarde).strip()


def _lees_maand(waarde: object) -> Maand:
    """'2023-05' (``Maand.lees``, the same bounds as everywhere) or a spreadsheet date on the
    first of a month."""
    if isinstance(waarde, datetime | date):
        if waarde.day != 1:
            raise ValueError("Vul een maand in de vorm JJJJ-MM in, geen datum.")
        return Maand.lees(f"{waarde.year:04d}-{waarde.month:02d}")
    tekst = _tekst(waarde)
    if not tekst:
        raise ValueError("De maand ontbreekt.")
    return Maand.lees(tekst)


def import_controleren(
    *,
    regels: list[Bestandsregel],
    door,
    vandaag: date | None = None,
    alleen_gemeente: Gemeente | None = None,
) -> Importplan:
    """Check every row and compare it with what is saved; writes nothing."""
    vandaag = vandaag or timezone.localdate()
    plan = Importplan(vandaag=vandaag)
    codes = {_tekst(r.waarden.get("gemeente")).upper() for r in regels}
    gemeenten = {
        g.cbs_code: g
        for g in Gemeente.objects.filter(cbs_code__in=codes).select_related("provincie")
    }
    ctx = Invoercontext.laad([g.pk for g in gemeenten.values()])
    # Months whose realisation comes from the households (issue 14): no typed totals.
    per_huishouden = set(
        Invoerwijze.objects.filter(
            gemeente__in=gemeenten.values(), per_huishouden=True
        ).values_list("gemeente_id", "maand")
    )
    gezien: dict[tuple, int] = {}
    geldig: list[tuple[int, Gemeente, Maand, Bron, Corporatie | None, Cijfers]] = []
    for r in regels:
        fouten: list[Importfout] = []

        def fout(kolom: str, melding: str, _r=r, _fouten=fouten) -> None:
            _fouten.append(Importfout(_r.regel, kolom, melding))

        code = _tekst(r.waarden.get("gemeente")).upper()
        gemeente = gemeenten.get(code)
        if not code:
            fout("gemeente", "De gemeente (CBS-code, bijvoorbeeld GM0034) ontbreekt.")
        elif gemeente is None:
            fout("gemeente", f"Onbekende gemeente '{code[:20]}'; gebruik de CBS-code (GM0034).")
        elif alleen_gemeente is not None and gemeente.pk != alleen_gemeente.pk:
            fout(
                "gemeente",
                f"Hier importeert u alleen cijfers van {alleen_gemeente.naam} "
                f"({alleen_gemeente.cbs_code}), niet van {gemeente.naam}.",
            )
            gemeente = None
        elif not toegang.mag(door, Handeling.REALISATIE_WIJZIGEN, gemeente=gemeente):
            fout("gemeente", f"U mag de cijfers van {gemeente.naam} niet wijzigen.")
            gemeente = None

        maand = None
        try:
            maand = _lees_maand(r.waarden.get("maand"))
        except ValueError as e:
            fout("maand", str(e))
        if maand is not None and (melding := controleer_maand(maand, vandaag)):
            fout("maand", melding)
            maand = None
        if (
            maand is not None
            and gemeente is not None
            and (gemeente.pk, maand.eerste_dag) in per_huishouden
        ):
            fout("maand", PER_HUISHOUDEN_MELDING.format(maand=maand.naam.capitalize()))
            maand = None

        bron_code = _tekst(r.waarden.get("bron")).lower()
        slug = _tekst(r.waarden.get("corporatie")).lower() or None
        bron = corporatie = None
        if not bron_code:
            fout("bron", "De bron ontbreekt.")
        elif gemeente is not None:
            # A corporatie that left the gemeente: its rows may come back unchanged (an export
            # imported again); whether they do is known once the stored rows are read.
            bron, corporatie, sleutelfouten = ctx.controleer_sleutel(
                gemeente, bron_code, slug, ook_vertrokken=True
            )
            for kolom, melding in sleutelfouten.items():
                fout(kolom, melding)
            if sleutelfouten:
                bron = None
        elif bron_code not in ctx.bronnen:
            fout("bron", f"Onbekende bron '{bron_code[:30]}'; kies uit {', '.join(ctx.bronnen)}.")

        ruw = [r.waarden.get(v) for v in VELDEN]
        cijfers = None
        if gemeente is not None and maand is not None and bron is not None:
            cijfers, cijferfouten = controleer_cijfers(
                ctx.telregel(bron.code, maand, gemeente.provincie_id), *ruw
            )
            for kolom, melding in cijferfouten.items():
                fout(kolom, melding)
            if cijfers is None and not cijferfouten:
                fout("personen_gehuisvest", "Vul de aantallen in (0 als er niemand is gehuisvest).")
        else:  # still report badly written numbers, so one pass shows everything
            for kolom, waarde in zip(VELDEN, ruw, strict=True):
                try:
                    lees_aantal(waarde)
                except ValueError as e:
                    fout(kolom, str(e))

        if cijfers is not None and not fouten:
            sleutel = (gemeente.pk, maand, bron.code, corporatie.pk if corporatie else None)
            if sleutel in gezien:
                fout(
                    "",
                    f"Dubbele regel: dezelfde gemeente, maand, bron en corporatie staan "
                    f"ook op regel {gezien[sleutel]}.",
                )
            else:
                gezien[sleutel] = r.regel
                geldig.append((r.regel, gemeente, maand, bron, corporatie, cijfers))
        plan.fouten.extend(fouten)

    gemeente_ids = {g.pk for _, g, *_ in geldig}
    dagen = {m.eerste_dag for _, _, m, *_ in geldig}
    bestaand = {
        (r.gemeente_id, r.maand, r.bron_id, r.corporatie_id): r
        for r in Realisatie.objects.filter(gemeente_id__in=gemeente_ids, maand__in=dagen)
    }
    regels_met_rij = []
    for nummer, gemeente, maand, bron, corporatie, cijfers in geldig:
        sleutel = (gemeente.pk, maand.eerste_dag, bron.code, corporatie.pk if corporatie else None)
        rij = bestaand.get(sleutel)
        # A corporatie that left the gemeente: only its stored figures may come back, unchanged
        # (an export imported again); anything else is refused.
        vertrokken = corporatie is not None and not ctx.werkt_in(corporatie, gemeente)
        if vertrokken and (rij is None or Cijfers.van(rij) != cijfers):
            plan.fouten.append(
                Importfout(
                    nummer,
                    "corporatie",
                    f"{corporatie.naam} werkt niet in {gemeente.naam}; alleen haar "
                    "opgeslagen cijfers mogen ongewijzigd terugkomen.",
                )
            )
            continue
        regels_met_rij.append((nummer, gemeente, maand, bron, corporatie, cijfers, rij))
    if plan.fouten:
        plan.fouten.sort()
        return plan

    koppen = set(
        Maandrapportage.objects.filter(gemeente_id__in=gemeente_ids, maand__in=dagen).values_list(
            "gemeente_id", "maand"
        )
    )
    nieuwe_koppen: dict[tuple[int, date], tuple[Gemeente, Maand]] = {}
    for nummer, gemeente, maand, bron, corporatie, cijfers, rij in regels_met_rij:
        plan.regels.append(Importregel(nummer, gemeente, maand, bron, corporatie, cijfers, rij))
        if (gemeente.pk, maand.eerste_dag) not in koppen:
            nieuwe_koppen[(gemeente.pk, maand.eerste_dag)] = (gemeente, maand)
    plan.nieuwe_maanden = list(nieuwe_koppen.values())
    return plan


# --- writing ------------------------------------------------------------------------------------


def _naam(bestandsnaam: str) -> str:
    return PurePath(bestandsnaam or "bestand").name[:100]


@transaction.atomic
def realisatie_importeren(
    *,
    regels: list[Bestandsregel],
    door,
    bestandsnaam: str,
    reden: str | None = None,
    vandaag: date | None = None,
    alleen_gemeente: Gemeente | None = None,
    verwachte_vingerafdruk: str | None = None,
    droog: bool = False,
) -> Importplan:
    """Write the file's figures, all or nothing. Raises Importfouten (bad rows), Invoerfout
    (a reason is needed) or Importverouderd (figures changed since the preview)."""
    codes = {_tekst(r.waarden.get("gemeente")).upper() for r in regels}
    # Lock the gemeenten first (same order as the month form): the plan below is then made
    # on figures nobody changes until this transaction ends.
    list(
        Gemeente.objects.select_for_update()
        .filter(cbs_code__in=codes)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    plan = import_controleren(
        regels=regels, door=door, vandaag=vandaag, alleen_gemeente=alleen_gemeente
    )
    if plan.fouten:
        raise Importfouten(plan.fouten)
    if verwachte_vingerafdruk is not None and verwachte_vingerafdruk != plan.vingerafdruk:
        raise Importverouderd(plan)
    # One reason rule and one length for every way figures come in (the month form too).
    geraakt = [r.maand for r in plan.wijzigingen] + [m for _, m in plan.nieuwe_maanden]
    try:
        reden = vereis_reden(reden, maand=min(geraakt) if geraakt else None, vandaag=plan.vandaag)
    except ValidationError as e:
        raise Invoerfout({(None, "reden"): e.message_dict["reden"][0]}) from None
    if droog or not plan.verandert_iets:
        return plan

    toelichting = f"Import {_naam(bestandsnaam)}" + (f": {reden}" if reden else "")
    nieuw, gewijzigd = [], []
    for r in plan.wijzigingen:
        if r.oud is None:
            nieuw.append(
                Realisatie(
                    gemeente=r.gemeente,
                    maand=r.maand.eerste_dag,
                    bron=r.bron,
                    corporatie=r.corporatie,
                    personen_gehuisvest=r.nieuw.personen_gehuisvest,
                    personen_tellend=r.nieuw.personen_tellend,
                    woningen=r.nieuw.woningen,
                )
            )
        else:
            rij = r.bestaand
            rij.personen_gehuisvest = r.nieuw.personen_gehuisvest
            rij.personen_tellend = r.nieuw.personen_tellend
            rij.woningen = r.nieuw.woningen
            rij.illustratief = False
            rij.versie += 1
            gewijzigd.append(rij)
    audit = {"default_user": door, "default_change_reason": toelichting}
    if plan.nieuwe_maanden:
        bulk_create_with_history(
            [Maandrapportage(gemeente=g, maand=m.eerste_dag) for g, m in plan.nieuwe_maanden],
            Maandrapportage,
            batch_size=BATCH,
            **audit,
        )
    if nieuw:
        bulk_create_with_history(nieuw, Realisatie, batch_size=BATCH, **audit)
    if gewijzigd:
        bijwerken_met_historie(
            gewijzigd,
            Realisatie,
            ["personen_gehuisvest", "personen_tellend", "woningen", "illustratief", "versie"],
            door=door,
            reden=toelichting,
            batch=BATCH,
        )
    geraakt = {r.gemeente.pk for r in plan.wijzigingen} | {g.pk for g, _ in plan.nieuwe_maanden}
    for gemeente_id in sorted(geraakt):
        herberekening_aanvragen(gemeente_id)
    return plan


# --- export and template -------------------------------------------------------------------------


@dataclass(frozen=True)
class Tabel:
    """Rows in the import format, for ``als_bestand``."""

    rijen: list[list[object]]
    kop: tuple[str, ...] = KOLOMMEN


def realisatie_tabel(gemeente: Gemeente) -> Tabel:
    """Every realisation row of the gemeente in the import format (export -> import changes
    nothing)."""
    rijen = (
        Realisatie.objects.filter(gemeente=gemeente)
        .order_by("maand", "bron__volgorde", "bron_id", "corporatie__slug")
        .values_list(
            "maand",
            "bron_id",
            "corporatie__slug",
            "personen_gehuisvest",
            "personen_tellend",
            "woningen",
        )
    )
    return Tabel(
        [
            [gemeente.cbs_code, str(Maand.van(maand)), bron, slug or "", g, t, w]
            for maand, bron, slug, g, t, w in rijen
        ]
    )


def sjabloon_tabel(gemeente: Gemeente, maand: Maand, ctx: Invoercontext) -> Tabel:
    """One row per source (per corporatie for `regulier`) of the month, numbers to fill in."""
    werkend = sorted(
        (c for c in ctx.corporaties.values() if (c.pk, gemeente.pk) in ctx.werkgebieden),
        key=lambda c: c.slug,
    )
    rijen = []
    for bron in sorted(ctx.bronnen.values(), key=lambda b: (b.volgorde, b.code)):
        slugs = [c.slug for c in werkend] if bron.vereist_corporatie else [""]
        for slug in slugs:
            rijen.append([gemeente.cbs_code, str(maand), bron.code, slug, None, None, None])
    return Tabel(rijen)


def als_bestand(tabel: Tabel, formaat: str) -> tuple[bytes, str]:
    """(content, content type) for 'csv' or 'xlsx', through the one export writer
    (``kern.export``: text never becomes a formula, numbers stay numbers)."""
    if formaat == "xlsx":
        return (
            export.xlsx_bestand("realisatie", tabel.kop, tabel.rijen),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    return (
        export.csv_bestand([tabel.kop, *tabel.rijen], scheiding=",", bom=False),
        "text/csv; charset=utf-8",
    )
