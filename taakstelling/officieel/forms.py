"""Forms of the province: apply art. 29, record an exchange (art. 29 lid 2)."""

from __future__ import annotations

from django import forms

from organisaties.forms import AantalVeld, DatumVeld, Invoerformulier, reden_veld, tekstinvoer
from organisaties.models import Gemeente


class Art29Formulier(Invoerformulier):
    reden = reden_veld(
        verplicht=True,
        uitleg="Bijvoorbeeld: nieuwe circulaire ontvangen. Komt met de bron van het landelijke "
        "aantal bij elke gewijzigde taakstelling in de historie.",
    )


class GemeenteKeuze(forms.ModelChoiceField):
    def label_from_instance(self, g: Gemeente) -> str:
        return g.naam


def _kenmerk(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=200,
        widget=tekstinvoer(),
        error_messages={"required": "Vul het kenmerk van het besluit in."},
    )


class UitruilFormulier(Invoerformulier):
    halfjaar = forms.CharField(
        label="Halfjaar",
        max_length=7,
        help_text="In de vorm JJJJ-H1 of JJJJ-H2, bijvoorbeeld 2023-H2.",
        widget=tekstinvoer(),
        error_messages={"required": "Vul het halfjaar in."},
    )
    neemt_over = GemeenteKeuze(
        label="Gemeente die overneemt",
        queryset=Gemeente.objects.none(),
        empty_label="Kies een gemeente",
        widget=forms.Select(attrs={"class": "utrecht-select"}),
        error_messages={"required": "Kies de gemeente die overneemt."},
    )
    draagt_over = GemeenteKeuze(
        label="Gemeente die overdraagt",
        queryset=Gemeente.objects.none(),
        empty_label="Kies een gemeente",
        widget=forms.Select(attrs={"class": "utrecht-select"}),
        error_messages={"required": "Kies de gemeente die overdraagt."},
    )
    personen = AantalVeld(label="Aantal personen", minimum=1)
    instemming_neemt_over_datum = DatumVeld(label="Instemming college (overnemende gemeente)")
    instemming_neemt_over_kenmerk = _kenmerk("Kenmerk van dat besluit")
    instemming_draagt_over_datum = DatumVeld(label="Instemming college (overdragende gemeente)")
    instemming_draagt_over_kenmerk = _kenmerk("Kenmerk van dat besluit")
    goedkeuring_datum = DatumVeld(label="Goedkeuring Gedeputeerde Staten")
    goedkeuring_kenmerk = _kenmerk("Kenmerk van de goedkeuring")
    toelichting = forms.CharField(
        label="Toelichting (optioneel)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 2}),
    )

    def __init__(self, *args, provincie, **kwargs):
        super().__init__(*args, **kwargs)
        gemeenten = Gemeente.objects.filter(provincie=provincie).order_by("naam")
        self.fields["neemt_over"].queryset = gemeenten
        self.fields["draagt_over"].queryset = gemeenten
