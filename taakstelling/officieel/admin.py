"""Admin of the official figures: the national number, population and CBS codes are
reference data (a reason, audited, no deletion); the exchange ledger and COA's figures are
read-only here (they come in through their service and import)."""

from django.contrib import admin
from django.urls import reverse

from organisaties.admin import AlleenLezen, Historiebeheer, Referentiebeheer
from organisaties.models import Provincie
from taakstelling.officieel.models import (
    Bevolking,
    CoaHalfjaar,
    CoaMaand,
    Gemeentecode,
    LandelijkeTaakstelling,
    ProvincieInstelling,
    Uitruil,
)


@admin.register(LandelijkeTaakstelling)
class LandelijkeTaakstellingAdmin(Referentiebeheer):
    list_display = ["jaar", "helft", "geldig_vanaf", "aantal", "publicatie_titel", "organisatie"]
    list_filter = ["jaar", "helft"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "link":
            kwargs["assume_scheme"] = "https"  # Django 6's default, without its warning
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Art. 29 for all gemeenten: each province reviews and applies its own proposal.
        links = ", ".join(
            f"{p.naam}: {reverse('provincie_art29', args=[p.slug])}?halfjaar={obj.halfjaar}"
            for p in Provincie.objects.order_by("naam")
        )
        self.message_user(
            request,
            f"De taakstelling per gemeente volgens art. 29 voor de {obj.halfjaar.naam} staat "
            f"klaar als voorstel per provincie ({links}); de provincie stelt het vast.",
        )


@admin.register(Bevolking)
class BevolkingAdmin(Referentiebeheer):
    list_display = ["regio_code", "jaar", "inwoners", "bron", "illustratief"]
    list_filter = ["jaar", "illustratief"]
    search_fields = ["regio_code"]


@admin.register(Gemeentecode)
class GemeentecodeAdmin(Referentiebeheer):
    list_display = ["code", "naam", "geldig_van", "geldig_tot", "opgegaan_in"]
    search_fields = ["code", "naam"]


@admin.register(ProvincieInstelling)
class ProvincieInstellingAdmin(Referentiebeheer):
    list_display = ["provincie", "oordeel_op"]


class Alleenlezen(AlleenLezen, Historiebeheer):
    pass


@admin.register(Uitruil)
class UitruilAdmin(Alleenlezen):
    list_display = ["provincie", "jaar", "helft", "neemt_over", "draagt_over", "personen"]
    list_filter = ["provincie", "jaar"]


@admin.register(CoaHalfjaar)
class CoaHalfjaarAdmin(Alleenlezen):
    list_display = ["publicatiedatum", "gemeente", "jaar", "helft", "taakstelling", "gerealiseerd"]
    list_filter = ["publicatiedatum", "gemeente__provincie"]


@admin.register(CoaMaand)
class CoaMaandAdmin(Alleenlezen):
    list_display = ["publicatiedatum", "gemeente", "maand", "koppelingen", "gehuisvest"]
    list_filter = ["publicatiedatum", "gemeente__provincie"]
