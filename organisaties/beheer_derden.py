"""The admin of the libraries in Dutch: django-axes (lockout) and django-otp (two-step log-in).

django-axes translates with gettext; its Dutch is in ``locale/nl/LC_MESSAGES/django.po``.
django-otp names its models and columns in plain English strings, and its apps have no
verbose name ("Otp_Totp"). Here, once the admin has loaded: the Dutch names of the apps and
models (only ``_meta.verbose_name``: ``original_attrs``, which migrations read, stays as the
library wrote it, so no migration follows) and the two device admins again with Dutch columns
and filters, and their add and change forms with Dutch labels, help texts and headings (set on
the form fields, so again no migration). Only the beheerder sees these pages."""

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.filters import BooleanFieldListFilter, DateFieldListFilter
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin, StaticTokenInline
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
        # Not yet set (a new device) is "-", as in the columns, not "None".
        return apparaat.created_at or self.get_empty_value_display()

    @admin.display(description="Laatst gebruikt op", ordering="last_used_at")
    def laatst_gebruikt_op(self, apparaat):
        return apparaat.last_used_at or self.get_empty_value_display()

    @admin.display(description="Bevestigd", boolean=True, ordering="confirmed")
    def bevestigd(self, apparaat):
        return apparaat.confirmed


# The form fields of the device models: (label, help text), in Dutch.
VELDEN = {
    "user": ("Gebruiker", "De gebruiker van wie dit apparaat is."),
    "name": ("Naam", "Een naam die de gebruiker herkent, bijvoorbeeld ‘telefoon’."),
    "confirmed": ("Bevestigd", "Is het apparaat klaar voor gebruik?"),
    "key": ("Geheime sleutel", "De geheime sleutel, hexadecimaal, hoogstens 40 bytes."),
    "step": ("Tijdstap", "De duur van één tijdstap in seconden."),
    "t0": ("Begintijd", "De Unix-tijd vanaf waar de tijdstappen tellen."),
    "digits": ("Aantal cijfers", "Het aantal cijfers van een code."),
    "tolerance": ("Speling", "Het aantal tijdstappen dat een code te vroeg of te laat mag zijn."),
    "drift": ("Afwijking", "Het aantal tijdstappen dat de klok van het apparaat afwijkt."),
    "last_t": ("Laatste tijdstap", "De tijdstap van de laatst goedgekeurde code."),
    "throttling_failure_timestamp": (
        "Laatste mislukte poging",
        "Het moment van de laatste mislukte poging; leeg na een geslaagde.",
    ),
    "throttling_failure_count": ("Mislukte pogingen", "Het aantal mislukte pogingen op rij."),
    "token": ("Code", ""),
}

KOPJES = {
    "Identity": "Apparaat",
    "Timestamps": "Tijden",
    "Configuration": "Instellingen",
    "State": "Toestand",
    "Throttling": "Vertraging na mislukte pogingen",
}

# Read-only fields by their Dutch display method (the model's verbose_name is English).
ALLEEN_LEZEN = {"created_at": "aangemaakt_op", "last_used_at": "laatst_gebruikt_op"}


class _NederlandseVelden:
    """Dutch labels and help texts on the form fields."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        veld = super().formfield_for_dbfield(db_field, request, **kwargs)
        if veld is not None and db_field.name in VELDEN:
            veld.label, veld.help_text = VELDEN[db_field.name]
        return veld


class _NederlandsFormulier(_NederlandseVelden):
    """The change form: Dutch headings, and the read-only times by their Dutch columns."""

    def get_readonly_fields(self, request, obj=None):
        return [ALLEEN_LEZEN.get(f, f) for f in super().get_readonly_fields(request, obj)]

    def get_fieldsets(self, request, obj=None):
        return [
            (
                KOPJES.get(kop, kop),
                {**opties, "fields": [ALLEEN_LEZEN.get(f, f) for f in opties["fields"]]},
            )
            for kop, opties in super().get_fieldsets(request, obj)
        ]


class Reservecode(_NederlandseVelden, StaticTokenInline):
    verbose_name = "reservecode"
    verbose_name_plural = "reservecodes"


class TotpApparaatAdmin(_NederlandsFormulier, _ApparaatKolommen, TOTPDeviceAdmin):
    def get_list_display(self, request):
        # The library adds its "QR Code" column for staff; the QR code is on the change page.
        return self.list_display

    @admin.display(description="QR-code")
    def qrcode_link(self, apparaat):
        return super().qrcode_link(apparaat)


class ReservecodesAdmin(_NederlandsFormulier, _ApparaatKolommen, StaticDeviceAdmin):
    inlines = [Reservecode]


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
