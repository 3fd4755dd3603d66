from django.urls import path, re_path

from taakstelling.views import importeren, realisatie

urlpatterns = [
    path(
        "gemeenten/<str:cbs>/realisatie/",
        realisatie.realisatie_actueel,
        name="realisatie_actueel",
    ),
    # Any JJJJ-MM shape reaches the view, which answers 404 for a month that does not exist.
    re_path(
        r"^gemeenten/(?P<cbs>[^/]+)/realisatie/(?P<maand>[0-9]{4}-[0-9]{2})/$",
        realisatie.realisatie,
        name="realisatie",
    ),
    path(
        "gemeenten/<str:cbs>/realisatie/import/",
        importeren.realisatie_import,
        name="realisatie_import",
    ),
    path(
        "gemeenten/<str:cbs>/realisatie/import/bevestigen/",
        importeren.realisatie_import_bevestigen,
        name="realisatie_import_bevestigen",
    ),
    re_path(
        r"^gemeenten/(?P<cbs>[^/]+)/realisatie/export\.(?P<formaat>csv|xlsx)$",
        importeren.realisatie_export,
        name="realisatie_export",
    ),
    re_path(
        r"^gemeenten/(?P<cbs>[^/]+)/realisatie/sjabloon\.(?P<formaat>csv|xlsx)$",
        importeren.realisatie_sjabloon,
        name="realisatie_sjabloon",
    ),
]
