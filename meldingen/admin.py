from django.contrib import admin

from meldingen.models import Abonnement, Melding


@admin.register(Melding)
class MeldingAdmin(admin.ModelAdmin):
    list_display = ["titel", "user", "soort", "wijze", "status", "aangemaakt_op", "verzonden_op"]
    list_filter = ["soort", "wijze", "status"]
    search_fields = ["titel", "user__username", "sleutel"]
    readonly_fields = [f.name for f in Melding._meta.fields]


@admin.register(Abonnement)
class AbonnementAdmin(admin.ModelAdmin):
    list_display = ["user", "soort", "wijze", "kansdrempel", "gewijzigd_op"]
    list_filter = ["soort", "wijze"]
