"""The scenario form: rendering and Dutch messages; the parsing itself is ``scenario.lees``."""

from django import forms

from prognose.rekenen import scenario as scenario_regels
from prognose.rekenen.gegevens import Prognose

PARAMETERVELDEN = (
    "bezetting",
    "aandeel_urgenten",
    "aandeel_urgenten_na",
    "wisseldatum",
    "aandeel_vh",
)


class ScenarioFormulier(forms.Form):
    bezetting = forms.CharField(
        label="Bezetting (personen per woning)",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6, "autocomplete": "off"}),
    )
    aandeel_urgenten = forms.CharField(
        label="Aandeel vrijkomende woningen naar urgenten",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"size": 6, "autocomplete": "off"}),
    )
    aandeel_urgenten_na = forms.CharField(
        label="Aandeel naar urgenten vanaf de wisseldatum (leeg: geen wissel)",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"size": 6, "autocomplete": "off"}),
    )
    wisseldatum = forms.CharField(
        label="Wisseldatum",
        required=False,
        max_length=10,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    aandeel_vh = forms.CharField(
        label="Aandeel van de urgente toewijzingen naar vergunninghouders",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"size": 6, "autocomplete": "off"}),
    )

    def __init__(self, *args, basis: Prognose | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.parameters = scenario_regels.Parameters()
        self.acties = [] if basis is None else list(basis.acties)
        aannames = {} if basis is None else dict(basis.aannames)
        self.fields["bezetting"].help_text = (
            f"Leeg: zoals ingevoerd, nu {aannames['bezetting']}."
            if "bezetting" in aannames
            else "Leeg: zoals ingevoerd."
        )
        if "aandeel_urgenten" in aannames:
            self.fields[
                "aandeel_urgenten"
            ].help_text = (
                f"Bijvoorbeeld 40%. Leeg: zoals ingevoerd, nu {aannames['aandeel_urgenten']}."
            )
        self.fields["wisseldatum"].help_text = "Vanaf deze dag geldt het tweede aandeel."
        if "aandeel_vh" in aannames:
            self.fields[
                "aandeel_vh"
            ].help_text = f"Bijvoorbeeld 2/3. Leeg: zoals ingevoerd, nu {aannames['aandeel_vh']}."
        for actie in self.acties:
            naam = f"extra_{actie.code}"
            soort = "uit het corporatieaanbod" if actie.via_corporatie else "buiten de corporaties"
            self.fields[naam] = forms.IntegerField(
                label=f"Extra woningen per maand: {actie.naam}",
                required=False,
                min_value=0,
                max_value=scenario_regels.MAX_EXTRA,
                help_text=f"Bovenop het plan, in elke maand die nog komt ({soort}).",
                widget=forms.NumberInput(attrs={"size": 4}),
            )

    @property
    def extra_velden(self):
        return [self[f"extra_{a.code}"] for a in self.acties]

    @property
    def parameter_velden(self):
        return [self[v] for v in PARAMETERVELDEN]

    @property
    def ingevuld(self) -> bool:
        return self.is_bound and any((self.data.get(naam) or "").strip() for naam in self.fields)

    def clean(self):
        gegevens = super().clean()
        if self.errors:
            return gegevens
        bekend = {a.code for a in self.acties}
        ruw = {k: ("" if v is None else str(v)) for k, v in gegevens.items()}
        parameters, fouten = scenario_regels.lees(ruw)
        for veld, fout in fouten.items():
            self.add_error(veld if veld in self.fields else None, fout)
        onbekend = [c for c, _ in parameters.extra_woningen if c not in bekend]
        if onbekend:
            self.add_error(None, "Onbekende actie: " + ", ".join(onbekend))
        self.parameters = parameters
        return gegevens


class OpslaanFormulier(forms.Form):
    naam = forms.CharField(
        label="Naam van het scenario",
        max_length=100,
        error_messages={"required": "Geef het scenario een naam."},
    )
    omschrijving = forms.CharField(
        label="Omschrijving (optioneel)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 50}),
    )
