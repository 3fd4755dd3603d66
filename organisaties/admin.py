from dataclasses import dataclass
from datetime import date, timedelta

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from kern.perioden import Maand
from organisaties import beheer_derden, tokens
from organisaties.herberekening import herberekening_aanvragen
from organisaties.models import (
    ApiToken,
    Brondocument,
    Corporatie,
    Gemeente,
    Lidmaatschap,
    Provincie,
    User,
    Werkgebied,
)
from organisaties.wijzigen import REDEN_MAX, REDEN_NODIG, REDEN_TE_LANG


class Historiebeheer(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history pages answer 404, not 500, on an id that is not one
    (``/beheer/taakstelling/telregel/abc/history/``): django-simple-history puts the id from
    the URL straight into a query. Every admin with history derives from this one."""

    def _geldig(self, veld, waarde: str) -> None:
        try:
            veld.to_python(unquote(waarde))
        except (ValidationError, ValueError, TypeError):
            raise Http404("Onbekend object.") from None

    def history_view(self, request, object_id, extra_context=None):
        self._geldig(self.model._meta.pk, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._geldig(self.model._meta.pk, object_id)
        historie = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        self._geldig(historie.model._meta.pk, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class AlleenLezen:
    """Figures change only through the product screens (audited, with a reason and conflict
    check); the beheerder reads them here, with their history."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.display(description="Code", ordering="code")
def codekolom(obj) -> str:
    """A code that people type (in an import, a URL) shown as code, not as a word."""
    return format_html("<code>{}</code>", obj.code)


class RedenFormulier(forms.ModelForm):
    """Every change of reference data asks why; the reason goes into the history row."""

    reden = forms.CharField(
        label="Reden van de wijziging",
        max_length=REDEN_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Verplicht. Komt met uw naam en het tijdstip in de historie, ook op de "
        "wijzigingenpagina van de gemeenten die het raakt.",
        error_messages={"required": REDEN_NODIG, "max_length": REDEN_TE_LANG},
    )


@dataclass(frozen=True)
class Bereik:
    """What a change of reference data affects: these gemeenten, in [van, tot) (tot None:
    open-ended)."""

    gemeenten: QuerySet[Gemeente]
    van: date
    tot: date | None


def samen(a: tuple[date, date | None], b: tuple[date, date | None]) -> tuple[date, date | None]:
    """The period covering both validity periods [vanaf, tot) (old and new)."""
    return min(a[0], b[0]), None if a[1] is None or b[1] is None else max(a[1], b[1])


def maanden_tekst(van: date, tot: date | None) -> str:
    """'vanaf januari 2023', 'januari 2023 tot en met juni 2023', 'alle maanden'."""
    eerste = Maand.van(van).naam if van.year >= 2000 else None
    laatste = None if tot is None else Maand.van(tot - timedelta(days=1)).naam
    if eerste and laatste:
        return f"de maanden {eerste} tot en met {laatste}"
    if eerste:
        return f"de maanden vanaf {eerste}"
    if laatste:
        return f"de maanden tot en met {laatste}"
    return "alle maanden"


def opsomming(namen: list[str], maximum: int = 10) -> str:
    if len(namen) > maximum:
        return ", ".join(namen[:maximum]) + f" en {len(namen) - maximum} andere"
    return ", ".join(namen[:-1]) + " en " + namen[-1] if len(namen) > 1 else "".join(namen)


class Referentiebeheer(Historiebeheer):
    """Reference data the beheerder changes here (sources, counting rules, the IBT ladder,
    action types, shares): audited append-only (``organisaties.historie``) with a required
    reason. No deletion (it has no form for a reason): end a rule with its 'geldig tot'.
    ``bereik`` names what a change affects: those gemeenten get a recompute."""

    form = RedenFormulier

    def has_delete_permission(self, request, obj=None):
        return False

    def bereik(self, oud, nieuw) -> Bereik | None:
        return None

    def save_model(self, request, obj, form, change):
        obj._change_reason = form.cleaned_data["reden"]
        oud = type(obj)._default_manager.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)
        bereik = self.bereik(oud, obj)
        if bereik is None:
            return
        namen = []
        for pk, naam in bereik.gemeenten.order_by("naam").values_list("pk", "naam"):
            herberekening_aanvragen(pk)
            namen.append(naam)
        if not namen:
            self.message_user(request, "Deze wijziging raakt geen gemeente.")
            return
        self.message_user(
            request,
            f"Deze wijziging raakt {maanden_tekst(bereik.van, bereik.tot)} van "
            f"{len(namen)} {'gemeente' if len(namen) == 1 else 'gemeenten'} "
            f"({opsomming(namen)}); voor elk is een herberekening aangevraagd.",
        )


