from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from bemiddeling.models import (
    Aanbod,
    Aanbodverwachting,
    Actie,
    Actieplan,
    ActieType,
    Planning,
    Verdeelafspraak,
)
from organisaties.admin import AlleenLezen


class Cijfers(AlleenLezen, SimpleHistoryAdmin):
    list_select_related = ["gemeente"]
    search_fields = ["gemeente__naam", "gemeente__cbs_code"]


@admin.register(ActieType)
class ActieTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "naam", "bron", "via_corporatie_aanbod", "volgorde"]


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
class VerdeelafspraakAdmin(Cijfers):
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


@admin.register(Aanbodverwachting)
class AanbodverwachtingAdmin(Cijfers):
    list_display = ["gemeente", "corporatie", "mutaties_per_maand", "geldig_vanaf"]
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
