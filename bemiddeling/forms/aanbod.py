"""The supply form of one corporatie for one gemeente and month (R9)."""

from __future__ import annotations

from dataclasses import fields

from django.core.exceptions import ValidationError

from bemiddeling.models import Aanbod
from bemiddeling.services.aanbod import Aanbodcijfers, controleer_aanbod
from kern.invoer import MAX_AANBOD
from kern.perioden import Maand
from organisaties.forms import AantalVeld, Invoerformulier, VersieVeld, reden_veld
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
