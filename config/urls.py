from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Monitor huisvesting vergunninghouders — beheer"
admin.site.site_title = "Beheer"

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("", include("organisaties.urls")),
    path("", include("rapportage.urls")),  # gemeente dashboard
    path("", include("taakstelling.urls")),  # realisatie, koppelingen, wijzigingen, import
    path("", include("taakstelling.urls_toezicht")),  # taakstelling, mijlpalen, IBT
    path("", include("bemiddeling.urls")),  # plan, aanbod
    path("", include("rapportage.prognose.urls")),  # prognose en scenario's
]
