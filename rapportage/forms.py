"""Forms of the read side: a decision of a taskforce meeting."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


class BesluitFormulier(forms.Form):
    datum = forms.DateField(
        label="Datum van het overleg",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Vul de datum van het overleg in.",
            "invalid": "Vul een datum in als JJJJ-MM-DD.",
        },
    )
    tekst = forms.CharField(
        label="Besluit",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Beschrijf het besluit."},
    )
    eigenaar = forms.CharField(
        label="Eigenaar (wie voert het uit)",
        max_length=200,
        error_messages={"required": "Noem wie het besluit uitvoert."},
    )
    deadline = forms.DateField(
        label="Deadline",
        required=False,
        help_text="Leeg laten als er geen datum is afgesproken.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Vul een datum in als JJJJ-MM-DD."},
    )

    def clean_datum(self):
        d = self.cleaned_data["datum"]
        if not 2000 <= d.year <= 2100:
            raise ValidationError("Kies een datum tussen 2000 en 2100.")
        return d


class MeldingInstellingenFormulier(forms.Form):
    """Per kind of event: off, direct by e-mail or in the periodic overview; and the threshold
    of the probability. Fields are made for the kinds open to the user (meldingen/soorten.py)."""

    def __init__(self, *args, keuzes: dict, **kwargs):
        from meldingen.models import Soort, Wijze

        super().__init__(*args, **kwargs)
        self.soorten = list(keuzes)
        for soort, keuze in keuzes.items():
            self.fields[soort] = forms.ChoiceField(
                label=Soort(soort).label,
                choices=Wijze.choices,
                initial=keuze.wijze,
                error_messages={
                    "required": "Kies uit, direct per e-mail of in het overzicht.",
                    "invalid_choice": "Kies uit, direct per e-mail of in het overzicht.",
                },
            )
            if soort == Soort.KANS_ONDER_DREMPEL:
                self.fields["kansdrempel"] = forms.IntegerField(
                    label="Drempel voor de kans (procent)",
                    help_text="U krijgt een melding als de kans onder dit percentage zakt.",
                    min_value=1,
                    max_value=99,
                    initial=keuze.kansdrempel,
                    error_messages={
                        "required": "Vul een drempel in, een heel getal van 1 tot en met 99.",
                        "invalid": "Vul een drempel in, een heel getal van 1 tot en met 99.",
                        "min_value": "De drempel is minstens 1 procent.",
                        "max_value": "De drempel is hoogstens 99 procent.",
                    },
                )