@admin.register(Brondocument)
class BrondocumentAdmin(Referentiebeheer):
    """The documents figures are cited from; the citing row adds the paragraph."""

    list_display = ["titel", "organisatie", "datum"]
    search_fields = ["titel", "organisatie"]


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    autocomplete_fields = ["gemeente", "corporatie", "provincie"]


@admin.register(User)
class GebruikerAdmin(UserAdmin):
    inlines = [LidmaatschapInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "last_login"]
    list_filter = ["is_active", "is_staff", "lidmaatschappen__rol"]

    def has_delete_permission(self, request, obj=None):
        # A user's name stays on every history row they wrote, and history rows cannot be
        # changed (append-only): deactivate a user ("Actief" off) instead of deleting.
        return False


@admin.register(Provincie)
class ProvincieAdmin(admin.ModelAdmin):
    list_display = ["naam", "slug"]
    search_fields = ["naam"]
    prepopulated_fields = {"slug": ["naam"]}


class WerkgebiedInline(admin.TabularInline):
    model = Werkgebied
    extra = 0
    autocomplete_fields = ["gemeente"]


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["naam", "cbs_code", "provincie", "inwoners", "illustratief"]
    list_filter = ["provincie", "illustratief"]
    search_fields = ["naam", "cbs_code"]


@admin.register(Corporatie)
class CorporatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "slug"]
    search_fields = ["naam"]
    prepopulated_fields = {"slug": ["naam"]}
    inlines = [WerkgebiedInline]


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(admin.ModelAdmin):
    list_display = ["user", "rol", "gemeente", "corporatie", "provincie"]
    list_filter = ["rol", "provincie", "gemeente"]
    search_fields = ["user__username", "gemeente__naam", "corporatie__naam"]
    autocomplete_fields = ["user", "gemeente", "corporatie", "provincie"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """The beheerder makes a token for a user (the key is shown once, in the message after
    saving) and revokes one by setting 'ingetrokken op'; the key itself is never stored."""

    list_display = [
        "naam",
        "user",
        "begin",
        "aangemaakt_op",
        "laatst_gebruikt_op",
        "ingetrokken_op",
    ]
    list_filter = ["ingetrokken_op"]
    search_fields = ["naam", "user__username"]
    autocomplete_fields = ["user"]
    readonly_fields = ["begin", "aangemaakt_op", "laatst_gebruikt_op"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["user", "naam"]
        return ["user", "naam", "begin", "aangemaakt_op", "laatst_gebruikt_op", "ingetrokken_op"]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "user"] if obj is not None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        token, sleutel = tokens.maak(user=obj.user, naam=obj.naam)
        obj.pk = token.pk
        obj.refresh_from_db()
        self.message_user(
            request,
            f"Sleutel voor {obj.user}: {sleutel} — geef hem via een veilig kanaal door; "
            "hij wordt niet nog eens getoond.",
        )


# The libraries' admin pages in Dutch (after their own admin modules: they come first in
# INSTALLED_APPS).
beheer_derden.vernederlands(admin.site)
