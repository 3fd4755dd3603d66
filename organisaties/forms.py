"""Forms of organisaties (log-in) and the form infrastructure shared by every entry page
(taakstelling, toezicht, plan, supply).

Every numeric field reads through ``kern.invoer.lees_aantal``, every month through
``kern.perioden.Maand.lees`` and every hidden version through ``lees_versie``: one
parser each, one set of Dutch messages. Fields render through templates/includes/veld.html.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import Http404

from kern.invoer import MAX_PERSONEN, lees_aantal, lees_versie
from kern.perioden import EERSTE_JAAR, LAATSTE_JAAR, Maand, datum_fout
from organisaties.models import Brondocument
from organisaties.wijzigen import (
    PARAGRAAF_MAX,
    PARAGRAAF_TE_LANG,
    REDEN_MAX,
    REDEN_NODIG,
    REDEN_TE_LANG,
    TOELICHTING_MAX,
    TOELICHTING_TE_LANG,
    bron_fouten,
)


class InlogFormulier(AuthenticationForm):
    error_messages = {
        "invalid_login": "De combinatie van gebruikersnaam en wachtwoord klopt niet.",
        "inactive": "Dit account is niet actief.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Gebruikersnaam"
        self.fields["password"].label = "Wachtwoord"
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget = forms.PasswordInput(
            attrs={"autocomplete": "current-password"}
        )


class CodeFormulier(forms.Form):
    """One code: six digits from the authenticator app, or (when logging in) a backup code."""

    code = forms.CharField(
        label="Code",
        max_length=20,
        error_messages={"required": "Vul de code in."},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, alleen_cijfers: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        veld = self.fields["code"]
        if alleen_cijfers:
            veld.label = "Code uit de app"
            veld.help_text = "De zes cijfers die de app nu toont."
            veld.widget.attrs["inputmode"] = "numeric"
        else:
            veld.help_text = "De zes cijfers uit uw authenticator-app, of een van uw reservecodes."


class Invoerformulier(forms.Form):
    """Links each field's error message (``<id>_fout`` in includes/veld.html) to its input."""

    def full_clean(self):
        super().full_clean()
        self._koppel_fouten()

    def fouten_van(self, fout: ValidationError) -> None:
        """Put a service's ValidationError at the fields it names (others at the top)."""
        fouten_plaatsen(self, fout)
        self._koppel_fouten()

    def zet_invoer(self, veld: str, waarde) -> None:
        """Replace a submitted value before the form is shown again: after a conflict the
        hidden version becomes the stored one, so saving again means "keep mine"."""
        self.data = self.data.copy()
        self.data[self.add_prefix(veld)] = waarde

    def _koppel_fouten(self) -> None:
        for naam in self.errors:
            if naam not in self.fields:
                continue
            veld = self[naam]
            ids = [f"{veld.auto_id}_fout"]
            if veld.help_text:
                ids.insert(0, f"{veld.auto_id}_helptext")
            self.fields[naam].widget.attrs["aria-describedby"] = " ".join(ids)


def fouten_plaatsen(formulier: forms.Form, fout: ValidationError) -> None:
    """A service's ValidationError at the fields of ``formulier`` it names (others at the top)."""
    if hasattr(fout, "error_dict"):
        for veld, lijst in fout.message_dict.items():
            formulier.add_error(veld if veld in formulier.fields else None, lijst)
    else:
        formulier.add_error(None, fout.messages)


def tekstinvoer(attrs: dict | None = None) -> forms.TextInput:
    return forms.TextInput(attrs={"class": "utrecht-textbox", **(attrs or {})})


def getal_invoer(**attrs) -> forms.TextInput:
    """Whole numbers: a text box with a numeric keyboard (type=number mangles typing)."""
    return tekstinvoer({"inputmode": "numeric", "autocomplete": "off", **attrs})


def datum_invoer() -> forms.DateInput:
    return forms.DateInput(attrs={"class": "utrecht-textbox", "type": "date"}, format="%Y-%m-%d")


def reden_veld(
    verplicht: bool = False, uitleg: str | None = None, soms: bool = False
) -> forms.CharField:
    """``soms``: required by the service for some changes (an older month; ``uitleg`` says
    which), so the label does not call it optional."""
    return forms.CharField(
        label="Reden van de wijziging" + ("" if verplicht or soms else " (optioneel)"),
        required=verplicht,
        max_length=REDEN_MAX,
        help_text=uitleg or "Komt met uw naam en het tijdstip in de historie.",
        widget=tekstinvoer(),
        error_messages={"required": REDEN_NODIG, "max_length": REDEN_TE_LANG},
    )


class AantalVeld(forms.Field):
    """A whole number, read by ``kern.invoer.lees_aantal`` ("1.000" is 1000)."""

    def __init__(
        self,
        *,
        label: str,
        minimum: int = 0,
        maximum: int = MAX_PERSONEN,
        groepen: bool = True,
        **kw,
    ):
        kw.setdefault("widget", getal_invoer())
        kw.setdefault("error_messages", {"required": "Vul een aantal in."})
        super().__init__(label=label, **kw)
        self.minimum, self.maximum, self.groepen = minimum, maximum, groepen

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return lees_aantal(
                value, maximum=self.maximum, minimum=self.minimum, groepen=self.groepen
            )
        except ValueError as e:
            raise ValidationError(str(e), code="invalid") from None


