from django.contrib import admin
from django.urls import include, path

from api.views import api
from organisaties.beveiliging import security_txt
from rapportage.views.gezondheid import gezondheid

admin.site.site_header = "Monitor huisvesting vergunninghouders — beheer"
admin.site.site_title = "Beheer"

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("gezondheid/", gezondheid, name="gezondheid"),
    path(".well-known/security.txt", security_txt, name="security_txt"),
    path("", include("organisaties.urls")),
    path("api/v1/", api.urls),  # JSON API (api/views.py), OpenAPI at /api/v1/openapi.json
    path("", include("rapportage.urls")),  # dashboards, IBT dashboard, overleg
    path("", include("taakstelling.urls")),  # realisatie, koppelingen, wijzigingen, import
    path("", include("taakstelling.toezicht.urls")),  # taakstelling, mijlpalen, IBT
    path("", include("taakstelling.officieel.urls")),  # art. 29, uitruil (issue 15)
    path("", include("bemiddeling.urls")),  # plan, aanbod
    path("", include("prognose.urls")),  # prognose en scenario's
]
