"""Forms of the plan page: the plan, an action's attributes, adding and removing actions."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError

from bemiddeling.models import Actie, ActieType
from organisaties.forms import Invoerformulier, MaandVeld, VersieVeld, reden_veld
from organisaties.models import Corporatie

_TEKST = {"class": "utrecht-textbox"}
_KEUZE = {"class": "utrecht-select"}


def lees_bezetting(tekst: str) -> Decimal:
    """'2,2' or '2.2' -> Decimal('2.2'); a Dutch ValidationError otherwise."""
    t = (tekst or "").strip().replace(",", ".")
    try:
        waarde = Decimal(t)
    except InvalidOperation as exc:
        raise ValidationError(f"'{tekst}' is geen bezetting; schrijf bijvoorbeeld 2,2.") from exc
    if not waarde.is_finite() or waarde <= 0 or waarde >= 100:
        raise ValidationError("De bezetting ligt tussen 0 en 100 personen per woning.")
    if waarde.as_tuple().exponent < -2:
        raise ValidationError("Geef de bezetting met hoogstens twee decimalen, bijvoorbeeld 2,25.")
    return waarde


class BezettingVeld(forms.CharField):
    def __init__(self, **kw):
        kw.setdefault(
            "widget", forms.TextInput(attrs={**_TEKST, "inputmode": "decimal", "maxlength": "10"})
        )
        super().__init__(**kw)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if len(value) > 10:
            raise ValidationError("Dat is geen bezetting; schrijf bijvoorbeeld 2,2.")
        return lees_bezetting(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{value.normalize():f}".replace(".", ",")
        return value


def eigenaar_keuzes(corporaties: list[Corporatie]) -> list[tuple[str, str]]:
    return [("", "Gemeente"), *((c.slug, c.naam) for c in corporaties)]


class PlanFormulier(Invoerformulier):
    naam = forms.CharField(
        label="Naam van het plan",
        max_length=200,
        widget=forms.TextInput(attrs=_TEKST),
        error_messages={"required": "Geef het plan een naam."},
    )
    van = MaandVeld(label="Eerste maand")
    tot = MaandVeld(label="Laatste maand")
    bezetting = BezettingVeld(
        label="Bezetting (personen per woning)",
        help_text="Geldt voor elke actie zonder eigen bezetting; bijvoorbeeld 2,2.",
        error_messages={"required": "Vul de bezetting in, bijvoorbeeld 2,2."},
    )
    reden = reden_veld(
        soms=True,
        uitleg="Verplicht als een andere startmaand, eindmaand of bezetting maanden van langer "
        "dan een maand geleden verandert.",
    )
    versie = VersieVeld()


class ActieToevoegenFormulier(Invoerformulier):
    """Choose an action type from the catalogue that is not yet in the plan. ``beschikbaar`` is
    a list (read once by the view), so showing the choice costs no query of its own."""

    type = forms.ChoiceField(
        label="Actie uit de catalogus",
        widget=forms.Select(attrs=_KEUZE),
        error_messages={
            "required": "Kies een actie.",
            "invalid_choice": "Kies een actie die nog niet in het plan staat.",
        },
    )
    eigenaar = forms.ChoiceField(
        label="Eigenaar", widget=forms.Select(attrs=_KEUZE), required=False
    )
    status = forms.ChoiceField(
        label="Status",
        choices=Actie.Status.choices,
        initial=Actie.Status.VOORBEREIDING,
        widget=forms.Select(attrs=_KEUZE),
        error_messages={"invalid_choice": "Kies een status uit de lijst."},
    )

    def __init__(self, *args, beschikbaar: list[ActieType], corporaties: list[Corporatie], **kw):
        super().__init__(*args, **kw)
        self._typen = {t.code: t for t in beschikbaar}
        self.fields["type"].choices = [
            ("", "Kies een actie"),
            *((t.code, t.naam) for t in beschikbaar),
        ]
        self.fields["eigenaar"].choices = eigenaar_keuzes(corporaties)
        self.fields["eigenaar"].error_messages["invalid_choice"] = (
            "Kies de gemeente of een corporatie die in deze gemeente werkt."
        )
        self._corporaties = {c.slug: c for c in corporaties}

    @property
    def heeft_keuze(self) -> bool:
        return bool(self._typen)

    def clean_type(self) -> ActieType:
        return self._typen[self.cleaned_data["type"]]

    @property
    def corporatie(self) -> Corporatie | None:
        return self._corporaties.get(self.cleaned_data.get("eigenaar") or "")


class ActieFormulier(Invoerformulier):
    """One action's attributes; prefixed with its type code, as several sit on one page."""

    eigenaar = forms.ChoiceField(
        label="Eigenaar", widget=forms.Select(attrs=_KEUZE), required=False
    )
    status = forms.ChoiceField(
        label="Status",
        choices=Actie.Status.choices,
        widget=forms.Select(attrs=_KEUZE),
        error_messages={"invalid_choice": "Kies een status uit de lijst."},
    )
    bezetting = BezettingVeld(label="Bezetting (leeg: die van het plan)", required=False)
    resultaat_toelichting = forms.CharField(
        label="Toelichting",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs=_TEKST),
    )
    omschrijving = forms.CharField(
        label="Omschrijving",
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs=_TEKST),
    )
    reden = reden_veld(
        soms=True,
        uitleg="Verplicht als een andere bezetting maanden van langer dan een maand geleden "
        "verandert.",
    )
    versie = VersieVeld()

    def __init__(self, *args, corporaties: list[Corporatie], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["eigenaar"].choices = eigenaar_keuzes(corporaties)
        self.fields["eigenaar"].error_messages["invalid_choice"] = (
            "Kies de gemeente of een corporatie die in deze gemeente werkt."
        )
        self._corporaties = {c.slug: c for c in corporaties}

    @classmethod
    def voor(cls, actie: Actie, corporaties: list[Corporatie], data=None) -> ActieFormulier:
        formulier = cls(
            data,
            prefix=f"a-{actie.type_id}",
            corporaties=corporaties,
            initial={
                "eigenaar": actie.eigenaar_corporatie.slug if actie.eigenaar_corporatie else "",
                "status": actie.status,
                "bezetting": actie.bezetting,
                "resultaat_toelichting": actie.resultaat_toelichting,
                "omschrijving": actie.omschrijving,
                "versie": actie.versie,
            },
        )
        # The inputs sit in table cells; they belong to the row's form and are named by the
        # row and column headers.
        code = actie.type_id
        plan_bezetting = f"{actie.actieplan.bezetting.normalize():f}".replace(".", ",")
        formulier.fields["bezetting"].widget.attrs["placeholder"] = plan_bezetting
        for naam, veld in formulier.fields.items():
            veld.widget.attrs["form"] = f"actieform-{code}"
            if naam != "versie":
                veld.widget.attrs["aria-labelledby"] = f"actienaam-{code} kol-{naam}"
        return formulier

    @property
    def corporatie(self) -> Corporatie | None:
        return self._corporaties.get(self.cleaned_data.get("eigenaar") or "")


class ActieVerwijderenFormulier(Invoerformulier):
    reden = reden_veld(
        verplicht=True, uitleg="Met de actie verdwijnen ook haar maandcijfers uit het plan."
    )
    versie = VersieVeld()
