"""Forms of the taakstelling page: quota, revisions, opening saldo, art. 29 and AMV cohorts.

Forms parse and check single fields (the shared fields of ``organisaties.forms``); the
services check the rules that need the database. The two add-forms on the page carry a
prefix, so their fields have ids of their own.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from kern.invoer import MAX_AMV, MAX_INWONERS, MAX_LANDELIJK, MAX_PERSONEN
from kern.perioden import EERSTE_GEBOORTEJAAR, Halfjaar
from organisaties.forms import (
    AantalVeld,
    Bronformulier,
    DatumVeld,
    Invoerformulier,
    JaarVeld,
    MaandVeld,
    VersieVeld,
    VerwijderenFormulier,
    bron_velden,
    datum_invoer,
    getal_invoer,
    reden_veld,
)

__all__ = [
    "MAX_PERSONEN",
    "AantalVeld",
    "AmvFormulier",
    "AmvWijzigenFormulier",
    "Art29Formulier",
    "BijstellingFormulier",
    "DatumVeld",
    "Invoerformulier",
    "MaandVeld",
    "OpeningssaldoFormulier",
    "TaakstellingFormulier",
    "TaakstellingWijzigenFormulier",
    "VerwijderenFormulier",
    "datum_invoer",
    "getal_invoer",
    "reden_veld",
]

HELFTEN = [(1, "eerste helft (januari-juni)"), (2, "tweede helft (juli-december)")]


def _helft() -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label="Halfjaar",
        choices=HELFTEN,
        coerce=int,
        widget=forms.Select(attrs={"class": "utrecht-select"}),
        error_messages={"invalid_choice": "Kies de eerste of de tweede helft."},
    )


class _Halfjaarformulier(Bronformulier):
    """A half-year asked as year and half (fields ``jaar`` and ``helft``)."""

    @property
    def halfjaar(self) -> Halfjaar:
        return Halfjaar(self.cleaned_data["jaar"], self.cleaned_data["helft"])

    def fouten_van(self, fout: ValidationError) -> None:
        # The services name the half-year "halfjaar": its message goes at the year. As it
        # always has, it also shows at the top (no field here is called "halfjaar").
        if hasattr(fout, "error_dict") and "halfjaar" in fout.error_dict:
            self.add_error("jaar", fout.message_dict["halfjaar"])
        super().fouten_van(fout)


class TaakstellingFormulier(_Halfjaarformulier):
    prefix = "nieuw"

    jaar = JaarVeld(label="Jaar")
    helft = _helft()
    aantal = AantalVeld(label="Taakstelling (personen)", maximum=MAX_PERSONEN)
    brondocument, paragraaf, bron = bron_velden()
    reden = reden_veld(
        soms=True, uitleg="Verplicht voor een halfjaar dat al langer dan een maand voorbij is."
    )


class TaakstellingWijzigenFormulier(Bronformulier):
    aantal = AantalVeld(label="Oorspronkelijk vastgesteld aantal (personen)")
    brondocument, paragraaf, bron = bron_velden()
    reden = reden_veld(verplicht=True, uitleg="Een correctie van een vastgesteld aantal.")
    versie = VersieVeld()


class BijstellingFormulier(Invoerformulier):
    datum = DatumVeld(label="Datum van de bijstelling")
    aantal = AantalVeld(label="Nieuw aantal (personen)")
    reden = reden_veld(
        verplicht=True,
        uitleg="Bijvoorbeeld: verhoging landelijke taakstelling (brief van de provincie).",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reden"].label = "Reden van de bijstelling"
        self.fields["reden"].error_messages["required"] = "Geef de reden van de bijstelling."


class OpeningssaldoFormulier(_Halfjaarformulier):
    prefix = "opening"

    jaar = JaarVeld(label="Jaar van het eerste halfjaar")
    helft = _helft()
    saldo = AantalVeld(
        label="Ingebracht saldo (personen)",
        minimum=-MAX_PERSONEN,
        maximum=MAX_PERSONEN,
        help_text="Negatief is een achterstand, positief een voorsprong; bijvoorbeeld -32.",
        widget=getal_invoer(inputmode="text"),
        error_messages={"required": "Vul het saldo in (0 als er niets werd ingebracht)."},
    )
    brondocument, paragraaf, bron = bron_velden()
    reden = reden_veld(
        soms=True,
        uitleg="Verplicht als u een bestaand openingssaldo wijzigt, of voor een eerste "
        "halfjaar dat langer dan een maand geleden begon.",
    )
    versie = VersieVeld()


class Art29Formulier(Invoerformulier):
    """R2: ceil(national number x inhabitants of the gemeente / inhabitants of NL)."""

    landelijk = AantalVeld(
        label="Landelijke taakstelling (personen)",
        maximum=MAX_LANDELIJK,
        help_text="Het aantal dat het Rijk voor dit halfjaar vaststelt.",
    )
    inwoners_gemeente = AantalVeld(
        label="Inwoners van de gemeente",
        maximum=MAX_INWONERS,
        help_text="CBS, 1 januari van het voorgaande jaar.",
    )
    inwoners_nl = AantalVeld(
        label="Inwoners van Nederland",
        minimum=1,
        maximum=MAX_INWONERS,
        help_text="CBS, dezelfde peildatum.",
    )


class AmvFormulier(Invoerformulier):
    geboortemaand = MaandVeld(label="Geboortemaand", eerste_jaar=EERSTE_GEBOORTEJAAR)
    gehuisvest_in = MaandVeld(label="Maand van huisvesting")
    aantal = AantalVeld(label="Aantal AMV'ers", minimum=1, maximum=MAX_AMV)
    reden = reden_veld(
        soms=True, uitleg="Verplicht voor een maand van huisvesting van langer geleden."
    )


class AmvWijzigenFormulier(Invoerformulier):
    aantal = AantalVeld(label="Aantal AMV'ers", minimum=1, maximum=MAX_AMV)
    reden = reden_veld(
        soms=True, uitleg="Verplicht voor een maand van huisvesting van langer geleden."
    )
    versie = VersieVeld()
