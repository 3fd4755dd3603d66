from django.apps import AppConfig


class PrognoseConfig(AppConfig):
    name = "prognose"
    verbose_name = "Prognose"

    def ready(self) -> None:
        # Here, not at the top: models and tasks can only be imported once the app registry
        # is ready, which is what ready() is for.
        from organisaties import herberekening as aanvraag
        from prognose import herberekening, tasks

        aanvraag.registreren(
            aanvraag.Uitvoerder(
                wijziging_registreren=herberekening.wijziging_registreren,
                versturen=tasks.versturen,
                robuust=tasks.robuust,
                versie_ophogen=herberekening.versie_ophogen,
            )
        )
