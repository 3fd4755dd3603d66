from django.urls import path

from organisaties import views

urlpatterns = [
    path("", views.start, name="start"),
    path("inloggen/", views.Inloggen.as_view(), name="inloggen"),
    path("uitloggen/", views.uitloggen, name="uitloggen"),
]
