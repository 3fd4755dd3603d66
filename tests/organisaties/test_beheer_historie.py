"""Every history page in the admin (django-simple-history) answers, for the beheerder: 200 for
an object, 404 (not 500) for an id that is not one, such as a pasted ``<id>``."""

import pytest
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

pytestmark = pytest.mark.django_db


def _historiebeheer():
    return sorted(
        (m for m, beheer in admin.site._registry.items() if isinstance(beheer, SimpleHistoryAdmin)),
        key=lambda m: m._meta.label,
    )


def _pad(model) -> str:
    return f"/beheer/{model._meta.app_label}/{model._meta.model_name}/"


def test_there_are_history_admins():
    assert len(_historiebeheer()) >= 15


@pytest.mark.parametrize("model", _historiebeheer(), ids=lambda m: m._meta.label)
def test_history_pages_of_every_registered_model_answer(demo, model):
    client = demo.client("beheerder")
    for fout in ("abc", "%3Cid%3E", "999999999"):
        antwoord = client.get(f"{_pad(model)}{fout}/history/")
        assert antwoord.status_code == 404, fout
    obj = model._default_manager.order_by("pk").first()
    if obj is None:
        return
    url = f"{_pad(model)}{obj.pk}/history/"
    assert client.get(url).status_code == 200, url
    historie = obj.history.order_by("history_id").first()
    if historie is not None:
        assert client.get(f"{url}{historie.history_id}/").status_code == 200
        assert client.get(f"{url}abc/").status_code == 404
