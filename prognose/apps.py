from django.apps import AppConfig


class PrognoseConfig(AppConfig):
    name = "prognose"
    verbose_name = "Prognose"

    def ready(self) -> None:
        from organisaties import herberekening as aanvraag
        from prognose import herberekening

        aanvraag.registreren(
            aanvraag.Uitvoerder(
                wijziging_registreren=herberekening.wijziging_registreren,
                versturen=herberekening.versturen,
                robuust=herberekening.robuust,
            )
        )
