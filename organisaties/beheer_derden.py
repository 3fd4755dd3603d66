"""The admin of the libraries in Dutch: django-axes (lockout) and django-otp (two-step log-in).

django-axes translates with gettext; its Dutch is in ``locale/nl/LC_MESSAGES/django.po``.
django-otp names its models and columns in plain English strings, and its apps have no
verbose name ("Otp_Totp"). Here, once the admin has loaded: the Dutch names of the apps and
models (only ``_meta.verbose_name``: ``original_attrs``, which migrations read, stays as the
library wrote it, so no migration follows) and the two device admins again with Dutch columns
and filters. Only the beheerder sees these pages."""

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.filters import BooleanFieldListFilter, DateFieldListFilter
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

APPS = {
    "axes": "Inlogbeveiliging (blokkeren na mislukte pogingen)",
    "otp_totp": "Tweestapsverificatie: authenticator-apps",
    "otp_static": "Tweestapsverificatie: reservecodes",
    "django_otp": "Tweestapsverificatie",
}

MODELLEN = {
    TOTPDevice: ("authenticator-app", "authenticator-apps"),
    StaticDevice: ("set reservecodes", "sets reservecodes"),
}


def _met_titel(filter_klasse, titel: str):
    class Filter(filter_klasse):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.title = titel

    return Filter


class _ApparaatKolommen:
    """The columns and filters of both device admins, in Dutch."""

    list_display = ["gebruiker", "naam", "aangemaakt_op", "laatst_gebruikt_op", "bevestigd"]
    list_filter = [
        ("created_at", _met_titel(DateFieldListFilter, "aangemaakt op")),
        ("last_used_at", _met_titel(DateFieldListFilter, "laatst gebruikt op")),
        ("confirmed", _met_titel(BooleanFieldListFilter, "bevestigd")),
    ]
    search_help_text = "Zoek op gebruikersnaam of e-mailadres."

    @admin.display(description="Gebruiker", ordering="user__username")
    def gebruiker(self, apparaat):
        return apparaat.user

    @admin.display(description="Naam", ordering="name")
    def naam(self, apparaat):
        return apparaat.name

    @admin.display(description="Aangemaakt op", ordering="created_at")
    def aangemaakt_op(self, apparaat):
        return apparaat.created_at

    @admin.display(description="Laatst gebruikt op", ordering="last_used_at")
    def laatst_gebruikt_op(self, apparaat):
        return apparaat.last_used_at

    @admin.display(description="Bevestigd", boolean=True, ordering="confirmed")
    def bevestigd(self, apparaat):
        return apparaat.confirmed


class TotpApparaatAdmin(_ApparaatKolommen, TOTPDeviceAdmin):
    def get_list_display(self, request):
        # The library adds its "QR Code" column for staff; the QR code is on the change page.
        return self.list_display


class ReservecodesAdmin(_ApparaatKolommen, StaticDeviceAdmin):
    pass


def vernederlands(site: admin.AdminSite) -> None:
    for label, naam in APPS.items():
        if label in apps.app_configs:
            apps.get_app_config(label).verbose_name = naam
    for model, (enkelvoud, meervoud) in MODELLEN.items():
        model._meta.verbose_name = enkelvoud
        model._meta.verbose_name_plural = meervoud
    for model, klasse in ((TOTPDevice, TotpApparaatAdmin), (StaticDevice, ReservecodesAdmin)):
        if site.is_registered(model):
            site.unregister(model)
        site.register(model, klasse)
