from django.urls import path

from taakstelling.officieel import views

urlpatterns = [
    path("provincies/<slug:slug>/art29/", views.art29, name="provincie_art29"),
    path("provincies/<slug:slug>/uitruil/", views.uitruil, name="provincie_uitruil"),
]
