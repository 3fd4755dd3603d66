"""Forms of the taakstelling page: quota, revisions, opening saldo, art. 29 and AMV cohorts.

Forms parse and check single fields; the services check the rules that need the database.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from taakstelling.perioden import Halfjaar, Maand

MAX_PERSONEN = 1_000_000


class Invoerformulier(forms.Form):
    """Links each field's error message (``<id>_fout`` in includes/veld.html) to its input."""

    def full_clean(self):
        super().full_clean()
        self._koppel_fouten()

    def fouten_van(self, fout: ValidationError) -> None:
        """Put a service's ValidationError at the fields it names (others at the top)."""
        if hasattr(fout, "error_dict"):
            for veld, lijst in fout.message_dict.items():
                self.add_error(veld if veld in self.fields else None, lijst)
        else:
            self.add_error(None, fout.messages)
        self._koppel_fouten()

    def _koppel_fouten(self) -> None:
        for naam in self.errors:
            if naam not in self.fields:
                continue
            veld = self[naam]
            ids = [f"{veld.auto_id}_fout"]
            if veld.help_text:
                ids.insert(0, f"{veld.auto_id}_helptext")
            self.fields[naam].widget.attrs["aria-describedby"] = " ".join(ids)


def _tekst(attrs: dict | None = None) -> forms.TextInput:
    return forms.TextInput(attrs={"class": "utrecht-textbox", **(attrs or {})})


def getal_invoer(**attrs) -> forms.TextInput:
    """Whole numbers: a text box with a numeric keyboard (type=number mangles typing)."""
    return _tekst({"inputmode": "numeric", "autocomplete": "off", **attrs})


def datum_invoer() -> forms.DateInput:
    return forms.DateInput(attrs={"class": "utrecht-textbox", "type": "date"}, format="%Y-%m-%d")


def reden_veld(verplicht: bool = False, uitleg: str | None = None) -> forms.CharField:
    return forms.CharField(
        label="Reden van de wijziging" + ("" if verplicht else " (optioneel)"),
        required=verplicht,
        max_length=500,
        help_text=uitleg or "Komt met uw naam en het tijdstip in de historie.",
        widget=_tekst(),
        error_messages={"required": "Geef een reden; die komt in de historie."},
    )


class AantalVeld(forms.IntegerField):
    def __init__(self, *, label: str, minimum: int = 0, maximum: int = MAX_PERSONEN, **kw):
        kw.setdefault("widget", getal_invoer())
        super().__init__(
            label=label,
            min_value=minimum,
            max_value=maximum,
            error_messages={
                "required": "Vul een aantal in.",
                "invalid": "Vul een heel getal in, zonder punten of letters.",
                "min_value": f"Vul een aantal van {minimum} of meer in.",
                "max_value": "Dat aantal is niet aannemelijk; controleer het.",
            },
            **kw,
        )


class MaandVeld(forms.CharField):
    """'2023-05' -> Maand; a Dutch message for anything else."""

    def __init__(self, **kw):
        kw.setdefault("help_text", "In de vorm JJJJ-MM, bijvoorbeeld 2023-05.")
        kw.setdefault("widget", _tekst({"type": "month", "placeholder": "JJJJ-MM"}))
        kw.setdefault("error_messages", {"required": "Vul een maand in (JJJJ-MM)."})
        super().__init__(**kw)
        self.widget.attrs["maxlength"] = "7"

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if len(value) > 7:
            raise ValidationError(f"'{value[:20]}' is geen maand; schrijf bijvoorbeeld 2023-05.")
        try:
            maand = Maand.parse(value)
        except ValueError as exc:
            raise ValidationError(
                f"'{value}' is geen maand; schrijf bijvoorbeeld 2023-05."
            ) from exc
        if not 1990 <= maand.jaar <= 2100:
            raise ValidationError("Kies een maand tussen 1990 en 2100.")
        return maand


class DatumVeld(forms.DateField):
    def __init__(self, **kw):
        kw.setdefault("widget", datum_invoer())
        super().__init__(
            input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
            error_messages={
                "required": "Vul een datum in.",
                "invalid": "Vul een geldige datum in, bijvoorbeeld 1-10-2023.",
            },
            **kw,
        )


HELFTEN = [(1, "eerste helft (januari-juni)"), (2, "tweede helft (juli-december)")]


