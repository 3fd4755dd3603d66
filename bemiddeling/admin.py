from django.contrib import admin

from bemiddeling.models import (
    Aanbod,
    Aanbodverwachting,
    Actie,
    Actieplan,
    ActieType,
    Huishoudeninzage,
    HuishoudenTelling,
    Planning,
    Verdeelafspraak,
)
from organisaties.admin import (
    AlleenLezen,
    Bereik,
    Historiebeheer,
    Referentiebeheer,
    codekolom,
    samen,
)
from organisaties.models import Gemeente


class Cijfers(AlleenLezen, Historiebeheer):
    list_select_related = ["gemeente"]
    search_fields = ["gemeente__naam", "gemeente__cbs_code"]


@admin.register(ActieType)
class ActieTypeAdmin(Referentiebeheer):
    list_display = [codekolom, "naam", "bron", "via_corporatie_aanbod", "volgorde"]


@admin.register(Aanbod)
class AanbodAdmin(Cijfers):
    list_display = [
        "gemeente",
        "corporatie",
        "maand",
        "mutaties",
        "toegewezen_urgenten",
        "toegewezen_vh",
        "illustratief",
    ]
    list_filter = ["corporatie", "gemeente__provincie", "gemeente"]
    list_select_related = ["gemeente", "corporatie"]
    search_fields = ["gemeente__naam", "corporatie__naam"]
    date_hierarchy = "maand"


@admin.register(Verdeelafspraak)
class VerdeelafspraakAdmin(Referentiebeheer):
    """Shares and caps (prestatieafspraken) are entered by the beheerder, with a reason; they
    change the capacity of their gemeente, so it is recomputed."""

    list_select_related = ["gemeente", "corporatie"]
    search_fields = ["gemeente__naam", "gemeente__cbs_code"]
    readonly_fields = ["versie"]
    list_display = [
        "gemeente",
        "corporatie",
        "soort",
        "teller",
        "noemer",
        "geldig_vanaf",
        "geldig_tot",
    ]
    list_filter = ["soort", "gemeente"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.versie += 1
        super().save_model(request, obj, form, change)

    def bereik(self, oud, nieuw) -> Bereik:
        afspraken = [a for a in (oud, nieuw) if a is not None]
        periode = (nieuw.geldig_vanaf, nieuw.geldig_tot)
        if oud is not None:
            periode = samen((oud.geldig_vanaf, oud.geldig_tot), periode)
        gemeenten = Gemeente.objects.filter(pk__in={a.gemeente_id for a in afspraken})
        return Bereik(gemeenten, *periode)


@admin.register(Aanbodverwachting)
class AanbodverwachtingAdmin(Cijfers):
    list_display = [
        "gemeente",
        "corporatie",
        "mutaties_per_maand",
        "vh_1",
        "vh_2",
        "vh_3_4",
        "vh_5_plus",
        "geldig_vanaf",
    ]
    list_filter = ["gemeente", "corporatie"]


@admin.register(Actieplan)
class ActieplanAdmin(Cijfers):
    list_display = ["gemeente", "naam", "geldig_vanaf", "geldig_tot", "bezetting"]
    list_filter = ["gemeente"]


@admin.register(Actie)
class ActieAdmin(Cijfers):
    list_display = ["gemeente", "type", "eigenaar", "status", "bezetting"]
    list_filter = ["type", "status", "gemeente"]
    list_select_related = ["gemeente", "type", "eigenaar_corporatie", "actieplan"]


@admin.register(Planning)
class PlanningAdmin(Cijfers):
    list_display = ["gemeente", "actie", "maand", "woningen", "pm"]
    list_filter = ["actie__type", "pm", "gemeente"]
    list_select_related = ["gemeente", "actie__type"]
    date_hierarchy = "maand"


# Households themselves are not in the admin: the beheerder does not need them (AVG, data
# minimisation). Who looked at them is visible here, read-only, as are the anonymous counts
# left after the retention period.


@admin.register(Huishoudeninzage)
class HuishoudeninzageAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["moment", "gebruiker", "gemeente", "wat", "aantal"]
    list_filter = ["wat", "gemeente"]
    list_select_related = ["gebruiker", "gemeente"]
    search_fields = ["gebruiker__username", "gemeente__naam"]
    date_hierarchy = "moment"


@admin.register(HuishoudenTelling)
class HuishoudenTellingAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["gemeente", "maand", "status", "route", "grootteklasse", "huishoudens"]
    list_filter = ["status", "gemeente"]
    list_select_related = ["gemeente"]
