from django.apps import AppConfig


class TaakstellingConfig(AppConfig):
    name = "taakstelling"
    verbose_name = "Taakstelling en realisatie"