class TaakstellingFormulier(Invoerformulier):
    jaar = AantalVeld(label="Jaar", minimum=2000, maximum=2100)
    helft = forms.TypedChoiceField(
        label="Halfjaar",
        choices=HELFTEN,
        coerce=int,
        widget=forms.Select(attrs={"class": "utrecht-select"}),
        error_messages={"invalid_choice": "Kies de eerste of de tweede helft."},
    )
    aantal = AantalVeld(label="Taakstelling (personen)")
    bron = forms.CharField(
        label="Bron (optioneel)",
        required=False,
        max_length=200,
        help_text="Bijvoorbeeld de brief van de provincie of het besluit.",
        widget=_tekst(),
    )
    reden = reden_veld()

    @property
    def halfjaar(self) -> Halfjaar:
        return Halfjaar(self.cleaned_data["jaar"], self.cleaned_data["helft"])


class TaakstellingWijzigenFormulier(Invoerformulier):
    aantal = AantalVeld(label="Oorspronkelijk vastgesteld aantal (personen)")
    bron = forms.CharField(label="Bron", required=False, max_length=200, widget=_tekst())
    reden = reden_veld(verplicht=True, uitleg="Een correctie van een vastgesteld aantal.")
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)


class VerwijderenFormulier(Invoerformulier):
    reden = reden_veld(verplicht=True, uitleg="Waarom dit wordt verwijderd; komt in de historie.")
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)


class BijstellingFormulier(Invoerformulier):
    datum = DatumVeld(label="Datum van de bijstelling")
    aantal = AantalVeld(label="Nieuw aantal (personen)")
    reden = forms.CharField(
        label="Reden van de bijstelling",
        max_length=500,
        help_text="Bijvoorbeeld: verhoging landelijke taakstelling (brief van de provincie).",
        widget=_tekst(),
        error_messages={"required": "Geef de reden van de bijstelling."},
    )


class OpeningssaldoFormulier(Invoerformulier):
    jaar = AantalVeld(label="Jaar van het eerste halfjaar", minimum=2000, maximum=2100)
    helft = TaakstellingFormulier.base_fields["helft"]
    saldo = forms.IntegerField(
        label="Ingebracht saldo (personen)",
        min_value=-MAX_PERSONEN,
        max_value=MAX_PERSONEN,
        help_text="Negatief is een achterstand, positief een voorsprong; bijvoorbeeld -32.",
        widget=getal_invoer(inputmode="text"),
        error_messages={
            "required": "Vul het saldo in (0 als er niets werd ingebracht).",
            "invalid": "Vul een heel getal in, bijvoorbeeld -32.",
            "min_value": "Dat saldo is niet aannemelijk; controleer het.",
            "max_value": "Dat saldo is niet aannemelijk; controleer het.",
        },
    )
    bron = forms.CharField(
        label="Bron (optioneel)", required=False, max_length=200, widget=_tekst()
    )
    reden = reden_veld(uitleg="Verplicht als u een bestaand openingssaldo wijzigt.")
    verwacht = forms.CharField(widget=forms.HiddenInput, required=False)

    @property
    def halfjaar(self) -> Halfjaar:
        return Halfjaar(self.cleaned_data["jaar"], self.cleaned_data["helft"])

    @staticmethod
    def codeer(waarde: tuple[Halfjaar, int] | None) -> str:
        return "" if waarde is None else f"{waarde[0]}:{waarde[1]}"

    def verwachte_waarde(self) -> tuple[Halfjaar, int] | None:
        tekst = self.cleaned_data.get("verwacht") or ""
        if not tekst:
            return None
        try:
            periode, saldo = tekst.rsplit(":", 1)
            return Halfjaar.parse(periode), int(saldo)
        except ValueError:
            return (Halfjaar(1900, 1), 0)  # unreadable: treated as stale, never as a match


class Art29Formulier(Invoerformulier):
    """R2: ceil(national number x inhabitants of the gemeente / inhabitants of NL)."""

    landelijk = AantalVeld(
        label="Landelijke taakstelling (personen)",
        maximum=10_000_000,
        help_text="Het aantal dat het Rijk voor dit halfjaar vaststelt.",
    )
    inwoners_gemeente = AantalVeld(
        label="Inwoners van de gemeente",
        maximum=100_000_000,
        help_text="CBS, 1 januari van het voorgaande jaar.",
    )
    inwoners_nl = AantalVeld(
        label="Inwoners van Nederland",
        minimum=1,
        maximum=100_000_000,
        help_text="CBS, dezelfde peildatum.",
    )


class AmvFormulier(Invoerformulier):
    geboortemaand = MaandVeld(label="Geboortemaand")
    gehuisvest_in = MaandVeld(label="Maand van huisvesting")
    aantal = AantalVeld(label="Aantal AMV'ers", minimum=1, maximum=10_000)
    reden = reden_veld(uitleg="Verplicht voor een maand van huisvesting van langer geleden.")


class AmvWijzigenFormulier(Invoerformulier):
    aantal = AantalVeld(label="Aantal AMV'ers", minimum=1, maximum=10_000)
    reden = reden_veld()
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)
