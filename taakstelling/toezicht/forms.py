"""Forms of the provincie: a new IBT status and its own milestones."""

from __future__ import annotations

from django import forms

from kern.invoer import MAX_PERSONEN
from organisaties.forms import (
    AantalVeld,
    Bronformulier,
    DatumVeld,
    Invoerformulier,
    VersieVeld,
    bron_velden,
    reden_veld,
)
from organisaties.wijzigen import REDEN_MAX, REDEN_TE_LANG
from taakstelling.models import Trede

_TEKSTVAK = {"class": "utrecht-textarea", "rows": 3}


class TredeKeuze(forms.ModelChoiceField):
    def label_from_instance(self, trede: Trede) -> str:
        return f"Trede {trede.nummer}: {trede.naam} ({trede.get_kleur_display().lower()})"


class IbtFormulier(Bronformulier):
    trede = TredeKeuze(
        label="Trede van de interventieladder",
        queryset=Trede.objects.none(),
        empty_label="Kies een trede",
        widget=forms.Select(attrs={"class": "utrecht-select"}),
        error_messages={
            "required": "Kies een trede.",
            "invalid_choice": "Kies een trede van de interventieladder van deze provincie.",
        },
    )
    sinds = DatumVeld(label="Sinds", help_text="De datum waarop deze trede ingaat.")
    reden = forms.CharField(
        label="Reden",
        max_length=REDEN_MAX,
        widget=forms.Textarea(attrs=_TEKSTVAK),
        help_text="Waarom deze trede; bijvoorbeeld de achterstand ten opzichte van de opgave.",
        error_messages={"required": "Geef de reden van deze status.", "max_length": REDEN_TE_LANG},
    )
    verschoonbaar = forms.BooleanField(
        label="De achterstand is verschoonbaar",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "utrecht-checkbox"}),
        help_text="Bijvoorbeeld omdat het COA vóór de peildatum te weinig vergunninghouders "
        "koppelde. Getoond als 'wit'.",
    )
    verschoonbaar_grond = forms.CharField(
        label="Grond van de verschoonbaarheid",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs=_TEKSTVAK),
        help_text="Verplicht als de achterstand verschoonbaar is.",
    )
    brondocument, paragraaf, bron = bron_velden()
    huidig = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, provincie_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trede"].queryset = Trede.objects.filter(provincie_id=provincie_id)

    def clean(self):
        data = super().clean()
        if data.get("verschoonbaar") and not (data.get("verschoonbaar_grond") or "").strip():
            self.add_error(
                "verschoonbaar_grond",
                "Geef de grond waarop de achterstand verschoonbaar is.",
            )
        return data


class MijlpaalFormulier(Bronformulier):
    datum = DatumVeld(label="Datum van de mijlpaal", help_text="Uiterlijk op deze datum.")
    doel = AantalVeld(
        label="Doel (personen, cumulatief)",
        maximum=MAX_PERSONEN,
        help_text="Het aantal personen dat sinds de startdatum gehuisvest moet zijn.",
    )
    startdatum = DatumVeld(
        label="Geteld vanaf",
        help_text="Maanden die op of na deze datum beginnen tellen mee.",
    )
    omschrijving = forms.CharField(
        label="Omschrijving (optioneel)",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
        help_text="Bijvoorbeeld: deadline uit de brief van 20 april 2023.",
    )
    brondocument, paragraaf, bron = bron_velden()
    reden = reden_veld(
        soms=True,
        uitleg="Verplicht als u een bestaande mijlpaal wijzigt, of voor een mijlpaal in een "
        "maand van langer dan een maand geleden.",
    )
    versie = VersieVeld()


class MijlpaalVerwijderenFormulier(Invoerformulier):
    reden = reden_veld(verplicht=True, uitleg="Waarom de mijlpaal vervalt; komt in de historie.")
    reden.label = "Reden van het verwijderen"
    versie = VersieVeld()
