"""The month entry form: field names <-> service input, and errors and conflicts back to the
field they belong to. Validation itself is the service's (one code path with the import)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django import forms

from kern import opmaak
from kern.invoer import lees_versie
from organisaties.forms import Invoerformulier, getal_invoer
from organisaties.wijzigen import REDEN_MAX
from taakstelling.selectors.realisatie import Bronregel, Maandgegevens
from taakstelling.services.realisatie import (
    VELDEN,
    Cijfers,
    Invoerfout,
    Koppelinginvoer,
    Maandconflict,
    Regelconflict,
    Regelinvoer,
    Sleutel,
    controleer_cijfers,
)

KOLOMMEN = {
    "personen_gehuisvest": "personen gehuisvest",
    "personen_tellend": "personen tellend",
    "woningen": "woningen",
}
MAANDVELDEN = {"koppeling": "id_koppeling", "reden": "id_reden", "maand": "maandformulier"}


def _tekst(x) -> str:
    return "" if x is None else str(x)


@dataclass
class Cel:
    naam: str
    id: str
    kolom: str
    waarde: str
    fout: str | None = None


@dataclass
class Invoerrij:
    bronregel: Bronregel
    waarden: dict[str, str]
    versie: str
    oorspronkelijk: str
    fouten: dict[str, str] = field(default_factory=dict)
    conflict: Regelconflict | None = None

    @property
    def prefix(self) -> str:
        return self.bronregel.prefix

    @property
    def label(self) -> str:
        return self.bronregel.label

    @property
    def invoerbaar(self) -> bool:
        return self.bronregel.invoerbaar

    @property
    def cellen(self) -> list[Cel]:
        return [
            Cel(
                f"{self.prefix}-{v}",
                f"id_{self.prefix}-{v}",
                KOLOMMEN[v],
                self.waarden.get(v, ""),
                self.fouten.get(v),
            )
            for v in VELDEN
        ]


@dataclass
class Conflictregel:
    label: str
    mijn: str
    huidig: str
    door: str | None
    op: object


class Maandvoet(Invoerformulier):
    """The koppelingen and the reason under the month table, rendered like every other field
    (templates/includes/veld.html). Display only: the service checks the values (one code
    path with the import) and its messages are put at these fields."""

    koppeling = forms.CharField(
        required=False,
        strip=False,
        widget=getal_invoer(**{"class": "utrecht-textbox invoer-getal"}),
    )
    reden = forms.CharField(
        required=False,
        strip=False,
        widget=forms.Textarea(
            attrs={"class": "utrecht-textarea", "rows": 2, "maxlength": str(REDEN_MAX)}
        ),
    )

    def __init__(self, data, *, maand, gemeente_naam: str, reden_nodig: bool, fouten):
        super().__init__(data)
        k, r = self.fields["koppeling"], self.fields["reden"]
        k.label = f"COA-koppelingen in {maand.naam} (personen gekoppeld)"
        k.help_text = (
            f"Het aantal personen dat COA deze maand aan {gemeente_naam} koppelde; nodig voor de "
            "toets op verschoonbaarheid. Leeg: niet bekend."
        )
        if reden_nodig:
            r.label = "Reden van de wijziging (verplicht)"
            r.help_text = (
                f"{maand.naam.capitalize()} is ouder dan de vorige maand: leg uit waarom de "
                "cijfers veranderen. De reden komt in de wijzigingshistorie."
            )
            r.widget.attrs["required"] = True
        else:
            r.label = "Toelichting (niet verplicht)"
            r.help_text = "Komt bij uw wijziging in de wijzigingshistorie."
        self.full_clean()
        for veld in ("koppeling", "reden"):
            if veld in fouten:
                self.add_error(veld, fouten[veld])
        self._koppel_fouten()


class Maandformulier:
    """Unbound: the saved figures. Bound (``data``): what the user typed."""

    def __init__(self, gegevens: Maandgegevens, data: Mapping[str, str] | None = None):
        self.gegevens = gegevens
        self.gebonden = data is not None
        self.rijen: list[Invoerrij] = []
        for br in gegevens.regels:
            opgeslagen = br.cijfers
            waarden = (
                {v: _tekst(getattr(opgeslagen, v)) for v in VELDEN}
                if opgeslagen
                else dict.fromkeys(VELDEN, "")
            )
            versie = _tekst(br.rij.versie if br.rij else None)
            oorspronkelijk = _tekst(opgeslagen)
            if data is not None and br.invoerbaar:
                waarden = {v: data.get(f"{br.prefix}-{v}", "") for v in VELDEN}
                versie = data.get(f"{br.prefix}-versie", "")
                oorspronkelijk = data.get(f"{br.prefix}-oorspronkelijk", "")
            self.rijen.append(Invoerrij(br, waarden, versie, oorspronkelijk))
        k = gegevens.koppeling
        self.koppeling = _tekst(k.personen if k else None)
        self.koppeling_versie = _tekst(k.versie if k else None)
        self.koppeling_oorspronkelijk = self.koppeling
        self.reden = ""
        if data is not None:
            self.koppeling = data.get("koppeling", "")
            self.koppeling_versie = data.get("koppeling-versie", "")
            self.koppeling_oorspronkelijk = data.get("koppeling-oorspronkelijk", "")
            self.reden = data.get("reden", "")
        self.maandfouten: dict[str, str] = {}
        self.conflicten: list[Conflictregel] = []

    # --- to the service ---------------------------------------------------------------------

    def regelinvoer(self) -> list[Regelinvoer]:
        return [
            Regelinvoer(
                r.bronregel.sleutel,
                *(r.waarden[v] for v in VELDEN),
                versie=lees_versie(r.versie),
                oorspronkelijk=Cijfers.lees(r.oorspronkelijk),
            )
            for r in self.rijen
            if r.invoerbaar
        ]

    def koppelinginvoer(self) -> Koppelinginvoer:
        oorspronkelijk = self.koppeling_oorspronkelijk.strip()
        return Koppelinginvoer(
            self.koppeling,
            lees_versie(self.koppeling_versie),
            int(oorspronkelijk) if oorspronkelijk.isascii() and oorspronkelijk.isdigit() else None,
        )

    def voorbeeld(self) -> tuple[dict[Sleutel, Cijfers], list[str]]:
        """Valid rows as typed (for the live totals) and the labels of rows not yet valid,
        checked by the same rule as saving."""
        cijfers: dict[Sleutel, Cijfers] = {}
        ongeldig: list[str] = []
        for r in self.rijen:
            br = r.bronregel
            if not br.invoerbaar:
                if br.cijfers:
                    cijfers[br.sleutel] = br.cijfers
                continue
            c, fouten = controleer_cijfers(br.telregel, *(r.waarden[v] for v in VELDEN))
            if fouten:
                ongeldig.append(br.label)
            elif c is not None:
                cijfers[br.sleutel] = c
        return cijfers, ongeldig

    def voet(self, *, maand, gemeente_naam: str, reden_nodig: bool) -> Maandvoet:
        return Maandvoet(
            {"koppeling": self.koppeling, "reden": self.reden},
            maand=maand,
            gemeente_naam=gemeente_naam,
            reden_nodig=reden_nodig,
            fouten=self.maandfouten,
        )

    # --- back from the service --------------------------------------------------------------

    def zet_fouten(self, fout: Invoerfout) -> None:
        per_sleutel = {r.bronregel.sleutel: r for r in self.rijen}
        for (sleutel, veld), melding in fout.fouten.items():
            rij = per_sleutel.get(sleutel) if sleutel else None
            if rij is not None and veld in VELDEN:
                rij.fouten[veld] = melding
            else:
                self.maandfouten[veld] = melding

    def zet_conflict(self, conflict: Maandconflict) -> None:
        """Show both values; the hidden version becomes the saved one, so 'save again' keeps
        this user's values and 'reload' takes the other's."""
        per_sleutel = {r.bronregel.sleutel: r for r in self.rijen}
        for c in conflict.conflicten:
            if c.sleutel is None:
                label = "COA-koppelingen (personen gekoppeld)"
                self.koppeling_versie = _tekst(c.versie)
                self.koppeling_oorspronkelijk = _tekst(c.huidig)
            else:
                rij = per_sleutel[c.sleutel]
                rij.conflict = c
                rij.versie = _tekst(c.versie)
                rij.oorspronkelijk = _tekst(c.huidig)
                label = rij.label
            self.conflicten.append(
                Conflictregel(label, _leesbaar(c.mijn), _leesbaar(c.huidig), c.door, c.op)
            )

    @property
    def samenvatting(self) -> list[tuple[str, str]]:
        """(message, id of the field) for the error summary at the top of the form."""
        uitkomst = []
        for veld, melding in self.maandfouten.items():
            uitkomst.append((melding, MAANDVELDEN.get(veld, "maandformulier")))
        for r in self.rijen:
            for veld, melding in r.fouten.items():
                uitkomst.append(
                    (f"{r.label}, {KOLOMMEN[veld]}: {melding}", f"id_{r.prefix}-{veld}")
                )
        return uitkomst


def _leesbaar(x: Cijfers | int | None) -> str:
    if x is None:
        return "leeg"
    if isinstance(x, Cijfers):
        return (
            f"{opmaak.getal(x.personen_gehuisvest)} gehuisvest, "
            f"{opmaak.getal(x.personen_tellend)} tellend, {opmaak.getal(x.woningen)} woningen"
        )
    return f"{opmaak.getal(x)} personen"
