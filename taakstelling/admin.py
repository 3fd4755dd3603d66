from django.contrib import admin

from organisaties.admin import (
    AlleenLezen,
    Bereik,
    Historiebeheer,
    Referentiebeheer,
    codekolom,
    samen,
)
from organisaties.models import Gemeente
from taakstelling.models import (
    AmvCohort,
    Bijstelling,
    Bron,
    IbtStatus,
    Koppeling,
    Maandrapportage,
    Mijlpaal,
    Openingssaldo,
    Realisatie,
    Taakstelling,
    Telregel,
    Trede,
)


class Cijfers(AlleenLezen, Historiebeheer):
    list_select_related = ["gemeente"]
    search_fields = ["gemeente__naam", "gemeente__cbs_code"]


@admin.register(Bron)
class BronAdmin(Referentiebeheer):
    list_display = [codekolom, "naam", "gebruikt_woning", "vereist_corporatie", "volgorde"]


@admin.register(Telregel)
class TelregelAdmin(Referentiebeheer):
    list_display = ["bron", "provincie", "telt_mee", "geldig_vanaf", "geldig_tot"]
    list_filter = ["bron", "provincie", "telt_mee"]

    def bereik(self, oud, nieuw) -> Bereik:
        """A national rule counts in every gemeente, a provincial one in its province's;
        the months are those the rule was or is valid in."""
        regels = [r for r in (oud, nieuw) if r is not None]
        provincies = {r.provincie_id for r in regels}
        gemeenten = Gemeente.objects.all()
        if None not in provincies:
            gemeenten = gemeenten.filter(provincie_id__in=provincies)
        periode = (nieuw.geldig_vanaf, nieuw.geldig_tot)
        if oud is not None:
            periode = samen((oud.geldig_vanaf, oud.geldig_tot), periode)
        return Bereik(gemeenten, *periode)


@admin.register(Trede)
class TredeAdmin(Referentiebeheer):
    list_display = ["provincie", "nummer", "naam", "kleur"]
    list_filter = ["provincie", "kleur"]


@admin.register(Taakstelling)
class TaakstellingAdmin(Cijfers):
    list_display = ["gemeente", "jaar", "helft", "aantal", "illustratief"]
    list_filter = ["jaar", "helft", "gemeente__provincie", "gemeente"]


@admin.register(Bijstelling)
class BijstellingAdmin(Cijfers):
    list_display = ["taakstelling", "datum", "aantal", "reden"]
    list_filter = ["gemeente"]


@admin.register(Openingssaldo)
class OpeningssaldoAdmin(Cijfers):
    list_display = ["gemeente", "jaar", "helft", "saldo"]
    list_filter = ["gemeente__provincie"]


@admin.register(Mijlpaal)
class MijlpaalAdmin(Cijfers):
    list_display = ["gemeente", "datum", "doel", "startdatum", "gezet_door"]
    list_filter = ["gezet_door", "gemeente__provincie", "gemeente"]
    date_hierarchy = "datum"


@admin.register(IbtStatus)
class IbtStatusAdmin(Cijfers):
    list_display = ["gemeente", "trede", "sinds", "verschoonbaar"]
    list_filter = ["trede__provincie", "verschoonbaar", "gemeente"]
    date_hierarchy = "sinds"


@admin.register(Maandrapportage)
class MaandrapportageAdmin(Cijfers):
    list_display = ["gemeente", "maand", "versie"]
    list_filter = ["gemeente__provincie", "gemeente"]
    date_hierarchy = "maand"


@admin.register(Realisatie)
class RealisatieAdmin(Cijfers):
    list_display = [
        "gemeente",
        "maand",
        "bron",
        "corporatie",
        "personen_gehuisvest",
        "personen_tellend",
        "woningen",
        "illustratief",
    ]
    list_filter = ["bron", "gemeente__provincie", "gemeente", "illustratief"]
    list_select_related = ["gemeente", "bron", "corporatie"]
    date_hierarchy = "maand"


@admin.register(Koppeling)
class KoppelingAdmin(Cijfers):
    list_display = ["gemeente", "maand", "personen", "illustratief"]
    list_filter = ["gemeente__provincie", "gemeente"]
    date_hierarchy = "maand"


@admin.register(AmvCohort)
class AmvCohortAdmin(Cijfers):
    list_display = ["gemeente", "geboortemaand", "gehuisvest_in", "aantal"]
    list_filter = ["gemeente"]
