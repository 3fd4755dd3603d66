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