class JaarVeld(AantalVeld):
    """A year as people write it (2023, not 2.023), within the years the product keeps."""

    def __init__(self, *, label: str, **kw):
        super().__init__(
            label=label, minimum=EERSTE_JAAR, maximum=LAATSTE_JAAR, groepen=False, **kw
        )

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            raise ValidationError(
                f"Vul een jaar tussen {self.minimum} en {self.maximum} in.", code="invalid"
            ) from None


class VersieVeld(forms.Field):
    """The hidden version of the row a form showed (``lees_versie``: -1 when forged)."""

    widget = forms.HiddenInput

    def __init__(self, **kw):
        kw.setdefault("required", False)
        super().__init__(**kw)

    def to_python(self, value):
        return lees_versie(value)


class MaandVeld(forms.CharField):
    """'2023-05' -> Maand (``Maand.lees``); a Dutch message for anything else."""

    def __init__(self, *, eerste_jaar: int = EERSTE_JAAR, **kw):
        self.eerste_jaar = eerste_jaar
        kw.setdefault("help_text", "In de vorm JJJJ-MM, bijvoorbeeld 2023-05.")
        kw.setdefault("widget", tekstinvoer({"type": "month", "placeholder": "JJJJ-MM"}))
        kw.setdefault("error_messages", {"required": "Vul een maand in (JJJJ-MM)."})
        super().__init__(**kw)
        self.widget.attrs["maxlength"] = "7"

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return Maand.lees(value, eerste_jaar=self.eerste_jaar)
        except ValueError as exc:
            raise ValidationError(str(exc), code="invalid") from None


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

    def validate(self, value):
        super().validate(value)
        if value is not None and (fout := datum_fout(value)):
            raise ValidationError(fout, code="buiten_bereik")


# --- the source of a figure: a document from the reference data, a paragraph, a note -------

DOCUMENT_ONTBREEKT = (
    "Staat het document er niet bij? De beheerder van de monitor voegt het toe bij de "
    "brondocumenten in het beheer (titel, organisatie en datum); kies het daarna hier."
)


class BronKeuze(forms.ModelChoiceField):
    """The documents by title, organisation and date, as people cite them."""

    def label_from_instance(self, document: Brondocument) -> str:
        return document.citaat()


def bron_velden() -> tuple[forms.Field, forms.Field, forms.Field]:
    """``brondocument, paragraaf, bron = bron_velden()`` in a form (with ``Bronformulier``)."""
    return (
        BronKeuze(
            label="Brondocument (optioneel)",
            queryset=Brondocument.objects.all(),
            required=False,
            empty_label="geen document",
            help_text=DOCUMENT_ONTBREEKT,
            widget=forms.Select(attrs={"class": "utrecht-select"}),
            error_messages={
                "invalid_choice": "Kies een document uit de lijst, of 'geen document'."
            },
        ),
        forms.CharField(
            label="Paragraaf (optioneel)",
            required=False,
            max_length=PARAGRAAF_MAX,
            help_text="Waar in het document, bijvoorbeeld §1 of afspraak a.",
            widget=tekstinvoer(),
            error_messages={"max_length": PARAGRAAF_TE_LANG},
        ),
        forms.CharField(
            label="Toelichting op de bron (optioneel)",
            required=False,
            max_length=TOELICHTING_MAX,
            help_text="Bijvoorbeeld de brief van de provincie, als die niet bij de documenten "
            "staat.",
            widget=tekstinvoer(),
            error_messages={"max_length": TOELICHTING_TE_LANG},
        ),
    )


class Bronformulier(Invoerformulier):
    """Checks document, paragraph and note together (``organisaties.wijzigen.bron_fouten``),
    in the same pass as the other fields. ``documenten``: the documents read once for a page
    with several of these forms (else each form reads them when drawn)."""

    def __init__(self, *args, documenten: list[Brondocument] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if documenten is not None:
            veld = self.fields["brondocument"]
            veld.choices = [("", veld.empty_label)] + [(d.pk, d.citaat()) for d in documenten]

    def clean(self):
        data = super().clean()
        if "brondocument" in self.errors:
            return data
        for veld, melding in bron_fouten(
            data.get("brondocument"), data.get("paragraaf", ""), data.get("bron", "")
        ).items():
            if veld not in self.errors:
                self.add_error(veld, melding)
        return data

    def bron_gegevens(self) -> dict:
        """The three source fields for a service call."""
        d = self.cleaned_data
        return {
            "brondocument": d.get("brondocument"),
            "paragraaf": d.get("paragraaf", ""),
            "bron": d.get("bron", ""),
        }


class VerwijderenFormulier(Invoerformulier):
    reden = reden_veld(verplicht=True, uitleg="Waarom dit wordt verwijderd; komt in de historie.")
    versie = VersieVeld()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Beside a change form on the same page: a label of its own.
        self.fields["reden"].label = "Reden van het verwijderen"


def maand_of_404(tekst: object) -> Maand:
    """A month from a URL (``Maand.lees``): 404 for anything that is not one we keep."""
    try:
        return Maand.lees(tekst)
    except ValueError:
        raise Http404("Deze maand bestaat niet of valt buiten de bijgehouden jaren.") from None
