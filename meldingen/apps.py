from django.apps import AppConfig


class MeldingenConfig(AppConfig):
    name = "meldingen"
    verbose_name = "Meldingen"

    def ready(self) -> None:
        from meldingen import ontvangers  # noqa: F401 (connects the receivers)
