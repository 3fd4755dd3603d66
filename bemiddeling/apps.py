from django.apps import AppConfig


class BemiddelingConfig(AppConfig):
    name = "bemiddeling"
    verbose_name = "Bemiddeling, aanbod en plan"
