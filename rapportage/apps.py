from django.apps import AppConfig


class RapportageConfig(AppConfig):
    name = "rapportage"
    verbose_name = "Rapportage en prognose"

    def ready(self) -> None:
        from organisaties import herberekening as aanvraag
        from rapportage import herberekening

        aanvraag.registreren(
            aanvraag.Uitvoerder(
                wijziging_registreren=herberekening.wijziging_registreren,
                versturen=herberekening.versturen,
                robuust=herberekening.robuust,
            )
        )
