"""The supply form of one corporatie for one gemeente and month (R9)."""

from __future__ import annotations

from bemiddeling.models import Aanbod
from bemiddeling.services.aanbod import Aanbodcijfers, controleer_aanbod
from kern.invoer import MAX_AANBOD
from organisaties.forms import AantalVeld, Invoerformulier, VersieVeld, reden_veld

GROEP_ONGESCHIKT = ("ongeschikt_label", "ongeschikt_huur", "ongeschikt_grootte")


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

    @classmethod
    def voor(cls, cbs: str, rij: Aanbod | None, data=None) -> AanbodFormulier:
        initial = {}
        if rij is not None:
            initial = {v: getattr(rij, v) for v in Aanbodcijfers.__dataclass_fields__}
            initial["versie"] = rij.versie
        return cls(data, prefix=cbs, initial=initial)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        fouten = controleer_aanbod(self.cijfers_uit(data))
        for veld, boodschap in fouten.items():
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
