from django.urls import path

from rapportage.views import afstemming, dashboard, meldingen, overleg, wijzigingen

urlpatterns = [
    path("gemeenten/<str:cbs>/", dashboard.gemeente_dashboard, name="gemeente"),
    path("gemeenten/<str:cbs>/overleg/", overleg.overleg, name="overleg"),
    path(
        "gemeenten/<str:cbs>/overleg/besluiten/",
        overleg.besluit_vastleggen,
        name="overleg_besluit",
    ),
    path("gemeenten/<str:cbs>/wijzigingen/", wijzigingen.wijzigingen, name="wijzigingen"),
    path("gemeenten/<str:cbs>/afstemming/", afstemming.afstemming, name="afstemming"),
    path("provincies/<slug:slug>/", dashboard.provincie_dashboard, name="provincie"),
    path("meldingen/", meldingen.meldingen, name="meldingen"),
    path("meldingen/teller/", meldingen.teller, name="meldingen_teller"),
    path("meldingen/instellingen/", meldingen.instellingen, name="meldingen_instellingen"),
    path("meldingen/afmelden/<str:token>/", meldingen.afmelden_view, name="meldingen_afmelden"),
    path("meldingen/<int:pk>/", meldingen.melding_openen, name="melding_openen"),
]
