"""Meetings and decisions in the admin: read-only with their history, like every figure (they
are recorded on /gemeenten/<cbs>/overleg/ by the opgaveteam, audited)."""

from django.contrib import admin

from organisaties.admin import AlleenLezen, Historiebeheer
from rapportage.models import Besluit, Overleg


class BesluitInline(admin.TabularInline):
    model = Besluit
    extra = 0
    fields = ["tekst", "eigenaar", "deadline", "vastgelegd_door", "vastgelegd_op"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Overleg)
class OverlegAdmin(AlleenLezen, Historiebeheer):
    list_display = ["gemeente", "datum", "peildatum", "vastgelegd_door", "vastgelegd_op"]
    list_filter = ["gemeente__provincie"]
    list_select_related = ["gemeente", "vastgelegd_door"]
    search_fields = ["gemeente__naam", "gemeente__cbs_code", "omschrijving"]
    inlines = [BesluitInline]


@admin.register(Besluit)
class BesluitAdmin(AlleenLezen, Historiebeheer):
    list_display = ["overleg", "eigenaar", "deadline", "vastgelegd_door", "vastgelegd_op"]
    list_select_related = ["overleg__gemeente", "vastgelegd_door"]
    search_fields = ["tekst", "eigenaar", "gemeente__naam"]
