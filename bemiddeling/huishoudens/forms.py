"""Forms of the household pages (issue 14). The service checks everything again."""

from django import forms

from kern import huishoudens as HH
from organisaties.forms import (
    AantalVeld,
    DatumVeld,
    Invoerformulier,
    MaandVeld,
    VersieVeld,
    reden_veld,
    tekstinvoer,
)

MAX = 30


def _keuze(**attrs) -> forms.Select:
    return forms.Select(attrs={"class": "utrecht-select", **attrs})


class HuishoudenFormulier(Invoerformulier):
    referentie = forms.CharField(
        label="Referentie van COA",
        max_length=60,
        help_text="Wordt niet bewaard: de monitor maakt er een pseudoniem van. Geen naam, "
        "V-nummer of BSN invullen.",
        widget=tekstinvoer({"autocomplete": "off"}),
        error_messages={"required": "Vul de referentie van COA in."},
    )
    koppeldatum = DatumVeld(label="Koppeldatum")
    volwassenen = AantalVeld(label="Volwassenen", maximum=MAX)
    kinderen = AantalVeld(label="Kinderen", maximum=MAX, required=False)
    nareizigers_verwacht = AantalVeld(label="Verwachte nareizigers", maximum=MAX, required=False)
    nareizigers_maand = MaandVeld(label="Verwacht in maand", required=False)
    behoeften = forms.MultipleChoiceField(
        label="Behoeften",
        required=False,
        choices=[(c, HH.BEHOEFTEN[c]) for c in HH.INGEVOERDE_BEHOEFTEN],
        widget=forms.CheckboxSelectMultiple,
        help_text="Groot gezin volgt vanzelf uit de grootte (5 of meer, met nareizigers).",
    )
    route = forms.ChoiceField(label="Route", choices=list(HH.ROUTES.items()), widget=_keuze())


class StapFormulier(Invoerformulier):
    """One step of a household; only the fields that step needs."""

    VELDEN = {
        HH.Stap.AANBIEDEN: ("datum", "corporatie", "grootteklasse", "huurklasse", "toelichting"),
        HH.Stap.WEIGEREN: ("datum", "reden", "toelichting"),
        HH.Stap.TEKENEN: ("datum", "toelichting"),
        HH.Stap.VERHUIZEN: ("datum", "toelichting"),
        HH.Stap.UITVALLEN: ("datum", "reden", "toelichting"),
    }

    stap = forms.CharField(widget=forms.HiddenInput)
    versie = VersieVeld()
    datum = DatumVeld(label="Datum")
    corporatie = forms.ModelChoiceField(
        label="Corporatie", queryset=None, required=False, widget=_keuze(), empty_label="—"
    )
    grootteklasse = forms.ChoiceField(
        label="Grootte van de woning",
        choices=[("", "—"), *HH.GROOTTEKLASSE_LABELS.items()],
        required=False,
        widget=_keuze(),
    )
    huurklasse = forms.ChoiceField(
        label="Huurklasse (optioneel)",
        choices=[("", "—"), *HH.HUURKLASSEN.items()],
        required=False,
        widget=_keuze(),
    )
    reden = forms.ChoiceField(label="Reden", choices=[], required=False, widget=_keuze())
    toelichting = forms.CharField(
        label="Toelichting (optioneel)",
        max_length=300,
        required=False,
        widget=tekstinvoer(),
        help_text="Geen namen of andere persoonsgegevens.",
    )

    def __init__(self, stap: HH.Stap, corporaties, *args, **kwargs):
        kwargs.setdefault("prefix", stap.value)
        super().__init__(*args, **kwargs)
        self.stap_waarde = stap
        self.titel = HH.STAP_LABELS[stap]
        self.fields["stap"].initial = stap.value
        self.fields["corporatie"].queryset = corporaties
        if stap == HH.Stap.WEIGEREN:
            self.fields["reden"].choices = [("", "—"), *HH.WEIGERREDEN_LABELS.items()]
        elif stap == HH.Stap.UITVALLEN:
            self.fields["reden"].choices = [("", "—"), *HH.UITVALREDEN_LABELS.items()]
        if stap == HH.Stap.VERHUIZEN:
            self.fields["datum"].label = "Sleuteldatum"
        houden = {"stap", "versie", *self.VELDEN[stap]}
        for naam in list(self.fields):
            if naam not in houden:
                del self.fields[naam]


class NareizigersFormulier(Invoerformulier):
    personen = AantalVeld(label="Aangekomen nareizigers", minimum=1, maximum=MAX)
    datum = DatumVeld(label="Datum van aankomst")


class InvoerwijzeFormulier(Invoerformulier):
    maand = MaandVeld(label="Maand")
    wijze = forms.ChoiceField(
        label="Realisatie van deze maand",
        choices=[
            ("huishoudens", "Afleiden uit de verhuizingen per huishouden"),
            ("totalen", "Zelf totalen invoeren op de maandpagina"),
        ],
        widget=forms.RadioSelect,
    )
    reden = reden_veld()


class FilterFormulier(forms.Form):
    grootte = forms.ChoiceField(
        label="Grootte",
        required=False,
        choices=[("", "Alle groottes"), *HH.GROOTTEKLASSE_LABELS.items()],
        widget=_keuze(),
    )
    behoefte = forms.ChoiceField(
        label="Behoefte",
        required=False,
        choices=[("", "Alle behoeften"), *HH.BEHOEFTEN.items()],
        widget=_keuze(),
    )
