from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from organisaties import tokens
from organisaties.models import (
    ApiToken,
    Corporatie,
    Gemeente,
    Lidmaatschap,
    Provincie,
    User,
    Werkgebied,
)


class AlleenLezen:
    """Figures change only through the product screens (audited, with a reason and conflict
    check); the beheerder reads them here, with their history."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
