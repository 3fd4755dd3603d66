from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Monitor huisvesting vergunninghouders — beheer"
admin.site.site_title = "Beheer"

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("", include("organisaties.urls")),
    path("", include("rapportage.urls")),
]
