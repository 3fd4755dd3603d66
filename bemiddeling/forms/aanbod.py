"""The supply form of one corporatie for one gemeente and month (R9)."""

from __future__ import annotations

import re
from dataclasses import fields
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from bemiddeling.models import Aanbod, Aanbodverwachting
from bemiddeling.services.aanbod import (
    SPLIT,
    Aanbodcijfers,
    Verwachtingcijfers,
    controleer_aanbod,
    controleer_verwachting,
)
from kern import opmaak
from kern.invoer import MAX_AANBOD
from kern.perioden import Maand
from organisaties.forms import AantalVeld, DatumVeld, Invoerformulier, VersieVeld, reden_veld
from organisaties.wijzigen import vereis_reden

GROEP_ONGESCHIKT = ("ongeschikt_label", "ongeschikt_huur", "ongeschikt_grootte")


def regel_velden(veld: str, c: Aanbodcijfers) -> set[str]:
    """The fields the rule of ``controleer_aanbod`` that reported ``veld`` reads."""
    if veld == "ongeschikt":
        return {"mutaties", *GROEP_ONGESCHIKT}
    if veld == "toegewezen_urgenten":
        return {"mutaties", "toegewezen_urgenten"}
    if veld == "toegewezen_vh" and c.toegewezen_vh > c.toegewezen_urgenten:
        return {"toegewezen_urgenten", "toegewezen_vh"}
    if veld == "toegewezen_vh":
        return {"mutaties", "toegewezen_vh", *GROEP_ONGESCHIKT}
    return {veld}


class AanbodFormulier(Invoerformulier):
    """Prefixed with the gemeente's CBS code: one form per gemeente on the page."""

    mutaties = AantalVeld(label="Mutaties (vrijgekomen sociale huurwoningen)", maximum=MAX_AANBOD)
    ongeschikt_label = AantalVeld(label="Door een label", maximum=MAX_AANBOD)
    ongeschikt_huur = AantalVeld(label="Door de huurprijs", maximum=MAX_AANBOD)
    ongeschikt_grootte = AantalVeld(label="Door de grootte", maximum=MAX_AANBOD)
    toegewezen_urgenten = AantalVeld(label="Toegewezen aan urgenten", maximum=MAX_AANBOD)
    toegewezen_vh = AantalVeld(
        label="Waarvan aan vergunninghouders",
        maximum=MAX_AANBOD,
        help_text="Een deel van de toewijzingen aan urgenten.",
    )
    reden = reden_veld(
        soms=True, uitleg="Verplicht voor een maand van langer dan een maand geleden."
    )
    versie = VersieVeld()

    groepsfout: str | None = None
    # The month, when known: a reason is required for an older one (checked in clean, so
    # it comes with every other error in one pass; the service checks it again).
    maand: Maand | None = None

    @classmethod
    def voor(
        cls, cbs: str, rij: Aanbod | None, data=None, maand: Maand | None = None
    ) -> AanbodFormulier:
        initial = {}
        if rij is not None:
            initial = {v: getattr(rij, v) for v in Aanbodcijfers.__dataclass_fields__}
            initial["versie"] = rij.versie
        formulier = cls(data, prefix=cbs, initial=initial)
        formulier.maand = maand
        return formulier

    def clean(self):
        """Every error in one pass: the fields' own, the reason, and each rule between the
        figures whose fields are valid (a rule over an invalid field waits for a number)."""
        data = super().clean()
        if self.maand is not None and "reden" not in self.errors:
            try:
                vereis_reden(data.get("reden"), maand=self.maand)
            except ValidationError as fout:
                self.add_error("reden", fout.message_dict["reden"])
        ongeldig = {f.name for f in fields(Aanbodcijfers)} - set(data)
        invoer = Aanbodcijfers(**{f.name: data.get(f.name, 0) for f in fields(Aanbodcijfers)})
        fouten = controleer_aanbod(invoer)
        for veld, boodschap in fouten.items():
            if regel_velden(veld, invoer) & ongeldig:
                continue
            if veld == "ongeschikt":
                self.groepsfout = boodschap
                self.add_error(None, boodschap)
            else:
                self.add_error(veld, boodschap)
        return data

    @staticmethod
    def cijfers_uit(data: dict) -> Aanbodcijfers:
        return Aanbodcijfers(**{v: data[v] for v in Aanbodcijfers.__dataclass_fields__})

    @property
    def cijfers(self) -> Aanbodcijfers:
        return self.cijfers_uit(self.cleaned_data)

    @property
    def algemene_fouten(self) -> list[str]:
        return [f for f in self.non_field_errors() if f != self.groepsfout]

    def _koppel_fouten(self) -> None:
        super()._koppel_fouten()
        if self.groepsfout:
            for naam in GROEP_ONGESCHIKT:
                attrs = self.fields[naam].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self.prefix}-ongeschikt-fout"


_DUIZENDTALLEN = re.compile(r"^\d{1,3}(\.\d{3})+$")


class WoningenPerMaandVeld(forms.CharField):
    """Dwellings per month, possibly a fraction ("2,5": five in two months); empty is None
    (not known), never 0."""

    def __init__(self, **kw):
        kw.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "class": "utrecht-textbox",
                    "inputmode": "decimal",
                    "autocomplete": "off",
                    "maxlength": "12",
                }
            ),
        )
        kw.setdefault("error_messages", {"required": "Vul de verwachte mutaties per maand in."})
        super().__init__(**kw)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        tekst = value.strip()
        if "," in tekst or _DUIZENDTALLEN.match(tekst):  # Dutch: 1.000,5 and 1.000
            tekst = tekst.replace(".", "").replace(",", ".")
        try:
            getal = Decimal(tekst)
        except InvalidOperation:
            raise ValidationError(
                f"'{value}' is geen aantal; schrijf bijvoorbeeld 3 of 2,5.", code="invalid"
            ) from None
        if not getal.is_finite() or getal < 0:
            raise ValidationError("Vul een aantal van 0 of meer in.", code="invalid")
        if getal.as_tuple().exponent < -2:
            raise ValidationError("Geef hoogstens twee decimalen, bijvoorbeeld 2,25.")
        return getal

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return opmaak.getal(value, 2 if value != value.to_integral() else 0)
        return value


class VerwachtingFormulier(Invoerformulier):
    """The supply a corporatie expects per month in one gemeente, from a date, with an
    optional split of the dwellings for VH by household size (issue 14 §9, "Past het
    aanbod?")."""

    geldig_vanaf = DatumVeld(
        label="Geldig vanaf",
        help_text="Dezelfde datum wijzigt die verwachting; een nieuwe datum begint een nieuwe.",
    )
    mutaties_per_maand = WoningenPerMaandVeld(label="Verwachte mutaties per maand")
    vh_1 = WoningenPerMaandVeld(label="Voor 1 persoon", required=False)
    vh_2 = WoningenPerMaandVeld(label="Voor 2 personen", required=False)
    vh_3_4 = WoningenPerMaandVeld(label="Voor 3 of 4 personen", required=False)
    vh_5_plus = WoningenPerMaandVeld(label="Voor 5 of meer personen", required=False)
    reden = reden_veld(
        soms=True, uitleg="Verplicht als de verwachting langer dan een maand geleden begint."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Beside the month's form in the same block: a label of its own.
        self.fields["reden"].label = "Reden van de wijziging van de verwachting"

    @classmethod
    def voor(cls, cbs: str, rij: Aanbodverwachting | None, data=None, vandaag=None):
        initial: dict = {"geldig_vanaf": Maand.van(vandaag or timezone.localdate()).eerste_dag}
        if rij is not None:
            initial = {v: getattr(rij, v) for v in ("geldig_vanaf", "mutaties_per_maand", *SPLIT)}
        return cls(data, prefix=f"verwachting-{cbs}", initial=initial)

    def clean(self):
        data = super().clean()
        vanaf = data.get("geldig_vanaf")
        if vanaf is not None and "reden" not in self.errors:
            try:
                vereis_reden(data.get("reden"), maand=Maand.van(vanaf))
            except ValidationError as fout:
                self.add_error("reden", fout.message_dict["reden"])
        if all(v in data for v in ("mutaties_per_maand", *SPLIT)) and (
            data["mutaties_per_maand"] is not None
        ):
            for veld, boodschap in controleer_verwachting(self.cijfers_uit(data)).items():
                self.add_error(None if veld == "__all__" else veld, boodschap)
        return data

    @staticmethod
    def cijfers_uit(data: dict) -> Verwachtingcijfers:
        return Verwachtingcijfers(data["mutaties_per_maand"], *(data[v] for v in SPLIT))

    @property
    def cijfers(self) -> Verwachtingcijfers:
        return self.cijfers_uit(self.cleaned_data)
